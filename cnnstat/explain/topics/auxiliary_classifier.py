from cnnstat.calc.formulas import effect
from cnnstat.explain import Card, Input, Pointer, Step, T


def compute(v):
    c, n, conv_out, hidden, k, w = (v["channels"], v["size"], v["conv"], v["hidden"],
                                    v["classes"], v["weight"])
    pool = effect("avgpool", (c, n, n), kernel=5, stride=3)
    conv = effect("conv", pool.output, out=conv_out, kernel=1)
    flat = effect("flatten", conv.output)
    fc1 = effect("linear", flat.output, out=hidden)
    fc2 = effect("linear", fc1.output, out=k)
    p = pool.output[1]
    total = conv.params + fc1.params + fc2.params
    macs = conv.macs + fc1.macs + fc2.macs
    span = n - 5
    size_sub = f"({n} - 5)/3 + 1" if span % 3 == 0 else f"⌊({n} - 5)/3⌋ + 1"
    steps = [
        Step(T("5x5 average pool, stride 3", "5x5 average pool, stride 3"), "(n - 5)/3 + 1",
             size_sub, p, "px"),
        Step(T(f"1x1 conv to {conv_out} channels", f"1x1 합성곱으로 {conv_out} 채널"),
             "(C + 1)·128", f"({c} + 1)·{conv_out}", conv.params, "params"),
        Step(T(f"fully connected to {hidden}", f"{hidden} 으로 완전 연결"),
             "(H·W·128 + 1)·1024", f"({p}·{p}·{conv_out} + 1)·{hidden}", fc1.params, "params"),
        Step(T(f"fully connected to {k} classes", f"{k} 클래스로 완전 연결"),
             "(1024 + 1)·classes", f"({hidden} + 1)·{k}", fc2.params, "params"),
        Step(T("one auxiliary head", "보조 분류기 하나"), "sum",
             f"{conv.params} + {fc1.params} + {fc2.params}", total, "params"),
        Step(T("its MACs per image", "이미지당 MACs"), "sum",
             f"{conv.macs} + {fc1.macs} + {fc2.macs}", macs, "MACs"),
        Step(T("training loss with two heads", "보조 분류기 두 개일 때 학습 loss"),
             "L = L_main + w·(L_aux1 + L_aux2)", f"{w:g}", w),
        Step(T("parameters used at inference", "추론 때 쓰는 파라미터"), "0 (heads removed)",
             "0", 0, "params"),
    ]
    return steps, {"c": c, "n": n, "p": p, "total": f"{total:,}", "w": f"{w:g}"}


CARD = Card(
    name="auxiliary-classifier",
    title=T("Auxiliary classifiers", "보조 분류기 (auxiliary classifier)"),
    idea=T(
        "GoogLeNet is 22 layers deep, and its authors worried that the gradient would reach "
        "the middle layers only weakly. They attached two small classifiers to the outputs "
        "of inception (4a) and (4d), added their losses with weight 0.3 during training, and "
        "threw them away at inference. Later work found they help little; BN and residual "
        "connections solved the problem instead.",
        "GoogLeNet 은 22 층이라 저자들은 gradient 가 중간 층까지 약하게 전달될 것을 걱정했다. "
        "inception (4a) 와 (4d) 의 출력에 작은 분류기 두 개를 달고 학습 때 그 loss 를 0.3 의 "
        "가중치로 더했으며 추론 때는 버렸다. 이후 연구에서 효과가 크지 않다고 밝혀졌고, BN 과 "
        "residual connection 이 이 문제를 대신 해결했다."),
    inputs=(
        Input("channels", 512, T("channels where the head attaches", "보조 분류기가 붙는 곳의 채널")),
        Input("size", 14, T("height = width there", "그곳의 높이 = 너비"), min=5),
        Input("conv", 128, T("1x1 conv filters", "1x1 합성곱 필터")),
        Input("hidden", 1024, T("fully connected width", "완전 연결 폭")),
        Input("classes", 1000, T("classes", "클래스 수")),
        Input("weight", 0.3, T("loss weight", "loss 가중치"), min=0, max=1),
    ),
    compute=compute,
    conclusion=T("On {n}x{n}x{c} the head pools to {p}x{p}x{c} and has {total} parameters, "
                 "trained with loss weight {w} and removed for inference.",
                 "{n}x{n}x{c} 에서 보조 분류기는 {p}x{p}x{c} 로 풀링하고 파라미터는 {total} 개다. "
                 "loss 가중치 {w} 로 학습하고 추론 때는 제거한다."),
    see=(Pointer("cnnstat params googlenet-aux --depth 1", ("googlenet-aux",),
                 T("GoogLeNet with both heads (aux1, aux2)", "보조 분류기 두 개가 달린 GoogLeNet")),
         Pointer("cnnstat params googlenet --depth 1", ("googlenet",),
                 T("inception4a and inception4d, where the heads attach",
                   "보조 분류기가 붙는 inception4a 와 inception4d")),),
    source="GoogLeNet paper Sec. 5: 5x5/3 average pooling giving 4x4x512 at (4a) and 4x4x528 "
           "at (4d), 128 1x1 filters, a 1024-unit fully connected layer, loss weight 0.3.",
)
