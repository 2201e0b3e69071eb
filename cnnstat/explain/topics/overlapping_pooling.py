from cnnstat.calc.chain import run_chain
from cnnstat.calc.formulas import effect
from cnnstat.calc.text import parse_shape_text, size_text
from cnnstat.explain import Card, Input, Pointer, Step, T


def compute(v):
    n, k, s, c = v["size"], v["kernel"], v["stride"], v["channels"]
    x = (c, n, n)
    over = effect("maxpool", x, kernel=k, stride=s)
    flat = effect("maxpool", x, kernel=s, stride=s)
    f1, s1 = size_text(n, k, s, 0)
    f2, s2 = size_text(n, s, s, 0)
    rf = lambda kk: run_chain(parse_shape_text(f"{c}x{n}x{n}"),  # noqa: E731
                              [("maxpool", {"kernel": kk, "stride": s})]).layers[0].rf[0]
    steps = [
        Step(T(f"{k}x{k} max pool, stride {s} (overlapping: stride < kernel)",
               f"{k}x{k} max pool, stride {s} (stride < kernel 이면 겹침)"),
             f1, s1, over.output[1], "px"),
        Step(T(f"{s}x{s} max pool, stride {s} (no overlap)", f"{s}x{s} max pool, stride {s} "
               "(겹치지 않음)"), f2, s2, flat.output[1], "px"),
        Step(T("rows (and columns) shared by neighbouring windows",
               "이웃한 창이 함께 보는 행 (열) 수"), "k - s", f"{k} - {s}", max(k - s, 0), "px"),
        Step(T("input pixels each overlapping output sees", "겹치는 풀링 출력 하나가 보는 입력 픽셀"),
             "k·k", f"{k}·{k}", rf(k) ** 2, "px"),
        Step(T("parameters of either pooling", "두 풀링의 파라미터"), "0", "0",
             over.params + flat.params, "params"),
        Step(T("comparisons of the overlapping pool", "겹치는 풀링의 비교 연산 수"),
             "H_out·W_out·C·(k·k - 1)",
             f"{over.output[1]}·{over.output[2]}·{c}·({k}·{k} - 1)", over.ops, "ops"),
    ]
    return steps, {"n": n, "k": k, "s": s, "o1": over.output[1], "o2": flat.output[1]}


CARD = Card(
    name="overlapping-pooling",
    title=T("Overlapping pooling", "겹치는 풀링 (overlapping pooling)"),
    idea=T(
        "Pooling shrinks the feature map and learns nothing. When the stride is smaller than "
        "the window, neighbouring windows share pixels: AlexNet pools 3x3 windows with "
        "stride 2, where LeNet-5 used non-overlapping 2x2 windows with stride 2 (and average "
        "instead of max). The output size is the same; AlexNet's authors report slightly "
        "lower error and less overfitting with the overlap.",
        "풀링은 feature map 을 줄이고 학습할 것이 없다. stride 가 창보다 작으면 이웃한 창이 "
        "픽셀을 함께 본다. AlexNet 은 3x3 창을 stride 2 로 풀링하고, LeNet-5 는 겹치지 않는 2x2 "
        "창을 stride 2 로 썼다 (max 대신 average). 출력 크기는 같고, AlexNet 저자들은 겹치게 "
        "했을 때 오류율이 조금 낮고 과적합이 덜하다고 보고했다."),
    inputs=(
        Input("size", 55, T("input height = width", "입력 높이 = 너비")),
        Input("kernel", 3, T("pooling window", "풀링 창 크기")),
        Input("stride", 2, T("stride", "stride")),
        Input("channels", 96, T("channels", "채널")),
    ),
    compute=compute,
    conclusion=T("On {n}x{n}, {k}x{k}/{s} pooling gives {o1}x{o1} and {s}x{s}/{s} gives "
                 "{o2}x{o2}: the same size, but each overlapping window shares pixels with "
                 "its neighbours.",
                 "{n}x{n} 에서 {k}x{k}/{s} 풀링은 {o1}x{o1}, {s}x{s}/{s} 풀링은 {o2}x{o2} 가 된다. "
                 "크기는 같지만 겹치는 창은 이웃과 픽셀을 나눠 본다."),
    see=(Pointer("cnnstat params alexnet", ("alexnet",),
                 T("pool1, pool2, pool5: 3x3 windows, stride 2", "pool1, pool2, pool5: 3x3 창, "
                   "stride 2")),
         Pointer("cnnstat params lenet5", ("lenet5",),
                 T("2x2 windows, stride 2", "2x2 창, stride 2"))),
    source="AlexNet paper Sec. 3.4: s = 2, z = 3 against s = 2, z = 2, which 'produces output "
           "of equivalent dimensions'; study notes: (55 - 3)/2 + 1 = 27.",
)
