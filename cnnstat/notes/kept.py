"""What a reader carries from line to line stays bounded however long the note: ``keep``
remembers up to ``KEPT`` entries and forgets the oldest past that."""

from __future__ import annotations

KEPT = 4096  # entries a reader's store keeps


def keep(store: dict, key, value=True, limit: int = KEPT) -> bool:
    """``store[key] = value``, the oldest entry forgotten past ``limit`` (what a reader
    carries from line to line stays bounded however long the note): False when one was
    forgotten, for a reader that must then be less sure."""
    full = key not in store and len(store) >= limit
    if full:
        del store[next(iter(store))]
    store[key] = value
    return not full
