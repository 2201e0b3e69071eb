"""Rules that give one figure from a layer's settings, other than the output size and the
parameter count (``rulecheck``): a receptive field after a layer (``RF(output) = RF(input) +
(K - 1) * Jump(input)``), its jump (``j_out = j_in * s``), a dilated kernel's span
(``dilation × (kernel_size - 1) + 1``), what a valid conv takes off a side (``커널사이즈 - 1 =
줄어든 shape``) and the padding that keeps the size (``(kernel_size - 1)/2``). Each is
evaluated at many values and held to the rule (Araujo et al., "Computing receptive fields
of convolutional neural networks", Distill 2019; Dumoulin & Visin, "A guide to convolution
arithmetic"): right where its roles as written agree, wrong only where no other roles for
its guessed letters would.
"""

from __future__ import annotations

import itertools
import re
from fractions import Fraction

from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.rules.rulecheck import _agrees, loose
from cnnstat.notes.rules.ruletree import rounds

# a rule of the receptive field, its jump, a dilated kernel, the padding that keeps the
# size: (its left side's roles, the roles its right side may hold, must hold, the truth)
# (each reading of the truth: the same padding is each side's, or both sides' together)
FAMILIES = {
    "receptive field": ({"ro", "r"}, {"r", "k", "j", "d"}, {"r", "k"},
                        (lambda v: v["r"] + (v["k"] - 1) * v["d"] * v["j"],)),
    "jump": ({"jo", "j"}, {"j", "s"}, {"j", "s"}, (lambda v: v["j"] * v["s"],)),
    # the layer's stride where the jump belongs (``r_out = r_in + (k - 1)·s``): the field's
    # rule, unless ``s`` is the product of the strides below (the jump by another name)
    "receptive field (stride)": ({"ro", "r"}, {"r", "k", "s", "d"}, {"r", "k", "s"},
                                 (lambda v: v["r"] + (v["k"] - 1) * v["d"] * v["j"],)),
    "dilated kernel": ({"ke"}, {"k", "d"}, {"k", "d"},
                       (lambda v: v["d"] * (v["k"] - 1) + 1,)),
    "shrink": ({"sh"}, {"k", "d"}, {"k"}, (lambda v: v["d"] * (v["k"] - 1),)),
    "same padding": ({"p"}, {"k", "d"}, {"k"}, (lambda v: v["d"] * (v["k"] - 1) // 2,
                                                lambda v: v["d"] * (v["k"] - 1))),
}
_FAMILY_SETS = list(itertools.product((1, 3, 7, 11), (1, 3, 5, 7), (1, 2, 4, 8), (1, 2, 3),
                                      (1, 2, 3)))  # r, k, j, s, d


def _family_fits(node, assign: dict[str, str], truths) -> bool:
    return any(_fits_one(node, assign, truth) for truth in truths)


def _fits_one(node, assign: dict[str, str], truth) -> bool:
    roles, own = set(assign.values()), rounds(node)
    for r, k, j, s, d in _FAMILY_SETS:
        v = {"r": r, "k": k, "j": j if "j" in roles else 1, "s": s if "s" in roles else 1,
             "d": d if "d" in roles else 1}
        if (("j" not in roles and j != 1) or ("s" not in roles and s != 1) or
                ("d" not in roles and d != 1)):
            continue
        env = {name: Fraction(v[x]) for name, x in assign.items()}
        if not _agrees(node, env, truth(v), own):
            return False
    return True


_FIELD_WORDS = re.compile(r"receptive|(?<![A-Za-z])RF(?![A-Za-z])|수용\s*영역|리셉티브", re.I)
_CAPITAL_R = re.compile(r"R(?:_\w{1,6})?")  # "R_new", "R_prev" (``R_l``, ``R_{l-1}``)


