"""`cnnstat check` on the forms behind set-p1..p3's first-contact false alarms (issue 19,
helper pd: FA hunter), each beside a wrong line the fix must still catch. The correct
passages themselves are ``hostile_correct/pd-*.md`` (each raised a false alarm before).

Mechanisms:
- a layer that keeps its input's shape and that references place on either side of a
  neighbour (LRN, batch norm, an activation, dropout) may state its own output or the
  next one that differs (``specrows.outputs``: CS231n puts AlexNet's NORM1 after POOL1,
  27x27x96; the paper and Caffe before it, 55x55x96); a table's label written again
  (``CONV3`` on three rows) names no one layer after its first row: right where a spec
  agrees, never wrong (``specrows.again``, ``convrows``);
- "2 fully connected layers, 1 final fully connected layer": the output layer named apart
  with its kind between (``factjudge._OUTPUT_APART``);
- "11x11 kernels" holds no count of filters (``nthconv._FILTERS``: the count whole);
- a sum equal to a map with a depth (``64 + 128 + 32 + 32 = 28x28x256``) may give its
  depth as well as its side (``mapsides.map_figures``);
- a count before "channel", "filter" or "feature map" is no flatten's length;
- a tensor one channel deep beside a count of maps is each map's (``mapcount``);
- a layer block's carried map follows an output stated under a layer the reader does not
  read (``layerblock``: "Dropout: / output: ..."), instead of the last block's;
- ``r<sub>out</sub>`` masked (a letter, its tag's blanks, a subscript word) is ``r_out``
  (``operands.role``);
- a map whose depth is a symbol (``6x6x#filters``) gives no kernel (``walkthrough._K_PRODUCT``);
- "n = 26" under an arithmetic progression counts its terms, one more than the steps
  (``convcount``), and "26 steps" is a count of convolutions;
- a bare "size" on the left of a rule whose right side holds the input's size is the
  result (``rulelines``: "shrinks to size = (n+2p-f+1)/s + 1" is wrong);
- a count of convolutions written with a half (``99.5 layers``) or as "such operations",
  and one offered beside the right one ("99 or 100 times") left alone (``convcount``);
- a VGG-style label that writes its filters (``CONV3-64``) against the map its row
  states (``[56x56x256]``): a conv gives as many channels as its filters (``labelwidth``);
- "11 bias per filter": a filter or unit holds one bias (``paramcounts/biasper``);
- a Keras shape alone on a comment line, equal to an output two or more layers up, is
  recalled, not the layer above's (``kerasplace.Placement.told``).

Expected values worked by hand in the comments (the layer algebra's formulas:
floor((n + 2p - k)/s) + 1; AlexNet: Krizhevsky et al. 2012 and torchvision's alexnet).
"""

import pytest

from tests.conftest import ROOT, form_names, form_verdicts

DIR = ROOT / "tests/fixtures/notes/pd_forms"

