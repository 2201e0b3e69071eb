import os
import subprocess
import sys
from pathlib import Path

import pytest

# One intra-op thread per test process: CI runs two pytest workers on two cores, and two
# OpenMP threads per worker spin against each other (a 5x5 conv goes from 0.08 ms to 16 ms).
os.environ.setdefault("OMP_NUM_THREADS", "1")
# a notes reader that raises fails the test (users get the line reported as not read)
os.environ.setdefault("CNNSTAT_STRICT", "1")

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"


@pytest.fixture
def cli():
    """Invoke the CLI in-process with typer's CliRunner; returns (exit_code, stdout, stderr)."""
    from typer.testing import CliRunner

    from cnnstat.cli import app

    def run(*args: str):
        result = CliRunner().invoke(app, list(args))
        return result.exit_code, result.stdout, result.stderr

    return run


def run_process(*args: str, cwd=None) -> subprocess.CompletedProcess:
    """Run ``python -m cnnstat ARGS`` in a fresh interpreter."""
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    return subprocess.run([sys.executable, "-m", "cnnstat", *args], capture_output=True,
                          text=True, cwd=cwd or ROOT, env=env, timeout=120)


def write_spec(tmp_path: Path, text: str, name: str = "model.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def form_names(folder: Path, expected: dict) -> list[str]:
    """The notes of a form test: every fixture in ``folder`` and every name ``expected``
    lists, so that a fixture left out of ``expected`` is held to no verdict at all and an
    expectation without its fixture fails."""
    return sorted(set(expected) | {p.name for p in folder.glob("*.md")})


def form_verdicts(path: Path) -> list[tuple[int, str, str]]:
    """What a form test asserts of a note: the sorted multiset of (line, kind, verdict) of
    every claim `cnnstat check` makes, so a false alarm fails as surely as a miss."""
    from cnnstat.notes.check import check_file

    return sorted((c.line, c.kind, c.verdict) for c in check_file(path).claims)
