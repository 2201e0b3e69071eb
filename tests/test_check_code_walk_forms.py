"""`cnnstat check` on the figures comments and prose state about a model the note's code
defines: the layers read from the code (Keras, TensorFlow 1, PyTorch) carried to the
comment lines around each layer and judged through the layer algebra.

The fixtures (tests/fixtures/notes/code_walk) are this repository's own text in the forms
real notes use; the hand arithmetic stands beside each expected claim, and the multiset of
(line, kind, verdict) must match exactly, so a false alarm fails as surely as a miss.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests/fixtures/notes/code_walk"

EXPECTED = {
    "01_result_then_colon.md": [
        # a result a colon follows with words or a list is worked out, then explained,
        # no ratio's term
        (6, "arithmetic", "right"),  # (64 - 4) / 2 + 1 = 30 + 1 = 31
        (8, "arithmetic", "wrong"),  # (31 - 3) / 1 + 1 = 29, not 28
        (11, "arithmetic", "right"),  # (28 - 2) / 2 + 1 = 13 + 1 = 14
        # line 13: "5x5 : 3x3x2 = 25 : 18" is a ratio: not read
    ],
    "02_tf_settings_comments.md": [
        # a conv's kernel and filter count in the comment over the weight it makes
        (6, "model", "right"), (6, "model", "right"),  # [5, 5, 3, 24]: 5x5, 24 filters
        # [3, 3, 24, 48]: 3x3 right; 48 filters, not 24 (the first conv's count, but the
        # comment says "second" and this is the second filter)
        (10, "model", "right"), (10, "model", "wrong"),
        # line 14: "5x5" over [3, 3, 48, 48] is the first conv's kernel, no ordinal: unsure
        (17, "model", "right"), (17, "model", "right"),  # beside [1, 1, 48, 96]
        (19, "shape", "wrong"),  # the matrix takes 8 * 8 * 96 = 6,144 inputs, not 4,096
        (22, "shape", "right"),  # [512, 10]
    ],
    "03_counts_next_to_layers.md": [
        # a count in the comment lines under or over a layer, against the layer
        (8, "arithmetic", "right"), (8, "params", "right"),  # 5*5*3*16 + 16 = 1,216
        # between the batch norm and the next conv: the note counts under its layers
        # (line 8 agreed with the layer above only); BatchNorm2d(16) holds 2 * 16 = 32
        (10, "params", "wrong"),
        (12, "arithmetic", "right"), (12, "params", "right"),  # no bias: 3*3*16*32 = 4,608
        # line 14: 128 = 4 * 32 counts the running statistics too (Keras's way): not judged
        # line 16: over a layer of the note's own: not judged
        (25, "arithmetic", "right"),  # 9*9*8 = 81*8 = 648; Flatten holds no parameters:
        # its "648 parameters" count its features, loosely: not judged
        # Dense(64) takes the 648 features the model gives ((20 - 3 + 1) / 2 = 9, 9*9*8):
        # 648*64 + 64 = 41,472 + 64 = 41,536, not 1568*64 + 64
        (28, "arithmetic", "right"), (28, "params", "wrong"),
        (30, "arithmetic", "right"), (30, "params", "right"),  # 64*10 + 10 = 650
    ],
    "04_keras_input_comments.md": [
        # line 2: before the model: not judged
        # a 5x5 valid conv on 32: 32 - 5 + 1 = 28, pooled by 2: 14; the conv below takes
        # (14, 14, 16), not (16, 16, 16)
        (9, "shape", "wrong"),
        (11, "shape", "right"),  # the input of the conv just above: (14, 14, 16)
        # 'same' keeps 14, 32 filters, pooled by 2: (7, 7, 32), not (7, 7, 16) (a count's
        # word beside the shape: the shape after the input word is read)
        (14, "shape", "wrong"),
        # line 18: a map of three sides over a layer that takes 20 features: not judged;
        # the count beside it is Dense(10)'s: 20*10 + 10 = 210
        (18, "arithmetic", "info"), (18, "params", "right"),
    ],
    "05_summary_with_notes_between.md": [
        # a line of the note's own words between two rows: the summary goes on
        (6, "summary", "right"),  # 3*3*1*4 + 4 = 40
        (8, "summary", "right"), (8, "summary", "right"),  # 3*3*4*8 + 8 = 296; 6 - 2 = 4
        (9, "summary", "right"), (9, "summary", "right"),  # 4*4*8 = 128, no parameters
        (10, "summary", "right"),  # (128 + 1) * 3 = 387
        (12, "summary", "wrong"),  # 40 + 296 + 0 + 387 = 723, not 683
        # every parameter trains: 723 as the rows sum, the total's slip copied; 683 - 683 = 0
        (13, "summary", "wrong"), (14, "summary", "right"),
        # the second summary: the line between holds figures, no words only: the rows
        # below it are a part (its total not judged); its row 22 is read as a first row
        (20, "summary", "right"), (21, "arithmetic", "right"), (22, "summary", "right"),
    ],
    "06_bare_counts_under_layers.md": [
        # a count worked out alone under a layer (no word, no result), one of its numbers
        # the layer's outputs; line 6 is an output size ('-', '/'), line 10 a map (no '+')
        (8, "params", "right"),  # 3*3*6*4 + 4 = 216 + 4 = 220
        # the model gives 12 - 3 + 1 = 10, then 8: 8*8*4 = 256 features; (256 + 1) * 16 =
        # 4,112, not (100 + 1) * 16
        (12, "params", "wrong"),
        (14, "arithmetic", "right"), (14, "params", "right"),  # 160 + 10 = 170
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_code_walk_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in FORMS.glob("*.md")) == sorted(EXPECTED)
