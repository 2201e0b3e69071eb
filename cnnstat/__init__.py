"""cnnstat: exact, explained statistics of convolutional network architectures."""

from cnnstat.analysis import Analysis, analyze
from cnnstat.errors import SpecError
from cnnstat.zoo import load

__version__ = "0.1.0"
__all__ = ["Analysis", "SpecError", "analyze", "load", "__version__"]
