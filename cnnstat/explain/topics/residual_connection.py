from cnnstat.calc.formulas import effect
from cnnstat.explain import Card, Input, Pointer, Step, T
from cnnstat.layers import MERGES


def _chain(x, layers):
    params = macs = 0
    for kind, args in layers:
        e = effect(kind, x, **args)
        params, macs, x = params + e.params, macs + e.macs, e.output
    return x, params, macs


def compute(v):
    c, w, n, f, blocks = v["channels"], v["width"], v["size"], v["slope"], v["blocks"]
    x = (c, n, n)
    conv = lambda o, k: ("conv", {"out": o, "kernel": k, "padding": k // 2,  # noqa: E731
                                  "bias": False})
    out, bott, bmacs = _chain(x, [conv(w, 1), conv(w, 3), conv(c, 1)])
    _, wide, _ = _chain(x, [conv(c, 3), conv(c, 3)])
    _, basic, _ = _chain((w, n, n), [conv(w, 3), conv(w, 3)])
    add = MERGES["add"].combine([out, x])
    steps = [
        Step(T("gradient of y = F(x) + x", "y = F(x) + x 의 gradient"), "dy/dx = dF/dx + 1",
             "dF/dx + 1", "dF/dx + 1"),
        Step(T(f"plain stack: {blocks} layers, each scaling the gradient by {f:g}",
               f"평범한 층 {blocks} 개, 각 층이 gradient 를 {f:g} 배"), "f^L",
             f"{f:g}^{blocks}", f ** blocks),
        Step(T(f"the shortcut path through {blocks} residual blocks",
               f"residual 블록 {blocks} 개를 지나는 shortcut 경로"), "1^L", f"1^{blocks}",
             1 ** blocks),
        Step(T(f"bottleneck block {c}-{w}-{w}-{c}: 1x1, 3x3, 1x1 (no bias, BN left out)",
               f"bottleneck 블록 {c}-{w}-{w}-{c}: 1x1, 3x3, 1x1 (bias 없음, BN 제외)"),
             "C·w + 3·3·w·w + w·C", f"{c}·{w} + 3·3·{w}·{w} + {w}·{c}", bott, "params"),
        Step(T(f"two 3x3 convs at {c} channels instead", f"대신 {c} 채널에서 3x3 두 개"),
             "2·3·3·C·C", f"2·3·3·{c}·{c}", wide, "params"),
        Step(T(f"a basic block at {w} channels (ResNet-34 style)",
               f"{w} 채널의 basic 블록 (ResNet-34 방식)"), "2·3·3·w·w", f"2·3·3·{w}·{w}",
             basic, "params"),
        Step(T(f"bottleneck MACs on {n}x{n}", f"{n}x{n} 에서 bottleneck 의 MACs"),
             "H·W·(C·w + 9·w·w + w·C)", f"{n}·{n}·{bott}", bmacs, "MACs"),
        Step(T("the add itself: one addition per value", "더하기 자체: 값마다 덧셈 하나"),
             "H·W·C", f"{n}·{n}·{c}", add.ops, "ops"),
    ]
    return steps, {"bott": f"{bott:,}", "wide": f"{wide:,}", "basic": f"{basic:,}",
                   "plain": f"{f ** blocks:.2g}", "blocks": blocks, "c": c, "w": w}


CARD = Card(
    name="residual-connection",
    title=T("Residual connections", "잔차 연결 (residual connection, skip connection)"),
    idea=T(
        "A 56-layer plain network trains to a higher error than a 20-layer one: not "
        "overfitting, but optimisation. ResNet lets each block learn only the change "
        "F(x) = H(x) - x and adds the input back, y = F(x) + x. The derivative gains a term "
        "of exactly 1 from the shortcut, so the gradient reaches early layers even when dF/dx "
        "is small; a block that is not needed can learn F = 0. From ResNet-50 on, blocks are "
        "bottlenecks: 1x1 reduce, 3x3, 1x1 restore, so the input and output shapes match "
        "for the add.",
        "56 층 평범한 네트워크가 20 층보다 학습 오류가 높다. 과적합이 아니라 최적화 문제다. "
        "ResNet 은 블록이 변화량 F(x) = H(x) - x 만 배우고 입력을 다시 더하게 한다: "
        "y = F(x) + x. 미분에 shortcut 에서 오는 정확히 1 인 항이 생겨 dF/dx 가 작아도 gradient "
        "가 앞쪽 층까지 간다. 필요 없는 블록은 F = 0 을 배우면 된다. ResNet-50 부터는 1x1 로 "
        "줄이고, 3x3, 1x1 로 되돌리는 bottleneck 블록을 써서 더하기 위해 입출력 모양을 맞춘다."),
    inputs=(
        Input("channels", 256, T("block input = output channels", "블록 입력 = 출력 채널")),
        Input("width", 64, T("bottleneck width", "bottleneck 폭")),
        Input("size", 56, T("height = width", "높이 = 너비")),
        Input("slope", 0.25, T("gradient factor of one plain layer", "평범한 층 하나의 gradient 배율"),
              min=0, max=1),
        Input("blocks", 10, T("layers or blocks the gradient crosses", "gradient 가 지나는 층/블록 수"),
              max=1000),
    ),
    compute=compute,
    conclusion=T(
        "Through {blocks} plain layers the gradient shrinks to {plain}; the shortcut path "
        "keeps a factor of 1. The {c}-{w}-{w}-{c} bottleneck costs {bott} weights, against "
        "{wide} for two 3x3 convs at {c} channels and {basic} for a basic block at {w}.",
        "평범한 층 {blocks} 개를 지나면 gradient 는 {plain} 배로 줄지만 shortcut 경로는 1 배를 "
        "유지한다. {c}-{w}-{w}-{c} bottleneck 의 가중치는 {bott} 개로, {c} 채널 3x3 두 개의 "
        "{wide} 개, {w} 채널 basic 블록의 {basic} 개와 비교된다."),
    see=(Pointer("cnnstat params resnet50 --depth 2", ("resnet50",),
                 T("16 bottleneck blocks, each ending in an add",
                   "bottleneck 블록 16 개, 각각 add 로 끝남")),
         Pointer("cnnstat diagram resnet50 --depth 2", ("resnet50",),
                 T("the shortcuts as a graph", "shortcut 을 그래프로"))),
    source="ResNeXt paper (Xie et al. 2017) Sec. 3.3: the ResNet bottleneck block has "
           "256·64 + 3·3·64·64 + 64·256 ≈ 70k parameters.",
)
