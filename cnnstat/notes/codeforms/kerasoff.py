"""A Keras model kept in comments above the one that runs (``# model.add(Conv2D(64, (3,
3), ...``, its call's lines commented too, each with the shape it gave): where no model is
being read, its lines are read as code and their comments judged against it; the code
after it starts again from the state before it. A layer commented out inside a model that
runs is not read (``kerasforms.uncomment`` says which lines are code).
"""

from __future__ import annotations

from typing import Any

from cnnstat.notes.codeforms.kerasforms import uncomment


class Commented:
    """The model's state before a model commented out, while one is read."""

    def __init__(self) -> None:
        self.before: tuple | None = None

    def line(self, model: Any, raw: str, prose: bool) -> str:
        """``raw`` as ``model`` (a ``kerascode.Model``) is to read it."""
        if prose:
            return raw
        got = uncomment(raw, self.before is not None and bool(model.open))
        if got is not None and (self.before is not None or
                                (model.shape is None and not model.open)):
            if self.before is None:
                self.before = model._snap()
            return got
        if self.before is not None and raw.strip() and not raw.lstrip().startswith("#"):
            model._restore(self.before)  # code again: the model commented out is not its
            self.before = None
            model.open = []
        return raw
