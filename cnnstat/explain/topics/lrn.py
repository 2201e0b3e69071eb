from cnnstat.calc.formulas import effect
from cnnstat.explain import Card, Input, Pointer, Step, T
from cnnstat.layers import numel


def compute(v):
    c, n, w = v["channels"], v["size"], v["window"]
    x = (c, n, n)
    e = effect("lrn", x, size=w, alpha=v["alpha"], beta=v["beta"], k=v["k"])
    steps = [
        Step(T("output shape (unchanged)", "출력 모양 (그대로)"), "H x W x C",
             f"{n}x{n}x{c}", f"{e.output[1]}x{e.output[2]}x{e.output[0]}"),
        Step(T("values normalised", "정규화되는 값의 수"), "H·W·C", f"{n}·{n}·{c}",
             numel(e.output)),
        Step(T("learned parameters", "학습되는 파라미터"), "0 (k, n, α, β are fixed)", "0",
             e.params, "params"),
        Step(T("operations per value: the window's sum of squares, then scale, power and "
               "divide", "값 하나당 연산: 창 안의 제곱합, 그리고 scale, 거듭제곱, 나눗셈"),
             "n + 3", f"{w} + 3", e.ops // numel(e.output), "ops"),
        Step(T("operations for the whole layer", "층 전체의 연산"), "H·W·C·(n + 3)",
             f"{n}·{n}·{c}·({w} + 3)", e.ops, "ops"),
        Step(T("example: one value a = 1 among neighbours that are all 1",
               "예: 이웃이 모두 1 인 값 a = 1"),
             "b = a / (k + α·Σa²)^β  (AlexNet's form: Σ over n channels, α not divided by n)",
             f"1 / ({v['k']:g} + {v['alpha']:g}·{w})^{v['beta']:g}",
             1 / (v["k"] + v["alpha"] * w) ** v["beta"]),
    ]
    return steps, {"c": c, "n": n, "w": w, "ops": f"{e.ops:,}"}


CARD = Card(
    name="lrn",
    title=T("Local response normalisation (LRN)", "국소 반응 정규화 (LRN)"),
    idea=T(
        "Borrowed from lateral inhibition in neurobiology: a strongly active unit damps its "
        "neighbours. Each value is divided by (k + α·sum of the squares of the same position "
        "in n adjacent channels)^β. AlexNet applies it after conv1 and conv2 with k = 2, "
        "n = 5, α = 10^-4, β = 0.75. It has no learned parameters and costs a few operations "
        "per value; batch normalisation has since replaced it.",
        "신경생물학의 측면 억제 (lateral inhibition) 에서 온 아이디어로, 강하게 활성화된 뉴런이 "
        "이웃을 누른다. 각 값을 (k + α·인접한 n 개 채널의 같은 위치 값 제곱합)^β 로 나눈다. "
        "AlexNet 은 conv1, conv2 뒤에 k = 2, n = 5, α = 10^-4, β = 0.75 로 적용했다. 학습하는 "
        "파라미터는 없고 값마다 몇 번의 연산만 든다. 지금은 batch normalization 이 대신한다."),
    inputs=(
        Input("channels", 96, T("channels", "채널")),
        Input("size", 55, T("height = width", "높이 = 너비")),
        Input("window", 5, T("n: channels in the window", "n: 창 안의 채널 수")),
        Input("k", 2.0, T("k: additive constant", "k: 더하는 상수"), min=0),
        Input("alpha", 1e-4, T("α: scale", "α: 배율"), min=0),
        Input("beta", 0.75, T("β: exponent", "β: 지수"), min=0),
    ),
    compute=compute,
    conclusion=T("LRN on {n}x{n}x{c} with a {w}-channel window learns nothing and costs "
                 "{ops} operations; the shape does not change.",
                 "{n}x{n}x{c} 에 창 {w} 채널의 LRN 은 학습하는 것이 없고 연산 {ops} 개가 든다. "
                 "모양은 바뀌지 않는다."),
    see=(Pointer("cnnstat params alexnet", ("alexnet",), T("norm1, norm2", "norm1, norm2")),
         Pointer("cnnstat params googlenet", ("googlenet",),
                 T("norm1, norm2 (GoogLeNet kept LRN)", "norm1, norm2 (GoogLeNet 도 LRN 사용)"))),
    source="AlexNet paper Sec. 3.3 (k = 2, n = 5, α = 1e-4, β = 0.75) and Sec. 3.5, whose "
           "neuron count for the second conv layer is 186,624 = 27·27·256.",
)
