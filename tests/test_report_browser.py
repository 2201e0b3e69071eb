"""The HTML pages in a real browser: headless Chromium (Debian's ``chromium`` package)
opens `cnnstat report` and `compare --html` pages, with a test script added to a copy of
the page, and its findings are read back from the DOM (``--dump-dom``); no websocket
client, no downloaded browser. Skipped when no chromium is installed (CI installs it)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from cnnstat.analysis import analyze, fold
from cnnstat.models.zoo import load

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser")
                 if shutil.which(n)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]

# Collects errors before the page's own script runs.
CATCH = """<script>window.__errors=[];
window.addEventListener('error',function(e){__errors.push('error: '+e.message)});
(function(){var ce=console.error;console.error=function(){
__errors.push('console.error: '+[].join.call(arguments,' '));ce.apply(console,arguments)}})();
</script>"""

# Runs after the page's script: counts, sorts, filters, folds, follows a link.
PROBE = """<script>(function(){
var q=function(s){return Array.prototype.slice.call(document.querySelectorAll(s))};
var visible=function(){return q('#layers tr.l').filter(function(tr){
  return tr.offsetParent!==null})};
var r={errors:window.__errors, nodes:q('svg.cnnstat-diagram g.node').length,
  rows:q('#layers tr.l').length, panes:q('.pane svg').length,
  resources:performance.getEntriesByType('resource').map(function(e){return e.name}),
  remote:q('[src],[href]').map(function(e){return e.getAttribute('src')||
    e.getAttribute('href')})};
if(r.rows){
  var th=q('#layers th').filter(function(t){return t.getAttribute('data-col')==='macs'})[0];
  th.click();
  var macs=visible().map(function(tr){return +tr.cells[5].getAttribute('data-v')});
  r.sorted_desc=macs.every(function(v,i){return i===0||macs[i-1]>=v});
  r.first_after_sort=visible()[0].getAttribute('data-row');
  q('#layers th')[0].click();
  r.restored=visible().map(function(tr){return +tr.cells[0].getAttribute('data-v')})
    .every(function(v,i){return v===i+1});
  var f=document.getElementById('filter'); f.value='conv';
  f.dispatchEvent(new Event('input'));
  r.filtered=visible().length;
  r.filter_ok=visible().every(function(tr){
    return tr.getAttribute('data-text').indexOf('conv')>=0});
  f.value=''; f.dispatchEvent(new Event('input'));
  document.getElementById('fold-all').click();
  r.after_fold=visible().length;
  r.stage_rows=q('#layers tr.st').length;
  document.getElementById('unfold-all').click();
  var g=q('g.node')[Math.floor(q('g.node').length/2)];
  g.querySelector('rect').dispatchEvent(new MouseEvent('click',{bubbles:true}));
  var hit=q('#layers tr.hit')[0];
  r.link=[g.getAttribute('data-row'), hit?hit.getAttribute('data-row'):null];
}
var pre=document.createElement('pre');pre.id='cnnstat-probe';
pre.textContent=JSON.stringify(r);document.body.appendChild(pre);})();</script>"""


def chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


def probe(tmp_path, page: str) -> dict:
    """Open a copy of ``page`` with the probe added; its findings and the console."""
    html = open(page, encoding="utf-8").read()
    html = html.replace("<head>", "<head>" + CATCH, 1).replace("</body>", PROBE + "</body>")
    copy = tmp_path / "probe.html"
    copy.write_text(html, encoding="utf-8")
    proc = chromium(tmp_path, "--virtual-time-budget=10000", "--dump-dom",
                    copy.as_uri())
    m = re.search(r'<pre id="cnnstat-probe">(.*?)</pre>', proc.stdout, re.S)
    assert m, proc.stderr[-2000:]
    found = json.loads(m.group(1).replace("&amp;", "&").replace("&lt;", "<")
                       .replace("&gt;", ">").replace("&quot;", '"'))
    console = [line for line in proc.stderr.splitlines()
               if "CONSOLE" in line and ("Uncaught" in line or "Error" in line)]
    found["errors"] = found["errors"] + console
    return found


def screenshot(tmp_path, page, name: str, size: str = "1400,1600"):
    """Write ``name``.png (to $CNNSTAT_SCREENSHOTS if set, else the test's folder)."""
    folder = os.environ.get("CNNSTAT_SCREENSHOTS") or str(tmp_path)
    os.makedirs(folder, exist_ok=True)
    out = os.path.join(folder, f"{name}.png")
    proc = chromium(tmp_path, f"--window-size={size}", f"--screenshot={out}",
                    page.as_uri())
    assert os.path.exists(out), proc.stderr[-2000:]
    with open(out, "rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
    assert os.path.getsize(out) > 20_000  # a page with a drawing, not a blank window
    return out


@pytest.mark.parametrize("model,depth,lang", [("resnet50-tv", None, "en"),
                                              ("googlenet-tv", None, "en"),
                                              ("densenet121", 2, "en"),
                                              ("efficientnet_b0", 2, "ko")])
def test_report_page_in_chromium(tmp_path, cli, model, depth, lang):
    page = tmp_path / f"{model}.html"
    args = ["report", model, "-o", str(page), "--batch", "8", "--lang", lang]
    code, _, err = cli(*args, *(["--depth", str(depth)] if depth else []))
    assert code == 0, err
    a = analyze(load(model), batch=8)
    shown = fold(a.rows, depth) if depth else a.rows
    r = probe(tmp_path, str(page))
    assert r["errors"] == []
    assert r["resources"] == [] and r["remote"] == []  # nothing fetched, nothing linked
    assert r["nodes"] == len(shown) == r["rows"]  # drawn boxes = table rows = layers shown
    # sorting by MACs, largest first, then back to the spec's order
    assert r["sorted_desc"] and r["restored"]
    top = max(shown, key=lambda x: x.macs)
    assert r["first_after_sort"] == top.name
    conv = [x for x in shown if "conv" in f"{x.name} {x.type}".lower()]
    assert r["filter_ok"] and r["filtered"] == len(conv)
    # folding every stage leaves the rows of single-row stages only
    from cnnstat.draw.stages import key, level

    lv = level([x.name for x in a.rows])  # the page's stages, as its drawing has them
    stages = {}
    for x in shown:
        stages.setdefault(key(x.name, lv), []).append(x)
    assert r["stage_rows"] == sum(1 for v in stages.values() if len(v) > 1)
    assert r["after_fold"] == sum(1 for v in stages.values() if len(v) == 1)
    assert r["link"][0] == r["link"][1]  # a click on a box marks its row
    screenshot(tmp_path, page, f"report-{model}-{lang}" + (f"-d{depth}" if depth else ""))


def test_compare_page_in_chromium(tmp_path, cli):
    page = tmp_path / "cmp.html"
    code, _, err = cli("compare", "resnet50-tv", "googlenet-tv", "--html", str(page))
    assert code == 0, err
    r = probe(tmp_path, str(page))
    assert r["errors"] == [] and r["resources"] == [] and r["remote"] == []
    assert r["panes"] == 2
    screenshot(tmp_path, page, "compare-resnet50-tv-googlenet-tv")
