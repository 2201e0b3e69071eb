"""`cnnstat check` on prose forms (issue 19) that real notes use and the checker misread
or missed: a filter's own volume (``each filter is 5x5x3``) taken for a feature map; a
question's givens taken for an input and the output it claims; ordinal layer indices
(``layers 3, 4 and 5``) taken for a depth; ...

Each fixture under tests/fixtures/notes/prose_forms was written for this repository in its
own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out by
hand in the comment beside it; a claim not listed fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "prose_forms"

EXPECTED = {
    "01_filter_volume.md": [
        # lines 4, 5, 8, 9: "each filter is 5x5x3", "16 filters of size 5x5x6", "필터의
        # 크기는 3x3x64", "커널은 3x3x128": a filter's volume, not a map a pool runs over;
        # nothing on those lines is judged (a 5x5 map pooled 2x2 would be 2x2, not 14x14)
        (12, "shape", "right"),  # 28x28x6 pooled 2x2 (stride 2): 28/2 = 14, channels kept
        (13, "shape", "wrong"),  # 14x14x6 pooled 2x2: 7x7x6; a pool keeps 6 channels, not 8
    ],
    "02_questions.md": [
        # lines 4, 7, 8, 11, 12: questions; their maps are givens of a new problem, not the
        # output of the layer above (28x28x6 pooled is 14x14x6: no claim of 32x32x3)
        (14, "shape", "right"),  # the answer after the question: 28 pooled 2x2 is 14
    ],
    "03_layer_places.md": [
        # AlexNet: 8 weight layers, 5 conv and 3 FC (Krizhevsky et al. 2012, Fig. 2)
        (3, "model", "right"), (3, "model", "right"), (3, "model", "right"),
        # lines 4-7: "the 3, 4 and 5 layers", "1, 2 FC 층", "3번째, 4번째 층" name layers by
        # place; line 8: "the first 2 layers", "3 layers in the last block": parts
        (9, "model", "right"),  # VGG-16: 16 weight layers (Simonyan & Zisserman, config D)
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_prose_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
