"""cnnstat: exact, explained statistics of convolutional network architectures."""

from cnnstat.analysis import Analysis, analyze
from cnnstat.errors import SpecError
from cnnstat.models.zoo import load

__version__ = "0.1.0"
__all__ = ["Analysis", "SpecError", "analyze", "build", "from_torch", "load", "memory",
           "verify",
           "__version__"]


def __getattr__(name: str):
    """``cnnstat.build``, ``cnnstat.verify`` and ``cnnstat.from_torch`` import torch on first
    use, never before:
    ``import cnnstat`` and the analytic commands stay torch-free. ``cnnstat.memory``
    (torch-free) is loaded on first use too."""
    if name == "memory":
        from cnnstat.mem import memory

        return memory
    if name == "from_torch":
        from cnnstat.torch.importer import from_torch

        return from_torch
    if name in ("build", "verify"):
        import cnnstat.torch as parity

        return getattr(parity, name)
    raise AttributeError(f"module 'cnnstat' has no attribute {name!r}")
