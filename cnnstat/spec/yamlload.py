"""Safe YAML loading that remembers where every mapping, list and key came from."""

from __future__ import annotations

import yaml

from cnnstat.errors import SpecError


class LineDict(dict):
    """A mapping from YAML that knows its own line and each key's line (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence from YAML that knows its own line and each item's line (1-based)."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# libyaml's C parser when PyYAML was built with it (about 5x faster on the larger specs);
# either way the constructor is SafeConstructor, which refuses Python object tags.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """A safe loader (no Python object tags) that builds LineDict/LineList."""


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int)):
            raise SpecError(f"mapping key {key!r} must be a name", line=key_node.start_mark.line + 1)
        if key in out:
            raise SpecError(f"key {key!r} appears twice in the same mapping",
                            line=key_node.start_mark.line + 1)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)

MAX_BYTES = 2_000_000


def load_yaml(text: str, *, file: str) -> object:
    """Parse YAML text safely; any problem becomes a SpecError naming file and line."""
    if len(text) > MAX_BYTES:
        raise SpecError(f"spec is larger than {MAX_BYTES:,} bytes", file=file)
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except SpecError as err:
        raise err.locate(file=file)
    except yaml.constructor.ConstructorError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise SpecError(f"{err.problem}; specs are plain YAML and may not use Python "
                        "object tags", file=file, line=line) from None
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise SpecError(f"invalid YAML: {err.problem or err.context}", file=file,
                        line=line) from None
    except yaml.YAMLError as err:
        raise SpecError(f"invalid YAML: {err}", file=file) from None
