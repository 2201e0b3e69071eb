"""`cnnstat check` on model facts written the ways real notes write them, with mistakes
planted among right lines (issue 19, helper pc: judged hunter on model facts and parameter
counts). Each planted mistake is marked PLANTED with its true value; the correct twins are
``hostile_correct/pc-*.md``.

Mechanisms:
- a network's layers as the Korean topic, after its 의, 은 or 는, and a count with 개 after
  (``VGG16의 층 수는 16개``, ``GoogLeNet은 층이 22개``) are its depth; "CNN layer(s)" /
  "CNN 레이어" are its conv layers (``modelfacts/facts``: ``_LAYERS_TOPIC``,
  ``KO_TOPIC_COUNT``); a kind of layer before 층 (``풀링 층은 5개``), a filter's layers and
  a count without 개 stay unread (twin ``hostile_correct/pc-01``).

Expected values: the papers' depths (layers with weights on the longest path): VGG16 16,
VGG19 19 (Simonyan & Zisserman 2015, Table 1), ResNet-18/34 18/34 of which 17/33 convs on the
longest path (He et al. 2016, Table 1), GoogLeNet 22 (Szegedy et al. 2015, "22 layers deep
when counting only layers with parameters"), AlexNet 5 conv + 3 FC (Krizhevsky et al. 2012).
"""

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/pc_forms"

EXPECTED = {
    "01_layers_as_topic.md": [
        (5, "model", "right"),  # VGG16: 16 weight layers
        (7, "model", "right"),  # ResNet-34: 34
        (9, "model", "wrong"),  # PLANTED: VGG19 has 19 weight layers, not 17
        (11, "model", "right"),  # GoogLeNet: 22
        (15, "model", "right"),  # AlexNet: 5 conv layers
        (17, "model", "wrong"),  # PLANTED: ResNet-18 has 17 convs on its longest path (1 + 4*2*2), not 14
    ],
}

NAMES = sorted(set(EXPECTED) | {p.name for p in DIR.glob("*.md")})


@pytest.mark.parametrize("name", NAMES)
def test_pc_form(name):
    from cnnstat.notes.check import check_file

    verdicts = [(c.line, c.kind, c.verdict) for c in check_file(DIR / name).claims]
    assert sorted(verdicts) == sorted(EXPECTED.get(name, []))
