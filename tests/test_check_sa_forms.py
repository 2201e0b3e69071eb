"""`cnnstat check` on model-fact forms missed or left unjudged in set-r1..r3 and set-h4..h6
(issue 19, helper sa: the model facts lane). Each planted mistake is marked PLANTED with its
true value; the correct twins are ``hostile_correct/sa-*.md``.

Mechanisms:
- a cost figure the author got set against one a link reports (``the output was 31.20G
  FLOPs, which conflicts with https://... (4G FLOPs)``): the link right before the second
  figure is its source, as ``reported`` or ``paper`` is; each figure is then the named
  network's and judged (``modelfacts/againstpair``);
- a network's figure the line reports, then past a turn of contrast the writer's own
  count (``the number of parameters for ResNet-18 is 0.27M, however in my code it is
  11689512 (11.7M)``, ``..., but I get 134.3M``): the second is no figure of the network
  and no longer makes the first one of "several figures compared"; a wrong figure that is
  another member's own says so (``againstpair.own_count``, ``versionless.member_owning``);
- a part's parameters (the FC layers') written to three digits or more and more than one
  unit of the last digit off every count of the part, with and without biases, though
  within 2.5% (``VGGNet의 FC층은 1억2천2백만 개``): a slip, wrong; a line naming another
  head or dataset stays unsure (``modelfacts/parts._slip``);
- a Korean comparison of two networks' parameters told as a size (``AlexNet보다
  parameter가 작아졌다``, ``파라미터가 훨씬 작다``, ``파라미터가 커졌다``), the subject the
  section's network: judged as ``적다``/``많다`` are (``modelfacts/comparisons``);
- a line that is a network's name and one word for an account of it (``GoogleNet 핵심``,
  ``VGG16 정리``, ``ResNet summary``), a list's item too (``- GoogLeNet 특징``), heads
  what follows as a heading does (``modelfacts/above.pseudo_heading``);
- a table's cell that names one network two ways, its other name in brackets
  (``GoogLeNet (Inception v1)``), names that network; two networks in one cell
  (``ResNet-50 (ResNet-152 teacher)``) still name none (``modelfacts/facttables``);
- a figure followed by the network it is of, a network named for comparison (``Has 65
  Million parameters compared to 60k parameters of LeNet-5``): judged as that network's,
  and no longer one of "several figures compared"; a bullet whose subject is the
  section's network, unsaid (``- Has 61M parameters, compared to ...``), is its total
  (``modelfacts/factlines._of_compared``, ``totals._COUNT_SUBJECT``);
- a named network's layers as a numbered list whose numbers are glued to the first word
  (``1.Convolution using 64 filters``): items as with a space, a decimal (``1.5 million``)
  no item (``layerforms/layeritems._ITEM``);
- a network's name with its number glued on, before a word for layers (``## VGG19
  layers``, ``VGG16층``): the number is the name's, the member named, not the family
  with a count after it; a number apart (``VGG 19 layers deep``) is still a count
  (``modelfacts/models._MENTION``);
- a network of no ImageNet challenge dated in brackets right after its name, a year alone
  or its paper's first author and a year (``MobileNet (2017)``, ``MobileNetV2 (Sandler et
  al., 2020)``): right for its paper's year or the preprint's the year before, wrong
  otherwise; another author's citation, LeNet without its number (the 1989 network or
  LeNet-5), and a name without its version dated as another version is (``MobileNet
  (2019)``: V3's) are not read (``modelfacts/years.cited``);
- a count of both kinds of weight layers joined by Korean's "및" (``총 16개의 conv 및
  fully connected layer``): the network's depth, as with "and", "/" or "와"
  (``modelfacts/facts._COMBINED``);
- rows of a table pasted without its header, one network a row (``Residual-Network110 |
  GTX1080TI | 0.27M | 128 | ...``; the name spelt out with its depth glued on is ResNet's):
  a scaled figure right where it is the row's network's parameter count; a column is taken
  for parameters once two rows agree, and a figure off its row's network then wrong (0.66M
  for ResNet-56: ResNet-44's); a column of costs agrees with none and stays silent
  (``modelfacts/headless``, ``models.FAMILIES``);
- the pooling layers counted on the line, then a total (``풀링층 5개, 총 27개층``, ``5
  pooling layers, 27 in total``): the total is a depth counted with the pooling layers
  (GoogLeNet's 27), not its weight layers' (the old code called 27 wrong)
  (``modelfacts/factjudge._WITH_POOLS``, ``pooledpair``).

Expected values: ResNet-50 at 224x224 does 4.1 G multiply-adds (He et al. 2016, Table 1:
3.8 x 10^9; torchvision's ResNet50_Weights: 4.09 GFLOPS, counted as multiply-adds), 8.2 G
counting a multiply and an add as two FLOPs; the ResNet family's largest, ResNet-152, 11.5 G
multiply-adds (23 G FLOPs). Parameters (torchvision's weights tables, the papers' tables):
ResNet-18 11,689,512; VGG-16 138,357,544; VGG-19 143,667,240; the CIFAR ResNet-20 0.27M
(He et al. 2016, Table 6). FC layers: VGG's 25088*4096 + 4096 + 4096*4096 + 4096 +
4096*1000 + 1000 = 123,642,856 (123,633,664 without biases); AlexNet's 9216*4096 + 4096 +
4096*4096 + 4096 + 4096*1000 + 1000 = 58,631,144; with a 200-class head VGG's are
119,549,952 + 4096*200 + 200 = 120,369,352. Whole networks: GoogLeNet 6.6M (torchvision
6,624,904), AlexNet 61M, the VGGs 133M to 144M (Simonyan & Zisserman 2015, Table 2).
Depths: GoogLeNet 22 weight layers and 9 inception modules (Szegedy et al. 2015, Table 1);
VGG16 13 conv + 3 FC = 16 (configuration D). AlexNet 60,965,224 parameters (61,100,840 in
torchvision), LeNet-5 60,840 (LeCun et al. 1998: about 60,000), GoogLeNet 6,998,552 in the
paper's build, 6,624,904 in torchvision's. VGG19's convs: 64, 64, 128, 128, 256, ...
(Simonyan & Zisserman 2015, Table 1, column E); VGG19: 16 conv + 3 FC = 19. Years: Howard
et al. 2017 (arXiv 1704.04861), Sandler et al. CVPR 2018, Ma et al. ECCV 2018, Huang et al.
CVPR 2017 (arXiv 2016), LeCun et al. Proc. IEEE 1998. ResNet-34: 33 conv + 1 FC = 34
(He et al. 2016, Table 1). The CIFAR ResNets (He et al. 2016, Table 6): ResNet-20 0.27M,
-32 0.46M, -44 0.66M, -56 0.85M, -110 1.7M parameters; ResNet-20 does 41M multiply-adds.
GoogLeNet: "22 layers deep when counting only layers with parameters (or 27 layers if we
also count pooling)" (Szegedy et al. 2015, Sec. 5).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/sa_forms"

EXPECTED = {
    "01_against_linked_source.md": [
        (3, "model", "wrong"),  # PLANTED: 31.20G FLOPs is no ResNet's (ResNet-50: 4.1G MACs)
        (3, "model", "right"),  # 4G FLOPs: ResNet-50's 3.86-4.09 G multiply-adds
        (7, "model", "right"),  # 8.2G: 2 x 4.09 G
        (7, "model", "right"),  # 4.1G: torchvision's 4.09 G multiply-adds
    ],
    "02_reported_then_own_count.md": [
        (3, "model", "wrong"),  # PLANTED: ResNet-18 has 11,689,512, not 0.27M (ResNet-20's)
        (5, "model", "right"),  # the PLANTED note's 11.7M
        (7, "model", "right"),  # 138.4M: VGG-16's 138,357,544
        (9, "model", "right"),  # 143.7M: VGG-19's 143,667,240
    ],
    "03_part_figure_a_digit_off.md": [
        (3, "model", "wrong"),  # PLANTED: VGG-16's FC layers 123.6M, not 121.8M (1.5% off)
        (4, "model", "wrong"),  # PLANTED: AlexNet's FC layers 58.6M, not 57.5M (1.9% off)
        (5, "model", "right"),  # about 124M: 123.6M rounded
        (6, "model", "right"),  # 1억 2천3백만: 123,642,856 cut
        # line 7: a 200-class head, 120.4M right for it (no verdict: another head)
        (9, "model", "right"),  # the PLANTED note's "three FC layers" of VGG
    ],
    "04_korean_smaller_count.md": [
        (3, "model", "right"),  # GoogLeNet 6.6M < AlexNet 61M
        (4, "model", "wrong"),  # PLANTED: GoogLeNet 6.6M is not more than VGG's 133M+
        (8, "model", "wrong"),  # PLANTED: VGG-16 138M is not fewer than AlexNet's 61M
        # line 9: the filters are smaller, no count compared
        (11, "model", "right"), (11, "model", "right"), (11, "model", "right"),  # the note
    ],
    "05_name_and_account_heads.md": [
        (4, "model", "wrong"),  # PLANTED: GoogLeNet has 22 weight layers, not 20
        (5, "model", "right"),  # 9 inception modules
        (8, "model", "right"), (8, "model", "right"),  # 13 conv and 3 FC layers
        (9, "model", "right"),  # 138M parameters
        (10, "model", "wrong"),  # PLANTED: VGG16 has 16 weight layers, not 18
        (12, "model", "right"),  # the PLANTED note's 22
    ],
    "06_table_name_with_alias.md": [
        (5, "model", "right"),  # AlexNet: 8 weight layers
        (6, "model", "wrong"),  # PLANTED: GoogLeNet has 22 weight layers, not 20
        (7, "model", "right"),  # 22
        # line 8: two networks in one cell, not read
        (10, "model", "right"),  # the PLANTED note's 22
    ],
    "07_figure_of_the_compared_network.md": [
        (4, "model", "right"),  # LeNet-5: 60k (60,840)
        (4, "model", "wrong"),  # PLANTED: AlexNet has 61M, not 65 Million
        (5, "model", "right"),  # GoogLeNet: 6M (6,998,552 cut); 61M "versus": not read
        (6, "model", "wrong"),  # PLANTED: LeNet-5 has 60,840, not 5k
        (6, "model", "right"),  # AlexNet: 61M
        (8, "model", "right"), (8, "model", "right"),  # the PLANTED note's 61M and 60k
    ],
    "08_numbered_items_glued.md": [
        (3, "model", "right"), (4, "model", "right"),  # 64, 64
        (5, "model", "right"), (6, "model", "right"),  # 128, 128
        (7, "model", "wrong"),  # PLANTED: VGG19's fifth conv has 256 filters, not 265
    ],
    "09_name_glued_before_layers.md": [
        (3, "model", "wrong"),  # PLANTED: VGG19 has 16 conv layers, not 13
        (3, "model", "right"),  # 3 FC layers
        (5, "model", "right"),  # "VGG 19 layers": VGG's 19
        (7, "model", "right"), (7, "model", "right"),  # 16 conv, 3 FC
        (9, "model", "right"),  # the PLANTED note's 16
    ],
    "10_cited_network_year.md": [
        (3, "model", "right"),  # MobileNet 2017
        (5, "model", "wrong"),  # PLANTED: MobileNetV2 2018, not 2020
        (6, "model", "right"),  # ShuffleNet V2 2018
        (7, "model", "right"),  # DenseNet: CVPR 2017, arXiv 2016
        # line 8: another author's paper; line 9: LeNet unnumbered not read
        (9, "model", "right"),  # LeNet-5 1998
        # line 13: MobileNet unversioned, 2019 is V3's (Howard et al., ICCV 2019): not read
    ],
    "11_conv_and_fc_joined_by_mit.md": [
        (3, "model", "right"),  # ResNet-34: 34
        (4, "model", "wrong"),  # PLANTED: VGG19 has 19 weight layers, not 18
        (6, "model", "right"), (6, "model", "right"), (6, "model", "right"),  # the note
    ],
    "12_rows_without_header.md": [
        (5, "model", "right"), (6, "model", "right"), (7, "model", "right"),  # 0.27/0.46/0.66M
        (8, "model", "wrong"),  # PLANTED: ResNet-56 has 0.85M, not 0.66M (ResNet-44's)
        (9, "model", "right"),  # 1.7M
        (11, "model", "right"),  # the PLANTED note's 0.85M
        # lines 15-16: the costs (41M, 125M) agree with no count: silent
        (15, "model", "right"), (16, "model", "right"),  # 0.27M, 0.85M
    ],
    "13_pools_counted_then_total.md": [
        (3, "model", "right"),  # 27 with the pooling layers (old code: wrong)
        # line 4: PLANTED 20 and 25 (22 and 27), unsure with pooling counted
        (5, "model", "right"),  # 22 weight layers
        (7, "model", "right"),  # the PLANTED note's 22
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_sa_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))


def test_sa_correct_twins():
    """The correct twins of the forms above (``hostile_correct/sa-*.md``): each form with
    right figures, its doubts beside it (an own count after the reported one, another
    head, an author's preprint year), and no figure called wrong."""
    from cnnstat.notes.check import check_file

    for path in sorted((ROOT / "tests/fixtures/notes/hostile_correct").glob("sa-*.md")):
        res = check_file(path)
        assert not res.wrong, (path.name, res.wrong)
        assert len(res.claims) >= 10, path.name
