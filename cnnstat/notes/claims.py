"""What checking a note produces: claims with a verdict, and lines skipped with a reason."""

from __future__ import annotations

from typing import Any, NamedTuple


class Edit(NamedTuple):
    """Replace ``raw[start:end]`` of a line with ``new`` (what ``--fix`` writes)."""

    line: int
    start: int
    end: int
    new: str


class Claim(NamedTuple):
    line: int
    text: str  # the claim as read, e.g. "(227 - 11) / 4 + 1 = 55"
    kind: str  # "arithmetic" | "shape" | "model"
    claimed: str | None  # as written in the note; None for information
    actual: Any  # the correct value: a number, or a shape such as "27x27"
    verdict: str  # "right" | "wrong" | "info"
    detail: str = ""  # how it was checked: the rule, the spec and variant used
    edits: tuple[Edit, ...] = ()  # for a wrong claim: how to correct it
    shown: str = ""  # the correct value written as the note writes it ("138M")
    # how sure the reader is of what it read (1.0: a rule, nothing guessed); a "wrong"
    # below ``precedence.WRONG_NEEDS`` is shown as unsure, not as a mistake
    confidence: float = 1.0

    def as_json(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "kind": self.kind,
                "claimed": self.claimed, "actual": self.actual, "verdict": self.verdict,
                "detail": self.detail}


class Skip(NamedTuple):
    line: int
    text: str
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "reason": self.reason}
