"""What a parsed spec is: a tree of named layers, sequences, branches and residuals."""

from __future__ import annotations

from typing import Any, NamedTuple
from typing import Union

from cnnstat.layers import Kind, Shape


class LayerNode(NamedTuple):
    name: str  # full hierarchical name, e.g. "layer2.0.conv2"
    kind: Kind
    line: int
    # the function the model's code called for this layer (``torch.nn.functional.relu``)
    # where it called no module: the spec's ``functional:`` (conventions use it)
    functional: str | None = None


class SeqNode(NamedTuple):
    items: list["Node"]
    # a repeat of dense layers run as torchvision's ``_DenseBlock`` (``feature_list``): a
    # list of the input and each layer's new maps, concatenated afresh for every layer
    feature_list: bool = False


class ParallelNode(NamedTuple):
    name: str  # name of the merge row, e.g. "inception3a.concat"
    merge: str  # "concat" | "add" | "mean" | "mul"
    branches: list[SeqNode]
    line: int
    drop_path: float | None = None  # training: each branch dropped with this probability


class ResidualNode(NamedTuple):
    name: str  # name of the add row, e.g. "layer1.0.add"
    scope: str  # where the projection shortcut's layers are named ("layer1.0")
    body: SeqNode
    shortcut: Union[str, SeqNode]  # "auto" | "identity" | "zeropad" | explicit layers
    line: int
    merge: str = "add"  # or "concat" (DenseNet: the input, then the body's new maps), or
    # "mul" (a gate: the input times the body's C x 1 x 1 output)
    survival: float | None = None  # training: the body runs with this probability


class AuxNode(NamedTuple):
    """A side head (GoogLeNet's auxiliary classifiers): its layers read the current
    tensor and their output leaves the network; the main path goes on unchanged. It is
    used in training only, so its MACs count in the expected training figures."""

    name: str
    body: SeqNode
    line: int
    # runs at inference too, its output returned with the main one (torchvision's
    # segmentation models keep their aux_classifier in eval mode): its MACs count
    inference: bool = False


class FromNode(NamedTuple):
    """Layers that read an earlier layer's output by name instead of the current tensor
    (``from: NAME``); their output becomes the current tensor. ``source`` is the full name
    of a row, of a scope (its last row so far), or ``input`` (the network's input)."""

    source: str
    body: SeqNode
    line: int


class JoinNode(NamedTuple):
    """A merge of earlier layers' outputs named in ``sources`` (``join``), for graphs
    that are not nests of residuals and parallels: FPN's lateral adds, U-Net's skips,
    SPPF's taps. Its output becomes the current tensor."""

    name: str
    merge: str  # "concat" | "add" | "mean" | "mul"
    sources: list[str]
    line: int


Node = Union[LayerNode, SeqNode, ParallelNode, ResidualNode, AuxNode, FromNode, JoinNode]


def dense_layers(seq: SeqNode) -> list[ResidualNode]:
    """The dense layers of a ``feature_list`` repeat: each repetition must be one residual
    with ``merge: concat`` and the identity shortcut, with no stochastic depth (what
    torchvision's ``_DenseLayer`` computes: its input, then its body's new maps). Raises
    ValueError naming the first repetition that is not."""
    out = []
    for item in seq.items:
        node = item
        while isinstance(node, SeqNode) and len(node.items) == 1 and not node.feature_list:
            node = node.items[0]
        if not (isinstance(node, ResidualNode) and node.merge == "concat"
                and node.shortcut == "identity" and node.survival is None):
            what = getattr(node, "name", "") or type(node).__name__
            raise ValueError(f"every repetition must be one residual with merge: concat, "
                             f"the identity shortcut and no survival; {what} is not")
        out.append(node)
    return out


def scope_keys(name: str) -> list[str]:
    """The names a row's output is known by: its own and each enclosing scope's (a scope's
    output is its last row so far): ``a.b.c`` -> ``a.b.c``, ``a.b``, ``a``."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


INPUT_NAME = "input"  # ``from: input`` / ``like: input``: the network's input


class Published(NamedTuple):
    """A figure from a paper or a library, with where it comes from.

    ``value`` is exact when ``digits`` is None; otherwise it was published rounded and
    ``unit`` (1, 1e3, 1e6, 1e9) and ``digits`` (decimals shown) say how.
    """

    key: str
    value: float
    source: str
    text: str  # as written in the spec, e.g. "15.47G"
    unit: float = 1
    digits: int | None = None
    rounding: str = "nearest"  # or "down": the source truncated rather than rounded
    line: int = 0

    def matches(self, computed: float) -> bool:
        if self.digits is None:
            return computed == self.value
        scale = 10 ** self.digits
        shown = round(self.value / self.unit * scale)
        if self.rounding == "down":
            return int(computed / self.unit * scale + 1e-9) == shown
        return round(computed / self.unit * scale) == shown


class Spec(NamedTuple):
    name: str
    title: str
    file: str
    input: Shape
    root: SeqNode
    paper: str | None = None
    matches: str | None = None  # the builder, e.g. torchvision.models.googlenet
    notes: str | None = None
    published: dict[str, Published] = {}  # never mutated
    input_line: int = 0
    stochastic: bool = False  # has survival, drop-path or auxiliary heads
    # keyword arguments the builder needs to be this network, e.g. (("aux_logits", False),)
    matches_kwargs: tuple[tuple[str, Any], ...] = ()
    source: str | None = None  # the YAML text, for specs made by ``from_torch``
    # the command line's --set NAME=VALUE: the network is no longer the one its
    # published figures describe, so they are shown but not compared
    overridden: tuple[str, ...] = ()
    # the files an imported model was made from (its Python source, the modules its
    # code loaded): inputs of the run, never replaced by an output file
    read: tuple[str, ...] = ()

    def to_yaml(self) -> str:
        """The spec as YAML a person would write (scopes, blocks, repeats), which parses
        back to the same rows. An imported spec returns the text it was parsed from."""
        if self.source is not None:
            return self.source
        from cnnstat.spec.write import to_yaml

        return to_yaml(self)[0]
