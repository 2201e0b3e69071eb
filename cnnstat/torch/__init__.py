"""PyTorch parity: build any spec as an ``nn.Module`` and check it against the analysis.

The only package of cnnstat that imports torch (the ``torch`` extra).
"""

from cnnstat.torch.build import TorchError, build
from cnnstat.torch.mapping import MAPPINGS, MERGE_MAPPINGS

__all__ = ["MAPPINGS", "MERGE_MAPPINGS", "TorchError", "build", "torch_version", "verify"]


def __getattr__(name: str):
    if name == "verify":
        from cnnstat.torch.verify import verify

        return verify
    raise AttributeError(name)


def torch_version() -> str:
    import torch

    return torch.__version__
