"""The explain cards, one module per topic. Each module defines ``CARD``."""

ORDER = [
    "conv-output-size", "param-count", "stacked-3x3", "1x1-bottleneck", "inception-module",
    "overlapping-pooling", "lrn", "relu", "dropout", "global-average-pooling",
    "residual-connection", "grouped-conv", "dense-connectivity", "fire-module",
    "auxiliary-classifier", "wide-vs-deep", "stochastic-depth", "fractal",
    "flop-conventions", "depthwise-separable", "squeeze-excitation", "compound-scaling",
    "training-memory", "upsampling", "dilated-conv",
]
