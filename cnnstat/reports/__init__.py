"""What each command shows, as ``render.Report``s built from library results.

- ``analytic``: the analysis of one model (``params``, ``--explain``, ``list``);
- ``compare``: side-by-side totals of several models, ratios and the classic chart;
- ``measured``: measured figures (``profile``); plain data in, no torch import.
"""
