"""Calculations a note works out and the totals it draws from them: ``expression =
result`` anywhere in a line (``arith``, ``arithchain``, ``arithunits``, ``bracketed``,
``labelled``, ``positions``), figures carried from line to line into a total (``carried``,
``sumterms``, ``listtotal``, ``coltotal``, ``totalahead``, ``aheadsum``, ``partstotal``),
ratios and cuts between figures worked out (``ratioabove``, ``reduction``), a wrong figure
repeated or inherited (``echoes``, ``inherited``), and a table's calculations, shares and
total rows (``tablecalc``, ``tableshare``, ``tabletotal``).
"""
