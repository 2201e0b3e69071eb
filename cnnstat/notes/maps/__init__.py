"""Map sizes through layers told in prose: shape claims and their judge (``shapes``,
``shapejudge``, ``shapewords``), walkthroughs and their steps (``walkthrough``, ``steps``,
``continuity``, ``restate``, ``answers``, ``trace``), maps through inline layers and chains
of sizes (``proseflow``, ``sizechain``, ``convcount``, ``aspect``, ``fsp``), a convolution
written as an equation of shapes (``convequation``), and the
layer words they read (``padding``, ``pooled``, ``filters``, ``kernelruns``).
"""
