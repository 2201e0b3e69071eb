"""A pasted summary set out as a markdown table: ``| conv2d (Conv2D) | (None, 26, 26, 32) |
320 |`` under ``| Layer (type) | Output Shape | Param # |``.

The table's rows are read as the summary's own lines, their outer pipes blanked (so every
span still points into the row as written): the header must be a summary's (a layer
column and a count column, ``rows.header``) and the rows the tools' (a Keras or
torchsummary row, or a header-read row with the tools' shapes); anything else leaves
the table to the table readers. The totals printed under the table are read on from
its rows.
"""

from __future__ import annotations

from cnnstat.notes.claims import Claim, Skip


def _unpiped(raw: str) -> str:
    text = raw.rstrip()
    lead = len(text) - len(text.lstrip())
    if text[lead:lead + 1] == "|":
        text = text[:lead] + " " + text[lead + 1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1] + " "
    if not set(text) - set("|-: \t"):
        text = text.replace(":", "-")  # the separator row, its alignment marks too
    return text


def check(block, into=None) -> tuple[list[Claim], list[Skip]]:
    """The table's claims; with ``into`` (the note's summary reader) a table that was a
    summary is left as the summary being read, so that its totals under the table
    (``Total params: 54,410``) are judged from its rows."""
    from cnnstat.notes.summary.reader import Summary
    from cnnstat.notes.summary.rows import header

    if not block or header(_unpiped(block[0].raw)) is None:
        return [], []
    summary = Summary()
    claims: list[Claim] = []
    skips: list[Skip] = []
    for row in block:
        got, why, _ = summary.check_line(row.number, _unpiped(row.raw))
        claims += got
        skips += why
    got, why = summary.end()
    if into is not None and summary.active and summary.rows:
        for name, value in vars(summary).items():
            if name != "context":
                setattr(into, name, value)
    return claims + got, skips + why
