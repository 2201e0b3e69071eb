"""`cnnstat list` reads specs/index.json only while it is current (issues 12 and 15: the
list of 102 specs in well under a second), and the index equals a fresh analysis."""

import json
import shutil

import pytest

import cnnstat.models.listing as listing
from cnnstat.models.zoo import bundled_names, specs_dir


def test_the_committed_index_is_current():
    index = json.loads((specs_dir() / listing.INDEX_NAME).read_text(encoding="utf-8"))
    assert listing.read_index() is not None, \
        "regenerate the index with `python -m cnnstat.models.listing`"
    assert [s["name"] for s in index["specs"]] == bundled_names()


def test_the_index_equals_a_fresh_analysis():
    index = json.loads((specs_dir() / listing.INDEX_NAME).read_text(encoding="utf-8"))
    for s in index["specs"]:
        assert s == listing.summarize(s["name"]), s["name"]


def test_a_changed_digest_means_fresh_figures(monkeypatch):
    calls = []
    real = listing.summarize

    def counting(name):
        calls.append(name)
        return real(name)

    monkeypatch.setattr(listing, "summarize", counting)
    listing.summaries()
    assert calls == []  # current index: nothing analysed
    monkeypatch.setattr(listing, "digest", lambda: "something else")
    got = dict(listing.summaries())
    assert calls == bundled_names()  # every spec analysed afresh
    assert got["vgg16"]["params"] == 138_357_544  # torchvision's published num_params


# issue 22: the index is trusted only as far as its digest covers it

@pytest.fixture
def small_zoo(tmp_path, monkeypatch):
    """A specs folder of two bundled specs with a freshly built index."""
    import cnnstat.models.zoo as zoo

    folder = tmp_path / "specs"
    folder.mkdir()
    for name in ("lenet5", "vgg16"):
        shutil.copy(specs_dir() / f"{name}.yaml", folder / f"{name}.yaml")
    monkeypatch.setattr(zoo, "specs_dir", lambda: folder)
    monkeypatch.setattr(listing, "specs_dir", lambda: folder)
    zoo._load.cache_clear()
    index = listing.build_index()
    (folder / listing.INDEX_NAME).write_text(json.dumps(index), encoding="utf-8")
    assert listing.read_index() == index["specs"]
    return folder, index


def _cli_list(folder):
    from typer.testing import CliRunner

    from cnnstat.cli import app

    return CliRunner().invoke(app, ["list"])


@pytest.mark.parametrize("params", [-5, float("nan"), 1])
def test_an_edited_entry_is_not_trusted(small_zoo, params):
    folder, index = small_zoo
    index["specs"][1]["params"] = params  # vgg16, digest left as it was
    (folder / listing.INDEX_NAME).write_text(json.dumps(index), encoding="utf-8")
    assert listing.read_index() is None
    got = dict(listing.summaries())
    assert got["vgg16"]["params"] == 138_357_544  # torchvision's published num_params
    result = _cli_list(folder)
    assert result.exit_code == 0, result.output
    assert "-5" not in result.output and "nan" not in result.output.lower()


@pytest.mark.parametrize("text", [
    "[" * 100_000 + "]" * 100_000,  # RecursionError in json.loads before
    '{"digest": "x"}',  # KeyError before
    '{"digest": "x", "specs": [{"name": "lenet5"}]}',
    '{"digest": "x", "specs": 5}',
    "not json at all",
    '"\\ud800"',
])
def test_a_malformed_index_means_a_fresh_analysis(small_zoo, text):
    folder, _ = small_zoo
    (folder / listing.INDEX_NAME).write_text(text, encoding="utf-8")
    assert listing.read_index() is None
    assert dict(listing.summaries())["vgg16"]["params"] == 138_357_544  # torchvision


def test_an_index_that_is_a_device_or_huge_is_not_read(small_zoo):
    folder, _ = small_zoo
    index = folder / listing.INDEX_NAME
    index.unlink()
    index.symlink_to("/dev/zero")  # ran out of memory before
    assert listing.read_index() is None
    index.unlink()
    with open(index, "wb") as fh:
        fh.truncate(listing.MAX_INDEX_BYTES + 1)  # sparse: refused by its size, unread
    assert listing.read_index() is None