def field_letters(assign: dict[str, str], lhs_word: str | None, lhs_role: str | None,
                  where: str) -> tuple[dict[str, str], str | None]:
    """Where the line or the lines above speak of a receptive field, a capital ``R``
    (``R_l = R_{l-1} + (F - 1)·S``) is the field, not an input's or output's size."""
    if not _FIELD_WORDS.search(where):
        return assign, lhs_role

    def field(word: str | None, got: str | None) -> str | None:
        fits = word is not None and _CAPITAL_R.fullmatch(word)
        return {"n": "r", "o": "ro"}.get(got, got) if fits and got else got
    return {x: field(x, r) for x, r in assign.items()}, field(lhs_word, lhs_role)


# a jump the note names apart from the stride: "J_in", "J-out", "j_{l-1}", "J(in)", "jump"
_JUMP = re.compile(r"(?<![A-Za-z])jumps?(?![A-Za-z])|점프|"
                   r"(?<![A-Za-z])[jJ](?:\s*[_-]\s*\{?\s*(?:in|out|l|prev|i|\d)"
                   r"(?![A-Za-z])|\s*\(\s*(?:in|out|input|output)\s*\))")


def judge_family(number: int, text: str, family: str, node, assign: dict[str, str],
                 guessed: set[str], context: str = "") -> Claim | Skip:
    """A rule of ``FAMILIES``: right where its roles as written agree at every value
    tried, wrong only where no other roles for its guessed letters would. A field's rule
    with the stride where the jump belongs is held to the rule only where the note names
    the jump apart (``J_out = J_in * s`` above it): there ``s`` is the layer's stride;
    elsewhere it may be the strides below multiplied (unsure). One that is the field one layer
down, worked from the output (``s·r + (k - s)``, a top-down recursion), is right."""
    _, allowed, _, truth = FAMILIES[family]
    if family == "receptive field (stride)" and _fits_one(node, assign, _TOP_DOWN):
        return Claim(number, text, "formula", text, "receptive field (top-down)", "right",
                     "agrees at every value tried with the field one layer down, worked "
                     "from the output: r_in = s·r_out + (k - s)")
    if family == "receptive field (stride)":
        if not _JUMP.search(context):
            return Skip(number, text, "unsure: the stride where the jump belongs is right "
                                      "only where it means the strides below multiplied")
        guessed = {x for x in guessed if assign[x] != "s"}  # the note's jump rule's stride
    if _family_fits(node, assign, truth):
        return Claim(number, text, "formula", text, family, "right",
                     f"agrees with the {family} rule at every value tried")
    sure = {x: r for x, r in assign.items() if x not in guessed}
    free = [x for x in assign if x in guessed]
    for roles in itertools.permutations(sorted(allowed), len(free)):
        if _family_fits(node, {**sure, **dict(zip(free, roles))}, truth) or \
                _family_fits(loose(node), assign, truth):
            return Skip(number, text, f"unsure: the {family} rule fits with its letters in "
                                      "other roles")
    if family == "receptive field (stride)":
        return Claim(number, text, "formula", text, "receptive field", "wrong",
                     "the field grows by (k - 1)·j_in, the jump into the layer, not by "
                     "its own stride (the note's jump is not its stride): a first 3x3 "
                     "conv of stride 2 sees 3 pixels, this gives 5", confidence=0.9)
    return Claim(number, text, "formula", text, family, "wrong",
                 f"the {family} rule is {_FAMILY_SHOWN[family]}; this one gives another "
                 "value, with its letters in any roles", confidence=0.9)


def _TOP_DOWN(v: dict) -> int:
    """The field one layer down from ``r`` (Araujo et al. 2019, eq. 1): ``s·r + (k - s)``."""
    return v["s"] * v["r"] + v["k"] - v["s"]


_FAMILY_SHOWN = {"receptive field": "r_out = r_in + (k - 1)·d·j_in",
                 "jump": "j_out = j_in·s", "dilated kernel": "d(k - 1) + 1",
                 "same padding": "d(k - 1)/2 for an odd kernel at stride 1",
                 "shrink": "k - 1 (no padding, stride 1)"}


__all__ = ["FAMILIES", "field_letters", "judge_family"]
