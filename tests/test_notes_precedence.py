"""The one precedence rule (``notes.precedence.settle``) and the reader list that feeds it
(``notes.registry.READERS``)."""

from __future__ import annotations

from cnnstat.notes.check import check_text
from cnnstat.notes.registry import READERS
from cnnstat.notes.pipeline import STAGES
from cnnstat.notes.claims import Claim, Skip
from cnnstat.notes.precedence import WRONG_NEEDS, YIELDS, Found, Supersede, settle


def _claim(verdict: str, confidence: float = 1.0, kind: str = "params",
           text: str = "3 x 3 x 64 = 576", claimed: str = "576") -> Claim:
    return Claim(4, text, kind, claimed, 576, verdict, confidence=confidence)


def test_a_wrong_verdict_below_the_threshold_is_unsure():
    claims, skips = settle([Found("guess", _claim("wrong", WRONG_NEEDS / 2))], {})
    assert claims == []
    assert [(s.line, s.reason.split(":")[0]) for s in skips] == [(4, "unsure")]


def test_a_wrong_verdict_at_the_threshold_stands():
    claims, skips = settle([Found("guess", _claim("wrong", WRONG_NEEDS))], {})
    assert [c.verdict for c in claims] == ["wrong"] and skips == []


def test_the_more_confident_verdict_on_one_figure_stands():
    found = [Found("rule", _claim("right", 1.0)), Found("guess", _claim("wrong", 0.7))]
    claims, _ = settle(found, {})
    assert [c.verdict for c in claims] == ["right"]
    found = [Found("rule", _claim("right", 0.6)), Found("guess", _claim("wrong", 0.9))]
    assert [c.verdict for c in settle(found, {})[0]] == ["wrong"]


def test_equal_confidence_keeps_both_and_other_figures_never_meet():
    both = [Found("a", _claim("right")), Found("b", _claim("wrong"))]
    assert [c.verdict for c in settle(both, {})[0]] == ["right", "wrong"]
    # another kind, or another figure, is no conflict whatever the confidence
    other = [Found("a", _claim("right")), Found("b", _claim("wrong", 0.7, kind="arithmetic")),
             Found("c", _claim("wrong", 0.7, text="2 x 288 = 567", claimed="567"))]
    assert len(settle(other, {})[0]) == 3


def test_supersede_drops_the_rivals_findings_only_where_it_judged():
    rules = {"shapes": (Supersede("walk", kind="shape"),),
             "algebra": (Supersede("arith", reason="symbol"),)}
    shape = _claim("right", kind="shape", text="27x27", claimed="27x27")
    found = [Found("walk", shape), Found("shapes", shape._replace(text="55x55")),
             Found("arith", Skip(4, "x", "a formula with symbols")),
             Found("arith", Skip(4, "y", "not read: too long"))]
    claims, skips = settle(found, rules)
    assert [c.text for c in claims] == ["55x55"]  # shapes judged: the walk's shape goes
    assert [s.reason for s in skips] == ["a formula with symbols", "not read: too long"]
    found.append(Found("algebra", _claim("right", kind="algebra")))
    assert [s.reason for s in settle(found, rules)[1]] == ["not read: too long"]


def test_every_reader_is_registered_once_with_a_known_stage():
    names = [r.name for r in READERS]
    assert len(names) == len(set(names))
    # a reader of several stages joins them with "+" ("claims+heading")
    assert {s for r in READERS for s in r.stage.split("+")} == set(STAGES)
    # every rival a reader supersedes is a registered reader (or every other: YIELDS)
    assert {s.rival for r in READERS for s in r.supersedes} <= set(names) | {YIELDS}


def test_a_labelled_line_is_read_once_not_as_a_ratio():
    # the label ends in a number; (224 - 3 + 2*1)/1 + 1 = 224, so 225 is wrong
    note = "- VGG conv3-64 on a 224x224 input with padding 1: (224 - 3 + 2*1)/1 + 1 = 225\n"
    wrong = [(c.line, c.kind, c.verdict) for c in check_text(note).claims
             if c.verdict == "wrong"]
    assert wrong == [(1, "arithmetic", "wrong")]


def test_a_reader_that_yields_gives_way_to_any_other_judgement_on_its_line():
    mine = Claim(3, "56x56x64", "shape", "56x56x64", "56x56x64", "right", "spec")
    other = Claim(3, "56 x 56 x 64", "model", "56x56x64", "56x56x64", "right", "table")
    rules = {"yielding": (Supersede(YIELDS),)}
    claims, _ = settle([Found("yielding", mine), Found("table", other)], rules)
    assert claims == [other]
    claims, _ = settle([Found("yielding", mine)], rules)  # alone on its line: it stands
    assert claims == [mine]
