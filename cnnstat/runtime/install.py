"""How to add an optional part (``torch``, ``vision``, ``timm``, ``plot``) to this
installation of cnnstat, and how to mend a torch/torchvision pair that does not load.

cnnstat is not published on PyPI, so ``pip install "cnnstat[torch]"`` would fail for most
users; the hint follows how this copy was installed (pip's ``direct_url.json``): from a
checkout, from a git URL, or from an index.
"""

from __future__ import annotations

import json



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
    return cmd + (CPU_TIP if extra in ("torch", "vision", "timm") else "")


# optional: the plain command above works wherever the Python package index is reachable
CPU_TIP = (" (optional, on Linux without a GPU: first `pip install torch --index-url "
           "https://download.pytorch.org/whl/cpu` saves a download of several GB)")


def matching_torchvision(torch_version: str) -> str:
    """The torchvision release built for ``torch_version``: torch 2.m.p pairs with
    torchvision 0.(m+15).p from torch 2.1 on (torchvision's README, "Installation":
    2.1 - 0.16, ..., 2.9 - 0.24; torch 2.14.1 - torchvision 0.29.1, the pair PyPI holds)."""
    base = torch_version.split("+", 1)[0]
    major, minor, patch = (base.split(".") + ["0", "0"])[:3]
    if major != "2" or not minor.isdigit() or int(minor) < 1:
        return ""
    return f"0.{int(minor) + 15}.{patch if patch.isdigit() else 0}"


def torchvision_fix(torch_version: str) -> str:
    """The pip command that installs the torchvision built for the torch that is installed
    (from PyTorch's index of the same build when torch is a local build such as +cpu)."""
    wanted = matching_torchvision(torch_version)
    if not wanted:
        return install_hint("vision")
    local = torch_version.partition("+")[2]
    index = f" --index-url https://download.pytorch.org/whl/{local}" if local else ""
    return f'pip install --force-reinstall --no-deps "torchvision=={wanted}"{index}'


def torchvision_problem(err: BaseException, needed_for: str) -> str:
    """Why importing torchvision (itself, or under timm) failed, and the command that
    mends it: not installed, or installed for another torch (``operator torchvision::nms
    does not exist``: its compiled operators do not load into this torch)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        tv = version("torchvision")
    except PackageNotFoundError:
        return (f"{needed_for} needs torchvision, which is not installed; install it with: "
                f"{install_hint('vision')}")
    try:
        torch_version = version("torch")
    except PackageNotFoundError:
        torch_version = ""
    first = str(err).splitlines()[0] if str(err) else type(err).__name__
    return (f"{needed_for} needs torchvision, and torchvision {tv} does not load with torch "
            f"{torch_version or '(not installed)'} ({first}): each torchvision release is "
            "built for one torch release. Install the torchvision built for this torch: "
            f"{torchvision_fix(torch_version)}")
