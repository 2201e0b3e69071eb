"""One shape order for every command: channels first, ``C x H x W`` (``3x224x224``).

A shape may name its order with a suffix, ``224x224x3:hwc`` (height x width x channels,
as many notes write it) or ``3x224x224:chw``. Without one, a shape that only makes sense
the other way round (``224x224x3``: 224 channels of 224 x 3 pixels) is an error that says
how to write it, rather than a silent wrong number.
"""

from __future__ import annotations

from cnnstat.errors import SpecError

ORDERS = ("chw", "hwc")
FEW = 4  # at most this many: an image's channel count (grey, RGB, RGBA)
MANY = 8  # at least this many: a feature map's side or a layer's channel count


def split_order(text: str, default: str = "chw") -> tuple[str, str, bool]:
    """``"224x224x3:hwc"`` -> ``("224x224x3", "hwc", True)``; without a suffix ``(text,
    default, False)``."""
    head, sep, tail = text.rpartition(":")
    if not sep:
        return text, default, False
    order = tail.strip().lower()
    if order not in ORDERS:
        raise SpecError(f"shape {text!r}: the order after ':' must be chw (channels x height "
                        f"x width) or hwc (height x width x channels), not {tail.strip()!r}")
    return head, order, True


def to_chw(dims: tuple[int, ...], order: str) -> tuple[int, ...]:
    if len(dims) == 3 and order == "hwc":
        h, w, c = dims
        return (c, h, w)
    return tuple(dims)


def check_plausible(written: tuple[int, ...], text: str, what: str, order: str) -> None:
    """A SpecError when ``written`` (the sizes as typed, read in ``order``) looks like the
    other order's shape: a side of at most 4 pixels beside many channels and a large other
    side (3 channels read as a width)."""
    if len(written) != 3:
        return
    c, h, w = to_chw(written, order)
    if c < MANY or not ((w <= FEW and h >= MANY) or (h <= FEW and w >= MANY)):
        return
    other = "hwc" if order == "chw" else "chw"
    ac, ah, aw = to_chw(written, other)
    plain = "x".join(map(str, written))
    write = f"{ac}x{ah}x{aw} (or {plain}:hwc)" if other == "hwc" else f"{plain}:chw"
    raise SpecError(
        f"{what} {text!r} reads as {c} channels of {h}x{w} pixels "
        f"({'C x H x W' if order == 'chw' else 'H x W x C'}), which looks like the other "
        f"order: {ac} channels of {ah}x{aw}. cnnstat writes shapes channels first; for "
        f"{ac} channels write {write}. If you do mean {c} channels of "
        f"{h}x{w}, write {plain}:{order}")


def parse_input(text: str, what: str = "--input") -> tuple[int, ...]:
    """A command's ``--input``: ``3x224x224``, ``224x224x3:hwc`` or ``1000``, channels
    first; an implausible order is an error (see ``check_plausible``)."""
    from cnnstat.spec.fields import parse_shape

    body, order, explicit = split_order(text)
    dims = parse_shape(body, what=what)
    if not explicit:
        check_plausible(dims, text, what, order)
    return to_chw(dims, order)
