"""`cnnstat check` on the mechanisms behind the false alarms of notes never seen (issue 19,
set-i and set-j as first read), each written in this repository's own words with its
neighbouring forms, English and Korean:

- KaTeX copied three times over (the page's text, the source, the drawn copy glued:
  ``64×64=4,09664\\times64=4,09664×64=4,096``) or its source before its rendering
  (``128\\times128=16,384128×128=16,384``): one copy is read, never ``4,09664``;
- a total under a list of per-layer counts is the list's sum, not its last line's
  count: right when it is the sum, unsure otherwise (it may count what is not listed);
- a ratio with no quantity of its own is of what its clause names: a file's size after
  compression is not a parameter count (unsure), nor is a bare "smaller" (unsure when off);
- what a layer computes at one position (``output[i, j] = sum(...)``, ``Y(x, y) = Σ ...``)
  is no output-size rule;
- a depth far above the network's (``ResNet50 has 177 layers``), or above it where a
  framework is named (``23 layers in Keras``), counts a framework's layer objects: unsure,
  unless it is another member's depth (``ResNet-50 has 152 layers``: wrong);
- a network's name written on past what the specs know (``DenseNet-BC-100``,
  ``ShuffleNet V2 2x``, ``MobileNet 0.5``) or inside a longer one (``Inception-ResNet-v2``)
  is a variant: a figure off the known member's is unsure;
- a quiz's answer options (``C. 56x56x96``, ``② 28x28x8``) are not the map a walkthrough
  goes on from, and a line that gives its map from a size the walkthrough did not read
  (``16 filters: 14x14x6 -> 10x10x16``), or a map after a line that changed the size by a
  layer the walk does not read (``x2 upsample: 10x10 → 20x20``), is not judged from an
  earlier map;
- a conv in code with ``bias=False``, ``use_bias=False``, ``groups=`` or its channels
  first (``input_shape=(3, 32, 32)``) is not assumed to have (k·k·C_in + 1)·N parameters
  with C_in the shape's last: a count of it is not judged by its intent;
- summary rows pasted without their header may be the bottom of a longer summary: a total
  larger than their sum is not judged; one smaller than their sum is still wrong.

The hand arithmetic stands beside each claim; the multiset of (line, kind, verdict) must
match exactly (before these guards the notes gave 29 false alarms).
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

DIR = ROOT / "tests/fixtures/notes/unseen_mechanisms"

EXPECTED = {
    "01_katex_three_copies.md": [
        (3, "arithmetic", "right"),  # 64*64 = 4,096
        (5, "arithmetic", "right"),  # 4,097*10 = 40,970
        (7, "arithmetic", "right"),  # 3*3*3 = 27
        (9, "arithmetic", "wrong"),  # 7*7*3 = 147, not 150
    ],
    "02_total_after_list.md": [
        (5, "arithmetic", "right"),  # 784*64 + 64 = 50,176 + 64 = 50,240
        (6, "arithmetic", "right"),  # 64*32 + 32 = 2,048 + 32 = 2,080
        (7, "arithmetic", "right"),  # 32*10 + 10 = 330
        (8, "arithmetic", "right"),  # 50,240 + 2,080 + 330 = 52,650: the list's sum
        (12, "arithmetic", "right"),  # 100*20 + 20 = 2,020
        (13, "arithmetic", "right"),  # 20*5 + 5 = 105
        # line 14: 2,200 is not 2,020 + 105 = 2,125, but a total may hold more: unsure
        (16, "arithmetic", "right"),  # 5*5*3*8 + 8 = 600 + 8 = 608
        # line 17: "total params: 1000" after one conv's 608: a total of more: unsure
        (19, "arithmetic", "right"),  # 3*3*16*32 + 32 = 4,608 + 32 = 4,640
        (20, "arithmetic", "wrong"),  # the count just worked out is 4,640, not 4,460
    ],
    "03_ratio_of_what.md": [
        # line 3: 510x smaller after compression: a file's size, not parameters: unsure
        # line 5: "500x smaller" with no quantity: a size or a count? unsure
        # SqueezeNet 1.25M against AlexNet 61M parameters (the papers): about 49x
        (7, "ratio", "wrong"),  # "10x fewer parameters": 49x, not 10x
        # line 9: 모델 용량 (the file's size) 500배: not parameters: unsure
        (11, "ratio", "wrong"),  # 파라미터가 500배 적다: 49x, not 500x
    ],
    "04_elementwise_definitions.md": [
        (5, "formula", "right"),  # O = (W - K + 2P)/S + 1: the output size rule
        # lines 9, 11, 13: what each position computes, no size rule: not judged
    ],
    "05_summary_bottom_rows.md": [
        (5, "summary", "right"),  # a Flatten holds no parameters
        (6, "summary", "right"),  # (25,088 + 1) * 512 = 12,845,568
        (7, "summary", "right"),  # (512 + 1) * 10 = 5,130
        # line 9: 27,565,386 > 0 + 12,845,568 + 5,130: rows above the first shown: silent
        (13, "summary", "right"),  # a Flatten holds no parameters
        (14, "summary", "right"),  # (25,088 + 1) * 512 = 12,845,568
        (15, "summary", "right"),  # (512 + 1) * 10 = 5,130
        (17, "summary", "wrong"),  # 12,000,000 < 12,850,698, the rows shown alone
    ],
    "06_katex_source_first.md": [
        (3, "arithmetic", "right"),  # 128*128 = 16,384 (the source, then its rendering)
        (5, "arithmetic", "right"),  # (32 - 5)/1 + 1 = 28
        (7, "arithmetic", "wrong"),  # 3*3*3 = 27, not 30
    ],
    "07_depth_layer_objects.md": [
        # lines 3, 5, 7: 177 (ResNet50), 23 (VGG16), 427 (DenseNet121) layer objects in
        # Keras, above the 50, 16 and 121 weighted layers: a framework's count, unsure
        (9, "model", "wrong"),  # ResNet-50 has 50 layers; 152 is ResNet-152's
        (11, "model", "wrong"),  # VGG16 has 16; 19 is VGG19's
        (13, "model", "right"),  # GoogLeNet: 22 layers with weights (Szegedy et al. 2014)
    ],
    "08_named_variants.md": [
        # lines 3-15: DenseNet-BC-100, MnasNet-A1, ShuffleNet V2 2x, MobileNet 0.5,
        # MobileNetV2 (width 1.4), Inception-ResNet-v2, ResNet-50x4: variants, unsure
        (17, "model", "right"),  # MobileNetV2: 3.4M (Sandler et al. 2018, Table 8)
        (19, "model", "wrong"),  # ResNet-50: 25.6M (He et al.), not 2.5M
        (21, "model", "wrong"),  # DenseNet-121: 8.0M (Huang et al.), not 80M
    ],
    "09_options_and_unread_inputs.md": [
        # lines 4-6 and 13-14: a quiz's options; line 10's input (14x14x6, after "16
        # filters:") is its own: not judged from the last option (56x56x96)
        # line 8, the letter answer (``answers``): option A, (227 - 11)/4 + 1 = 55: right
        (8, "shape", "right"),
        (16, "shape", "right"),  # 26 - 3 + 1 = 24
        (18, "shape", "right"),  # 32 - 5 + 1 = 28
        (19, "shape", "right"),  # 28 / 2 = 14
        (20, "shape", "right"),  # 14 - 5 + 1 = 10
        # line 22 changes a map by a layer the walk does not read (an upsampling): line
        # 24's 224x224x64 is not judged from line 20's 10x10x16
    ],
    "10_settings_not_assumed.md": [
        (8, "arithmetic", "right"),  # 3*3*3*64 = 1,728: bias=False, no biases to add
        (14, "arithmetic", "right"),  # 3*3*1*32 = 288: use_bias=False
        (20, "arithmetic", "right"),  # (5*5*3 + 1)*16 = 76*16 = 1,216: channels first, 3
        (26, "arithmetic", "right"),  # (5*5 + 1)*32 = 26*32 = 832
        (26, "params", "wrong"),  # Conv2d(16, 32, 5): (5*5*16 + 1)*32 = 12,832
    ],
    "11_billions_and_accuracy.md": [
        # a bare B before FLOPs, MACs or params is billion, never bytes (EfficientNet
        # paper, Table 2: B0 has 5.3M parameters and 0.39B FLOPs)
        (3, "model", "right"),  # 0.39B FLOPs
        (5, "model", "wrong"),  # 3.9B is ten times the paper's 0.39B
        # an accuracy on the line is no share of the network (MobileNet paper, Table 8:
        # 1.0 MobileNet-224, 569M mult-adds, 4.2M parameters, 70.6%)
        (7, "model", "right"),  # 569M MAdds
        (7, "model", "right"),  # 4.2M parameters
        (9, "model", "wrong"),  # torchvision resnet50: 25,557,032 parameters, not 11.7M
        # line 11: "89% of the total" is a share: a part's count, not judged as the model's;
        # its "three FC layers" is VGG16's count of FC layers (Table 1 D: FC-4096 x2, FC-1000)
        (11, "model", "right"),
    ],
    "12_weights_apart.md": [
        (9, "arithmetic", "right"),  # 3*3*1*16 = 144
        # line 9 says weights, biases apart: 144 is no count with its biases left out
        (10, "arithmetic", "right"),  # 3*3*16*32 = 4,608 (weights, 32 biases beside)
        (11, "arithmetic", "right"),  # 3*3*1*16 = 144 ...
        (11, "params", "wrong"),  # ... but "everything": (3*3*1 + 1)*16 = 160
        # line 13: a product, then a comment naming its factors: no rule with the
        # product's numbers multiplied into it (was judged a wrong formula)
    ],
    "13_spaced_then_tight.md": [
        # each size written twice (spaced, then tight): read once, 5 x 5 is a kernel
        (5, "shape", "right"),  # (64 - 5)/1 + 1 = 60: 60x60x10
    ],
    "14_layer_kind_columns.md": [
        # AlexNet: 5 conv, 3 FC; VGG-16: 13 conv, 3 FC (the papers)
        (5, "model", "right"),  # AlexNet 5 conv
        (5, "model", "right"),  # AlexNet 3 FC
        (6, "model", "right"),  # VGG-16 13 conv
        (6, "model", "wrong"),  # VGG-16 has 3 FC layers, not 2
        # lines 10-11: "No. of Pooling Layers" and a misspelt kind's "Layers" count a kind
        # of layer, not the depth (AlexNet 5 and VGG-19 16 were judged depths, wrong)
    ],
    "15_figure_of_the_compared.md": [
        # line 3: 19 layers after "less than VGG nets": VGG's figure, not ResNet's (was
        # judged ResNet's depth, wrong); line 5 likewise: skipped
        (7, "model", "right"),  # VGG: 16 or 19 layers
    ],
    "16_patch_stride_cells.md": [
        # "conv 7×7/2", "3x3/1": a layer's patch size over its stride (the GoogLeNet
        # paper's notation), never 7*7/2 = 24.5 against the next cell (were 3 wrongs)
        (6, "receptive field", "right"),  # RF 1 + (7-1)*1 = 7
        (6, "receptive field", "right"),  # jump 1*2 = 2
        (7, "receptive field", "right"),  # RF 7 + (3-1)*2 = 11
        (7, "receptive field", "right"),  # jump 2*2 = 4
        (8, "receptive field", "right"),  # RF 11 + (3-1)*4 = 19
        (8, "receptive field", "right"),  # jump 4*1 = 4
        # line 9: the name writes 5×5/1, the stride column 2: the column is wrong
        (9, "shape", "wrong"),
        (9, "receptive field", "right"),  # RF 19 + (5-1)*4 = 35, as the columns give it
        (9, "receptive field", "right"),  # jump 4*2 = 8, as the columns give it
        (13, "arithmetic", "right"),  # 3*3*64 = 576
        # line 14: 3*3*128 = 1,152, not 1052: a cell pair without a calculation's header
        # is judged only where right (unsure otherwise)
    ],
    "17_depth_ratio.md": [
        # line 3: "8배 많은 depth" is a ratio of depths (152/19 = 8), not of parameters
        # (was judged 0.44x, wrong)
        (3, "model", "right"),  # ResNet-152: 152 layers
        (7, "ratio", "right"),  # VGG-16 133.6M-138.4M over ResNet-50 25.6M: 5.2-5.4x, "5x"
    ],
    "18_torch_signature_conv2d.md": [
        # Conv2D(3, 64, kernel_size=3, stride=1, padding=1, bias=True): a class of the
        # note's own with PyTorch's (in, out), not Keras' Conv2D(filters, ...) (line 8
        # was judged 3 channels, wrong)
        (18, "shape", "right"),  # 28 - 3 + 1 = 26, 32 filters
        (19, "shape", "wrong"),  # 26 - 3 + 1 = 24, but 64 filters give 64 channels
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_unseen_mechanisms(name):
    from cnnstat.notes.check import check_file

    claims = check_file(DIR / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
