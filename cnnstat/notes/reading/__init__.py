"""Reading a line's notation: ``normalise`` turns a masked line into one token stream
(``katex`` keeps one copy of pasted KaTeX, ``atproduct`` reads LeNet's ``count@size = total``),
``numerals`` and ``numbers`` read and compare
figures, ``grammar`` parses and evaluates a run of tokens, ``runs`` finds where the runs
stand, and ``glosses``, ``operands``, ``places``, ``questions`` and ``weightwords`` say what
the words around the numbers make of them. Every reader reads a line through these.
"""
