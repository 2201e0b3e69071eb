"""`cnnstat check` on rules stated as formulas (``rulelines``, ``rulecheck``,
``operands``): an output size or a parameter count written in letters, subscripts, role
words (English and Korean) or LaTeX, with or without its left side, and a legend that
names the letters of the rule just above.

The fixtures under tests/fixtures/notes/rule_forms were written for this repository.
Reference values by hand: a conv's output side is floor((n + 2p - k)/s) + 1 (Dumoulin &
Visin, "A guide to convolution arithmetic", relation 6), its parameters
(k*k*C_in + 1)*C_out, a dense layer's (in + 1)*out. A claim not listed fails the test.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "rule_forms"

EXPECTED = {
    "01_size_rules.md": [
        # n=32, K=3, P=1, S=2: (32 - 3 + 2)/(2 + 1) = 10.33, a conv gives 31//2 + 1 = 16
        (5, "formula", "wrong"),
        (9, "formula", "right"),   # (in - K + 2P)/S + 1: the rule itself
        (11, "formula", "right"),  # floor((H_in + 2p - k)/s) + 1, subscripts
        (13, "formula", "right"),  # the same rule in Korean role words
        # (n - k) * s + 1: n=32, k=3, s=2 gives 59, not 15
        (15, "formula", "wrong"),
        # line 17: (W - F)/S in a sentence about sliding, no output size: not a rule
        (21, "formula", "right"),  # a bare \frac after "the output size is given by:"
        # line 23: in (N - F + 2P)/S + 1 P is added twice (a padding) and S divides (a
        # stride): the legend swaps them; N and F are named as the rule uses them
        (23, "formula", "wrong"), (23, "formula", "wrong"),
        (25, "formula", "right"),  # a window's positions: floor((n - k)/s) + 1
        (27, "formula", "right"),  # a pooling's window, after a label and a colon
        (29, "formula", "right"),  # "height" alone: the input's side (a guess that fits)
        # line 31: rounded up (a pooling in ceil mode): another rule, never called wrong
        # line 33: dW is torch's step (a stride), not a dilation: a letter, tried in every
        # role, and it fits as the stride; "width" alone a guess too: unsure, no claim
    ],
    "02_param_rules.md": [
        (3, "formula", "right"),  # (3*3*5 + 1)*7 = 322 at k=3, C_in=5, C_out=7
        (5, "formula", "right"),  # 3*3*5*7 + 7 = 322
        # (3*3*5 + 1)*7 + 7 = 329: the biases counted twice
        (7, "formula", "wrong"),
        # (3*3*5 + 1) + 7 = 53, not 322: + where x belongs
        (9, "formula", "wrong"),
        (11, "formula", "right"),  # weights alone: 3^2*5*7 = 315
        (13, "formula", "right"),  # dense: (input_dim + 1) * units
        # line 15: K, C and N are letters with no legend: not judged
        # line 17: a depthwise separable conv's count, k*k*C_in + C_in*C_out, and line 19:
        # a transposed conv's output size: not held to a standard conv's rules
    ],
    "03_field_rules.md": [
        # r_out = r_in + (k - 1)·j_in, j_out = j_in·s (Araujo et al., "Computing receptive
        # fields of convolutional neural networks", Distill 2019)
        (3, "formula", "right"),  # RF(output), RF(input), Jump(input)
        (5, "formula", "right"),  # Jump(output) = Jump(input) * Stride
        (7, "formula", "right"),  # r_{l} from r_{l-1} and j_{l-1}
        (9, "formula", "right"),  # the same rule in Korean words
        # a dilated kernel spans d(k - 1) + 1: d=2, k=3 gives 5
        (11, "formula", "right"),
        (13, "formula", "wrong"),  # d*k: 6 at d=2, k=3, not 5
        # the padding that keeps the size at stride 1: (k - 1)/2 a side, k - 1 both sides
        (15, "formula", "right"), (17, "formula", "right"),
        (19, "formula", "wrong"),  # k + 1 = 4 at k = 3: neither 1 nor 2
        (21, "formula", "right"),  # H' (a prime: the output's side)
        (23, "formula", "right"),  # n_H from n_H_prev (the course's words)
        # with dilation: floor((n + 2p - d(k - 1) - 1)/s) + 1
        (25, "formula", "right"),
        # n=32, p=0, d=2, k=3, s=1: (32 - 6) + 1 = 27, a conv gives 32 - 5 + 1 = 28
        (27, "formula", "wrong"),
        (29, "formula", "right"),  # the jump rule inside HTML bold tags
    ],
    "04_legends.md": [
        (5, "formula", "right"),
        # O = (W - K + 2P)/S + 1: W is added (the input), K taken away (the kernel), P
        # added twice (the padding), S divides (the stride)
        (7, "formula", "right"), (8, "formula", "right"),
        (9, "formula", "wrong"),  # P: stride, but P stands where the padding stands
        (11, "formula", "right"),  # W, K, S, P all named as the rule uses them
        (13, "formula", "right"), (13, "formula", "wrong"),  # S divides: not the padding
        # F is taken away from one side: a side, not the filter's volume
        (15, "formula", "right"), (15, "formula", "wrong"),
        (19, "formula", "right"),
        (21, "formula", "right"),  # N은 입력 크기, F는 필터 크기, S는 스트라이드
        # letters with C_in and C_out named: k=3, C_in=5, C_out=7 gives 322
        (23, "formula", "right"),
        (25, "formula", "wrong"),  # (9*5 + 1) + 7 = 53 in any roles of K
        (27, "formula", "right"),  # K the filters, F the kernel's side (the course's letters)
        (31, "formula", "right"),
        # line 33: "in the padding" is prose, no legend of the "in" of line 31
    ],
    "05_rule_then_name.md": [
        # a valid conv (no padding, stride 1) takes k - 1 off a side: 32 - 3 + 1 = 30
        (4, "formula", "right"),  # in a code comment, Korean words written as one
        (7, "formula", "right"),  # the rule first, what it gives after '='
        (9, "formula", "wrong"),  # k + 1: 4 at k = 3, not 2
        (11, "formula", "right"),  # 출력크기, 입력크기, 필터크기 written without spaces
    ],
    "06_param_words.md": [
        # a legend above names each letter (phrase : letter): KW, KH the kernel's sides,
        # C the input channels, F the filters; k=3, C_in=5, C_out=7: (3*3*5 + 1)*7 = 322
        (8, "formula", "right"),
        (10, "formula", "wrong"),  # (3*3 + 1)*7*5 = 350: a bias a channel, not a filter
        (17, "formula", "right"),  # dense, N inputs and M outputs: (5 + 1)*7 = 42
        (19, "formula", "wrong"),  # 5*7 + 5 = 40: the biases of the inputs, not the units
        # the general rule without the input channels: (3*3 + 1)*7 = 70, not 322
        (25, "formula", "wrong"),
        # line 27: the same rule said of a first layer on a grayscale image: one channel,
        # where it holds (unsure, no claim)
        (29, "formula", "wrong"),  # 7*5 + 1 = 36: one bias in all, not (5 + 1)*7 = 42
        (31, "formula", "right"),  # (previous layer units + 1) * this layer units
        (33, "formula", "right"),  # role words misspelt by one letter (kernal, chanels)
        # a Keras summary's Param # holds a bias a filter: 3*3*5*7 = 315, not 322
        (37, "formula", "wrong"),
        (38, "formula", "right"),
        # line 39: input_dim + bias * units, no brackets: (in + 1)*units as meant, unsure
    ],
    "07_letter_parts.md": [
        # weights + biases against the total, as polynomials: K²CN + N = (K²C + 1)N
        (3, "formula", "right"),
        (5, "formula", "wrong"),  # AB + A is not (A + 1)B = AB + B
        (7, "formula", "right"),  # k²cn + n = (k²c + 1)n
        # line 9: "a bias": no letter of the total, no part
        (11, "formula", "wrong"),  # pq + q is not (p + q)q = pq + q²
        # letters given values a line each (KW = 5, KH = 5, C = 16, N = 128), then put in
        (20, "formula", "right"), (20, "arithmetic", "info"),
        (21, "formula", "wrong"),  # N is 128, not 16
        (22, "formula", "wrong"), (22, "arithmetic", "info"),  # C and N swapped
        (23, "formula", "right"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rule_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])


def test_operand_roles():
    from cnnstat.notes.reading.operands import phrase_role, role

    # a word, a subscript: named; a bare letter: the course notation's guess
    assert role("W2") == ("o", True) and role("h_i") == ("n", True)
    assert role("P") == ("p", False)
    assert role("number of filters") == ("co", True)
    assert role("원본이미지 사이즈") == ("n", True)
    assert role("filter depth") == ("ci", True)
    assert role("Total params in a layer") is None
    assert phrase_role("the filter volume (height*width*depth)") == "kv"
    assert phrase_role("number of strides") == "s"
    assert role("H'") == ("o", True) and role("n_H_prev") == ("n", True)
    assert role("RF_output") == ("ro", True) and role("dilated kernel size") == ("ke", True)
    assert role("n_C") == ("co", False)  # the course's output channels, a guess elsewhere
    # a word misspelt by one letter; a dense layer's counts by where they stand
    assert role("channls") == ("ci", True) and role("kernal_size") == ("k", True)
    assert role("previous layer n") == ("ci", True) and role("current layer n") == ("co", True)
