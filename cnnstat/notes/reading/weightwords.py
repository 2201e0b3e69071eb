"""Words that say a count is of the weights alone, the biases apart: ``weights``,
``n_weights``, ``가중치``, ``without bias``, ``bias 제외``, ``bias=False``. One pattern for
every reader that asks whether a stated count should hold the biases (``intent`` for a
count worked out, ``rulelines`` for a count's rule).

``weights and biases`` speaks of both, and is no such word.
"""

from __future__ import annotations

import re

WEIGHTS_ONLY = re.compile(r"(?<![A-Za-z])weights?(?![A-Za-z])(?!\s+and\s+bias)|가중치|"
                          r"without\s+(?:the\s+|any\s+)?bias|bias\s*(?:제외|없이)|no\s+bias|"
                          # "= 34,848 (plus 96 biases)": the biases named apart, after it
                          r"\(\s*(?:\+|plus)\s*(?:the\s+|its\s+|\d[\d,]*\s+)?bias|"
                          r"bias\s*=\s*False|excluding", re.I)

# a count said to hold the biases, or to leave them out (``paramquiz``, ``paramwords``)
WITH_BIAS = re.compile(r"includ\w*\s+(?:the\s+|its\s+)?bias|with\s+(?:the\s+|its\s+)?bias|"
                       r"bias\w*\s*(?:포함|까지)|편향\s*(?:포함|까지)|plus\s+(?:the\s+)?bias|"
                       r"bias(?:es)?\s+(?:included|counted\s+in)", re.I)
NO_BIAS = re.compile(r"ignor\w*\s+(?:the\s+)?bias|without\s+(?:the\s+|any\s+)?bias|no\s+bias|"
                     r"exclud\w*\s+(?:the\s+)?bias|(?:bias|편향)\w*\s*(?:제외|없이)|가중치만|"
                     r"weights\s+only|only\s+(?:the\s+)?weights|(?:use_)?bias\s*=\s*False|"
                     r"bias(?:es)?\s+(?:excluded|aside|apart|not\s+counted)", re.I)

__all__ = ["NO_BIAS", "WEIGHTS_ONLY", "WITH_BIAS"]
