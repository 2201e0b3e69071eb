"""How tensors are stored and kept (``cnnstat memory``): the bytes of each type, the
precision of a step (``Precision``: compute type, mixed precision, device) and a tensor a
layer keeps for backward (``Buf``)."""

from __future__ import annotations

from typing import NamedTuple


DTYPE_BYTES = {"fp32": 4, "fp16": 2, "bf16": 2, "int64": 8, "bool": 1}
FLOATS = ("fp32", "fp16", "bf16")


class Precision(NamedTuple):
    """How a training or inference step stores tensors (``cnnstat memory``).

    ``dtype`` is the compute type. Without ``amp`` everything (weights, gradients,
    optimizer state, activations) is stored in it, as after ``model.to(dtype)``. With
    ``amp`` the rules of ``torch.autocast(dtype=...)`` apply: parameters, gradients and
    optimizer state stay fp32 (the fp32 master weights), conv and linear layers run in
    ``dtype`` on ``dtype`` copies of their inputs and weights, and other layers keep the
    type of their input. ``device`` is ``cpu`` or ``cuda``; a few saved-tensor rules
    (dropout's mask) differ between the two.
    """

    dtype: str = "fp32"
    amp: bool = False
    device: str = "cuda"

    @property
    def weights(self) -> str:
        """The type of parameters, gradients and optimizer state."""
        return "fp32" if self.amp else self.dtype


class Buf(NamedTuple):
    """A tensor a layer keeps for backward (or allocates for a moment).

    ``ref`` says which tensor it is: ``input`` (the layer's input, which another layer may
    keep too: counted once; a merge's inputs are ``input0``, ``input1``, ...), ``output``
    (the layer's own output) or ``new`` (a tensor of its own, e.g. max pooling's
    indices). A kept input or output counts its whole storage (a slice's keeps the
    tensor it slices). ``elements`` are per sample when ``batched``,
    else for the whole batch (batch norm's per-channel statistics)."""

    what: str
    ref: str
    elements: int
    dtype: str
    batched: bool = True

    def nbytes(self, batch: int) -> int:
        return self.elements * (batch if self.batched else 1) * DTYPE_BYTES[self.dtype]


def widest(dtypes) -> str:
    """The type torch promotes a mix of floating types to (fp32 beats fp16/bf16)."""
    dtypes = set(dtypes)
    return dtypes.pop() if len(dtypes) == 1 else "fp32"
