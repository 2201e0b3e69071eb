"""Rules stated as formulas, checked by substitution: an output size or a parameter
count in letters, subscripts or words (``ruletree`` reads them, ``rulecheck``, ``rulelines``, ``rulefamilies``,
``formula``, ``general``; a 3D conv's, ``solid``), cost formulas in role words and symbols (``roleexpr``,
``roleformula``), and symbolic identities and thresholds (``symbolic``, ``thresholds``) over
exact polynomials (``poly``).
"""
