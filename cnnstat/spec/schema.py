"""The JSON Schema of the spec format, generated from the layer registry.

``python -m cnnstat.spec.schema`` prints it; ``cnnstat/spec/schema.json`` is the committed
copy editors use (``# yaml-language-server: $schema=...``), and a test checks the two agree.
"""

from __future__ import annotations

import json
from typing import Any

from cnnstat.layers import KINDS, MERGES, SHORTCUTS, Arg
from cnnstat.spec.parse import PUBLISHED_KEYS

EXPR = {"type": "string", "pattern": r"\$|[-+*/()]",
        "description": "an expression of variables and block arguments: numbers (0.75), "
                       "$name, + - * / // ( ), make_divisible(v, d[, min]), floor, ceil, "
                       "round, min, max; exact rational arithmetic"}


def _arg_schema(arg: Arg) -> dict[str, Any]:
    integer = {"type": "integer", "minimum": arg.min}
    if arg.max is not None:
        integer["maximum"] = arg.max
    if arg.type == "bool":
        base: dict[str, Any] = {"anyOf": [{"type": "boolean"}, EXPR]}
    elif arg.type == "float":
        number: dict[str, Any] = {"type": "number", "minimum": arg.min}
        if arg.max is not None:
            number["maximum"] = arg.max
        base = {"anyOf": [number, EXPR]}
    elif arg.type == "table":
        base = {"type": "array", "minItems": 1,
                "items": {"type": "array", "minItems": 1,
                          "items": {"type": "integer", "minimum": 0}}}
    elif arg.type == "choice":
        base = {"enum": list(arg.choices)}
    elif arg.type == "layer":
        base = {"type": "string", "description": "an earlier layer's or scope's name, or "
                                                 "input"}
    elif arg.type in ("pair", "padding"):
        one = {"anyOf": [integer, EXPR]}
        options = [integer, {"type": "array", "items": one, "minItems": 2, "maxItems": 2}, EXPR]
        if arg.type == "padding":
            options.append({"enum": ["same", "valid"]})
            options.append({"type": "array", "items": one, "minItems": 4, "maxItems": 4,
                            "description": "[top, bottom, left, right]"})
        base = {"anyOf": options}
    elif arg.type == "groups":
        base = {"anyOf": [integer, EXPR, {"enum": ["in"], "description": "depthwise: one "
                                                                         "group per channel"}]}
    else:
        base = {"anyOf": [integer, EXPR]}
    doc = arg.doc + ("" if arg.required or arg.default is None else f" (default {arg.default!r})")
    return {**base, "description": doc}


def _kind_schema(cls) -> dict[str, Any]:
    props = {"name": {"type": ["string", "integer"], "description": "name in tables"},
             "from": FROM, "functional": FUNCTIONAL}
    props.update({k: _arg_schema(a) for k, a in cls.args.items()})
    required = [k for k, a in cls.args.items() if a.required]
    body: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        body["required"] = required
    else:
        body = {"anyOf": [body, {"type": "null"}]}
    return {"type": "object", "description": cls.doc, "properties": {cls.name: body},
            "required": [cls.name], "additionalProperties": False}


FROM = {"type": "string", "description": "named input: read this earlier layer's or "
                                         "scope's output (or input, the network's) "
                                         "instead of the current tensor"}
FUNCTIONAL = {"type": "string", "maxLength": 200,
              "pattern": r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$",
              "description": "the function the model's code called for this layer where it "
                             "called no module (torch.nn.functional.relu, torch.flatten, "
                             "Tensor.relu), as `cnnstat import` writes it: tools that hook "
                             "modules (ptflops, thop) count such a layer differently "
                             "(docs/conventions.md)"}
PROBABILITY = {"anyOf": [{"type": "number", "minimum": 0, "maximum": 1}, EXPR]}


