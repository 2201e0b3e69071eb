from cnnstat.calc.formulas import effect
from cnnstat.explain import Card, Input, Pointer, Step, T
from cnnstat.layers import MERGES


def compute(v):
    k0, k, n_layers, n, b = v["channels"], v["growth"], v["layers"], v["size"], v["bottleneck"]
    x = (k0, n, n)
    params = 0
    for _ in range(n_layers):  # BN-ReLU-1x1 (b·k) - BN-ReLU-3x3 (k), then concat
        mid = effect("conv", x, out=b * k, kernel=1, bias=False)
        new = effect("conv", mid.output, out=k, kernel=3, padding=1, bias=False)
        params += mid.params + new.params
        last_in = x[0]
        x = MERGES["concat"].combine([x, new.output]).output
    trans = effect("conv", x, out=x[0] // 2, kernel=1, bias=False)
    pooled = effect("avgpool", trans.output, kernel=2, stride=2)
    steps = [
        Step(T(f"input channels of layer {n_layers}", f"{n_layers} 번째 층의 입력 채널"),
             "k0 + (l - 1)·k", f"{k0} + ({n_layers} - 1)·{k}", last_in, "channels"),
        Step(T("channels leaving the block (everything concatenated)",
               "블록을 나가는 채널 (모두 이어 붙임)"), "k0 + L·k", f"{k0} + {n_layers}·{k}",
             x[0], "channels"),
        Step(T(f"conv weights of the {n_layers} layers (1x1 to {b}k, then 3x3 to k; BN "
               "left out)", f"{n_layers} 개 층의 합성곱 가중치 (1x1 로 {b}k, 3x3 으로 k; BN 제외)"),
             "Σ_l (k0 + (l - 1)k)·4k + 9·4k·k",
             f"{b}·{k}·({n_layers}·{k0} + {k}·{n_layers}·({n_layers} - 1)/2) + "
             f"{n_layers}·9·{b}·{k}·{k}", params, "params"),
        Step(T("transition: 1x1 conv halves the channels", "transition: 1x1 합성곱이 채널을 절반으로"),
             "C/2", f"{x[0]}/2", trans.output[0], "channels"),
        Step(T("then 2x2 average pooling halves the size", "그 뒤 2x2 average pooling 이 크기를 절반으로"),
             "(n - 2)/2 + 1", f"({n} - 2)/2 + 1" if n % 2 == 0 else f"⌊({n} - 2)/2⌋ + 1",
             pooled.output[1], "px"),
    ]
    return steps, {"k0": k0, "k": k, "l": n_layers, "out": x[0], "params": f"{params:,}",
                   "trans": trans.output[0]}


CARD = Card(
    name="dense-connectivity",
    title=T("Dense connectivity and the growth rate", "Dense connectivity 와 growth rate"),
    idea=T(
        "In a DenseNet block every layer receives the concatenation of the block's input and "
        "of all earlier layers' outputs, and adds only k new channels, the growth rate. "
        "Features are reused instead of relearned and every layer has a short path to the "
        "loss. The channels grow linearly, so each layer starts with a 1x1 conv to 4k "
        "channels, and a transition (1x1 conv halving the channels, 2x2 average pool) sits "
        "between blocks.",
        "DenseNet 블록에서는 모든 층이 블록 입력과 앞선 모든 층의 출력을 이어 붙인 것을 받고, "
        "새 채널은 growth rate 인 k 개만 더한다. 특징을 다시 배우지 않고 재사용하며 모든 층이 "
        "loss 까지 짧은 경로를 갖는다. 채널이 선형으로 늘어나므로 각 층은 4k 채널로 줄이는 1x1 "
        "합성곱으로 시작하고, 블록 사이에는 채널을 절반으로 줄이는 transition (1x1 합성곱, 2x2 "
        "average pool) 이 있다."),
    inputs=(
        Input("channels", 64, T("k0: channels entering the block", "k0: 블록에 들어오는 채널")),
        Input("growth", 32, T("k: growth rate", "k: growth rate")),
        Input("layers", 6, T("layers in the block", "블록의 층 수"), max=500),
        Input("size", 56, T("height = width", "높이 = 너비"), min=2),
        Input("bottleneck", 4, T("1x1 width as a multiple of k", "1x1 폭 (k 의 배수)")),
    ),
    compute=compute,
    conclusion=T("A block of {l} layers with growth rate {k} turns {k0} channels into {out} "
                 "with {params} conv weights; the transition brings them down to {trans}.",
                 "growth rate {k} 인 {l} 층 블록은 {k0} 채널을 {out} 채널로 만들고 합성곱 "
                 "가중치는 {params} 개다. transition 이 이를 {trans} 채널로 줄인다."),
    see=(Pointer("cnnstat params densenet121 --depth 2", ("densenet121",),
                 T("dense blocks of 6, 12, 24, 16 layers", "6, 12, 24, 16 층의 dense block")),),
    source="DenseNet paper (Huang et al. 2017) Table 1: DenseNet-121, k = 32, first dense "
           "block of 6 layers on 56x56; torchvision densenet121's transition1 is a 1x1 conv "
           "from 256 to 128 channels.",
)
