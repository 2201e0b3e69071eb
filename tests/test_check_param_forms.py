"""`cnnstat check` on parameter counts written in the forms real notes use (issue 19,
item 4: mistakes of intent): a layer's name ending in a number before the bracket of its
count (``C1 (5*5*1+1)*6 = 156``), a layer built in code with its count in the comment
beside it (PyTorch ``nn.Linear``/``nn.Conv2d`` over one line or several, Keras ``Dense``/
``Conv2D`` given their input's shape), and a count worked as a running chain, weights first
and then the biases (``3*3*3*64 = 1,728 + 64 = 1,792``), and with the biases added twice
where the ``+ 1`` already gave them; a formula whose outer opening brackets were left out
(``(1·1·256 + 1)·64) + ... =``), the formulas in symbols of notes kept in a string of
code (``FLOPs = 2·(9·C·C·H·W) = 18·C²·H·W``), C's ``#define N 2400 // 5*5*6*16``, a heading that works a count out, a total that
leaves out the layer listed after its last term, and calculations typed in a code block.

Each fixture under tests/fixtures/notes/param_forms was written for this repository in its
own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out by
hand in the comment beside it; a claim not listed fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "param_forms"

EXPECTED = {
    "01_layer_name_before_bracket.md": [
        # the number glued to a layer's name (C1, F6, conv2, 레이어3) names it: no operand
        (3, "arithmetic", "right"),  # (25 + 1) * 6 = 156
        (4, "arithmetic", "right"),  # (150 + 1) * 16 = 2,416
        (5, "arithmetic", "wrong"),  # 121 * 84 = 10,164, not 10,146
        (6, "arithmetic", "right"),  # (576 + 1) * 128 = 73,856
        (7, "arithmetic", "right"),  # (1,152 + 1) * 256 = 295,168
        (8, "arithmetic", "right"),  # "twice 2 (3 + 4)": a number set apart multiplies, 14
    ],
    "02_count_beside_layer_code.md": [
        # conv 3 -> 16, 3x3, bias: 3*3*3*16 = 432 weights + 16 = 448
        (7, "arithmetic", "right"), (7, "params", "right"),
        (8, "params", "right"),  # 16 -> 32, 3x3, bias=False: 9*16*32 = 4,608, no bias
        # line 9: 32 -> 32, 3x3: 9,216 weights + 32 biases = 9,248; 9216 is the weights
        # alone, whether biases count is the note's convention: not judged
        # line 10: 2048 * 100 = 204,800; + 100 = 204,900 (a running chain), the layer's
        (10, "arithmetic", "right"), (10, "params", "right"),
        # line 11: Linear(100, 10) has 1,010; 1,000 is its weights alone: not judged
        (13, "params", "wrong"),  # the call over two lines: 1,010, not 1,100
        # line 14: code switched off in a comment; line 15: two layers, one count;
        # line 16: a count "so far" is more than the layer's
        (23, "params", "right"),  # Conv2D 32, 3x3 on 1 channel: 9*32 + 32 = 320
        # line 24: Conv2D with no input shape in the call: the model's 32 channels before
        # it (lh): 3*3*32*64 + 64 = 18,496, not 1,000
        (24, "params", "wrong"),
        (25, "arithmetic", "right"),  # 64*10 = 640 (weights alone of 650: not judged)
        (26, "params", "right"),  # 784*64 + 64 = 50,176 + 64 = 50,240
        # 128*10 + 1 = 1,281 as arithmetic; the layer has 10 biases: 1,280 + 10 = 1,290
        (27, "arithmetic", "right"), (27, "params", "wrong"),
        # line 28: input_shape=(1, 28, 28) may be channels first (the config decides, not
        # the call): not judged; line 29: a model's count beside its last layer
    ],
    "03_running_chain.md": [
        # a chain that goes on from its result is judged link by link, its last result
        # against its last link
        (3, "arithmetic", "right"),  # 1,728; + 64 = 1,792
        (4, "arithmetic", "right"),  # 3*3*64 = 576; 576*128 = 73,728; + 128 = 73,856
        (5, "arithmetic", "right"),  # 4,096,000; + 1000 = 4,097,000
        # (75 + 1) * 6 = 456 already holds the 6 biases; + 6 = 462 adds them again: no
        # step of the chain (456 + 6 is not 456), and the count is wrong
        (6, "arithmetic", "wrong"), (6, "arithmetic", "wrong"), (6, "params", "wrong"),
        (7, "arithmetic", "wrong"),  # 2,400 + 16 = 2,416, not 2,426
        (8, "arithmetic", "right"),  # 28/2 = 14, a map written 14x14x512: no step
        # 121 * 84 = 10,164 already holds the 84 biases; + 84 = 10,248 adds them again
        (9, "arithmetic", "wrong"), (9, "arithmetic", "wrong"), (9, "params", "wrong"),
    ],
    "04_brackets_left_open.md": [
        # the closers after "· 128)" and "· 256)" close nothing: the outer openers of
        # ((3·3·64 + 1)·128) were left out, so each term is as written without them
        (3, "arithmetic", "wrong"),  # 577·128 + 129·256 = 73,856 + 33,024 = 106,880
        (4, "arithmetic", "right"),  # 76·6 + 151·16 = 456 + 2,416 = 2,872
        (5, "arithmetic", "right"),  # 28·32 + 289·64 = 896 + 18,496 = 19,392
        # line 6: "2)" ends a term that is no bracket's: not read; line 7: a power after
        # the stray closer, ((2+3)·4)² or (2+3)·4²: not read
    ],
    "05_notes_in_code_string.md": [
        # lines of a triple-quoted string in code are prose: formulas in symbols too
        (6, "symbolic", "right"),  # 2·(9·C·C·H·W) = 18·C²·H·W
        (7, "symbolic", "right"),  # 9·128·128 = 147,456, twice: 294,912·H·W
        # (128·32 + 9·32·32 + 32·128) = 4,096 + 9,216 + 4,096 = 17,408, not 17,480; the
        # bracket alone is shown as information
        (8, "arithmetic", "info"), (8, "symbolic", "wrong"),
        (9, "symbolic", "right"),  # 2·9·64·64 = 73,728
    ],
    "06_c_defines.md": [
        # C's "#define NAME value // calculation": the '#' opens no comment, the '//' does
        (4, "arithmetic", "right"),  # 5*5*3*6 = 450, the value before the comment
        (6, "arithmetic", "right"),  # 5*5*6*16 = 2,400
        (7, "arithmetic", "right"),  # 5*5*16*120 = 48,000, worked in the comment
        (8, "arithmetic", "wrong"),  # 120*84 = 10,080, not 10,008
        (9, "arithmetic", "right"),  # a directive switched off: 450+900+150+16 = 1,516
        # line 10: 3 // 3*3 is a kernel's sides, not its value: not read
        (11, "arithmetic", "right"),  # 28*28*6 = 4,704 after a statement's ';'
        # line 12: no ';' before '//': C or Python's floor division? not read
    ],
    "07_calculation_in_heading.md": [
        # a heading that works a count out is read as a line of prose is
        (3, "arithmetic", "right"),  # 28 × 64 = 1,792 (the label's number glued to ':')
        (4, "arithmetic", "right"),  # 4,097 × 1,000 = 4,097,000
        (6, "arithmetic", "wrong"),  # 4,097 × 4,098 = 16,789,506, not 16,781,312
        (7, "arithmetic", "right"),  # 577 × 128 = 73,856
    ],
    "08_total_leaves_out_a_layer.md": [
        # each layer's count (k·k·C + 1)·N or (n + 1)·m, right as written
        (3, "arithmetic", "right"), (4, "arithmetic", "right"), (5, "arithmetic", "right"),
        (6, "arithmetic", "right"),  # 28·32 = 896; 289·64 = 18,496; 1,601·128 = 204,928; 1,290
        # 896 + 18,496 + 204,928 = 224,320 as written, but the layer listed after its last
        # term (1,290) is left out of the total: 225,610
        (8, "arithmetic", "wrong"),
        (12, "arithmetic", "right"), (13, "arithmetic", "right"), (14, "arithmetic", "right"),
        (16, "arithmetic", "wrong"),  # 156 + 2,416 = 2,572; with 48,120: 50,692
        (20, "arithmetic", "right"), (21, "arithmetic", "right"), (22, "arithmetic", "right"),
        (24, "arithmetic", "right"),  # a total of the convs alone: 448 + 4,640 = 5,088
    ],
    "09_calculations_in_a_fence.md": [
        # a calculation in numbers then "=" and its result is no code any language runs:
        # read as prose (no assignment, comparison or statement on the line)
        (5, "arithmetic", "right"),  # 23/1 + 1 = 24
        (6, "arithmetic", "right"),  # 26·32 = 832
        (7, "arithmetic", "wrong"),  # 289·64 = 18,496, not 18,500
        (8, "arithmetic", "right"),  # 29/1 + 1 = 30
        # line 9: an assignment, code
        (10, "arithmetic", "right"),  # an assertion worked out (printed values): 9
        # line 11: cells aligned by spaces, 24 and 832 side by side: not read
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_param_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
