from cnnstat.calc.formulas import effect
from cnnstat.explain import Card, Input, Pointer, Step, T


def compute(v):
    c, o, r, n = v["channels"], v["out"], v["reduce"], v["size"]
    x = (c, n, n)
    direct = effect("conv", x, out=o, kernel=3, padding=1, bias=False)
    one = effect("conv", x, out=o, kernel=1, bias=False)
    red = effect("conv", x, out=r, kernel=1, bias=False)
    then = effect("conv", red.output, out=o, kernel=3, padding=1, bias=False)
    steps = [
        Step(T(f"3x3 conv straight from {c} to {o} channels",
               f"{c} 채널에서 {o} 채널로 바로 3x3 합성곱"),
             "3·3·C_in·C_out", f"3·3·{c}·{o}", direct.params, "params"),
        Step(T(f"1x1 conv from {c} to {o} channels", f"{c} 채널에서 {o} 채널로 1x1 합성곱"),
             "1·1·C_in·C_out", f"1·1·{c}·{o}", one.params, "params"),
        Step(T(f"bottleneck: 1x1 down to {r}, then 3x3 up to {o}",
               f"병목: 1x1 로 {r} 채널까지 줄인 뒤 3x3 으로 {o} 채널"),
             "1·1·C_in·r + 3·3·r·C_out", f"1·1·{c}·{r} + 3·3·{r}·{o}",
             red.params + then.params, "params"),
        Step(T("bottleneck / direct 3x3", "병목 / 바로 3x3"), "params_bottleneck / params_3x3",
             f"{red.params + then.params} / {direct.params}",
             (red.params + then.params) / direct.params, "x"),
        Step(T(f"MACs of the direct 3x3 on {n}x{n}", f"{n}x{n} 에서 바로 3x3 의 MACs"),
             "H·W·C_out·3·3·C_in", f"{n}·{n}·{o}·3·3·{c}", direct.macs, "MACs"),
        Step(T(f"MACs of the bottleneck on {n}x{n}", f"{n}x{n} 에서 병목의 MACs"),
             "H·W·r·C_in + H·W·C_out·3·3·r", f"{n}·{n}·{r}·{c} + {n}·{n}·{o}·3·3·{r}",
             red.macs + then.macs, "MACs"),
    ]
    return steps, {"direct": f"{direct.params:,}", "one": f"{one.params:,}",
                   "both": f"{red.params + then.params:,}",
                   "pct": f"{100 * (red.params + then.params) / direct.params:.0f}",
                   "c": c, "o": o, "r": r}


CARD = Card(
    name="1x1-bottleneck",
    title=T("1x1 convolutions as a bottleneck", "병목으로 쓰는 1x1 합성곱"),
    idea=T(
        "A 1x1 conv looks at one pixel but at all its channels: it is a fully connected layer "
        "applied at every position, and it changes the number of channels cheaply. Put "
        "before a 3x3 or 5x5 conv, it first reduces the channels the expensive kernel has to "
        "read. GoogLeNet's Inception modules (the '#3x3 reduce' and '#5x5 reduce' columns) "
        "and ResNet's bottleneck blocks do this. The layer adds depth but removes parameters.",
        "1x1 합성곱은 한 픽셀만 보지만 그 픽셀의 모든 채널을 본다. 위치마다 적용되는 완전 연결 "
        "층이라 채널 수를 싸게 바꿀 수 있다. 3x3 이나 5x5 합성곱 앞에 두면 비싼 커널이 읽을 채널을 "
        "먼저 줄여 준다. GoogLeNet Inception 모듈의 '#3x3 reduce', '#5x5 reduce' 와 ResNet 의 "
        "bottleneck 블록이 이 방법을 쓴다. 층은 하나 늘지만 파라미터는 줄어든다."),
    inputs=(
        Input("channels", 256, T("input channels", "입력 채널")),
        Input("out", 128, T("output channels", "출력 채널")),
        Input("reduce", 64, T("channels after the 1x1 reduction", "1x1 로 줄인 채널")),
        Input("size", 11, T("feature map height = width", "feature map 높이 = 너비")),
    ),
    compute=compute,
    conclusion=T(
        "Going from {c} to {o} channels with a 3x3 kernel takes {direct} weights, with a 1x1 "
        "kernel {one}. Reducing to {r} channels first and then applying the 3x3 takes {both}, "
        "{pct}% of the direct 3x3.",
        "{c} 채널을 {o} 채널로 만들 때 3x3 커널은 가중치 {direct} 개, 1x1 커널은 {one} 개가 "
        "필요하다. 먼저 {r} 채널로 줄이고 3x3 을 쓰면 {both} 개로, 바로 3x3 의 {pct}% 다."),
    see=(Pointer("cnnstat params googlenet --depth 1", ("googlenet",),
                 T("every Inception module reduces with 1x1 convs",
                   "모든 Inception 모듈이 1x1 로 채널을 줄인다")),
         Pointer("cnnstat params resnet50 --depth 2", ("resnet50",),
                 T("bottleneck blocks 1x1 -> 3x3 -> 1x1", "bottleneck 블록 1x1 -> 3x3 -> 1x1"))),
    source="Study notes: 3·3·256·128 = 294,912 against 1·1·256·128 = 32,768 (11x11x256 -> "
           "11x11x128); and 3x3 on 128 channels about 147K against about 41K with a "
           "1x1 reduction to 32 channels.",
)
