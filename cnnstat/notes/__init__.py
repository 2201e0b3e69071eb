"""Checking the worked numbers in study notes (``cnnstat check``).

``text`` masks markup; ``check`` runs the readers (``registry``, ``pipeline``,
``precedence``) over a note; ``fix`` rewrites wrong numbers. The readers live in
subpackages by what they read: ``reading`` (notation, numbers and the expression grammar),
``arithmetic``, ``rules``, ``layerforms``, ``codeforms``, ``maps``, ``modelfacts``
(``models`` resolves model names to bundled specs), ``receptivefield``, ``costs``,
``paramcounts`` and ``summary`` (``docs/check.md``, "Where the code lives").
"""

from cnnstat.notes.check import Result, check_file, check_text
from cnnstat.notes.claims import Claim, Skip

__all__ = ["Claim", "Result", "Skip", "check_file", "check_text"]
