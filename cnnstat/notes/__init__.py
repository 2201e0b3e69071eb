"""Checking the worked numbers in study notes (``cnnstat check``).

``numbers`` reads numbers and expressions (bounded, no ``eval``); ``text`` masks markup;
``arith``, ``shapes`` and ``facts`` find and judge claims (``models`` resolves model
names to bundled specs); ``check`` runs them over a note; ``fix`` rewrites wrong numbers.
"""

from cnnstat.notes.check import Result, check_file, check_text
from cnnstat.notes.claims import Claim, Skip

__all__ = ["Claim", "Result", "Skip", "check_file", "check_text"]
