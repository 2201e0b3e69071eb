"""`cnnstat list` reads specs/index.json only while it is current (issues 12 and 15: the
list of 102 specs in well under a second), and the index equals a fresh analysis."""

import json

import cnnstat.listing as listing
from cnnstat.zoo import bundled_names, specs_dir


def test_the_committed_index_is_current():
    index = json.loads((specs_dir() / listing.INDEX_NAME).read_text(encoding="utf-8"))
    assert index["digest"] == listing.digest(), \
        "regenerate the index with `python -m cnnstat.listing`"
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
