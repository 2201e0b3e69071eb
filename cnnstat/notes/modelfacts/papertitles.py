"""A heading that is a network's paper's title names that network: a paper review
titled ``# ImageNet Classification with Deep Convolutional Neural Networks`` is about
AlexNet, and its sections (``## Details of learning``) go on with it, as under a heading
``# AlexNet``.

The titles are the papers' own (``TITLES``), matched whole, in any case, with any
punctuation or spacing between their words, anywhere in the heading (a year, a note
before or after: ``[논문 리뷰] Deep Residual Learning for Image Recognition (2015)``).
A title that names its network itself (``MobileNets: ...``, ``EfficientNet: ...``) is
read by ``models.mentions`` already. Only headings are read this way: a title cited in a
sentence is a reference, not the subject of what follows.
"""

from __future__ import annotations

import re

from cnnstat.notes.modelfacts.models import Mention, mentions

# title -> the network it introduced (each the paper's title as published)
TITLES = {
    # Krizhevsky, Sutskever & Hinton, NIPS 2012
    "ImageNet Classification with Deep Convolutional Neural Networks": "AlexNet",
    # Simonyan & Zisserman, ICLR 2015
    "Very Deep Convolutional Networks for Large-Scale Image Recognition": "VGG",
    # He, Zhang, Ren & Sun, CVPR 2016
    "Deep Residual Learning for Image Recognition": "ResNet",
    # Szegedy et al., CVPR 2015
    "Going Deeper with Convolutions": "GoogLeNet",
    # Szegedy et al., CVPR 2016
    "Rethinking the Inception Architecture for Computer Vision": "Inception-v3",
    # LeCun, Bottou, Bengio & Haffner, Proc. IEEE 1998
    "Gradient-Based Learning Applied to Document Recognition": "LeNet-5",
    # Huang, Liu, van der Maaten & Weinberger, CVPR 2017
    "Densely Connected Convolutional Networks": "DenseNet",
    # Xie, Girshick, Dollár, Tu & He, CVPR 2017
    "Aggregated Residual Transformations for Deep Neural Networks": "ResNeXt",
    # Zeiler & Fergus, ECCV 2014
    "Visualizing and Understanding Convolutional Networks": "ZFNet",
}


def _pattern(title: str) -> re.Pattern:
    words = re.findall(r"[A-Za-z]+", title)
    return re.compile(r"(?<![A-Za-z])" + r"[\W_]+".join(words) + r"(?![A-Za-z])", re.I)


_TITLES = [(_pattern(t), name) for t, name in TITLES.items()]
_FIRST_WORDS = tuple({re.findall(r"[a-z]+", t.lower())[0] for t in TITLES})


def titled(heading: str) -> Mention | None:
    """The network whose paper's title the heading holds, or None."""
    low = heading.lower()
    if not any(w in low for w in _FIRST_WORDS):
        return None
    found = [(rx.search(heading), name) for rx, name in _TITLES]
    found = [(m, name) for m, name in found if m]
    if len(found) != 1:
        return None
    m, name = found[0]
    named = mentions(name)
    return named[0]._replace(start=m.start(), end=m.end()) if named else None
