"""Stochastic depth: ``stochastic_depth: {last: p_L}`` gives every residual block its
probability of surviving training (Huang et al.'s linear decay), and whether a spec's
forward pass is random in training at all (drop path, survival, auxiliary heads)."""

from __future__ import annotations

from typing import Any

from cnnstat.errors import SpecError
from cnnstat.spec.context import probability
from cnnstat.spec.graph import AuxNode, FromNode, Node, ParallelNode, ResidualNode, SeqNode
from cnnstat.spec.yamlload import LineDict


def stochastic_depth(entry: Any, line: int) -> float | None:
    """``stochastic_depth: {last: p_L}``: Huang et al.'s linear decay rule."""
    if entry is None:
        return None
    if not isinstance(entry, LineDict) or set(entry) != {"last"}:
        raise SpecError("'stochastic_depth' is {last: p}: the l-th of the L residual blocks "
                        "survives training with probability 1 - l/L x (1 - p)", line=line)
    last = probability(entry, "last", {}, zero_ok=False)
    return last


def with_survival(node: Node, last: float, count: int, seen: list[int]) -> Node:
    """Give every residual without an explicit ``survival`` Huang et al.'s linear decay
    p_l = 1 - l/L (1 - p_L), l = 1..L in spec order."""
    if isinstance(node, SeqNode):
        return node._replace(items=[with_survival(n, last, count, seen) for n in node.items])
    if isinstance(node, ParallelNode):
        return node._replace(branches=[with_survival(b, last, count, seen)
                                       for b in node.branches])
    if isinstance(node, (AuxNode, FromNode)):
        return node._replace(body=with_survival(node.body, last, count, seen))
    if isinstance(node, ResidualNode):
        seen[0] += 1
        p = node.survival if node.survival is not None else 1 - seen[0] / count * (1 - last)
        body = with_survival(node.body, last, count, seen)
        return node._replace(body=body, survival=p)
    return node


def count_residuals(node: Node) -> int:
    if isinstance(node, SeqNode):
        return sum(count_residuals(n) for n in node.items)
    if isinstance(node, ParallelNode):
        return sum(count_residuals(b) for b in node.branches)
    if isinstance(node, (AuxNode, FromNode)):
        return count_residuals(node.body)
    if isinstance(node, ResidualNode):
        return 1 + count_residuals(node.body)
    return 0


def is_stochastic(node: Node) -> bool:
    if isinstance(node, AuxNode):
        return not node.inference or is_stochastic(node.body)
    if isinstance(node, SeqNode):
        return any(is_stochastic(n) for n in node.items)
    if isinstance(node, FromNode):
        return is_stochastic(node.body)
    if isinstance(node, ParallelNode):
        return node.drop_path is not None or any(is_stochastic(b) for b in node.branches)
    if isinstance(node, ResidualNode):
        return node.survival is not None or is_stochastic(node.body)
    return False
