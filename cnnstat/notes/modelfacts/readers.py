"""The readers of model facts that read a line alone (registered in ``registry.READERS``
through ``READERS``): the year a network came out, where a VGG's named layers stand in
torchvision's ``features``, and the depths a section's family is listed in."""

from __future__ import annotations

from cnnstat.notes.modelfacts import depths, layerindex, years
from cnnstat.notes.pipeline import Reader

READERS = [
    # "VGG16 was proposed for the ImageNet challenge in 2014", "AlexNet (2012)"
    Reader("years of networks", "prose", lambda at: years.check_line(
        at.line.number, at.line.masked, at.state.above, at.line.raw), needs=years.NEEDS),
    # "{'0': 'conv1_1', '21': 'conv4_2'}" under VGG19, in prose or in code
    Reader("layer indices", "prose+code", lambda at: layerindex.check_line(
        at.line.number, at.line.raw, at.heading or at.state.heading), needs=layerindex.NEEDS),
    # "depth는 34, 50, 100까지" under a ResNet heading
    Reader("depths of the section's network", "claims", lambda at: depths.depth_words(
        at.line.number, at.line.masked, at.heading), needs=("depth", "깊이")),
]
