"""`cnnstat report` and `compare --html` as files (no browser: tests/test_report_browser.py
opens them in Chromium)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from cnnstat.analysis import analyze
from cnnstat.models.zoo import load


class Tags(HTMLParser):
    """Every start tag with its attributes; fails on nothing, so counts are checked."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    p = Tags()
    p.feed(html)
    return p.tags


def test_report_is_one_self_contained_file(tmp_path, cli):
    out = tmp_path / "r.html"
    code, _, err = cli("report", "resnet50-tv", "-o", str(out), "--batch", "4")
    assert code == 0 and "written to" in err
    html = out.read_text(encoding="utf-8")
    found = tags(html)
    # no script, style, image or font fetched from anywhere: nothing has a src or href
    assert not [a for _, a in found if "src" in a or "href" in a]
    assert not re.search(r"url\((?!#)", html)  # CSS url() only for in-page markers
    rows = [a for t, a in found if t == "tr" and "l" in a.get("class", "").split()]
    a = analyze(load("resnet50-tv"), batch=4)
    assert [r["data-row"] for r in rows] == [r.name for r in a.rows]
    # the same numbers as `params` at batch 4: torchvision's published 25,557,032 params
    # and 4.089 GMACs per image (ResNet50_Weights.IMAGENET1K_V1.meta)
    assert "25,557,032" in html and "4,089,184,256 per image" in html
    assert f"{4 * 4_089_184_256:,}" in html


def test_report_memory_is_cnnstat_memory(tmp_path, cli):
    out = tmp_path / "r.html"
    assert cli("report", "alexnet", "-o", str(out), "--batch", "16")[0] == 0
    html = out.read_text(encoding="utf-8")
    import json

    for mode in (["--train"], []):  # the page shows what `cnnstat memory` says
        code, text, _ = cli("memory", "alexnet", "--batch", "16", *mode, "-f", "json")
        assert code == 0
        b = json.loads(text)["bytes"]
        assert f"{b['total']:,}" in html and f"{b['weights']:,}" in html
    # by hand: 60,965,224 fp32 weights = 243,860,896 bytes, the same again for the
    # gradients; Adam keeps two moments of each and a 4-byte step per tensor (AlexNet's
    # 5 conv + 3 fc layers have a weight and a bias each: 16 tensors)
    assert "243,860,896" in html and f"{2 * 243_860_896 + 16 * 4:,}" in html


def test_report_in_korean(tmp_path, cli):
    out = tmp_path / "k.html"
    assert cli("report", "alexnet", "-o", str(out), "--lang", "ko")[0] == 0
    html = out.read_text(encoding="utf-8")
    assert '<html lang="ko">' in html and "파라미터" in html and "메모리" in html
    assert "Parameters" not in html
    code, _, err = cli("report", "alexnet", "--lang", "fr")
    assert code == 2 and "en, ko" in err


def test_report_depth_and_errors(tmp_path, cli):
    code, out, err = cli("report", "densenet121", "--depth", "2")
    assert code == 0, err
    rows = [a for t, a in tags(out) if t == "tr" and a.get("class") == "l"]
    nodes = [a for t, a in tags(out) if t == "g" and a.get("class") in ("node", "node folded")]
    # Huang et al. 2017, Table 1: 4 dense blocks and 3 transitions under `features`, with
    # the stem (conv0, norm0, relu0, pool0) and norm5: 12 rows at depth 2, then relu,
    # avgpool, flatten and the classifier
    assert len(rows) == len(nodes) == 4 + 4 + 3 + 1 + 4
    assert cli("report", "alexnet", "--depth", "0")[0] == 2
    code, _, err = cli("report", "no-such-model")
    assert code == 2 and "no-such-model" in err
    target = tmp_path / "x.html"
    target.write_text("keep", encoding="utf-8")
    code, _, err = cli("report", "alexnet", "-o", str(target))
    assert code == 2 and "--force" in err and target.read_text() == "keep"


def test_compare_html(tmp_path, cli):
    out = tmp_path / "c.html"
    code, text, err = cli("compare", "alexnet", "vgg16", "--html", str(out))
    assert code == 0, err
    assert "alexnet" in text  # the table is still printed
    html = out.read_text(encoding="utf-8")
    assert html.count('class="cnnstat-diagram"') == 2
    # VGG-16 has 138,357,544 params (torchvision VGG16_Weights meta); AlexNet's spec
    # (the paper's, two-GPU groups) 60,965,224: the ratio is written to 3 places
    assert "138,357,544" in html and f"{138_357_544 / 60_965_224:,.3f}" in html


def test_report_of_an_import_target(tmp_path, cli):
    """An import target (a model class in a .py file: needs torch) gives the same rows as
    `params` on that target."""
    import json

    import pytest

    pytest.importorskip("torch")
    target = "tests/fixtures/models/handwritten.py:SENet"
    out = tmp_path / "se.html"
    code, _, err = cli("report", target, "-o", str(out))
    assert code == 0, err
    code, text, err = cli("params", target, "-f", "json")
    assert code == 0, err
    layers = [x["name"] for x in json.loads(text)["layers"]]
    rows = [a["data-row"] for t, a in tags(out.read_text(encoding="utf-8"))
            if t == "tr" and a.get("class") == "l"]
    assert rows == layers and len(rows) > 5


def test_spec_text_cannot_inject_markup(tmp_path, cli):
    spec = tmp_path / "s.yaml"
    spec.write_text('name: s\ntitle: "<script>alert(1)</script><img src=x onerror=y>"\n'
                    'paper: "</td></tr></table><b>"\ninput: [3, 8, 8]\n'
                    "layers:\n  - conv: {name: c1, out: 4, kernel: 3}\n", encoding="utf-8")
    code, out, err = cli("report", str(spec))
    assert code == 0, err
    found = tags(out)
    assert [t for t, _ in found].count("script") == 1  # the page's own, nothing else
    assert not [t for t, _ in found if t == "img"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;b&gt;" in out
