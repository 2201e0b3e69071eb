from cnnstat.explain import Card, Input, Pointer, Step, T

MIB = 2**20


def compute(v):
    from cnnstat.mem import memory
    from cnnstat.models.zoo import load

    b = v["batch"]
    m = memory(load("resnet50-tv"), batch=b, train=True, optimizer="adam")
    by_type: dict[str, int] = {}
    for layer in m.layers:
        by_type[layer.type] = by_type.get(layer.type, 0) + layer.saved_bytes
    tensors = (m.optimizer_state - 2 * m.trainable * 4) // 4
    per = (m.saved - _unbatched(m)) // b
    start = m.weights + m.buffers + m.gradients + m.optimizer_state + m.saved + m.outputs
    steps = [
        Step(T("weights (fp32)", "가중치 (fp32)"), "params·4 B",
             f"{m.params}·4/2^20", m.weights / MIB, "MiB"),
        Step(T("gradients: one per trainable weight", "gradient: 학습되는 가중치마다 하나"),
             "params·4 B", f"{m.trainable}·4/2^20", m.gradients / MIB, "MiB"),
        Step(T("Adam state: two moments per weight, a step per tensor",
               "Adam 상태: 가중치마다 moment 두 개, 텐서마다 step 하나"),
             "2·params·4 + tensors·4", f"(2·{m.trainable}·4 + {tensors}·4)/2^20",
             m.optimizer_state / MIB, "MiB"),
        Step(T(f"kept for backward by batch norm (its input, at batch {b})",
               f"backward 를 위해 batch norm 이 보관 (입력, batch {b})"),
             "Σ BN inputs", "", by_type.get("bn", 0) / MIB, "MiB"),
        Step(T("kept by ReLU (its output, shared with the next conv's input)",
               "ReLU 가 보관 (출력, 다음 conv 의 입력과 공유)"),
             "Σ ReLU outputs", "", by_type.get("relu", 0) / MIB, "MiB"),
        Step(T("kept by conv layers (inputs no ReLU keeps) and max pooling (int64 indices)",
               "conv (ReLU 가 보관하지 않은 입력) 와 max pooling (int64 인덱스) 이 보관"),
             "Σ", "", (by_type.get("conv", 0) + by_type.get("maxpool", 0)
                       + by_type.get("linear", 0)) / MIB, "MiB"),
        Step(T("all tensors kept for backward", "backward 를 위해 보관하는 텐서 전부"),
             "batch·per sample + BN statistics",
             f"({b}·{per} + {_unbatched(m)})/2^20", m.saved / MIB, "MiB"),
        Step(T("total at the start of backward (weights, gradients, Adam, kept tensors, output)",
               "backward 시작 시점의 합계 (가중치, gradient, Adam, 보관 텐서, 출력)"),
             "sum", f"({m.weights} + {m.buffers} + {m.gradients} + {m.optimizer_state} + "
                    f"{m.saved} + {m.outputs})/2^30", start / 2**30, "GiB"),
        Step(T("the step's peak (later in backward, or the optimizer's temporaries)",
               "한 step 의 최대 (backward 후반, 또는 optimizer 임시 텐서)"),
             "peak", "", m.total / 2**30, "GiB"),
        Step(T("peak / weights", "최대 / 가중치"), "peak/weights", f"{m.total}/{m.weights}",
             m.total / m.weights, "x"),
    ]
    return steps, {"batch": b, "total": f"{m.total / 2**30:.2f}",
                   "ratio": f"{m.total / m.weights:.0f}", "weights": f"{m.weights / MIB:.0f}",
                   "saved": f"{m.saved / 2**30:.2f}",
                   "share": f"{100 * m.saved / m.total:.0f}"}


def _unbatched(m) -> int:
    """Bytes kept whatever the batch (batch norm's per-channel mean and 1/std)."""
    return sum(k.bytes for layer in m.layers for k in layer.saved if k.what == "mean, 1/std")


CARD = Card(
    name="training-memory",
    title=T("Training memory", "학습 메모리"),
    idea=T(
        "Inference needs the weights and, at any moment, only the feature maps still to be "
        "read. Training keeps far more: a gradient for every weight, the optimizer's state "
        "(Adam: two more copies), and every tensor the backward pass will need, kept from "
        "the forward pass until backward reaches it. Batch norm keeps its input, ReLU its "
        "output, a conv its input, max pooling 8-byte indices: several full copies of every "
        "feature map, times the batch. At the start of backward all of it is alive at once; "
        "that is the peak.",
        "추론에는 가중치와, 그 순간 아직 읽을 feature map 만 있으면 된다. 학습은 훨씬 많이 "
        "보관한다: 가중치마다 gradient, optimizer 상태 (Adam: 복사본 두 개 더), 그리고 backward "
        "가 쓸 텐서 전부를 forward 부터 backward 가 닿을 때까지 보관한다. batch norm 은 입력을, "
        "ReLU 는 출력을, conv 는 입력을, max pooling 은 8 바이트 인덱스를 보관한다: 모든 feature "
        "map 의 완전한 복사본 여러 개에 batch 를 곱한 만큼이다. backward 를 시작할 때 이 모두가 "
        "한꺼번에 살아 있고, 그것이 최대치다."),
    inputs=(Input("batch", 32, T("batch size", "batch 크기"), max=4096),),
    compute=compute,
    conclusion=T("Training ResNet-50 with Adam at batch {batch} peaks at {total} GiB, {ratio} "
                 "times its {weights} MiB of weights; {saved} GiB ({share}%) are tensors kept "
                 "for backward, which grow with the batch.",
                 "ResNet-50 을 Adam 으로 batch {batch} 에서 학습하면 최대 {total} GiB 로, "
                 "가중치 {weights} MiB 의 {ratio} 배다. 그중 {saved} GiB ({share}%) 는 backward "
                 "를 위해 보관하는 텐서이고, batch 에 비례해 커진다."),
    see=(Pointer("cnnstat memory resnet50-tv --train --batch 32", ("resnet50-tv",),
                 T("every layer's kept bytes", "층마다 보관하는 바이트")),
         Pointer("cnnstat memory resnet50-tv --train --budget 24GiB", ("resnet50-tv",),
                 T("the largest batch that fits", "들어가는 가장 큰 batch"))),
    source="Saved-tensor rules from PyTorch's tools/autograd/derivatives.yaml, checked "
           "exactly by `cnnstat verify --memory`; Adam keeps exp_avg and exp_avg_sq "
           "(torch.optim.Adam; Kingma and Ba, ICLR 2015, Algorithm 1: m and v).",
)
