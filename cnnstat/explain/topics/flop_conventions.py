from cnnstat.explain import Card, Input, Pointer, Step, T


def _layers(c, n, k):
    """A ResNet-style conv (no bias) -> batch norm -> ReLU, through the layer algebra."""
    from cnnstat.layers import KINDS

    shape = (c, n, n)
    out = []
    for name, args in (("conv", {"out": c, "kernel": k, "padding": "same", "bias": False}),
                       ("bn", {}), ("relu", {})):
        kind = KINDS[name].make(args)
        eff = kind.apply(shape)
        out.append((name, kind, shape, eff))
        shape = eff.output
    return out


def _count(convention, layers):
    from cnnstat.conventions import cost, get, term_values

    conv = get(convention)
    return sum(cost(conv.rules[name], term_values(name, kind, [shape], eff.output, eff.macs,
                                                  eff.params, 1))
               for name, kind, shape, eff in layers)


def compute(v):
    c, n, k = v["channels"], v["size"], v["kernel"]
    layers = _layers(c, n, k)
    macs = layers[0][3].macs
    e = f"{n}·{n}·{c}"
    counts = {name: _count(name, layers) for name in
              ("macs", "torch", "fvcore", "ptflops", "thop", "torchinfo", "deepspeed")}
    steps = [
        Step(T("MACs of the conv (cnnstat, torchvision's \"GFLOPS\")",
               "conv 의 MAC (cnnstat, torchvision 의 \"GFLOPS\")"),
             "H·W·C_out·C_in·k²", f"{n}·{n}·{c}·{c}·{k}²", counts["macs"], "MACs"),
        Step(T("torch FlopCounterMode: a multiply and an add, only for conv and matmul",
               "torch FlopCounterMode: conv 와 matmul 만, 곱셈과 덧셈을 따로"),
             "2·MACs", f"2·{macs}", counts["torch"], "FLOPs"),
        Step(T("fvcore: + batch norm, 2 per element (scale and shift)",
               "fvcore: + batch norm, 원소마다 2 (scale 과 shift)"),
             "MACs + 2·H·W·C", f"{macs} + 2·{e}", counts["fvcore"], "MACs"),
        Step(T("ptflops: + BN 2 per element + ReLU twice (module hook and F.relu)",
               "ptflops: + BN 원소마다 2 + ReLU 두 번 (module hook 과 F.relu)"),
             "MACs + 2·H·W·C + 2·H·W·C", f"{macs} + 2·{e} + 2·{e}", counts["ptflops"], "MACs"),
        Step(T("thop: + BN 4 per element (2, doubled when affine); ReLU is free",
               "thop: + BN 원소마다 4 (2 에 affine 이면 두 배); ReLU 는 0"),
             "MACs + 4·H·W·C", f"{macs} + 4·{e}", counts["thop"], "MACs"),
        Step(T("torchinfo: + batch x BN parameters (2C), from parameter counts",
               "torchinfo: + batch x BN 파라미터 (2C), 파라미터 수로 센다"),
             "MACs + 2·C", f"{macs} + 2·{c}", counts["torchinfo"], "MACs"),
        Step(T("DeepSpeed: 2 per MAC + BN 2 per element + ReLU 1 per element",
               "DeepSpeed: MAC 마다 2 + BN 원소마다 2 + ReLU 원소마다 1"),
             "2·MACs + 2·H·W·C + H·W·C", f"2·{macs} + 2·{e} + {e}", counts["deepspeed"],
             "FLOPs"),
    ]
    spread = max(counts.values()) / counts["macs"]
    return steps, {"macs": f"{macs:,}", "spread": f"{spread:.3f}", "c": c, "n": n, "k": k,
                   "bn": f"{100 * (counts['thop'] - macs) / macs:.2f}"}


CARD = Card(
    name="flop-conventions",
    title=T("Why FLOP counters disagree: counting conventions",
            "FLOP 카운터들의 숫자가 다른 이유: 세는 규칙"),
    idea=T(
        "Papers and torchvision count multiply-accumulates (MACs) of conv and fully "
        "connected layers and often call them FLOPs. Counting tools each add their own "
        "extras: FlopCounterMode and DeepSpeed count 2 FLOPs per MAC, fvcore adds batch "
        "norm and adaptive pooling, ptflops adds bias, batch norm, ReLU and pooling (ReLU "
        "and pooling twice), thop counts batch norm 4 per element, torchinfo counts "
        "parameters times positions. None is wrong; they answer different questions. "
        "`cnnstat conventions` predicts each one exactly.",
        "논문과 torchvision 은 conv 와 완전 연결 층의 곱셈-누산 (MAC) 을 세고 흔히 FLOPs 라고 "
        "부른다. 카운터 도구마다 더 세는 것이 다르다: FlopCounterMode 와 DeepSpeed 는 MAC "
        "하나를 2 FLOPs 로, fvcore 는 batch norm 과 adaptive pooling 을 더하고, ptflops 는 "
        "bias, batch norm, ReLU, pooling 을 (ReLU 와 pooling 은 두 번) 더하며, thop 는 batch "
        "norm 을 원소마다 4 로, torchinfo 는 파라미터 수 x 위치 수로 센다. 틀린 것은 없고 "
        "묻는 질문이 다를 뿐이다. `cnnstat conventions` 가 각각을 정확히 예측한다."),
    inputs=(
        Input("channels", 64, T("channels in and out", "입력과 출력 채널")),
        Input("size", 56, T("feature map height = width", "feature map 높이 = 너비")),
        Input("kernel", 3, T("kernel size (same padding)",
                             "커널 크기 (same padding)")),
    ),
    compute=compute,
    conclusion=T("One {k}x{k} conv + BN + ReLU on {n}x{n}x{c} has {macs} MACs; the tools "
                 "report up to {spread} times that. Batch norm alone adds {bn}% under thop: "
                 "always say which convention a FLOP count uses.",
                 "{n}x{n}x{c} 위의 {k}x{k} conv + BN + ReLU 한 묶음은 MAC 이 {macs} 개인데, "
                 "도구들은 그 {spread} 배까지 보고한다. thop 에서는 batch norm 만으로 {bn}% "
                 "가 늘어난다: FLOP 수를 말할 때는 어떤 규칙인지 함께 말하자."),
    see=(Pointer("cnnstat conventions resnet50-tv", ("resnet50-tv",),
                 T("every tool's total for ResNet-50, and the gaps by layer kind",
                   "ResNet-50 에 대한 도구별 합계와 layer 종류별 차이")),
         Pointer("cnnstat params vgg16 --convention ptflops", ("vgg16",),
                 T("ptflops' count, layer by layer", "ptflops 의 셈, 층마다"))),
    source="ResNet-50 (torchvision): fvcore 4.11 G, ptflops 4.13 GMac, FlopCounterMode "
           "8.18 G; checked by running each tool in tests/test_conventions.py.",
)
