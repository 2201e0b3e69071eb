"""Safe YAML loading that remembers where every mapping, list and key came from."""

from __future__ import annotations

import math
import re

import yaml

from cnnstat.errors import SpecError, shorten


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


# Bounds on what a spec may expand to. Aliases share one object, so loading an alias bomb
# is cheap, but anything that walks or prints the data (a message quoting a value, the
# parser) would expand it: the expanded tree is measured on the composed nodes before
# anything is constructed. The bundled specs need at most 790 nodes and 11 levels.
MAX_NODES = 100_000
MAX_CHARS = 20_000_000
MAX_DEPTH = 64


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """A safe loader (no Python object tags) that builds LineDict/LineList."""

    def get_single_data(self):  # noqa: ANN201 - PyYAML's hook
        node = self.get_single_node()
        if node is None:
            return None
        bound_nodes(node)
        return self.construct_document(node)


def _children(node: yaml.Node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def bound_nodes(root: yaml.Node) -> None:
    """Refuse a node graph whose expansion (aliases copied out) is too big or too deep.

    One iterative pass; an aliased node is measured once (its expanded size and height
    are remembered), so the work is linear in the file, whatever it expands to.
    """
    size: dict[int, tuple[int, int, int]] = {}  # id -> (nodes, chars, height)
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            nodes, chars, height = 1, 0, 0
            for child in _children(node):
                n, c, h = size[id(child)]
                nodes, chars, height = nodes + n, chars + c, max(height, h)
            if isinstance(node, yaml.ScalarNode):
                chars = len(node.value)
            size[key] = (nodes, chars, height + 1)
            _check(node, size[key], depth)
            continue
        if key in size:  # an alias of a node already measured
            _check(node, size[key], depth)
            continue
        if depth > MAX_DEPTH:
            raise SpecError(f"nesting deeper than {MAX_DEPTH} levels",
                            line=node.start_mark.line + 1)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in _children(node))


def _check(node: yaml.Node, measured: tuple[int, int, int], depth: int) -> None:
    nodes, chars, height = measured
    line = node.start_mark.line + 1
    if depth + height - 1 > MAX_DEPTH:
        raise SpecError(f"nesting deeper than {MAX_DEPTH} levels (through an alias)", line=line)
    if nodes > MAX_NODES:
        raise SpecError(f"this value expands to more than {MAX_NODES:,} YAML nodes (aliases "
                        "of aliases?); a spec needs far fewer", line=line)
    if chars > MAX_CHARS:
        raise SpecError(f"this value expands to more than {MAX_CHARS:,} characters (aliases "
                        "of a long string?)", line=line)


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


MAX_DIGITS = 30  # an integer longer than this is a typo (and int() stops at 4,300 digits)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _int(loader: _Loader, node: yaml.ScalarNode) -> int:
    digits = sum(ch.isdigit() for ch in node.value)
    if digits > MAX_DIGITS:
        raise SpecError(f"a number with {digits:,} digits; numbers in a spec have at most "
                        f"{MAX_DIGITS}", line=_line(node))
    return loader.construct_yaml_int(node)


def _float(loader: _Loader, node: yaml.ScalarNode) -> float:
    value = loader.construct_yaml_float(node)
    if not math.isfinite(value):
        raise SpecError(f"{shorten(node.value, 40)!r} is not a finite number; NaN and "
                        "infinity are not allowed in a spec", line=_line(node))
    return value


def _str(loader: _Loader, node: yaml.ScalarNode) -> str:
    value = loader.construct_yaml_str(node)
    bad = _CONTROL.search(value)
    if bad:
        raise SpecError(f"control character U+{ord(bad.group()):04X} in a string: specs may "
                        "not contain terminal escape sequences or other control "
                        "characters", line=_line(node))
    return value


_Loader.add_constructor("tag:yaml.org,2002:int", _int)
_Loader.add_constructor("tag:yaml.org,2002:float", _float)
_Loader.add_constructor("tag:yaml.org,2002:str", _str)
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
    except RecursionError:
        raise SpecError(f"nesting deeper than {MAX_DEPTH} levels", file=file) from None
    except yaml.reader.ReaderError as err:
        line = text.count("\n", 0, max(err.position, 0)) + 1
        what = (f"character U+{err.character:04X}" if isinstance(err.character, int)
                else "character")
        raise SpecError(f"{what} is not allowed in YAML ({err.reason})", file=file,
                        line=line) from None
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
