"""Layer tables, rebuilt row by row through the layer algebra: ``layertable`` reads
a table (``layerlines`` one that is no markdown table) whose columns ``layercols`` names, and
judges its sizes, channels, parameters and receptive-field columns (``layersizes``,
``layerdepth``, ``layerparams``, ``layerfields``); a layer set out over several lines
(``layerblock``) and an Inception row in words (``branches``).
"""
