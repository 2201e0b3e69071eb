"""`cnnstat check` on the false-alarm mechanisms of the dev set set-y1 (issue 19, at
b4642f0), each in the form that drew it and others of the same class, with a wrong line
beside the right ones where the reader should still catch one:

- a kernel written in math with its word after the closing ``$`` (``$5\\times5$ conv``) is a
  kernel, not a map (it was a map the example's ``1x1 conv`` "gave"); a kernel with its
  settings before its word (``$1\\times1, s=1$ 필터 32개``) is a kernel; lines whose products
  are written with ``\\times`` alone are read at all; a map the line writes already padded
  (``p=1이면 6x6이 8x8이 되고, 3x3 필터를 쓰면 6x6``) has its padding spent;
- a count of FC or conv layers over ten times the network's own (``FC-1: 4096 fully
  connected layers``) is a layer's width, not a count of layers: unsure;
- a shape inside a comment that is a sentence speaks of what the sentence names: the
  image or input (``# (10, 10, 1)의 크기의 이미지를 ...``, ``# (64, 64, 3) images go in``) is
  the layer's input; a shape the layer gives with its padding the other way (``# 패딩 없이
  훑으면 ... (None, 26, 26, 16)이 된다`` under ``padding='same'``) is a case the sentence
  supposes: unsure, where a bare shape comment stays judged;
- a cost formula ending in Korean (``FLOPs는 $K \\times ...$ 이 된다``) is read, ``O_H``, ``O_W``
  are the output's sides, a cost with no kernel and no input channels is no conv's (a batch
  norm's ``O_H x O_W x 2``), and a FLOPs formula equal to the MACs is wrong where the note
  made FLOPs twice the MACs (``FLOPs = 2 x MAC + ADD``), unsure elsewhere;
- a norm layer's ``γ, β`` shape under the input's (``x : N x D``) keeping the batch ``N``
  is wrong: they are learned, one per feature or channel;
- Inception modules built in code in torchvision's order (``Inception(480, 192, 96, 208, 16,
  48, 64)``): each takes the one above's 1x1 + 3x3 + 5x5 + pool channels (a ``Linear`` after
  the last, too): right, unsure where not;
- a product said in Korean words with the count after its unit as the subject (``필터당 76개
  ..., 이 필터가 총 10개 있으니까 전체 760개``): ``perunit`` reads ``<unit>가 (총) N개`` and
  ``...니까``, ``...므로``, ``전체``, ``모두`` before the total;
- a parameter rule with the kernel's side three times (``C_out x C_in x K x K x K``) is a
  3D conv's count: right where a 3D convolution is named, unsure elsewhere.

The fixtures (tests/fixtures/notes/y1_forms) are in this repository's own words; the
expected (line, kind, verdict) multisets are worked out by hand beside each.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests/fixtures/notes/y1_forms"

EXPECTED = {
    "01_kernel_after_math.md": [
        (3, "shape", "right"),  # 1x1, s=1 on 14x14: 14 - 1 + 1 = 14
        (5, "shape", "right"),  # 1x1, stride 1 on 56x56: 56
        (7, "shape", "right"),  # 32 - 5 + 1 = 28
        (9, "shape", "right"),  # the padded 14x14 written: 14 - 5 + 1 = 10
        (11, "shape", "right"),  # the padded 14x14 written: 14 - 3 + 1 = 12
        (13, "shape", "wrong"),  # 20 - 3 + 1 = 18, not 19
    ],
    "02_widths_after_layer_names.md": [
        # lines 3-6: 4096, 4096, 1000 units and 96 filters, not counts of layers: unsure
        (8, "model", "right"),  # AlexNet: FC6, FC7, FC8
        (10, "model", "wrong"),  # 3, not 5
        # line 14: VGG16's fc2 has 4096 units: unsure
    ],
    "03_cube_kernels.md": [
        (4, "formula", "right"),  # a 3D conv's weights: C_out * C_in * K^3
        (5, "formula", "right"),  # with one bias a filter
        (7, "formula", "right"),  # Conv3d named on the line
        (10, "formula", "right"),  # the 2D count
        (11, "formula", "wrong"),  # C_in*K + K: no count of a conv
        # line 17: K three times with no 3D conv named: unsure
    ],
    "04_keras_sentences.md": [
        (5, "shape", "right"),  # the model's input, input_shape=(28, 28, 3)
        (6, "shape", "right"),  # 'same': 28x28, 16 filters
        (7, "shape", "right"),  # the sentence names the image: the layer's input
        # line 8: 28 - 3 + 1 = 26 unpadded, as the sentence supposes: unsure
        (10, "shape", "right"),  # 28 - 3 + 1 = 26, 8 filters
        (11, "shape", "wrong"),  # the sentence calls it the output: 26, not 25
        (17, "shape", "right"),  # the sentence names the images: the input
        # line 18: 64 - 5 + 1 = 60 unpadded: no layer's output as the code stands: unsure
        (19, "shape", "right"),  # 64 / 2 = 32
        (20, "shape", "wrong"),  # 'same': 32, not 30
    ],
    "05_flops_by_the_notes_rule.md": [
        (3, "cost", "right"),  # one MAC is two FLOPs
        (7, "cost", "right"),  # K^2 * C_in * C_out * O_H * O_W: a conv's MACs
        (9, "cost", "wrong"),  # the MACs again, where line 3 made FLOPs twice them
        (11, "cost", "right"),  # 2 * the MACs
        # line 15: a batch norm's cost, no kernel, no input channels: no conv's, not read
    ],
    "06_flops_as_macs.md": [
        # line 5: FLOPs written for the MACs, no rule of the note's says otherwise: unsure
        # line 7: the kernel's side once, a guess of the reader's: unsure
    ],
    "07_norm_scale_shapes.md": [
        (6, "shape", "right"),  # one gamma a channel: 1 x C x 1 x 1
        (10, "shape", "right"),  # layer norm over C, H, W: 1 x C x H x W
        (15, "shape", "wrong"),  # N is the batch: learned parameters never have it
        (19, "shape", "wrong"),  # B, the batch, again
    ],
    "08_inception_chain.md": [
        # line 8: the first module, nothing above it
        (9, "shape", "right"),  # 64 + 128 + 32 + 32 = 256
        (11, "shape", "right"),  # 128 + 192 + 96 + 64 = 480 (the pooling keeps channels)
        # line 12: 192 + 208 + 48 + 64 = 512, not 500: another order of arguments? unsure
        (13, "shape", "right"),  # 160 + 224 + 64 + 64 = 512
        # line 15: a conv between: the chain starts again
        (18, "shape", "right"),  # 64 + 64 + 32 + 32 = 192, pooled to 1x1
    ],
    "09_per_unit_korean.md": [
        (3, "arithmetic", "right"),  # 785 x 10 = 7850
        (4, "arithmetic", "right"),  # 28 x 6 = 168
        (5, "arithmetic", "wrong"),  # 28 x 8 = 224, not 214
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_y1_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_every_fixture_is_listed():
    assert sorted(p.name for p in FORMS.glob("*.md")) == sorted(EXPECTED)
