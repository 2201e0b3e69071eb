"""The collector's setting a check raises while it runs is restored when the last check in
progress ends (``check.GC_YOUNG``), whatever order interleaved checks end in."""

import gc

from cnnstat.notes import check


def test_raised_while_checking_and_restored_after():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        first = check.iter_check(["1 + 1 = 2", "2 * 3 = 7"])
        next(first)
        assert gc.get_threshold() == (check.GC_YOUNG, 10, 10)
        second = check.iter_check(["3 + 4 = 7"])
        next(second)
        list(first)  # the first ends before the second: still raised
        assert gc.get_threshold() == (check.GC_YOUNG, 10, 10)
        list(second)
        assert gc.get_threshold() == (700, 10, 10)
        unfinished = check.iter_check(["5 + 5 = 10"] * 3)
        next(unfinished)
        unfinished.close()  # a check abandoned half way restores it too
        assert gc.get_threshold() == (700, 10, 10)
        # 2 * 3 is 6: the check itself is unchanged by the setting
        assert [c.verdict for c in check.check_text("2 * 3 = 7").claims] == ["wrong"]
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_left_alone_when_off_or_higher():
    before = gc.get_threshold()
    try:
        gc.set_threshold(0)
        check.check_text("1 + 1 = 2")
        assert gc.get_threshold()[0] == 0
        gc.set_threshold(500_000, 10, 10)
        check.check_text("1 + 1 = 2")
        assert gc.get_threshold() == (500_000, 10, 10)
    finally:
        gc.set_threshold(*before)
