"""Parameter counts whose arithmetic is right but whose quantity may not be:
mistakes of intent (``intent``), a quiz's parameter count (``paramquiz``), channels carried
through hand-written parameter lines (``paramchain``) and a stack's count written as a
power (``stacking``), a count beside a layer's code or in the comment lines next to it
(``layercomment``, ``layerside``).
"""
