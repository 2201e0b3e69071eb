from cnnstat.calc.formulas import effect
from cnnstat.explain import Card, Input, Pointer, Step, T
from cnnstat.layers import MERGES


def expand(c, shape, width):
    """FractalNet's rule f_1 = conv, f_{C+1}(z) = join(f_C(f_C(z)), conv(z)), by the layer
    algebra: returns (output shape, params, convs, longest path in convs)."""
    if c == 1:
        e = effect("conv", shape, out=width, kernel=3, padding=1)
        return e.output, e.params, 1, 1
    a_shape, a_params, a_convs, a_depth = expand(c - 1, shape, width)
    b_shape, b_params, b_convs, b_depth = expand(c - 1, a_shape, width)
    e = effect("conv", shape, out=width, kernel=3, padding=1)
    out = MERGES["add"].combine([b_shape, e.output]).output  # join: elementwise mean
    return out, a_params + b_params + e.params, a_convs + b_convs + 1, a_depth + b_depth


def compute(v):
    c, b, w, p = v["columns"], v["blocks"], v["width"], v["drop"]
    _, params, convs, depth = expand(c, (w, 32, 32), w)
    steps = [
        Step(T(f"convs in one block with {c} columns", f"열이 {c} 개인 블록의 합성곱 수"),
             "f_1 = 1, f_(C+1) = 2·f_C + 1  =>  2^C - 1", f"2^{c} - 1", convs, "convs"),
        Step(T("longest path through a block", "블록을 지나는 가장 긴 경로"), "2^(C - 1)",
             f"2^({c} - 1)", depth, "convs"),
        Step(T(f"depth of the network with {b} blocks", f"블록 {b} 개인 네트워크의 깊이"),
             "B·2^(C - 1)", f"{b}·{depth}", b * depth, "layers"),
        Step(T(f"shortest path through the network", "네트워크의 가장 짧은 경로"), "B·1",
             f"{b}·1", b, "layers"),
        Step(T(f"parameters of one block at width {w} (3x3 convs with bias)",
               f"폭 {w} 인 블록 하나의 파라미터 (bias 있는 3x3 합성곱)"), "(2^C - 1)·(9·w·w + w)",
             f"{convs}·(9·{w}·{w} + {w})", params, "params"),
        Step(T("local drop-path: chance that a join input is dropped",
               "local drop-path: join 입력 하나가 빠질 확률"), "p (at least one input kept)",
             f"{p:g}", p),
    ]
    return steps, {"c": c, "b": b, "convs": convs, "depth": b * depth, "short": b}


CARD = Card(
    name="fractal",
    title=T("FractalNet and drop-path", "FractalNet 과 drop-path"),
    idea=T(
        "FractalNet reaches depth without residual connections. A block is built by a rule "
        "applied C times: a column with one conv, joined (elementwise mean) with two copies "
        "of the previous block in a row. Paths of every length from 1 to 2^(C-1) convs run "
        "side by side, so shallow paths carry gradients while deep ones learn. Drop-path "
        "regularises it: locally each join drops inputs at random (keeping one), globally a "
        "whole step trains a single column; at test time the full network runs.",
        "FractalNet 은 residual connection 없이 깊이를 얻는다. 블록은 규칙을 C 번 적용해 만든다: "
        "합성곱 하나짜리 열과, 이전 블록 두 개를 이어 붙인 것을 join (원소별 평균) 한다. 길이 1 "
        "부터 2^(C-1) 까지의 경로가 나란히 있어 짧은 경로가 gradient 를 전하고 긴 경로가 학습한다. "
        "drop-path 로 정규화한다: local 은 join 마다 입력을 무작위로 빼고 (하나는 남김), global 은 "
        "한 step 동안 열 하나만 학습한다. 테스트 때는 전체 네트워크를 쓴다."),
    inputs=(
        Input("columns", 4, T("C: columns", "C: 열 수"), max=12),
        Input("blocks", 5, T("B: blocks", "B: 블록 수")),
        Input("width", 64, T("channels of a block", "블록의 채널")),
        Input("drop", 0.15, T("local drop-path probability", "local drop-path 확률"), min=0,
              max=1),
    ),
    compute=compute,
    conclusion=T("With C = {c} a block holds {convs} convs; {b} blocks make a network "
                 "{depth} layers deep whose shortest path has only {short}.",
                 "C = {c} 이면 블록에 합성곱이 {convs} 개 있고, 블록 {b} 개로 깊이 {depth} 층의 "
                 "네트워크가 된다. 가장 짧은 경로는 {short} 층이다."),
    see=(Pointer("cnnstat params fractalnet-cifar --depth 1", ("fractalnet-cifar",),
                 T("the blocks and their joins", "블록과 join")),),
    source="Larsson et al. 2017, 'FractalNet', Sec. 2 and 4: the expansion rule, B = 5 "
           "blocks, C = 3 for the 20-layer and C = 4 for the 40-layer network; local "
           "drop-path rate 0.15.",
)
