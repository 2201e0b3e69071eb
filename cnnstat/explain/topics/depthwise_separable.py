from cnnstat.calc.formulas import effect
from cnnstat.explain import Card, Input, Pointer, Step, T


def compute(v):
    m, n, k, s = v["channels"], v["out"], v["kernel"], v["size"]
    x = (m, s, s)
    full = effect("conv", x, out=n, kernel=k, padding=k // 2, bias=False)
    dw = effect("conv", x, out=m, kernel=k, padding=k // 2, groups="in", bias=False)
    pw = effect("conv", dw.output, out=n, kernel=1, bias=False)
    sep_params, sep_macs = dw.params + pw.params, dw.macs + pw.macs
    steps = [
        Step(T(f"standard {k}x{k} conv, {m} -> {n} channels", f"일반 {k}x{k} 합성곱, {m} -> {n} 채널"),
             "k·k·M·N", f"{k}·{k}·{m}·{n}", full.params, "params"),
        Step(T(f"depthwise {k}x{k}: one filter per input channel",
               f"depthwise {k}x{k}: 입력 채널마다 필터 하나"), "k·k·M", f"{k}·{k}·{m}",
             dw.params, "params"),
        Step(T(f"pointwise 1x1, {m} -> {n}", f"pointwise 1x1, {m} -> {n}"), "M·N", f"{m}·{n}",
             pw.params, "params"),
        Step(T(f"MACs of the standard conv on {s}x{s}", f"{s}x{s} 에서 일반 합성곱의 MACs"),
             "H·W·N·k·k·M", f"{s}·{s}·{n}·{k}·{k}·{m}", full.macs, "MACs"),
        Step(T("MACs of depthwise + pointwise", "depthwise + pointwise 의 MACs"),
             "H·W·M·k·k + H·W·M·N", f"{s}·{s}·{m}·{k}·{k} + {s}·{s}·{m}·{n}", sep_macs, "MACs"),
        Step(T("separable / standard (Howard et al. Eq. 5)",
               "separable / 일반 (Howard et al. 식 5)"), "1/N + 1/k²",
             f"1/{n} + 1/{k}²", sep_macs / full.macs, "x"),
    ]
    return steps, {"k": k, "full": f"{full.params:,}", "sep": f"{sep_params:,}",
                   "times": f"{full.macs / sep_macs:.1f}", "fullm": f"{full.macs:,}",
                   "sepm": f"{sep_macs:,}"}


CARD = Card(
    name="depthwise-separable",
    title=T("Depthwise separable convolutions", "Depthwise separable 합성곱"),
    idea=T(
        "A standard conv filters space and mixes channels in one step: every output channel "
        "reads a kxk window of every input channel. MobileNet splits the two jobs. A "
        "depthwise conv (groups = input channels) filters each channel on its own with one "
        "kxk filter; a 1x1 pointwise conv then mixes the channels. The cost falls from "
        "k·k·M·N to k·k·M + M·N per position, by about a factor k² when N is large. "
        "MobileNetV1 is built of these layers; MobileNetV2, MnasNet, EfficientNet and "
        "ConvNeXt keep the depthwise conv inside their blocks.",
        "일반 합성곱은 공간 필터링과 채널 섞기를 한 번에 한다: 출력 채널마다 모든 입력 채널의 "
        "kxk 창을 읽는다. MobileNet 은 두 일을 나눈다. depthwise 합성곱 (그룹 수 = 입력 채널 "
        "수) 은 채널마다 kxk 필터 하나로 따로 거르고, 1x1 pointwise 합성곱이 채널을 섞는다. "
        "위치마다 비용이 k·k·M·N 에서 k·k·M + M·N 으로 줄어, N 이 크면 약 k² 배 줄어든다. "
        "MobileNetV1 은 이 층으로 이루어지고, MobileNetV2, MnasNet, EfficientNet, ConvNeXt 는 "
        "블록 안에 depthwise 합성곱을 둔다."),
    inputs=(
        Input("channels", 512, T("M: input channels", "M: 입력 채널")),
        Input("out", 512, T("N: output channels", "N: 출력 채널")),
        Input("kernel", 3, T("k: kernel size", "k: 커널 크기")),
        Input("size", 14, T("H = W: map size", "H = W: 맵 크기")),
    ),
    compute=compute,
    conclusion=T("A {k}x{k} conv needs {full} weights and {fullm} MACs; depthwise + pointwise "
                 "need {sep} weights and {sepm} MACs, {times} times fewer MACs.",
                 "{k}x{k} 합성곱은 가중치 {full} 개, MACs {fullm} 이 들고, depthwise + "
                 "pointwise 는 가중치 {sep} 개, MACs {sepm} 으로 MACs 가 {times} 배 적다."),
    see=(Pointer("cnnstat params mobilenet-v1 --depth 1", ("mobilenet-v1",),
                 T("13 separable layers (sep1 ... sep9)", "separable 층 13 개 (sep1 ... sep9)")),
         Pointer("cnnstat params mobilenet-v1 --set width_mult=0.5", ("mobilenet-v1",),
                 T("width multiplier 0.5: about a quarter of the MACs",
                   "폭 배수 0.5: MACs 가 약 4 분의 1"))),
    source="Howard et al. 2017 (MobileNets), Sec. 3.1, Eq. 5: reduction 1/N + 1/D_K²; "
           "'3x3 depthwise separable convolutions ... use between 8 to 9 times less "
           "computation than standard convolutions'.",
)
