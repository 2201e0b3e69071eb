"""Words that say a count is of the weights alone, the biases apart: ``weights``,
``n_weights``, ``가중치``, ``without bias``, ``bias 제외``, ``bias=False``. One pattern for
every reader that asks whether a stated count should hold the biases (``intent`` for a
count worked out, ``rulelines`` for a count's rule).

``weights and biases`` speaks of both, and is no such word.
"""

from __future__ import annotations

import re

WEIGHTS_ONLY = re.compile(r"(?<![A-Za-z])weights?(?![A-Za-z])(?!\s+and\s+bias)|가중치|"
                          r"without\s+bias|bias\s*(?:제외|없이)|no\s+bias|"
                          r"bias\s*=\s*False|excluding", re.I)

__all__ = ["WEIGHTS_ONLY"]
