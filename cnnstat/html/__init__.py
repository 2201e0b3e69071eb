"""One-file HTML pages: ``page`` (``cnnstat report``: a model's totals, drawing, charts,
memory and layer table) and ``compare`` (``compare --html``: models side by side).
``table``, ``charts``, ``words`` and ``assets`` are their parts; no network requests, no
framework: the style and script are the two small files beside them."""
