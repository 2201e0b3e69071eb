from cnnstat.calc.formulas import effect
from cnnstat.explain import Card, Input, Pointer, Step, T
from cnnstat.layers import MERGES


def compute(v):
    c, r, s = v["channels"], v["reduction"], v["size"]
    x = (c, s, s)
    squeeze = effect("global_avgpool", x)
    fc1 = effect("conv", squeeze.output, out=c // r, kernel=1)
    fc2 = effect("conv", fc1.output, out=c, kernel=1)
    scale = MERGES["mul"].combine([x, fc2.output])
    gate_params, gate_macs = fc1.params + fc2.params, fc1.macs + fc2.macs
    # the ResNet bottleneck the gate sits in: C -> C/4 -> C/4 (3x3) -> C, no bias
    w = c // 4
    body = [effect("conv", x, out=w, kernel=1, bias=False),
            effect("conv", (w, s, s), out=w, kernel=3, padding=1, bias=False),
            effect("conv", (w, s, s), out=c, kernel=1, bias=False)]
    body_params, body_macs = sum(e.params for e in body), sum(e.macs for e in body)
    steps = [
        Step(T("squeeze: average each channel over the map (adds)",
               "squeeze: 채널마다 맵 전체를 평균 (덧셈)"), "H·W·C", f"{s}·{s}·{c}",
             squeeze.ops, "ops"),
        Step(T(f"excitation fc 1: {c} -> {c // r} (with bias)",
               f"excitation fc 1: {c} -> {c // r} (bias 포함)"), "C·C/r + C/r",
             f"{c}·{c // r} + {c // r}", fc1.params, "params"),
        Step(T(f"excitation fc 2: {c // r} -> {c}, then a sigmoid",
               f"excitation fc 2: {c // r} -> {c}, 다음 sigmoid"), "C/r·C + C",
             f"{c // r}·{c} + {c}", fc2.params, "params"),
        Step(T("MACs of the gate (independent of the map size)", "gate 의 MACs (맵 크기와 무관)"),
             "2·C²/r", f"2·{c}·{c // r}", gate_macs, "MACs"),
        Step(T("scale: every element times its channel's gate",
               "scale: 모든 원소에 자기 채널의 gate 를 곱함"), "H·W·C", f"{s}·{s}·{c}",
             scale.ops, "ops"),
        Step(T(f"params of the bottleneck it sits in ({c}-{w}-{w}-{c})",
               f"gate 가 들어가는 bottleneck 의 파라미터 ({c}-{w}-{w}-{c})"),
             "C·C/4 + 9·(C/4)² + C/4·C", f"{c}·{w} + 9·{w}·{w} + {w}·{c}", body_params,
             "params"),
        Step(T("gate params / bottleneck params", "gate 파라미터 / bottleneck 파라미터"),
             "params_gate / params_bottleneck", f"{gate_params} / {body_params}",
             gate_params / body_params, "x"),
        Step(T("gate MACs / bottleneck MACs", "gate MACs / bottleneck MACs"),
             "MACs_gate / MACs_bottleneck", f"{gate_macs} / {body_macs}",
             gate_macs / body_macs, "x"),
    ]
    return steps, {"c": c, "r": r, "params": f"{gate_params:,}",
                   "pp": f"{100 * gate_params / body_params:.0f}",
                   "macs": f"{gate_macs:,}", "mp": f"{100 * gate_macs / body_macs:.2g}"}


CARD = Card(
    name="squeeze-excitation",
    title=T("Squeeze-and-excitation", "Squeeze-and-excitation (SE) 블록"),
    idea=T(
        "A conv sees a small window; squeeze-and-excitation lets a block weigh its channels "
        "by what the whole image contains. Squeeze: average each channel over the map to one "
        "number. Excitation: two small fully connected layers (C -> C/r -> C, ReLU then "
        "sigmoid) turn those C numbers into C gates between 0 and 1. Scale: multiply each "
        "channel of the map by its gate. The gate works on C numbers, not on the map, so it "
        "adds parameters but almost no MACs. SENet puts it in every ResNet block; "
        "MobileNetV3, EfficientNet and RegNetY use it too.",
        "합성곱은 작은 창만 본다. squeeze-and-excitation 은 블록이 이미지 전체의 내용에 따라 "
        "채널에 가중치를 주게 한다. squeeze: 채널마다 맵 전체를 평균해 숫자 하나로. "
        "excitation: 작은 fully connected 층 두 개 (C -> C/r -> C, ReLU 다음 sigmoid) 가 C 개의 "
        "숫자를 0 과 1 사이의 gate C 개로 바꾼다. scale: 맵의 각 채널에 그 gate 를 곱한다. gate "
        "는 맵이 아니라 숫자 C 개에 작용하므로 파라미터는 늘지만 MACs 는 거의 늘지 않는다. "
        "SENet 은 모든 ResNet 블록에 넣고, MobileNetV3, EfficientNet, RegNetY 도 쓴다."),
    inputs=(
        Input("channels", 256, T("C: channels of the block's output", "C: 블록 출력 채널")),
        Input("reduction", 16, T("r: reduction ratio", "r: 축소 비율")),
        Input("size", 56, T("H = W: map size", "H = W: 맵 크기")),
    ),
    compute=compute,
    conclusion=T("At C = {c} and r = {r} the gate adds {params} parameters, {pp}% of its "
                 "bottleneck, but only {macs} MACs, {mp}% of the bottleneck's.",
                 "C = {c}, r = {r} 이면 gate 는 파라미터 {params} 개 (bottleneck 의 {pp}%) 를 "
                 "더하지만 MACs 는 {macs} (bottleneck 의 {mp}%) 뿐이다."),
    see=(Pointer("cnnstat params se-resnet50 --depth 2", ("se-resnet50",),
                 T("a gate in each of the 16 blocks", "블록 16 개마다 gate 하나")),
         Pointer("cnnstat compare resnet50 se-resnet50", ("resnet50", "se-resnet50"),
                 T("about 10% more parameters, 0.07% more MACs",
                   "파라미터 약 10% 증가, MACs 0.07% 증가"))),
    source="Hu et al., 'Squeeze-and-Excitation Networks', Sec. 3.3 and Eq. 5: the gates add "
           "(2/r)·Σ N_s·C_s² parameters, ~2.5 million for ResNet-50 at r = 16 (~10%), and "
           "3.87 vs 3.86 GFLOPs.",
)
