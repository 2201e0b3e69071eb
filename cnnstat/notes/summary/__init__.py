"""Pasted model summaries, read row by row and rebuilt with the layer algebra.

Styles read: torchsummary; Keras 2 (blank separator lines, cells cut by width), Keras 3
(box drawing) and Keras functional models ("Connected to"); torchinfo (depth-indented
``├─`` / ``└─`` rows, "Total mult-adds"); fastai; DL4J; docstring tables of name,
params and MACs; whitespace-aligned tables and markdown tables without outer pipes.

Modules, one idea each: ``kinds`` (type names to layer families), ``rows`` (the row
grammar of each style), ``fits`` (the kernel or window that gives a row, asked of
``cnnstat.layers``), ``rebuild`` (a row from the rows it reads), ``totals`` (the lines
under a table), ``aside`` (rows that go on past a line of the note's words), ``reader`` (the state machine ``notes/check.py`` calls:
``Summary().check_line(number, raw)``).
"""

from cnnstat.notes.summary.reader import Summary  # noqa: F401
