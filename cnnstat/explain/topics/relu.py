import math

from cnnstat.calc.formulas import effect, make
from cnnstat.explain import Card, Input, Pointer, Step, T
from cnnstat.layers import numel


def compute(v):
    c, n, layers = v["channels"], v["size"], v["layers"]
    x = (c, n, n)
    e = effect("relu", x)
    sig = 1 / (1 + math.exp(-0.0))
    d_sig = sig * (1 - sig)
    steps = [
        Step(T("ReLU: operations on a feature map (one max per value)",
               "ReLU: feature map 의 연산 (값마다 max 한 번)"), "H·W·C", f"{n}·{n}·{c}",
             e.ops, "ops"),
        Step(T("extra activation memory (applied in place)", "추가 activation 메모리 (in-place)"),
             "0 if in place", "0", numel(e.output) * 4 if make("relu").allocates else 0,
             "bytes"),
        Step(T("largest slope of the sigmoid, at x = 0", "sigmoid 기울기의 최댓값 (x = 0)"),
             "σ'(x) = σ(x)·(1 - σ(x))", f"{sig:g}·(1 - {sig:g})", d_sig),
        Step(T(f"gradient factor through {layers} sigmoids, at best",
               f"sigmoid {layers} 개를 지난 gradient 배율 (최선의 경우)"),
             "σ'(0)^L", f"{d_sig:g}^{layers}", d_sig ** layers),
        Step(T(f"through {layers} ReLUs on active units", f"활성화된 ReLU {layers} 개를 지날 때"),
             "1^L", f"1^{layers}", 1 ** layers),
    ]
    return steps, {"layers": layers, "sig": f"{d_sig ** layers:.2g}"}


CARD = Card(
    name="relu",
    title=T("ReLU", "ReLU 활성화 함수"),
    idea=T(
        "ReLU(x) = max(0, x). Its slope is 1 wherever the unit is active, so gradients pass "
        "through many layers without shrinking, while a sigmoid's slope is at most 1/4 and "
        "multiplies down layer after layer. AlexNet replaced tanh with ReLU and trained "
        "several times faster. It has no parameters and is usually applied in place.",
        "ReLU(x) = max(0, x). 활성화된 곳에서 기울기가 1 이라 층을 많이 지나도 gradient 가 "
        "줄지 않는다. sigmoid 의 기울기는 최대 1/4 이라 층마다 곱해지며 작아진다. AlexNet 은 "
        "tanh 대신 ReLU 를 써서 몇 배 빠르게 학습했다. 파라미터가 없고 보통 in-place 로 적용한다."),
    inputs=(
        Input("channels", 96, T("channels", "채널")),
        Input("size", 55, T("height = width", "높이 = 너비")),
        Input("layers", 10, T("layers the gradient goes through", "gradient 가 지나는 층 수"),
              max=1000),
    ),
    compute=compute,
    conclusion=T("After {layers} sigmoids the gradient is scaled by at most {sig}; after "
                 "{layers} active ReLUs by exactly 1.",
                 "sigmoid {layers} 개를 지나면 gradient 는 많아야 {sig} 배가 되고, 활성화된 ReLU "
                 "{layers} 개를 지나면 정확히 1 배다."),
    see=(Pointer("cnnstat params alexnet", ("alexnet",),
                 T("relu rows: no parameters, no new activations",
                   "relu 행: 파라미터 없음, 새 activation 없음")),),
    source="Study notes: the sigmoid's slope is at most 1/4, ReLU's is 1; AlexNet paper "
           "Sec. 3.1, Fig. 1: ReLUs reach 25% training error six times faster than tanh.",
)
