"""The torch modules of cnnstat's merges: ``concat``, ``add``, ``mean`` and ``mul`` of
branches, with the regularisation that drops inputs in training (a ``parallel``'s
``drop_path``, a ``residual``'s ``survival``)."""

from __future__ import annotations

import torch
from torch import nn


def _same_shapes(what: str, xs: tuple[torch.Tensor, ...]) -> None:
    """A spec's add never broadcasts (torch's ``+`` would): shapes must be equal."""
    if torch.jit.is_tracing():  # fvcore traces; shapes are traced values there
        return
    if len({tuple(x.shape) for x in xs}) != 1:
        raise ValueError(f"{what} needs inputs of the same shape, got "
                         + ", ".join("x".join(map(str, x.shape[1:])) for x in xs))


class _Merge(nn.Module):
    """Joins branches. In training only, two kinds of regularisation may drop inputs:

    * ``drop_path`` (FractalNet, a ``parallel``'s ``drop_path``): each branch is dropped
      with this probability for the whole batch, at least one kept; ``mean`` averages
      the kept ones, ``add`` sums them, ``concat`` zeroes the dropped ones' maps;
    * ``survival`` (stochastic depth, a ``residual``'s ``survival``): input ``body``
      (the residual body) is kept with this probability and scaled by 1/survival when
      kept, so that inference (eval mode) uses every input unscaled.

    In eval mode (and on the meta device verify uses) every input is used.
    """

    def __init__(self, drop_path: float | None = None, survival: float | None = None,
                 body: int = 0) -> None:
        super().__init__()
        self.drop_path = drop_path
        self.survival = survival
        self.body = body

    def extra_repr(self) -> str:
        parts = []
        if self.drop_path is not None:
            parts.append(f"drop_path={self.drop_path:g}")
        if self.survival is not None:
            parts.append(f"survival={self.survival:g}")
        return ", ".join(parts)

    def kept(self, xs: tuple[torch.Tensor, ...]) -> list[torch.Tensor | None]:
        """The inputs, with ``None`` for the ones dropped in this training step."""
        out: list[torch.Tensor | None] = list(xs)
        if not self.training:
            return out
        if self.drop_path:
            keep = [bool(torch.rand(()) >= self.drop_path) for _ in xs]
            if not any(keep):
                keep[int(torch.randint(len(xs), ()))] = True
            out = [x if k else None for x, k in zip(xs, keep)]
        if self.survival is not None and out[self.body] is not None:
            alive = bool(torch.rand(()) < self.survival)
            out[self.body] = out[self.body] / self.survival if alive else None
        return out

    def kept_sum(self, what: str, xs: tuple[torch.Tensor, ...]) -> tuple[torch.Tensor, int]:
        """The sum of the inputs kept in this step (``add``, ``mean``: same shapes, no
        broadcasting), and how many were kept."""
        _same_shapes(what, xs)
        kept = [x for x in self.kept(xs) if x is not None]
        out = kept[0]
        for x in kept[1:]:
            out = out + x
        return out, len(kept)


class Concat(_Merge):
    """Channel concatenation (Inception, Fire, DenseNet); dropped inputs give zero maps."""

    def forward(self, *xs: torch.Tensor) -> torch.Tensor:
        kept = self.kept(xs)
        return torch.cat([torch.zeros_like(x) if k is None else k for x, k in zip(xs, kept)],
                         dim=1)


class Add(_Merge):
    """Elementwise sum of branches (residual connections); no broadcasting."""

    def forward(self, *xs: torch.Tensor) -> torch.Tensor:
        return self.kept_sum("add", xs)[0]


class Mean(_Merge):
    """Elementwise mean of branches (FractalNet's join); no broadcasting."""

    def forward(self, *xs: torch.Tensor) -> torch.Tensor:
        out, n = self.kept_sum("mean", xs)
        return out / n


class Mul(_Merge):
    """Elementwise product: a map times per-channel gates (C x 1 x 1, broadcast over
    height and width; squeeze-and-excitation). Maps must have one shape."""

    def forward(self, *xs: torch.Tensor) -> torch.Tensor:
        _same_shapes("mul", tuple(x for x in xs if tuple(x.shape[2:]) != (1, 1)) or xs[:1])
        if not torch.jit.is_tracing() and len({x.shape[:2] for x in xs}) != 1:
            raise ValueError("mul needs inputs with the same channels, got "
                             + ", ".join("x".join(map(str, x.shape[1:])) for x in xs))
        out = xs[0]
        for x in xs[1:]:
            out = out * x
        return out
