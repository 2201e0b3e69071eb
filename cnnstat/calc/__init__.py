"""A calculator for one layer or a short chain, with every formula written out.

The numbers come from the layer algebra (``cnnstat.layers``) and, for the receptive
field, from the analysis walker; this package only *writes out* the formula and the
substitution beside each number, so a student can check the arithmetic by hand. The
same helpers write the formulas of the ``explain`` cards.

- ``text``: numbers and shapes as text, the ``Line`` record and ``CalcError``;
- ``formulas``: one layer built by the algebra, and its formula lines, per layer kind;
- ``chain``: the chain syntax (``227x227x3 | conv 96 k11 s4``) and running it;
- ``report``: a chain as a ``render.Report`` or JSON.

Shapes: the notes write feature maps as height x width x channels (``227x227x3``), so
the calculator reads and prints **HxWxC** by default; ``order="chw"`` switches to the
channels-first order that ``cnnstat params`` prints. Internally shapes are channels
first, as everywhere in cnnstat.
"""
