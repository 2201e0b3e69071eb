"""Import targets: ``torchvision:resnet50``, ``timm:NAME``, ``package.module:factory`` and
``path/to/file.py:ClassName``, built on the meta device with no weights. What a target
looks like is ``cnnstat.models.zoo.is_target`` (torch-free: ``load`` asks it first)."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from typing import Any, NamedTuple

from cnnstat.errors import SpecError
from cnnstat.runtime.worker import is_out_of_memory
from cnnstat.models.zoo import is_target


class Built(NamedTuple):
    module: Any
    name: str
    title: str
    matches: str | None
    input: tuple[int, ...]


def _attr(obj: Any, dotted: str, where: str) -> Any:
    for part in dotted.split("."):
        if not hasattr(obj, part):
            raise SpecError(f"{where} has no attribute '{part}'")
        obj = getattr(obj, part)
    return obj


def _call(factory: Any, kwargs: dict[str, Any], target: str) -> Any:
    import torch
    from torch import nn

    if isinstance(factory, nn.Module):
        if kwargs:
            raise SpecError(f"{target} is a module instance; --kwargs has nothing to pass to")
        return factory
    if not callable(factory):
        raise SpecError(f"{target} is neither a module, a module class nor a function")
    try:
        try:
            with torch.device("meta"), _no_init():
                made = factory(**kwargs)
        except TypeError:
            raise
        except Exception as err:  # the builder needs real values (.tolist() of a tensor)
            if is_out_of_memory(err):
                raise
            with _weights_on_meta():
                made = factory(**kwargs)
    except Exception as err:
        if is_out_of_memory(err):
            raise  # the worker names its memory limit
        args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
        raise SpecError(f"{target}({args}) failed: {type(err).__name__}: {err}") from None
    if not isinstance(made, nn.Module):
        raise SpecError(f"{target} returned a {type(made).__name__}, not a torch nn.Module")
    return made


class _no_init:
    """``torch.nn.init`` does nothing while a model is built on the meta device (there
    are no values to fill; torch's meta kernels for random fills cost ~8 ms each)."""

    NAMES = ("uniform_", "normal_", "trunc_normal_", "constant_", "ones_", "zeros_",
             "xavier_uniform_", "xavier_normal_", "kaiming_uniform_", "kaiming_normal_",
             "orthogonal_", "eye_", "dirac_", "sparse_")

    def __enter__(self) -> None:
        from torch.nn import init

        self.saved = {n: getattr(init, n) for n in self.NAMES if hasattr(init, n)}
        for n in self.saved:
            setattr(init, n, lambda tensor, *args, **kwargs: tensor)

    def __exit__(self, *exc) -> None:
        from torch.nn import init

        for n, fn in self.saved.items():
            setattr(init, n, fn)


class _weights_on_meta:
    """Build on the CPU, but move every parameter and buffer to the meta device as it is
    registered: no memory for weights, and builders that compute with tensors work."""

    def __enter__(self) -> None:
        from torch import nn

        self.saved = nn.Module.register_parameter, nn.Module.register_buffer
        param, buffer = self.saved

        def register_parameter(mod, name, p):
            if p is not None:
                p = nn.Parameter(p.to("meta"), requires_grad=p.requires_grad)
            return param(mod, name, p)

        def register_buffer(mod, name, b, persistent=True):
            return buffer(mod, name, None if b is None else b.to("meta"), persistent)

        nn.Module.register_parameter = register_parameter  # type: ignore[method-assign]
        nn.Module.register_buffer = register_buffer  # type: ignore[method-assign]

    def __exit__(self, *exc) -> None:
        from torch import nn

        nn.Module.register_parameter, nn.Module.register_buffer = self.saved  # type: ignore


def _torchvision(name: str, kwargs: dict[str, Any]) -> Built:
    try:
        import torchvision.models as models
    except Exception as err:  # not installed, or built for another torch
        from cnnstat.runtime.install import torchvision_problem

        raise SpecError(torchvision_problem(err, f"torchvision:{name}")) from None
    try:
        builder = models.get_model_builder(name)
    except ValueError:
        from cnnstat.layers import did_you_mean

        known = models.list_models()
        raise SpecError(f"torchvision has no model builder '{name}'{did_you_mean(name, known)}") \
            from None
    crop = 224
    try:
        weights = models.get_model_weights(name)
        crop = int(next(iter(weights)).transforms().crop_size[0])
    except Exception:  # no weights enum: keep 224
        pass
    module = _call(builder, {"weights": None, **kwargs}, f"torchvision.models.{name}")
    if isinstance(getattr(module, "image_size", None), int):
        # a ViT built with weights=None takes only its own image_size (vit_h_14: 224,
        # where its SWAG weights' crop is 518)
        crop = module.image_size
    extra = "".join(f", {k}={v!r}" for k, v in kwargs.items())
    return Built(module, name, f"{name} (torchvision.models.{name}{'(' + extra[2:] + ')' if extra else ''}, imported)",
                 f"torchvision.models.{name}" if not kwargs else None, (3, crop, crop))


def _timm(name: str, kwargs: dict[str, Any]) -> Built:
    try:
        import timm
    except Exception as err:  # not installed; or its torchvision does not load with torch
        from cnnstat.runtime.install import install_hint, torchvision_problem

        if "torchvision" in f"{getattr(err, 'name', '')} {err}":
            raise SpecError(torchvision_problem(err, f"timm:{name}")) from None
        if isinstance(err, ModuleNotFoundError) and err.name == "timm":
            raise SpecError(f"timm:{name} needs timm, which is not installed; install it "
                            f"with: {install_hint('timm')}") from None
        first = str(err).splitlines()[0] if str(err) else ""
        raise SpecError(f"timm:{name}: timm does not import here ({type(err).__name__}: "
                        f"{first})") from None
    module = _call(lambda **kw: timm.create_model(name, pretrained=False, **kw), kwargs,
                   f"timm:{name}")
    size = getattr(module, "default_cfg", {}).get("input_size", (3, 224, 224))
    return Built(module, name, f"{name} (timm, imported)", None, tuple(size))


def _file(path: str, attr: str, kwargs: dict[str, Any]) -> Built:
    file = Path(path)
    if not file.is_file():
        raise SpecError("no such Python file", file=path)
    spec = importlib.util.spec_from_file_location(f"_cnnstat_import_{file.stem}", file)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = mod  # type: ignore[union-attr]
    with _on_path(file.resolve().parent):  # the file's own imports of files beside it
        try:
            spec.loader.exec_module(mod)  # type: ignore[union-attr]
        except Exception as err:
            if is_out_of_memory(err):
                raise  # the worker names its memory limit and how to raise it
            raise SpecError(f"importing it failed: {type(err).__name__}: {err}",
                            file=path) from None
        module = _call(_attr(mod, attr, path), kwargs, f"{path}:{attr}")
    return Built(module, attr.rpartition(".")[2].lower(), f"{attr} from {file.name} (imported)",
                 None, (3, 224, 224))


class _on_path:
    """``folder`` first on ``sys.path`` while a model file is imported and built, as when
    Python runs a script from it."""

    def __init__(self, folder: Path) -> None:
        self.folder = str(folder)

    def __enter__(self) -> None:
        self.added = self.folder not in sys.path
        if self.added:
            sys.path.insert(0, self.folder)

    def __exit__(self, *exc) -> None:
        if self.added and self.folder in sys.path:
            sys.path.remove(self.folder)


def _python(modname: str, attr: str, kwargs: dict[str, Any]) -> Built:
    try:
        mod = importlib.import_module(modname)
    except ImportError as err:
        raise SpecError(f"cannot import Python module '{modname}': {err}") from None
    module = _call(_attr(mod, attr, modname), kwargs, f"{modname}:{attr}")
    return Built(module, attr.rpartition(".")[2].lower(), f"{modname}.{attr} (imported)", None,
                 (3, 224, 224))


def build_target(target: str, kwargs: dict[str, Any]) -> Built:
    if not is_target(target):
        raise SpecError(f"'{target}' is not an import target; write torchvision:NAME, "
                        "timm:NAME, package.module:factory or path/to/file.py:ClassName")
    where, _, attr = target.rpartition(":")
    if where == "torchvision":
        return _torchvision(attr, kwargs)
    if where == "timm":
        return _timm(attr, kwargs)
    if where.endswith(".py"):
        return _file(where, attr, kwargs)
    return _python(where, attr, kwargs)