EXPECTED = {
    "01_alexnet_table_and_counts.md": [
        (6, "model", "right"),  # conv1: (227 - 11)/4 + 1 = 55, 96 filters
        (7, "model", "right"),  # pool1: (55 - 3)/2 + 1 = 27
        (8, "shape", "wrong"),  # PLANTED: a norm keeps 27x27x96, not 13x13x96
        (8, "model", "wrong"),  # the same, by the spec: 55x55x96 or (after pool1) 27x27x96
        (9, "model", "right"),  # conv2: 5x5 pad 2 keeps 27, 256 filters
        (10, "model", "right"),  # pool2: (27 - 3)/2 + 1 = 13
        (11, "shape", "right"),  # norm2 keeps 13x13x256
        (11, "model", "right"),  # 13x13x256: pool2's output, the norm after it
        (12, "model", "right"),  # conv3: 3x3 pad 1 keeps 13, 384 filters
        (13, "model", "right"),  # the label again; 13x13x384 agrees with conv3's
        (14, "shape", "right"),  # conv5's 13x13x256 (the named net's maps)
        # line 14: "CONV3" a third time, 256: not conv3's 384, but which layer is unsure
        (15, "model", "right"),  # pool3: (13 - 3)/2 + 1 = 6
        (19, "model", "right"),  # AlexNet: 5 conv layers
        (19, "model", "wrong"),  # PLANTED: AlexNet has 3 fully connected layers (fc6-fc8)
        (20, "model", "right"),  # 5 conv layers
        (20, "model", "right"),  # 2 fully connected layers besides the final one named apart
        (21, "model", "right"),  # conv1 kernel 11x11
        (21, "model", "right"),  # conv1 stride 4 (no count of filters read from "11x11")
    ],
    "02_sums_flatten_maps.md": [
        (3, "arithmetic", "right"),  # 64 + 128 + 32 + 32 = 256, the map's depth
        (4, "arithmetic", "wrong"),  # PLANTED: 128 + 192 + 96 + 64 = 480, neither 28 nor 840
        (6, "arithmetic", "right"),  # 128 * 4 * 4 = 2048 (the 128 before "channel" no length)
        (8, "shape", "wrong"),  # PLANTED: 4 * 4 * 128 = 2048 values, not 1024
        (10, "arithmetic", "info"),  # (30x30x1): each map's, the 10 not judged against its 1
        (12, "shape", "wrong"),  # PLANTED: 26x26x16 holds 16 maps, not 12
        (12, "arithmetic", "info"),
    ],
    "03_blocks_rules_counts.md": [
        # line 9 (16x16x48) stated under a conv this reader does not read: the next block
        # goes on from it
        (11, "shape", "wrong"),  # PLANTED: a 2x2 pooling keeps 48 channels: 8x8x48, not 8x8x16
        (17, "formula", "right"),  # r_out = r_in + (k - 1) j_in (Araujo et al., Distill 2019)
        (19, "formula", "wrong"),  # PLANTED: (k + 1) in place of (k - 1): a 3x3 at j 1 gives 5, not 3
        (25, "arithmetic", "right"),  # (101 - 1)/4 + 1 = 26 terms (not judged as a count)
        (27, "count", "wrong"),  # PLANTED: (101 - 1)/(5 - 1) = 25 steps, not 26
    ],
    "04_keras_recalled_comment.md": [
        (9, "shape", "right"),  # 10 - 3 + 1 = 8: (N, 8, 8, 6)
        (11, "shape", "right"),  # 8 * 8 * 6 = 384
        # line 14: (N, 384) is the Flatten's, two layers up: recalled, not judged
        (16, "shape", "wrong"),  # PLANTED: Dense(2) gives (N, 2); (N, 4) is the layer before
    ],
    "05_size_formula_counts.md": [
        (3, "formula", "wrong"),  # PLANTED: floor((n + 2p - f)/s) + 1; the extra + 1 gives
        # n + 2p - f + 2 at s = 1 (a bare "size" on the left with n on the right: the result)
        (7, "count", "wrong"),  # PLANTED: 10.5 layers; (41 - 1)/(5 - 1) = 10 exactly
        (7, "arithmetic", "right"),  # 42/4 = 10.5
        (9, "count", "wrong"),  # PLANTED: "11 such operations": 10
        # line 11: "10 or 11 times": one of the two offered is the count, not judged
    ],
    "06_vgg_label_widths.md": [
        (5, "shape", "right"),  # conv3-32: 32 filters, [64x64x32]
        (5, "arithmetic", "right"),  # 3*3*3*32 = 864
        (6, "shape", "right"),  # conv3-32 again: [64x64x32]
        (6, "arithmetic", "right"),  # 3*3*32*32 = 9,216
        (6, "params", "right"),  # the same count, by the layer table
        (8, "shape", "wrong"),  # PLANTED: the label pasted: a conv3-32 gives 32 channels, the row 96
        (8, "arithmetic", "right"),  # 3*3*32*96 = 27,648
        (8, "params", "right"),
        (9, "shape", "right"),  # conv1-48: 48 filters, [32x32x48]
        (9, "arithmetic", "right"),  # 1*1*96*48 = 4,608
        (9, "params", "right"),
    ],
    "07_bias_per_filter.md": [
        (3, "params", "wrong"),  # PLANTED: a filter (one output channel) has 1 bias: (k*k*c_in + 1)*c_out
        (3, "arithmetic", "right"),  # 3*3*3 = 27
        (5, "params", "right"),  # 1 bias for each filter
        (5, "arithmetic", "right"),  # (27 + 1) * 16 = 448
    ],
}

NAMES = form_names(DIR, EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_pd_form(name):
    assert form_verdicts(DIR / name) == sorted(EXPECTED.get(name, []))
