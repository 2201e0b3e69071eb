"""`cnnstat diagram --format svg`: the drawing cnnstat makes itself (cnnstat/draw/)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from cnnstat.analysis import analyze, fold
from cnnstat.draw import to_svg
from cnnstat.draw import tree as t
from cnnstat.draw.label import input_row
from cnnstat.draw.layout import layout
from cnnstat.models.zoo import load
from tests.conftest import SPECS

SVG = "{http://www.w3.org/2000/svg}"
BUNDLED = sorted(p.stem for p in SPECS.glob("*.yaml"))


def nodes(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)  # raises on anything that is not well-formed XML
    return [g for g in root.iter(f"{SVG}g") if "node" in g.get("class", "").split()]


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_spec_draws_as_xml_with_one_box_per_row(name):
    a = analyze(load(name))
    for depth in (None, 1, 2):
        shown = a.rows if depth is None else fold(a.rows, depth)
        drawn = [g.get("data-row") for g in nodes(to_svg(a, depth))]
        # the boxes are the rows `params --depth` prints, each once
        assert sorted(drawn) == sorted(r.name for r in shown), (name, depth)


@pytest.mark.parametrize("name,depth", [("resnet50-tv", None), ("googlenet-tv", None),
                                        ("googlenet-aux", None), ("se-resnet50", None),
                                        ("densenet121", 2), ("efficientnet_b0", None),
                                        ("convnext_tiny", None), ("alexnet", None),
                                        ("resnet50-tv", 1)])
def test_boxes_never_overlap(name, depth):
    a = analyze(load(name))
    tree = t.build(a)
    lay = layout(t.fold(tree, depth) if depth else tree, t.Box(input_row(a.input)))
    placed = sorted([*lay.boxes, lay.input], key=lambda p: p.x)
    for i, p in enumerate(placed):  # sweep by x: only neighbours in x can overlap
        for q in placed[i + 1:]:
            if q.x >= p.x + p.w:
                break
            assert q.y >= p.y + p.h or p.y >= q.y + q.h, (p.box.row.name, q.box.row.name)


def _count(node, kind) -> int:
    own = 1 if isinstance(node, kind) else 0
    return own + sum(_count(c, kind) for c in t.children(node))


def test_structure_is_the_spec_structure():
    # He et al. 2016, Table 1: ResNet-50 has 3 + 4 + 6 + 3 = 16 bottleneck blocks, each a
    # residual drawn as a bypass; the first block of each of the 4 stages projects (its
    # shortcut is a column of two layers, conv and bn, in torchvision's downsample)
    tree = t.build(analyze(load("resnet50-tv")))
    bypasses = [n for n in _walk(tree) if isinstance(n, t.Bypass)]
    assert len(bypasses) == 16
    assert sum(1 for b in bypasses if len(b.shortcut.items) == 2) == 4
    # Szegedy et al. 2015, Table 1: nine inception modules (3a, 3b, 4a-4e, 5a, 5b), each
    # four branches side by side meeting at their concat; two auxiliary heads on the side
    splits = [n for n in _walk(t.build(analyze(load("googlenet-tv"))))
              if isinstance(n, t.Split)]
    assert len(splits) == 9 and all(len(s.branches) == 4 for s in splits)
    assert _count(t.build(analyze(load("googlenet-aux"))), t.Side) == 2
    # Hu et al. 2018: SE-ResNet-50 puts one squeeze-and-excitation gate in each of the 16
    # blocks: a side path multiplied into the main one
    assert _count(t.build(analyze(load("se-resnet50"))), t.Gate) == 16


def _walk(node):
    yield node
    for c in t.children(node):
        yield from _walk(c)


def test_folded_box_shows_its_totals(cli):
    code, out, err = cli("diagram", "resnet50", "--format", "svg", "--depth", "1")
    assert code == 0, err
    box = next(g for g in nodes(out) if g.get("data-row") == "layer1")
    tip = box.find(f"{SVG}title").text
    # layer1 of ResNet-50 by hand: block 0 = 64*64 + 64*64*9 + 64*256 (convs) + 64*256
    # (projection) + 2*(64+64+256+256) (four BNs) = 75,008; blocks 1 and 2 = 256*64 +
    # 64*64*9 + 64*256 + 2*(64+64+256) = 70,400 each; 75,008 + 2 * 70,400 = 215,808
    assert "params 215,808" in tip and "block of" in tip
    assert "layer1.0" not in out  # folded away


def test_shading_follows_share_of_macs():
    svg = to_svg(analyze(load("alexnet")))
    fills = {g.get("data-row"): g.find(f"{SVG}rect").get("fill") for g in nodes(svg)}
    # conv2 has AlexNet's most MACs (27*27*256*5*5*48 = 223,948,800): the deepest shade;
    # a ReLU has none: white
    assert fills["relu1"] == "#ffffff"
    darkest = min(fills.values(), key=lambda f: sum(int(f[i:i + 2], 16) for i in (1, 3, 5)))
    assert fills["conv2"] == darkest


def test_hostile_title_stays_xml(tmp_path, cli):
    spec = (tmp_path / "s.yaml")
    spec.write_text('name: s\ntitle: "<b>&\\"x\\" ]]> </svg>"\ninput: [3, 8, 8]\n'
                    "layers:\n  - conv: {name: c1, out: 4, kernel: 3}\n",
                    encoding="utf-8")
    code, out, err = cli("diagram", str(spec), "-f", "svg")
    assert code == 0, err
    root = ET.fromstring(out)
    assert root.find(f"{SVG}title").text.endswith("</svg>")


def test_output_file_written_once_and_not_through_a_symlink(tmp_path, cli):
    out = tmp_path / "a.svg"
    code, _, err = cli("diagram", "alexnet", "-f", "svg", "-o", str(out))
    assert code == 0 and re.search(r"written to", err)
    ET.parse(out)
    code, _, err = cli("diagram", "alexnet", "-f", "svg", "-o", str(out))
    assert code == 2 and "--force" in err
    link = tmp_path / "l.svg"
    link.symlink_to(tmp_path / "elsewhere.svg")
    code, _, err = cli("diagram", "alexnet", "-f", "svg", "-o", str(link), "--force")
    assert code == 2 and "symbolic link" in err and not (tmp_path / "elsewhere.svg").exists()


def _named_edges(svg: str) -> int:
    root = ET.fromstring(svg)
    return sum(1 for p in root.iter(f"{SVG}path") if "named" in p.get("class", "").split())


def test_named_inputs_are_edges():
    from tests.conftest import ROOT

    a = analyze(load(str(ROOT / "tests" / "fixtures" / "dense_kinds.yaml")))
    # the fixture by hand: skip joins deconv1 and stem, cat joins up_near and skip, side
    # reads skip, fuse reads cat, the last join adds side and fuse: 8 outputs read by
    # name (crop's and upsample's `like:` take a shape only, no tensor)
    assert _named_edges(to_svg(a)) == 8


def test_a_folded_block_keeps_the_edges_it_reads_by_name(tmp_path):
    spec = tmp_path / "unet.yaml"
    spec.write_text(
        "name: tiny_unet\ninput: [3, 16, 16]\nlayers:\n"
        "  - seq: {name: enc, layers: [{conv: {name: c1, out: 8, kernel: 3, padding: 1}},"
        " relu]}\n"
        "  - seq: {name: down, layers: [{maxpool: {kernel: 2}},"
        " {conv: {name: c2, out: 16, kernel: 3, padding: 1}}]}\n"
        "  - seq: {name: dec, layers: [{upsample: {scale: 2}},"
        " {join: {name: cat, merge: concat, from: [up1, enc]}},"
        " {conv: {name: c3, out: 8, kernel: 3, padding: 1}}]}\n", encoding="utf-8")
    a = analyze(load(str(spec)))
    assert _named_edges(to_svg(a)) == 2  # cat reads up1 and enc's last layer (relu1)
    # folded to enc, down, dec: the skip from enc into dec stays; up1 is inside dec
    assert _named_edges(to_svg(a, 1)) == 1


@pytest.mark.parametrize("depth", [None, 1, 2])
def test_auxiliary_heads_lead_nowhere(depth):
    from cnnstat.draw.text import build

    # Szegedy et al. 2015, Sec. 5: the two auxiliary classifiers on 4a and 4d are side
    # heads whose outputs leave the network (training only): nothing reads them, folded
    # or not
    g = build(analyze(load("googlenet-aux")), depth)
    ids = {n.id: n.name for n in g.nodes}
    assert not [(a, b) for a, b, _ in g.edges if ids[a].startswith("aux")
                and not ids[b].startswith("aux")]
    feeds = {ids[a] for a, b, _ in g.edges if ids[b] in ("aux1", "aux1.avgpool1")}
    assert feeds & {"inception4a", "inception4a.concat1"}
