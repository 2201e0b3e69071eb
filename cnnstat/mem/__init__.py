"""Memory of inference and training steps, predicted from the layer algebra (no torch).

``dataflow`` turns a spec into steps over numbered tensors (and decides which ReLUs run
in place); ``estimate`` walks them (liveness for inference; saved tensors, gradients and
optimizer state for training); ``budget`` finds the largest batch under a memory budget.
``cnnstat.torch.memory`` measures the same figures on real tensors.
"""

from cnnstat.mem.budget import Fit, largest_batch, parse_size
from cnnstat.mem.estimate import OPTIMIZERS, Memory, memory

__all__ = ["Fit", "Memory", "OPTIMIZERS", "largest_batch", "memory", "parse_size"]
