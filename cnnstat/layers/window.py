"""The window arithmetic that conv and pooling share: how many windows of a kernel, a
stride, padding and dilation fit along an axis, with pooling's ceil_mode."""

from __future__ import annotations

from cnnstat.errors import SpecError


def window_out(size: int, k: int, s: int, p: int, d: int = 1, ceil: bool = False) -> int:
    """The output-size rule of conv and pooling: floor((n + 2p - d(k-1) - 1)/s) + 1.

    With ``ceil`` (pooling's ceil_mode) the division rounds up, but a last window that
    would start entirely in the right padding is dropped, as PyTorch does. Rounding up
    also lets one window overhang a padded input smaller than the kernel when the stride
    is larger than the overhang (PyTorch: a 3x3 pool with stride 3 and ceil_mode turns
    2x2 into 1x1).
    """
    span = size + 2 * p - d * (k - 1) - 1
    out = (-(-span // s) if ceil else span // s) + 1
    if ceil and ceil_drops_last(size, k, s, p, d):
        out -= 1
    if span < 0 and out < 1:
        raise SpecError(f"kernel {k} (dilation {d}) is larger than the padded input "
                        f"{size} + 2x{p} = {size + 2 * p}")
    return out


def ceil_drops_last(size: int, k: int, s: int, p: int, d: int = 1) -> bool:
    """ceil_mode only: does rounding up add a last window that starts in the right padding
    (which PyTorch then drops)?"""
    span = size + 2 * p - d * (k - 1) - 1
    return (-(-span // s)) * s >= size + p
