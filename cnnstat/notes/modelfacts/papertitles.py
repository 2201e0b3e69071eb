"""A network named by its paper's title: a review's heading is often the title alone
(``# ImageNet Classification with Deep Convolutional Neural Networks``), and the section
it opens is about that paper's network, as a heading naming it would make it.

Only titles that name no network themselves are listed (``MobileNetV2: Inverted Residuals
...`` names its own); each stands for the family its paper introduced. Read on headings
only (``pipeline._heading_model``), where the title is the section's subject.
"""

from __future__ import annotations

import re

from cnnstat.notes.modelfacts.models import Mention, mentions

# the title's words (any spacing, any case) -> the network as the checker names it
TITLES = {
    "imagenet classification with deep convolutional neural networks": "AlexNet",
    "very deep convolutional networks for large-scale image recognition": "VGGNet",
    "deep residual learning for image recognition": "ResNet",
    "going deeper with convolutions": "GoogLeNet",
    "rethinking the inception architecture for computer vision": "Inception-v3",
    "densely connected convolutional networks": "DenseNet",
    "network in network": "NiN",
    "gradient-based learning applied to document recognition": "LeNet-5",
    "visualizing and understanding convolutional networks": "ZFNet",
}
_TITLE = re.compile("|".join(r"\s+".join(map(re.escape, t.split())) for t in TITLES), re.I)


def titled(text: str) -> list[Mention]:
    """The network a paper's title in ``text`` stands for, as a mention spanning the
    title; [] where no listed title is there."""
    m = _TITLE.search(text)
    if m is None:
        return []
    named = mentions(TITLES[" ".join(m.group(0).lower().split())])
    return [named[0]._replace(start=m.start(), end=m.end())] if named else []


__all__ = ["TITLES", "titled"]
