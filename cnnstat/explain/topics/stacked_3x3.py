from cnnstat.calc.chain import run_chain
from cnnstat.calc.formulas import effect
from cnnstat.calc.text import parse_shape_text
from cnnstat.explain import Card, Input, Pointer, Step, T


def _rf(stages, size=64):
    return run_chain(parse_shape_text(f"1x{size}x{size}"), stages).layers[-1].rf[0]


def _stack(d, n, layers, k=3):
    """Params of `layers` kxk convs, D -> N then N -> N, no bias."""
    total, c = 0, d
    for _ in range(layers):
        total += effect("conv", (c, 32, 32), out=n, kernel=k, padding=k // 2, bias=False).params
        c = n
    return total


def compute(v):
    n, c, d, f = v["layers"], v["channels"], v["in_channels"], v["filters"]
    big = 2 * n + 1
    size = max(64, 2 * big)
    steps = []
    rf = _rf([("conv", {"out": 1, "kernel": 3})] * n, size)
    steps.append(Step(T(f"receptive field of {n} stacked 3x3 convs (stride 1)",
                        f"3x3 합성곱 {n} 개를 쌓았을 때의 receptive field (stride 1)"),
                      "2n + 1", f"2·{n} + 1", rf, "px"))
    rf_big = _rf([("conv", {"out": 1, "kernel": big})], size)
    steps.append(Step(T(f"receptive field of one {big}x{big} conv",
                        f"{big}x{big} 합성곱 하나의 receptive field"),
                      "k", f"{big}", rf_big, "px"))
    small = _stack(c, c, n)
    steps.append(Step(T(f"{n} x 3x3 conv, {c} -> {c} channels, no bias",
                        f"3x3 합성곱 {n} 개, {c} -> {c} 채널, bias 없음"),
                      "n·3·3·C·C", f"{n}·3·3·{c}·{c}", small, "params"))
    one = _stack(c, c, 1, big)
    steps.append(Step(T(f"one {big}x{big} conv, {c} -> {c} channels, no bias",
                        f"{big}x{big} 합성곱 하나, {c} -> {c} 채널, bias 없음"),
                      "(2n + 1)·(2n + 1)·C·C", f"{big}·{big}·{c}·{c}", one, "params"))
    steps.append(Step(T("the big kernel costs this many times more",
                        "큰 커널이 몇 배 더 비싼가"),
                      "params_big / params_stack", f"{one:,} / {small:,}", one / small, "x"))
    five = _stack(d, f, 5)
    steps.append(Step(T(f"five 3x3 convs, D = {d} -> N = {f} channels (receptive field "
                        f"{_rf([('conv', {'out': 1, 'kernel': 3})] * 5)})",
                        f"3x3 합성곱 5 개, D = {d} -> N = {f} 채널 (receptive field "
                        f"{_rf([('conv', {'out': 1, 'kernel': 3})] * 5)})"),
                      "9DN + 4·9N·N = 9DN + 36N²", f"9·{d}·{f} + 36·{f}·{f}", five, "params"))
    eleven = _stack(d, f, 1, 11)
    steps.append(Step(T(f"one 11x11 conv, D = {d} -> N = {f}",
                        f"11x11 합성곱 하나, D = {d} -> N = {f}"),
                      "121DN", f"121·{d}·{f}", eleven, "params"))
    bound = 112 * d / 36
    steps.append(Step(T("the stack is smaller while N is below",
                        "N 이 이 값보다 작으면 쌓는 쪽이 작다"),
                      "9DN + 36N² < 121DN  <=>  N < 112D/36", f"112·{d}/36", bound))
    # the largest N for which the stack is smaller, found with the algebra itself
    lo, hi = 1, 4 * d + 1
    while lo < hi:  # invariant: the stack is smaller for N = lo, not for N = hi
        mid = (lo + hi + 1) // 2
        if mid == hi:
            break
        if _stack(d, mid, 5) < _stack(d, mid, 1, 11):
            lo = mid
        else:
            hi = mid
    steps.append(Step(T(f"largest N with fewer parameters in the stack (D = {d}), checked "
                        "layer by layer", f"쌓는 쪽 파라미터가 더 적은 가장 큰 N (D = {d}), 층별 "
                        "계산으로 확인"), "max N: params_5x3x3(N) < params_11x11(N)",
                      f"⌈112·{d}/36⌉ - 1", lo))
    return steps, {"n": n, "rf": rf, "big": big, "small": f"{small:,}", "one": f"{one:,}",
                   "pct": f"{100 * small / one:.0f}", "d": d, "nmax": lo,
                   "more": f"{n - 1}", "ratio": f"{bound / d:.2f}",
                   "smaller": T("smaller" if five < eleven else "not smaller",
                                "더 작다" if five < eleven else "더 작지 않다"), "f": f}


CARD = Card(
    name="stacked-3x3",
    title=T("Stacking 3x3 convolutions instead of one large kernel",
            "큰 커널 하나 대신 3x3 합성곱 쌓기"),
    idea=T(
        "Each 3x3 conv with stride 1 widens the receptive field by 2 pixels, so n of them "
        "see a (2n + 1) x (2n + 1) patch, as one large kernel does. They need n·9C² weights "
        "instead of (2n + 1)²C², and put a ReLU between every pair. VGG builds its whole "
        "network this way.",
        "stride 1 인 3x3 합성곱은 한 층마다 receptive field 를 2 픽셀씩 넓히므로 n 개를 쌓으면 "
        "(2n + 1) x (2n + 1) 영역을 본다. 큰 커널 하나와 같은 영역이지만 가중치는 (2n + 1)²C² "
        "대신 n·9C² 이고, 층 사이마다 ReLU 가 들어가 비선형성도 늘어난다. VGG 는 네트워크 전체를 "
        "이렇게 만든다."),
    inputs=(
        Input("layers", 2, T("3x3 layers in the stack", "쌓는 3x3 층 수"), max=50),
        Input("channels", 128, T("channels C (in = out)", "채널 수 C (입력 = 출력)")),
        Input("in_channels", 64, T("D: input channels of the 5-layer vs 11x11 comparison",
                                   "D: 5층 대 11x11 비교의 입력 채널"), max=4096),
        Input("filters", 128, T("N: filters of that comparison", "N: 그 비교의 필터 수")),
    ),
    compute=compute,
    conclusion=T(
        "{n} stacked 3x3 convs see {rf}x{rf} pixels like one {big}x{big} kernel, with {small} "
        "weights instead of {one} ({pct}%) and {more} extra nonlinearities. Five 3x3 layers "
        "against one 11x11 (D = {d} in, N = {f} out): the stack is {smaller}; it wins while "
        "9DN + 36N² < 121DN, that is N < 112D/36 ≈ {ratio}D (here N ≤ {nmax}). A bound of "
        "3.6D, seen in some notes, is an arithmetic slip.",
        "3x3 합성곱 {n} 개는 {big}x{big} 커널 하나처럼 {rf}x{rf} 픽셀을 보지만 가중치는 {one} 개 "
        "대신 {small} 개 ({pct}%) 이고 비선형 함수가 {more} 개 더 들어간다. 3x3 5 층과 11x11 한 "
        "층 (입력 D = {d}, 출력 N = {f}) 을 비교하면 쌓는 쪽이 {smaller}. 9DN + 36N² < 121DN, "
        "곧 N < 112D/36 ≈ {ratio}D 일 때 쌓는 쪽이 작다 (여기서는 N ≤ {nmax}). 3.6D 라는 "
        "경계는 계산 실수다."),
    see=(Pointer("cnnstat params vgg16 --depth 1", ("vgg16",),
                 T("only 3x3 convs; watch the RF column grow by 2 per conv",
                   "3x3 합성곱만 사용; RF 열이 층마다 2 씩 커진다")),),
    source="VGG paper (Simonyan & Zisserman 2015) Sec. 2.3: three 3x3 layers have "
           "3(3²C²) = 27C² weights against 7²C² = 49C² for one 7x7, i.e. 81% more.",
)
