"""`cnnstat check` on forms that drew false alarms from correct READMEs, model cards and
benchmark tables (issue 19, helper lb). Each fixture holds right lines in the form and a
wrong line beside them, so a fix that silences the reader shows. The correct passages
themselves are in ``hostile_correct/lb-*.md``.

- a network's cost stated at another input side, however the side is written (``at 288``,
  ``@448``, ``320px``, ``resolution 160``, a squared ratio of sides ``(320/224)^2``) is
  unsure, as a square (``288x288``) already was; the same figure at the spec's own side,
  or with no side, is still wrong; a number after "at" that is a count of something else
  (``300 epochs``) is no side;
- a share written as a bound (``less than 1/40 of``, ``1/30도 안 된다``, ``under 1/3``,
  ``more than 1/20``) is judged as a bound, not as the share itself (``under 1/10`` of
  VGG-16 for ResNet-50 is still wrong: 1/5.4); a share's quantity is named in its own
  clause, never in a clause of contrast after it (``..., 인데 연산량은``, ``, while its
  FLOPs``);
- a model named as a share's or a ratio's base (``about 1/5 of ResNet-50``, ``a third of
  ResNet-50's``, ``ResNet-50의 1/5``) does not own the figure of a later clause (``, while
  its FLOPs are 0.39G``): unsure; a figure in brackets right after the base, or in a
  relative clause (``, which costs 4.1 GFLOPs``), is still the base's.

- a kind's word after a figure that is itself followed by ``:`` or ``=`` and a number
  labels the next figure (``Params (M): 3.5  GMACs: 0.3``): 3.5 is no GMACs figure;
- a list of depths after a family's name ends before a number that a calculation takes
  (``resnet18/34, 2048·1000 + 1000``: no ResNet-2048);
- a line that gives a network's own input size and another one (``Image size 299 x 299
  for inception_v3: feeding it 224 x 224 still runs``) runs it at the other: unsure; a
  line with the other size alone is still wrong.

- a figure that a line says it fixed, after a word of the former statement (``fixed
  EfficientNet-B7, which said 37M params``, ``was listed as 528M``, ``수정: ... 원래
  1.38M``), is the stale one, unsure; a fix of something else does not disown it;
- the EfficientNet papers' own counts (Tan & Le 2019 Table 2, 2021 Table 7), a few
  percent off the released models' the specs hold, are right as the paper's.

- a table's header goes on in a row under it whose first cell is empty and whose cells
  hold no figure (``|  | (M) | (G) | (%) |``, a grid table's second header line): its
  units are the columns'; a count under a thousand with no scale anywhere (``| Params |``
  over ``44.5``) is unsure, never a count of 44.5 parameters.

- a table's column of input sides (``resolution``, ``res``, ``input``) gives the row's
  side: a cost at 384 is unsure, at the spec's 224 still judged;
- a ratio after a line's calculations is not wrong where the line writes a result that
  went unread (``300 epochs × 1.28M images ≈ 384M ..., ~3.3x``);
- an arrow's channels before ``=`` name the layer where the calculation writes its
  weights out (``16→64 = 1,024 + 64``: in·out or k²·in·out, and the biases);
- a line opening with ``+ `` and a term goes on with the sum of the line above (Markdown
  reads the ``+`` as a list marker): not judged alone; a ``-`` bullet's sum still is.

Figures: torchvision's model pages (num_params, GFLOPS: resnet50 25,557,032 / 4.09, vgg16
138,357,544 / 15.47, alexnet 61,100,840, squeezenet1_1 1,235,496, mobilenet_v2 3,504,872 /
0.30, densenet121 7,978,856 / 2.83, efficientnet_b0 5,288,548 / 0.39, googlenet 6,624,904),
arithmetic beside each line.
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/lb_forms"

EXPECTED = {
    "01_cost_at_other_side.md": [
        # 3: 4.09 * (288/224)^2 = 6.76: unsure, another side (the 4.1 beside it too)
        # 4: (320/224)^2 = 2.04 (no claim read), 4.09 * 2.04 = 8.3 at 320: unsure
        # 5: 15.47 * 4 = 61.9 at 448: unsure
        # 7: 0.30 * (160/224)^2 = 0.153: unsure
        # 6: 0.39 * (320/224)^2 = 0.80 at 320, but 0.8 GFLOPs is also 2 x 0.39 GMACs,
        # B0's own cost at 224 as FLOPs: a figure that agrees with the network's own is
        # right before any side is asked ("per image" is the whole network's)
        (6, "model", "right"),
        (8, "model", "wrong"),  # 6.8 GMACs at 224: ResNet-50 is 4.09
        (9, "model", "wrong"),  # 62 GFLOPs with no side: VGG-16 is 15.47
        (10, "model", "right"),  # 300 epochs is no side: 4.1 GMACs
    ],
    "02_fraction_bounds.md": [
        (3, "ratio", "right"),  # 61,100,840 / 1,235,496 = 49.5 > 40: under 1/40 holds
        (4, "ratio", "right"),  # 138,357,544 / 3,504,872 = 39.5 > 30
        (5, "ratio", "wrong"),  # 138,357,544 / 25,557,032 = 5.4: not under 1/10
        (6, "ratio", "right"),  # 25,557,032 / 7,978,856 = 3.2 > 3
        # 7: "AlexNet 파라미터의 1/50": not read (no claim)
        # 8: the share's clause names no quantity: unsure; 0.39G is not ResNet-50's: unsure
        (9, "ratio", "right"),  # 61.1 / 6.62 = 9.2 < 20: more than 1/20 holds
        (10, "ratio", "right"),  # params 25.56 / 5.29 = 4.8 ~ 5 (not the 연산량 after 인데)
        (11, "model", "right"),  # ResNet-50 (which costs) 4.09 ~ 4.1
        (11, "ratio", "right"),  # FLOPs 4.09 / 0.30 = 13.6 ~ 13 (about)
        (12, "model", "right"),  # AlexNet (60M) in brackets after the base: 61.1M
        # 13: 6.8M in brackets after "than AlexNet": left unjudged
        # 14: 2.83 GFLOPs after "a third of ResNet-50's, but its cost": unsure
    ],
    "03_card_labels.md": [
        # 3, 4: the card's labelled figures are not read (no claim; 3.5 was "3.5 GMACs")
        (5, "model", "right"),  # VGG-16 138,357,544 ~ 138M
        (5, "model", "right"),  # VGG-16 15.47 GFLOPS ~ 15.5
        (6, "model", "wrong"),  # ResNet-50 at 224: 4.09 GMACs, not 6.1
        (7, "model", "right"),  # 25,557,032 ~ 25.6M
        (7, "model", "right"),  # 4.09 ~ 4.1G
    ],
    "04_depths_then_products.md": [
        (3, "arithmetic", "right"),  # 512*1000 + 1000 = 513,000
        (3, "arithmetic", "right"),  # 2048*1000 + 1000 = 2,049,000 (no ResNet-2048 read)
        (4, "arithmetic", "right"),  # 4096*4096 + 4096 = 16,781,312
        (4, "model", "right"),  # VGG-11
        (4, "model", "right"),  # VGG-13
        (4, "model", "right"),  # VGG-16
        (5, "model", "right"),  # ResNet-18
        (5, "model", "right"),  # ResNet-34
        (5, "model", "right"),  # ResNet-50
        (5, "model", "wrong"),  # there is no ResNet-100
        (5, "model", "right"),  # ResNet-152
    ],
    "05_two_input_sizes.md": [
        # 3: inception_v3's own 299 given too: the 224 run is unsure
        # 4: ResNet-50's own 224 given first: the 320 is not read
        (5, "model", "wrong"),  # Inception-v3's input is 299, not 224
    ],
    "06_fixed_figures.md": [
        # 3: "which said 37M" after "fixed": the stale figure, unsure
        # 4: "was listed as 528M" in an erratum: unsure; 5: "원래 1.38M" after 수정: unsure
        (6, "model", "wrong"),  # a fix of something else: VGG-16 is 138M, not 528M
        (7, "model", "wrong"),  # no fix at all: wrong
    ],
    "07_paper_tables.md": [
        (5, "model", "right"),  # B2 9.2M (Tan & Le 2019, Table 2; torchvision 9.11M)
        (5, "model", "right"),  # B2 1.0B (paper; torchvision 1.09)
        (6, "model", "right"),  # B4 19M (torchvision 19.34M)
        (6, "model", "right"),  # B4 4.2B (paper; torchvision 4.39)
        (7, "model", "right"),  # B5 30M (torchvision 30.39M)
        (7, "model", "right"),  # B5 9.9B (paper; torchvision 10.27)
        (8, "model", "right"),  # V2-S 24M (Tan & Le 2021, Table 7; torchvision 21.46M)
        (8, "model", "right"),  # V2-S 8.8B (paper; torchvision 8.37)
        (9, "model", "right"),  # V2-L 121M (paper; torchvision 118.5M)
        (9, "model", "right"),  # V2-L 53B (paper; torchvision 56.08)
        (11, "model", "right"),  # torchvision efficientnet_b4 num_params 19,341,616
        (11, "model", "right"),  # torchvision 4.39 GFLOPS
        (12, "model", "wrong"),  # 3.2: neither the paper's 4.2 nor torchvision's 4.39
    ],
    "08_header_units_row.md": [
        (6, "model", "right"),  # ResNet-34 21,797,672 ~ 21.8 (M from the units row)
        (6, "model", "right"),  # 3.66 G
        (7, "model", "right"),  # DenseNet-169 14,149,480 ~ 14.1
        (7, "model", "right"),  # 3.36 ~ 3.4 G
        (8, "model", "right"),  # VGG-19 143,667,240 ~ 143.7
        (8, "model", "wrong"),  # VGG-19 is 19.63 GFLOPs, not 15.5 (VGG-16's)
        # 12, 13: 44.5 and 61.1 "parameters" with no scale anywhere: unsure
        (12, "model", "right"),  # ResNet-101 7.80 GFLOPs
        (13, "model", "right"),  # AlexNet 0.71 GFLOPs
    ],
    "09_sides_arrows_wraps.md": [
        (5, "model", "right"),  # ConvNeXt-B 88,591,464 ~ 89M (FLOPs at 384: unsure)
        (6, "model", "right"),  # 89M
        (6, "model", "wrong"),  # at 224 ConvNeXt-B is 15.36 GFLOPs, not 45.0
        # 8: 300 x 1.28M = 384M (not read), 384 / 115.2 = 3.3: the ratio not judged wrong
        (9, "arithmetic", "right"),  # 3*3*256 = 2,304
        (9, "arithmetic", "right"),  # 1*1*256 = 256
        (9, "ratio", "wrong"),  # 2,304 / 256 = 9x, not 4x
        # 11: 128*32 = 4,096 and its 32 biases; 12: 9*32*128 = 36,864 and 128: labels
        (13, "arithmetic", "wrong"),  # 64*16 + 16 = 1,040, not 1,060
        (15, "arithmetic", "right"),  # 6 + 12 + 24 + 16 = 58
        # 16: "+ 3 transitions + 1 FC = 121" goes on from line 15 (116 + 1 + 3 + 1)
        (17, "arithmetic", "wrong"),  # a bullet's own sum: 3 + 1 = 4, not 5
    ],
}

# every fixture has its expectations and every expectation its fixture: a file left out
# of EXPECTED is held to no verdict at all
NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_lb_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
