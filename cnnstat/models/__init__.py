"""The models cnnstat knows, above the layer algebra and the spec language: ``zoo``
finds the bundled specs and turns a name, a path or an import target into a loaded
``Spec``; ``listing`` is the bundled specs as `cnnstat list` shows them, kept in
``specs/index.json`` (``python -m cnnstat.models.listing``). Nothing is re-exported here:
each name has one home."""
