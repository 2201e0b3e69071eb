from cnnstat.calc.formulas import effect
from cnnstat.explain import Card, Input, Pointer, Step, T
from cnnstat.layers import MERGES


def compute(v):
    c, s, e1, e3, n = v["channels"], v["squeeze"], v["expand1"], v["expand3"], v["size"]
    x = (c, n, n)
    sq = effect("conv", x, out=s, kernel=1)
    a = effect("conv", sq.output, out=e1, kernel=1)
    b = effect("conv", sq.output, out=e3, kernel=3, padding=1)
    out = MERGES["concat"].combine([a.output, b.output]).output
    total = sq.params + a.params + b.params
    plain = effect("conv", x, out=out[0], kernel=3, padding=1)
    steps = [
        Step(T(f"squeeze: 1x1 conv {c} -> {s}", f"squeeze: 1x1 합성곱 {c} -> {s}"),
             "(C + 1)·s1x1", f"({c} + 1)·{s}", sq.params, "params"),
        Step(T(f"expand 1x1: {s} -> {e1}", f"expand 1x1: {s} -> {e1}"), "(s1x1 + 1)·e1x1",
             f"({s} + 1)·{e1}", a.params, "params"),
        Step(T(f"expand 3x3: {s} -> {e3}", f"expand 3x3: {s} -> {e3}"), "(9·s1x1 + 1)·e3x3",
             f"(9·{s} + 1)·{e3}", b.params, "params"),
        Step(T("the fire module", "fire 모듈 전체"), "sum", f"{sq.params} + {a.params} + "
             f"{b.params}", total, "params"),
        Step(T("output channels (expand outputs concatenated)", "출력 채널 (expand 출력을 이어 붙임)"),
             "e1x1 + e3x3", f"{e1} + {e3}", out[0], "channels"),
        Step(T(f"a plain 3x3 conv {c} -> {out[0]} instead", f"대신 평범한 3x3 합성곱 {c} -> {out[0]}"),
             "(9·C + 1)·(e1x1 + e3x3)", f"(9·{c} + 1)·{out[0]}", plain.params, "params"),
        Step(T("plain / fire", "평범한 것 / fire"), "ratio", f"{plain.params} / {total}",
             plain.params / total, "x"),
    ]
    return steps, {"total": f"{total:,}", "plain": f"{plain.params:,}", "out": out[0], "c": c,
                   "ratio": f"{plain.params / total:.1f}"}


CARD = Card(
    name="fire-module",
    title=T("SqueezeNet's fire module", "SqueezeNet 의 fire 모듈"),
    idea=T(
        "SqueezeNet aims at AlexNet's accuracy with 50 times fewer parameters. Its fire "
        "module first squeezes the channels with 1x1 convs, then expands them again with a "
        "mix of 1x1 and 3x3 convs whose outputs are concatenated. Fewer 3x3 filters, and "
        "fewer channels for them to read, is where the saving comes from.",
        "SqueezeNet 은 AlexNet 의 정확도를 파라미터 50 배 적게 얻는 것이 목표다. fire 모듈은 "
        "먼저 1x1 합성곱으로 채널을 줄이고 (squeeze), 1x1 과 3x3 합성곱을 섞어 다시 늘린 뒤 "
        "(expand) 출력을 이어 붙인다. 3x3 필터를 줄이고 그 필터가 읽는 채널도 줄이는 것이 "
        "절약의 원천이다."),
    inputs=(
        Input("channels", 96, T("input channels", "입력 채널")),
        Input("squeeze", 16, T("s1x1: squeeze filters", "s1x1: squeeze 필터")),
        Input("expand1", 64, T("e1x1: expand 1x1 filters", "e1x1: expand 1x1 필터")),
        Input("expand3", 64, T("e3x3: expand 3x3 filters", "e3x3: expand 3x3 필터")),
        Input("size", 55, T("height = width", "높이 = 너비")),
    ),
    compute=compute,
    conclusion=T("The fire module turns {c} channels into {out} with {total} parameters; a "
                 "plain 3x3 conv doing the same needs {plain}, {ratio} times more.",
                 "fire 모듈은 파라미터 {total} 개로 {c} 채널을 {out} 채널로 만든다. 같은 일을 "
                 "하는 평범한 3x3 합성곱은 {plain} 개로 {ratio} 배 많다."),
    see=(Pointer("cnnstat params squeezenet1_0 --depth 1", ("squeezenet1_0",),
                 T("eight fire modules", "fire 모듈 8 개")),
         Pointer("cnnstat compare alexnet squeezenet1_0", ("alexnet", "squeezenet1_0"),
                 T("the 50x claim", "50 배 주장 확인"))),
    source="SqueezeNet paper (Iandola et al. 2016) Table 1: fire2 (s1x1 16, e1x1 64, e3x3 "
           "64, on 55x55x96) has 11,920 parameters before pruning.",
)
