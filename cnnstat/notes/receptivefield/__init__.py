"""Receptive fields: dilated convs line by line (``receptive``), a uniform
stack's table (``rftable``), a field followed through layers in prose (``rfwalk``) and a
stack's field stated in words (``rfwords``), a field table by the names of layers a
table above set out, bottom-up or top-down (``rfnames``).
"""
