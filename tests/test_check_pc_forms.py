"""`cnnstat check` on model facts written the ways real notes write them, with mistakes
planted among right lines (issue 19, helper pc: judged hunter on model facts and parameter
counts). Each planted mistake is marked PLANTED with its true value; the correct twins are
``hostile_correct/pc-*.md``.

Mechanisms:
- a network's layers as the Korean topic, after its 의, 은 or 는, and a count with 개 after
  (``VGG16의 층 수는 16개``, ``GoogLeNet은 층이 22개``) are its depth; "CNN layer(s)" /
  "CNN 레이어" are its conv layers (``modelfacts/facts``: ``_LAYERS_TOPIC``,
  ``KO_TOPIC_COUNT``); a kind of layer before 층 (``풀링 층은 5개``), a filter's layers and
  a count without 개 stay unread (twin ``hostile_correct/pc-01``);
- a table drawn with box characters inside code (a ``print`` of a string, pasted output)
  is read as the table split by ``|`` it draws (``modelfacts/aligned._unboxed``); a Keras 3
  summary drawn the same way stays the summary readers' (twin ``hostile_correct/pc-02``);
- a network named without its version whose figure is a sibling version's own
  (``MobileNet | 3.4M``: MobileNetV2's count) is unsure, not wrong
  (``modelfacts/versionless``); written with its version (``MobileNetV1``) it is judged;
- a list item that names one network beside a link (a reference: ``* AlexNet
  [[Krizhevsky 2012]](https://...)``) is a title for the items under it (``above.title_of``:
  the links blanked where the name stands outside them), and a title is the section's
  network for every reader of prose (the layer settings of ``nthconv`` too); the section's
  network as a possessive subject (``Its parameter count is 25.6M``, ``The network's number
  of parameters (6M)``) states its total (``totals``). Twin ``hostile_correct/pc-03``;
- two depths of one network in a line, the second counted with the pooling layers (``총 22개의
  층 ..., 풀링 층까지 포함하면 27개의 층``, ``22 layers, or 27 if the pooling layers are
  counted``) are each read (``modelfacts/pooledpair``); GoogLeNet's 27 is the paper's own
  count with pooling (``factjudge.QUOTED``, only where the line speaks of pooling);
- "paras", a shortening of parameters some write (Chinese papers' ``Paras (M)`` columns,
  ``the paras of resnet50``), is a parameter word for prose and table figures (``facts``,
  ``facttables``); twin ``hostile_correct/pc-04`` (paragraphs called paras stay unread).

Expected values: the papers' depths (layers with weights on the longest path): VGG16 16,
VGG19 19 (Simonyan & Zisserman 2015, Table 1), ResNet-18/34 18/34 of which 17/33 convs on the
longest path (He et al. 2016, Table 1), GoogLeNet 22 (Szegedy et al. 2015, "22 layers deep
when counting only layers with parameters"), AlexNet 5 conv + 3 FC (Krizhevsky et al. 2012).
Parameter counts (torchvision's model docs, counted with torch): VGG19 143,667,240,
ResNet-152 60,192,808, DenseNet-121 7,978,856, AlexNet 61.1M (paper "60 million"),
MobileNetV1 4.2M (Howard et al. 2017, Table 8), MobileNetV2 3,504,872 (paper 3.4M).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/pc_forms"

EXPECTED = {
    "01_layers_as_topic.md": [
        (5, "model", "right"),  # VGG16: 16 weight layers
        (7, "model", "right"),  # ResNet-34: 34
        (9, "model", "wrong"),  # PLANTED: VGG19 has 19 weight layers, not 17
        (11, "model", "right"),  # GoogLeNet: 22
        (15, "model", "right"),  # AlexNet: 5 conv layers
        (17, "model", "wrong"),  # PLANTED: ResNet-18 has 17 convs on its longest path (1 + 4*2*2), not 14
        (21, "model", "right"),  # GoogLeNet: 22 weight layers
        (21, "model", "right"),  # and 27 counting the pooling (Szegedy et al. 2015, sec. 5)
        (23, "model", "right"),  # 22 weight layers
        # line 23: 29 with the pooling layers is off the paper's 27, but a count with the
        # pooling is left unsure (which layers a note counts as pooling varies)
    ],
    "02_box_table_printed.md": [
        (11, "model", "right"),  # VGG19 143,667,240 ~ 144M
        (12, "model", "right"),  # ResNet-152 60,192,808 ~ 60.2M
        (13, "model", "wrong"),  # PLANTED: DenseNet-121 has 7,978,856 (8.0M), not 12M
        (14, "model", "wrong"),  # PLANTED: AlexNet has about 60 million, not 6M
        # line 15: MobileNet 3.4M: MobileNetV2's count, the version unsaid: unsure
        (16, "model", "wrong"),  # PLANTED: MobileNetV1 has 4.2M, not 3.4M
    ],
    "03_linked_item_titles.md": [
        (4, "model", "right"),  # ResNet-50 25,557,032 ~ 25.6M (facts under the title)
        (4, "model", "right"),  # the same, read as the count of the network on the line above
        (8, "model", "right"),  # AlexNet conv1: 96 filters (paper)
        (8, "model", "right"),  # conv1 kernel 11x11
        (8, "model", "right"),  # conv1 stride 4
        (9, "model", "right"),  # conv2: 256 filters (paper)
        (9, "model", "wrong"),  # PLANTED: AlexNet's conv2 kernel is 5x5, not 3x3
        (10, "model", "wrong"),  # PLANTED: AlexNet has about 60 million parameters, not 6M
    ],
    "04_paras_shortening.md": [
        (5, "model", "right"),  # ResNet-18 11,689,512 ~ 11.7M
        (5, "model", "right"),  # 1,814,073,344 multiply-adds ~ 1.8 G (papers' FLOPs)
        (6, "model", "wrong"),  # PLANTED: ResNet-34 has 21,797,672 (21.8M), not 2.18M
        (6, "model", "right"),  # 3,663,761,408 multiply-adds ~ 3.6 G
        (8, "model", "wrong"),  # PLANTED: VGG16 has 138,357,544 (138M), not 13.8M
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_pc_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
