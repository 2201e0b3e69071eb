"""How to add an optional part (``torch``, ``plot``) to this installation of cnnstat.

cnnstat is not published on PyPI, so ``pip install "cnnstat[torch]"`` would fail for most
users; the hint follows how this copy was installed (pip's ``direct_url.json``): from a
checkout, from a git URL, or from an index.
"""

from __future__ import annotations

import json

TORCH_FIRST = ("PyTorch's CPU build first (any torch >= 2.1 you already have works too): "
               "pip install torch --index-url https://download.pytorch.org/whl/cpu ; then ")


def origin() -> tuple[str, str]:
    """(kind, where): ("dir", path), ("editable", path), ("vcs", url), ("index", "") or
    ("source", "") when cnnstat runs from a checkout that was never installed."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        text = distribution("cnnstat").read_text("direct_url.json")
    except PackageNotFoundError:
        return "source", ""
    if not text:
        return "index", ""
    try:
        doc = json.loads(text)
    except ValueError:
        return "index", ""
    url = str(doc.get("url", ""))
    if "vcs_info" in doc:
        return "vcs", f"{doc['vcs_info'].get('vcs', 'git')}+{url}"
    if "dir_info" in doc and url.startswith("file://"):
        path = url[len("file://"):]
        return ("editable" if doc["dir_info"].get("editable") else "dir"), path
    return "index", ""


def install_hint(extra: str) -> str:
    """The pip command that adds ``extra`` to this installation."""
    kind, where = origin()
    if kind == "editable":
        cmd = f'pip install -e "{where}[{extra}]"'
    elif kind == "dir":
        cmd = f'pip install "{where}[{extra}]"'
    elif kind == "vcs":
        cmd = f'pip install "cnnstat[{extra}] @ {where}"'
    elif kind == "source":
        cmd = f'pip install ".[{extra}]" (in your cnnstat checkout)'
    else:
        cmd = f'pip install "cnnstat[{extra}]"'
    return (TORCH_FIRST if extra == "torch" else "") + cmd
