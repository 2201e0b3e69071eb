"""The readers of model facts that read a line alone (registered in ``registry.READERS``
through ``READERS``): the year a network came out, and where a VGG's named layers stand
in torchvision's ``features``."""

from __future__ import annotations

from cnnstat.notes.modelfacts import layerindex, years
from cnnstat.notes.pipeline import Reader

READERS = [
    # "VGG16 was proposed for the ImageNet challenge in 2014", "AlexNet (2012)"
    Reader("years of networks", "prose", lambda at: years.check_line(
        at.line.number, at.line.masked, at.state.above, at.line.raw), needs=years.NEEDS),
    # "{'0': 'conv1_1', '21': 'conv4_2'}" under VGG19, in prose or in code
    Reader("layer indices", "prose+code", lambda at: layerindex.check_line(
        at.line.number, at.line.raw, at.heading or at.state.heading), needs=layerindex.NEEDS),
]
