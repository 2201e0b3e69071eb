"""The layer algebra: one registered class per layer kind.

Each class owns every rule about its kind: the arguments it takes, its output shape,
its parameters (trainable, frozen) and buffers, its multiply-accumulates, its other
elementwise operations, whether its output is a new tensor, and its receptive-field
window. Adding a kind means adding one class to the module of its family and decorating it
with ``@register``.

Conventions, stated once:

* Shapes are per sample, channels first: ``(C, H, W)`` for feature maps, ``(F,)`` after
  ``flatten``. Batch size multiplies MACs, ops and activations, never parameters.
* **MACs** count the multiply-accumulates of conv and linear layers only (one
  multiply-add = 1). This is the unit of torchvision's published "GFLOPS" and of the
  ResNet and GoogLeNet papers. **FLOPs** are 2 x MACs and are always labelled so.
* **ops** count every other elementwise operation (bias adds, BN, activations, pooling,
  merges, LRN, softmax), by the per-kind rule written in each class's docstring.
* **receptive field** (``Field``): each kind maps its input's field through its window
  (``Kind.field``), each merge combines its inputs' (``Merge.field``); global context
  (global pooling, a gate computed from it) sets ``is_global`` and never moves the local
  field or jump of the map it joins.
* **memory** (``cnnstat memory``): each kind and merge states what autograd keeps for
  its backward (``saved``, with the torch source of the rule in its docstring), its
  output type under mixed precision (``out_dtype``) and whether its output is a view
  (``is_view``); ``Precision`` says how tensors are stored.
* **activations** are output elements. Layers whose output is not a new tensor
  (in-place ReLU, dropout at inference, views such as flatten and identity) have
  ``allocates = False`` and do not add to activation memory.

The common ground: ``base`` (the registry and the ``Kind`` base class), ``args`` (a
kind's arguments), ``effect`` (what a layer does to a sample, its receptive field, shape
helpers), ``storage`` (types, precision, saved tensors) and ``window`` (the window
arithmetic conv and pooling share). Then one module per family: ``conv`` (conv, linear,
connection tables, RBF), ``pool``, ``norm``, ``activation``, ``tensor`` (dropout,
flatten, identity, zero-pad), ``resample`` (upsampling, transposed conv, pixel shuffle,
centre crop) and ``merge`` (merges and shortcuts).
Everything is re-exported here: ``from cnnstat.layers import KINDS``.
"""

from cnnstat.layers.args import REQUIRED, Arg, _default, _fmt_val  # noqa: F401
from cnnstat.layers.base import (  # noqa: F401
    KINDS, KINDS_POINTER, MAX_DIM, MAX_ELEMENTS, Kind, did_you_mean, register,
)
from cnnstat.layers.effect import Effect, Field, Shape, _spatial, fmt_shape, numel  # noqa: F401
from cnnstat.layers.storage import DTYPE_BYTES, FLOATS, Buf, Precision, widest  # noqa: F401
from cnnstat.layers.window import ceil_drops_last, window_out  # noqa: F401
from cnnstat.layers.conv import RBF, ChannelConv, Conv, Linear, TableConv  # noqa: F401
from cnnstat.layers.pool import (  # noqa: F401
    AdaptiveAvgPool, AvgPool, GlobalAvgPool, MaxPool, Subsample, _Pool,
)
from cnnstat.layers.norm import LRN, BatchNorm, LayerNorm, LayerScale, Scale  # noqa: F401
from cnnstat.layers.activation import (  # noqa: F401
    GELU, Hardsigmoid, Hardswish, LeakyReLU, ReLU, ReLU6, Sigmoid, SiLU, Softmax, Tanh,
    _Activation, _GatedActivation,
)
from cnnstat.layers.tensor import (  # noqa: F401
    Dropout, Flatten, Identity, Shuffle, Slice, Split, StochasticDepth, ZeroPad,
)
from cnnstat.layers.resample import (  # noqa: F401
    ConvTranspose, Crop, Pad, PixelShuffle, PixelUnshuffle, Upsample, transposed_out,
)
from cnnstat.layers.merge import (  # noqa: F401
    MERGES, SHORTCUTS, Add, Concat, Mean, Merge, Mul, keeps_residual, projection_shortcut,
    shortcut_layers,
)
