// cnnstat report: zoom the drawing, link boxes and rows, sort, filter and fold the table.
(function () {
  "use strict";
  var $$ = function (sel, el) { return Array.prototype.slice.call((el || document).querySelectorAll(sel)); };

  // ---- the drawing: zoom by buttons or ctrl + wheel, each pane on its own
  $$(".pane").forEach(function (pane) {
    var svg = pane.querySelector("svg");
    var tools = pane.previousElementSibling;
    if (!svg) return;
    var w0 = +svg.getAttribute("width"), h0 = +svg.getAttribute("height"), z = 1;
    function zoom(nz, cx, cy) {
      nz = Math.max(0.05, Math.min(4, nz));
      cx = cx === undefined ? pane.clientWidth / 2 : cx;
      cy = cy === undefined ? pane.clientHeight / 2 : cy;
      var x = (pane.scrollLeft + cx) / z, y = (pane.scrollTop + cy) / z;
      z = nz;
      svg.setAttribute("width", (w0 * z).toFixed(1));
      svg.setAttribute("height", (h0 * z).toFixed(1));
      pane.scrollLeft = x * z - cx;
      pane.scrollTop = y * z - cy;
    }
    pane.cnnstatZoom = function () { return z; };
    if (tools && tools.classList.contains("pane-tools")) {
      tools.addEventListener("click", function (e) {
        var how = e.target.getAttribute && e.target.getAttribute("data-zoom");
        if (how === "in") zoom(z * 1.25);
        else if (how === "out") zoom(z / 1.25);
        else if (how === "fit") zoom(Math.min(pane.clientWidth / w0, pane.clientHeight / h0));
      });
    }
    pane.addEventListener("wheel", function (e) {
      if (!e.ctrlKey) return;
      e.preventDefault();
      var r = pane.getBoundingClientRect();
      zoom(z * (e.deltaY < 0 ? 1.15 : 1 / 1.15), e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    svg.addEventListener("click", function (e) {
      var g = e.target.closest && e.target.closest("g.node");
      if (g) showRow(g.getAttribute("data-row"));
    });
  });

  function mark(el) {
    $$(".hit").forEach(function (x) { x.classList.remove("hit"); });
    if (el) el.classList.add("hit");
  }
  function byName(sel, name) {
    return $$(sel).filter(function (el) { return el.getAttribute("data-row") === name; })[0];
  }
  function showRow(name) {
    var tr = byName("#layers tr.l", name);
    if (!tr) return;
    setFolded(tr.getAttribute("data-stage"), false);
    tr.hidden = false;
    mark(tr);
    byName("g.node", name).classList.add("hit");
    tr.scrollIntoView({ block: "center" });
  }
  function showNode(name) {
    var g = byName("g.node", name);
    if (!g) return;
    var pane = g.closest(".pane"), z = pane.cnnstatZoom();
    var m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(g.getAttribute("transform"));
    mark(g);
    pane.scrollIntoView({ block: "nearest" });
    pane.scrollLeft = +m[1] * z - pane.clientWidth / 3;
    pane.scrollTop = (+m[2] + 30) * z - pane.clientHeight / 3;
  }

  // ---- the table
  var table = document.getElementById("layers");
  if (!table) return;
  var body = table.tBodies[0];
  var stageRows = $$("tr.st", body);
  var rows = $$("tr.l", body);
  var order = rows.concat(stageRows).sort(function (a, b) {
    return a.sectionRowIndex - b.sectionRowIndex;
  });
  var shown = document.getElementById("shown");
  function count() {
    var n = rows.filter(function (tr) { return !tr.hidden && !tr.classList.contains("off"); }).length;
    shown.textContent = n.toLocaleString("en-US") + " / " + rows.length.toLocaleString("en-US") +
      " " + shown.getAttribute("data-label");
  }
  function setFolded(stage, folded) {
    stageRows.forEach(function (st) {
      if (st.getAttribute("data-stage") === stage) st.classList.toggle("folded", folded);
    });
    rows.forEach(function (tr) {
      if (tr.getAttribute("data-stage") === stage) tr.classList.toggle("off", folded);
    });
    count();
  }
  body.addEventListener("click", function (e) {
    var tr = e.target.closest("tr");
    if (!tr) return;
    if (tr.classList.contains("st")) {
      setFolded(tr.getAttribute("data-stage"), !tr.classList.contains("folded"));
    } else {
      mark(tr);
      showNode(tr.getAttribute("data-row"));
    }
  });
  function foldAll(folded) {
    stageRows.forEach(function (st) { setFolded(st.getAttribute("data-stage"), folded); });
  }
  document.getElementById("fold-all").addEventListener("click", function () { foldAll(true); });
  document.getElementById("unfold-all").addEventListener("click", function () { foldAll(false); });

  $$("th", table).forEach(function (th) {
    th.addEventListener("click", function () {
      var col = th.cellIndex, numeric = th.getAttribute("data-k") === "n";
      var desc = !th.classList.contains("desc") && (numeric && col > 0 || th.classList.contains("asc"));
      $$("th", table).forEach(function (x) { x.classList.remove("asc", "desc"); });
      th.classList.add(desc ? "desc" : "asc");
      var key = function (tr) {
        var td = tr.cells[col];
        return numeric ? +td.getAttribute("data-v") : td.textContent;
      };
      var sorted = rows.slice().sort(function (a, b) {
        var x = key(a), y = key(b);
        var c = numeric ? x - y : x < y ? -1 : x > y ? 1 : 0;
        return desc ? -c : c;
      });
      var natural = col === 0 && !desc;  // the spec's order: stage rows come back
      if (!natural) foldAll(false);
      stageRows.forEach(function (st) { st.hidden = !natural; });
      (natural ? order : sorted).forEach(function (tr) { body.appendChild(tr); });
      count();
    });
  });

  document.getElementById("filter").addEventListener("input", function (e) {
    var q = e.target.value.trim().toLowerCase();
    rows.forEach(function (tr) {
      tr.hidden = q !== "" && tr.getAttribute("data-text").indexOf(q) < 0;
    });
    count();
  });
  count();
})();
