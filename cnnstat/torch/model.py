"""A spec as a torch module: ``Model`` holds the layers under the spec's names (``Scope``
for each level of a name) and its forward walks the spec's graph (``_run``)."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn


class Scope(nn.Module):
    """A level of the layer names (``layer2`` in ``layer2.0.conv2``): holds children only."""

    def forward(self, *args: Any) -> Any:  # pragma: no cover - never called
        raise RuntimeError("a name scope is not callable; the model's forward walks the graph")


class Model(nn.Module):
    """A spec as a torch module.

    Submodules are registered under the spec's layer names (``layer2.0.conv2`` is a real
    module path, so hooks, ``get_submodule`` and state dicts use the names of every table);
    ``forward`` runs the spec's graph of layers, branches, residuals and merges.
    Auxiliary heads (``aux``) run in training mode only, as torchvision's GoogLeNet's do;
    then ``forward`` returns ``(output, aux1, aux2, ...)``. ``run_aux = True`` runs (and
    returns) them in eval mode too (``verify`` does, to check their layers).
    """

    def __init__(self, name: str, input: tuple[int, ...]) -> None:
        super().__init__()
        self.spec_name = name
        self.input_shape = tuple(input)
        self.run_aux = False
        self._program: tuple = ("seq", [])

    def extra_repr(self) -> str:
        return f"spec={self.spec_name!r}, input={'x'.join(map(str, self.input_shape))}"

    def forward(self, x: torch.Tensor):
        aux: list[torch.Tensor] = []
        out = _run(self._program, x, aux, {"input": x, _ALL_HEADS: self.training or self.run_aux})
        # aux outputs are returned whenever computed: a tracer (fvcore) would otherwise
        # prune the heads as dead code
        return (out, *aux) if aux else out


_ALL_HEADS = " all heads"  # env key (not a layer name): run training-only heads too


def _run(op: tuple, x: torch.Tensor, aux: list, env: dict) -> torch.Tensor:
    """Run program ``op`` on ``x``; ``env`` holds the outputs later layers read by name."""
    tag = op[0]
    if tag == "layer":
        return op[2](x)
    if tag == "seq":
        for item in op[1]:
            x = _run(item, x, aux, env)
        return x
    if tag == "parallel":  # ("parallel", branches, merge module)
        return op[2](*[_run(b, x, aux, env) for b in op[1]])
    if tag == "residual":  # ("residual", body, shortcut or None, merge module, concat?)
        body = _run(op[1], x, aux, env)
        short = x if op[2] is None else _run(op[2], x, aux, env)
        return op[3](short, body) if op[4] else op[3](body, short)
    if tag == "features":  # ("features", bodies, merges): torchvision's _DenseBlock
        feats = [x]
        for i, body in enumerate(op[1]):
            c = torch.cat(feats, 1) if i == 0 else op[2][i - 1](*feats)
            feats.append(_run(body, c, aux, env))  # c held until the body returns
            del c
        return op[2][-1](*feats)
    if tag == "save":  # ("save", names, op): keep op's output under names
        y = _run(op[2], x, aux, env)
        for name in op[1]:
            env[name] = y
        return y
    if tag == "from":  # ("from", name, op): op reads a named output instead of x
        return _run(op[2], env[op[1]], aux, env)
    if tag == "join":  # ("join", names, merge module): merge named outputs
        return op[2](*[env[name] for name in op[1]])
    if tag == "aux":  # ("aux", body, at inference too?): a side head; the main path goes on
        if op[2] or env[_ALL_HEADS]:
            aux.append(_run(op[1], x, aux, env))
        return x
    raise AssertionError(f"unknown program op {tag!r}")  # pragma: no cover
