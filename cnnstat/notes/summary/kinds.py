"""Which layer a summary row is: the type names that PyTorch, Keras, DL4J and TF-slim
print, mapped to a family of cnnstat's layer algebra.

A family is the name of the rule in ``rebuild`` that judges the row. Names not listed
are not judged (their parameters still count toward the totals): a wrong guess would
be a false alarm, and an unjudged row is only a miss.
"""

from __future__ import annotations

import re

# lower-case type name as printed -> family
TYPES: dict[str, str] = {}


def _add(family: str, *names: str) -> None:
    for n in names:
        TYPES[n] = family


_add("conv", "conv2d", "conv1d", "convolutionlayer", "convolution2d", "convolution1d",
     "conv2dsame", "convolution")
_add("depthwise", "depthwiseconv2d")
_add("linear", "linear", "dense", "denselayer", "outputlayer", "lazylinear", "fullyconnected")
_add("bn", "batchnorm2d", "batchnorm1d", "batchnormalization", "syncbatchnorm", "batchnorm")
_add("layernorm", "layernorm", "layernormalization")
_add("pool", "maxpool2d", "maxpooling2d", "avgpool2d", "averagepooling2d", "maxpool1d",
     "maxpooling1d", "avgpool1d", "averagepooling1d", "subsamplinglayer",
     "pooling")  # MXNet's Pooling (a global one finds no window: unsure)
_add("gpool", "globalaveragepooling2d", "globalmaxpooling2d", "globalaveragepooling1d",
     "globalmaxpooling1d", "globalpoolinglayer")
_add("apool", "adaptiveavgpool2d", "adaptivemaxpool2d", "adaptiveavgpool1d")
_add("flatten", "flatten")
_add("same", "relu", "relu6", "activation", "dropout", "dropout2d", "softmax", "sigmoid",
     "tanh", "leakyrelu", "elu", "gelu", "silu", "hardswish", "hardsigmoid", "identity",
     "activationlayer", "dropoutlayer", "spatialdropout2d", "alphadropout",
     "gaussiannoise", "gaussiandropout", "rescaling", "lrn", "softmaxoutput")
_add("concat", "concatenate", "mergevertex", "concat")
_add("add", "add", "elementwisevertex", "elemwise_add", "_plus", "broadcast_add")
_add("input", "inputlayer", "inputvertex", "null")  # MXNet prints its data as null
# rows that hold a sub-network (torchinfo, torchsummary, Keras nested models): never judged
_add("container", "sequential", "basicblock", "bottleneck", "functional", "model",
     "modulelist", "moduledict")

# the cnnstat layer kind each zero-parameter or shape family is checked with
LAYER_OF = {"same": "relu", "flatten": "flatten", "gpool": "global_avgpool",
            "apool": "adaptive_avgpool", "pool": "maxpool", "conv": "conv",
            "depthwise": "conv", "linear": "linear", "bn": "bn", "layernorm": "layernorm"}

_TAIL = re.compile(r"_[0-9]{1,6}$")


def family(type_text: str, name: str, closed: bool) -> str | None:
    """The family of a row: its type as printed (``closed`` when the type was printed
    whole), else the Keras default name (``average_pooling2d_1``: the class in snake
    case), else the one known type the cut type begins."""
    t = type_text.lower()
    if closed or t in TYPES:
        return TYPES.get(t)
    if name:
        stem = _TAIL.sub("", name.lower()).replace("_", "")
        if stem in TYPES and (not t or stem.startswith(t)):
            return TYPES[stem]
    if len(t) >= 4:
        found = {f for n, f in TYPES.items() if n.startswith(t)}
        if len(found) == 1:
            return found.pop()
    return None
