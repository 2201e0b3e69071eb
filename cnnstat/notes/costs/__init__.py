"""Costs of a layer or a model: FLOPs against MACs (``flops``), multiplications and
operations said in words of a conv set out in words (``costwords``, ``layerwords``),
MobileNet's separable-conv identities (``separable``) and the size of a model's weights in
bytes (``weightsize``).
"""