def build_schema() -> dict[str, Any]:
    layers_ref = {"$ref": "#/$defs/layers"}
    composites = {
        "seq": {"type": "object", "required": ["name", "layers"], "additionalProperties": False,
                "properties": {"name": {"type": "string"}, "layers": layers_ref},
                "description": "a named group of layers"},
        "repeat": {"type": "object", "required": ["times"], "additionalProperties": False,
                   "anyOf": [{"required": ["name"]}, {"required": ["start"]}],
                   "description": "repeat a block (or layers) `times` times, named name.0, "
                                  "name.1, ... (without a name: start, start+1, ... in the "
                                  "current scope); `first` overrides arguments of "
                                  "repetition 0; `index: i` makes $i the repetition's index",
                   "properties": {"name": {"type": "string"},
                                  "prefix": {"type": "string", "description":
                                             "put before each repetition's index: "
                                             "denselayer -> name.denselayer1"},
                                  "start": {"anyOf": [{"type": "integer", "minimum": 0}, EXPR],
                                            "description": "index of the first repetition "
                                                           "(default 0)"},
                                  "index": {"type": "string", "description":
                                            "a variable holding the 0-based repetition "
                                            "index, for `with` and `first`"},
                                  "times": {"anyOf": [{"type": "integer", "minimum": 0}, EXPR]},
                                  "feature_list": {"type": "boolean", "description":
                                                   "run the repetitions (dense layers) as "
                                                   "torchvision's _DenseBlock: a list of "
                                                   "features, concatenated afresh per layer"},
                                  "block": {"type": "string"}, "with": {"type": "object"},
                                  "first": {"type": "object"}, "layers": layers_ref}},
        "parallel": {"type": "object", "required": ["merge", "branches"],
                     "additionalProperties": False,
                     "description": "branches that see the same input, merged by channel "
                                    "concat, addition, mean or product (mul)",
                     "properties": {"name": {"type": "string"},
                                    "merge": {"enum": list(MERGES)},
                                    "drop_path": {**PROBABILITY, "description":
                                                  "training: each branch is dropped with "
                                                  "this probability, at least one kept"},
                                    "branches": {"type": "object", "minProperties": 2,
                                                 "additionalProperties": layers_ref}}},
        "residual": {"type": "object", "required": ["layers"], "additionalProperties": False,
                     "description": "body + shortcut; shortcut auto = identity when shapes "
                                    "match, else 1x1 conv (stride) + BN; zeropad = identity "
                                    "or subsample + zero channels (option A)",
                     "properties": {"name": {"type": "string"}, "layers": layers_ref,
                                    "merge": {"enum": ["add", "concat"]},
                                    "survival": {**PROBABILITY, "description":
                                                 "training: the body runs with this "
                                                 "probability (stochastic depth)"},
                                    "shortcut": {"anyOf": [{"enum": list(SHORTCUTS)},
                                                           layers_ref]}}},
        "gate": {"type": "object", "required": ["layers"], "additionalProperties": False,
                 "description": "the input times the C x 1 x 1 gate its layers compute "
                                "from it (squeeze-and-excitation); ops: one multiply per "
                                "element",
                 "properties": {"name": {"type": ["string", "integer"]}, "layers": layers_ref}},
        "join": {"type": "object", "required": ["merge", "from"], "additionalProperties": False,
                 "description": "merge earlier layers' or scopes' outputs named in `from` "
                                "(graphs that are not nests of residuals and parallels: FPN, "
                                "U-Net skips, SPPF)",
                 "properties": {"name": {"type": "string"}, "merge": {"enum": list(MERGES)},
                                "from": {"type": "array", "minItems": 2,
                                         "items": {"type": "string"}}}},
        "aux": {"type": "object", "required": ["name", "layers"], "additionalProperties": False,
                "description": "an auxiliary head (training only): its layers read the current "
                               "tensor, the main path goes on unchanged",
                "properties": {"name": {"type": "string"}, "layers": layers_ref,
                               "inference": {"type": "boolean", "description":
                                             "the head runs at inference too and its output "
                                             "is returned with the main one (torchvision's "
                                             "segmentation aux_classifier); its MACs count"}}},
    }
    for key, composite in composites.items():
        if key != "join":
            composite["properties"]["from"] = FROM
    item_options: list[dict[str, Any]] = [{"enum": sorted(KINDS)}]
    item_options += [_kind_schema(KINDS[k]) for k in sorted(KINDS)]
    item_options += [{"type": "object", "properties": {k: v}, "required": [k],
                      "additionalProperties": False} for k, v in composites.items()]
    reserved = sorted(KINDS) + sorted(composites)
    item_options.append({
        "type": "object", "minProperties": 1, "maxProperties": 1,
        "description": "a call of a block defined under `blocks`, with its arguments",
        "propertyNames": {"not": {"enum": reserved}},
        "additionalProperties": {"type": ["object", "null"]}})
    published_entry = {
        "type": "object", "required": ["value", "source"], "additionalProperties": False,
        "properties": {
            "value": {"anyOf": [{"type": "number"},
                                {"type": "string", "pattern": r"^[0-9][0-9,_]*(\.[0-9]+)?\s*[KMGB]?$"}],
                      "description": "exact integer, or rounded as published: 138M, 15.47G"},
            "source": {"type": "string", "description": "where the figure comes from"},
            "rounding": {"enum": ["nearest", "down"]}}}
    shape = {"anyOf": [{"type": "array", "items": {"type": "integer", "minimum": 1},
                        "minItems": 1, "maxItems": 3},
                       {"type": "string", "pattern": r"^\d+(x\d+){0,2}$"}]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://cnnstat.invalid/spec.schema.json",
        "title": "cnnstat architecture spec",
        "type": "object",
        "required": ["input"],
        "anyOf": [{"required": ["layers"]}, {"required": ["extends"]}],
        "additionalProperties": False,
        "properties": {
            # the parser reads an empty (null) field as an absent one: so does the schema
            "name": {"type": ["string", "null"]},
            "title": {"type": ["string", "null"]},
            "paper": {"type": ["string", "null"]},
            "notes": {"type": ["string", "null"]},
            "matches": {"anyOf": [
                {"type": "null"},
                {"type": "string", "description": "e.g. torchvision.models.resnet50"},
                {"type": "object", "required": ["builder"], "additionalProperties": False,
                 "properties": {
                     "builder": {"type": "string"},
                     "kwargs": {"type": "object", "description": "keyword arguments the "
                                "builder needs, e.g. {aux_logits: false}",
                                "additionalProperties": {"type": ["number", "string",
                                                                  "boolean", "null"]}}}}],
                "description": "the builder this spec equals exactly, and its kwargs"},
            "input": {**shape, "description": "input shape, channels first: [3, 224, 224]"},
            "published": {"type": "object", "additionalProperties": False,
                          "properties": {k: published_entry for k in PUBLISHED_KEYS}},
            "vars": {"type": "object", "description": "variables ($name) seen everywhere; "
                                                      "--set NAME=VALUE overrides them"},
            "extends": {"type": "string", "description": "a spec in the same folder whose "
                                                         "blocks and layers this one uses, "
                                                         "with its own vars, input, figures"},
            "stochastic_depth": {"type": "object", "required": ["last"],
                                 "additionalProperties": False,
                                 "description": "linear decay: residual l of L survives "
                                                "training with p = 1 - l/L (1 - last)",
                                 "properties": {"last": PROBABILITY}},
            "blocks": {"type": "object", "additionalProperties": {
                "type": "object", "required": ["layers"], "additionalProperties": False,
                "properties": {"doc": {"type": "string"},
                               "args": {"type": "object", "description":
                                        "argument names with defaults, or 'required'"},
                               "layers": layers_ref}}},
            "layers": layers_ref,
        },
        "$defs": {"layers": {"type": "array", "minItems": 1,
                             "items": {"anyOf": item_options}}},
    }


if __name__ == "__main__":
    print(json.dumps(build_schema(), indent=2))
