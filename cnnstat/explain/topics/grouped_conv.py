from cnnstat.calc.formulas import effect
from cnnstat.explain import Card, Input, Pointer, Step, T


def compute(v):
    c, o, k, g = v["channels"], v["out"], v["kernel"], v["groups"]
    card, d, planes = v["cardinality"], v["width"], v["planes"]
    x = (c, 27, 27)
    grouped = effect("conv", x, out=o, kernel=k, padding=k // 2, groups=g)
    full = effect("conv", x, out=o, kernel=k, padding=k // 2)
    y = (planes, 14, 14)
    # ResNeXt: `card` separate paths planes -> d -> d -> planes, summed ...
    path = sum(effect("conv", s, out=oc, kernel=kk, padding=kk // 2, bias=False).params
               for s, oc, kk in [(y, d, 1), ((d, 14, 14), d, 3), ((d, 14, 14), planes, 1)])
    # ... equal to one block whose 3x3 is a grouped conv with card groups
    wide = card * d
    block = [effect("conv", y, out=wide, kernel=1, bias=False),
             effect("conv", (wide, 14, 14), out=wide, kernel=3, padding=1, groups=card,
                    bias=False),
             effect("conv", (wide, 14, 14), out=planes, kernel=1, bias=False)]
    steps = [
        Step(T(f"{k}x{k} conv {c} -> {o}, {g} groups (each group sees {c // g} channels)",
               f"{k}x{k} 합성곱 {c} -> {o}, 그룹 {g} 개 (그룹마다 {c // g} 채널만 봄)"),
             "(k·k·C_in/g + 1)·C_out", f"({k}·{k}·{c // g} + 1)·{o}", grouped.params,
             "params"),
        Step(T("the same conv without groups", "그룹 없는 같은 합성곱"), "(k·k·C_in + 1)·C_out",
             f"({k}·{k}·{c} + 1)·{o}", full.params, "params"),
        Step(T("MACs, grouped / ungrouped", "MACs, 그룹 / 그룹 없음"), "1/g",
             f"{grouped.macs} / {full.macs}", grouped.macs / full.macs, "x"),
        Step(T(f"ResNeXt: {card} paths {planes}-{d}-{d}-{planes}, summed (no bias)",
               f"ResNeXt: {planes}-{d}-{d}-{planes} 경로 {card} 개의 합 (bias 없음)"),
             "C·(256·d + 3·3·d·d + d·256)",
             f"{card}·({planes}·{d} + 3·3·{d}·{d} + {d}·{planes})", card * path, "params"),
        Step(T(f"the same block with one grouped 3x3 ({wide} channels, {card} groups)",
               f"같은 블록을 그룹 3x3 하나로 ({wide} 채널, 그룹 {card} 개)"),
             "256·Cd + 3·3·Cd·d + Cd·256",
             f"{planes}·{wide} + 3·3·{wide}·{d} + {wide}·{planes}",
             sum(e.params for e in block), "params"),
    ]
    return steps, {"g": g, "grouped": f"{grouped.params:,}", "full": f"{full.params:,}",
                   "card": card, "paths": f"{card * path:,}",
                   "block": f"{sum(e.params for e in block):,}"}


CARD = Card(
    name="grouped-conv",
    title=T("Grouped convolutions", "그룹 합성곱 (grouped convolution)"),
    idea=T(
        "A conv with g groups splits the input channels into g sets and lets each set of "
        "filters read only its own set. AlexNet did this because the network did not fit on "
        "one GPU: conv2, conv4 and conv5 only see the half of the previous layer on their "
        "own GPU. ResNeXt uses many groups on purpose: 'cardinality', the number of parallel "
        "paths in a block, is a grouped 3x3 conv in disguise.",
        "그룹이 g 개인 합성곱은 입력 채널을 g 묶음으로 나누고 각 필터 묶음이 자기 묶음만 읽게 "
        "한다. AlexNet 은 네트워크가 GPU 하나에 들어가지 않아 이렇게 했다: conv2, conv4, conv5 는 "
        "자기 GPU 에 있는 앞 층의 절반만 본다. ResNeXt 는 일부러 그룹을 많이 쓴다. 블록 안의 "
        "병렬 경로 수인 cardinality 는 사실 그룹 3x3 합성곱이다."),
    inputs=(
        Input("channels", 96, T("input channels", "입력 채널")),
        Input("out", 256, T("output channels", "출력 채널")),
        Input("kernel", 5, T("kernel size", "커널 크기")),
        Input("groups", 2, T("groups", "그룹 수")),
        Input("cardinality", 32, T("ResNeXt paths C", "ResNeXt 경로 수 C")),
        Input("width", 4, T("ResNeXt path width d", "ResNeXt 경로 폭 d")),
        Input("planes", 256, T("ResNeXt block input = output channels",
                               "ResNeXt 블록 입력 = 출력 채널")),
    ),
    compute=compute,
    conclusion=T("With {g} groups the conv has {grouped} parameters instead of {full}. "
                 "{card} separate ResNeXt paths have {paths} weights, exactly the {block} of "
                 "one block with a grouped 3x3.",
                 "그룹 {g} 개로 합성곱 파라미터가 {full} 개에서 {grouped} 개가 된다. ResNeXt "
                 "경로 {card} 개의 가중치 {paths} 개는 그룹 3x3 한 블록의 {block} 개와 "
                 "정확히 같다."),
    see=(Pointer("cnnstat params alexnet", ("alexnet",), T("conv2, conv4, conv5: groups=2",
                                                          "conv2, conv4, conv5: groups=2")),
         Pointer("cnnstat params resnext50_32x4d --depth 2", ("resnext50_32x4d",),
                 T("groups=32 in every 3x3", "모든 3x3 에 groups=32"))),
    source="AlexNet conv2: 256 kernels of 5x5x48 (paper Sec. 3.5), (5·5·48 + 1)·256 = "
           "307,456; ResNeXt paper Sec. 3.3, Eq. 4: C·(256·d + 3·3·d·d + d·256) ≈ 70k for "
           "C = 32, d = 4.",
)
