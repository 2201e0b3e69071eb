"""The spec language: YAML -> graph, with located errors and a safe evaluator."""

from cnnstat.spec.fields import parse_shape
from cnnstat.spec.graph import Spec
from cnnstat.spec.parse import load_spec_file, parse_spec

__all__ = ["Spec", "load_spec_file", "parse_shape", "parse_spec"]
