from cnnstat.explain import Card, Input, Pointer, Step, T

BASE = 224  # EfficientNet-B0's input size (Tan & Le, Table 1)


def _decimal(x: float) -> str:
    """A multiplier as the short decimal `--set` takes (6 places are plenty)."""
    return f"{x:.6f}".rstrip("0").rstrip(".")


def _net(width: str, depth: str, size: int):
    from cnnstat.analysis import analyze
    from cnnstat.models.zoo import load

    spec = load("efficientnet-b0", overrides=[f"width_mult={width}", f"depth_mult={depth}"])
    return analyze(spec, input=(3, size, size)).totals


def compute(v):
    phi, a, b, g = v["phi"], v["alpha"], v["beta"], v["gamma"]
    d, w, r = _decimal(a ** phi), _decimal(b ** phi), _decimal(g ** phi)
    size = int(BASE * float(r) + 0.5)
    base, scaled = _net("1", "1", BASE), _net(w, d, size)
    predicted = (a * b * b * g * g) ** phi
    steps = [
        Step(T("depth multiplier (more blocks per stage)", "깊이 배수 (단계마다 블록 수)"),
             "d = α^φ", f"{a:g}^{phi}", float(d), "x"),
        Step(T("width multiplier (more channels)", "폭 배수 (채널 수)"), "w = β^φ",
             f"{b:g}^{phi}", float(w), "x"),
        Step(T("resolution multiplier, and the input size", "해상도 배수와 입력 크기"),
             "⌊224·γ^φ + 0.5⌋", f"⌊224·{r} + 0.5⌋", size, "px"),
        Step(T("MACs grow as d·w²·r² (the constraint: α·β²·γ² ≈ 2)",
               "MACs 는 d·w²·r² 로 는다 (제약: α·β²·γ² ≈ 2)"), "(α·β²·γ²)^φ",
             f"({a:g}·{b:g}²·{g:g}²)^{phi}", predicted, "x"),
        Step(T("EfficientNet-B0 at 224 (computed from its spec)",
               "224 에서 EfficientNet-B0 (spec 으로 계산)"), "MACs(B0)", "", base.macs, "MACs"),
        Step(T(f"the scaled network at {size} (blocks ⌈n·d⌉, channels rounded to 8)",
               f"{size} 에서 키운 네트워크 (블록 ⌈n·d⌉, 채널은 8 의 배수로)"),
             "MACs(scaled)", "", scaled.macs, "MACs"),
        Step(T("measured growth", "실제 증가"), "MACs(scaled) / MACs(B0)",
             f"{scaled.macs} / {base.macs}", scaled.macs / base.macs, "x"),
        Step(T("parameters: B0, then the scaled network (resolution adds none)",
               "파라미터: B0, 키운 네트워크 (해상도는 더하지 않음)"), "params(scaled)",
             "", scaled.params, "params"),
    ]
    return steps, {"phi": phi, "d": d, "w": w, "size": size,
                   "pred": f"{predicted:.2f}", "got": f"{scaled.macs / base.macs:.2f}",
                   "macs": f"{scaled.macs / 1e9:.2f}", "params": f"{scaled.params / 1e6:.1f}",
                   "bparams": f"{base.params / 1e6:.1f}"}


CARD = Card(
    name="compound-scaling",
    title=T("Compound scaling (EfficientNet)", "복합 스케일링 (EfficientNet)"),
    idea=T(
        "A network can grow three ways: deeper (more layers), wider (more channels) or at a "
        "higher input resolution. Growing one alone soon stops paying. EfficientNet grows "
        "all three together with one coefficient φ: depth by α^φ, width by β^φ, resolution "
        "by γ^φ. MACs scale with depth, with width squared (both ends of every conv) and "
        "with resolution squared, so α·β²·γ² ≈ 2 makes each step of φ about double the "
        "cost. A grid search on B0 gave α = 1.2, β = 1.1, γ = 1.15.",
        "네트워크는 세 방향으로 키울 수 있다: 더 깊게 (층), 더 넓게 (채널), 더 높은 입력 "
        "해상도로. 하나만 키우면 곧 효과가 줄어든다. EfficientNet 은 계수 φ 하나로 셋을 함께 "
        "키운다: 깊이 α^φ, 폭 β^φ, 해상도 γ^φ. MACs 는 깊이에, 폭의 제곱 (합성곱의 입력과 출력) "
        "에, 해상도의 제곱에 비례하므로 α·β²·γ² ≈ 2 이면 φ 가 1 늘 때마다 비용이 약 두 배가 "
        "된다. B0 에서 격자 탐색으로 α = 1.2, β = 1.1, γ = 1.15 를 얻었다."),
    inputs=(
        Input("phi", 1, T("φ: compound coefficient", "φ: 복합 계수"), min=0, max=8),
        Input("alpha", 1.2, T("α: depth base", "α: 깊이 밑"), max=4),
        Input("beta", 1.1, T("β: width base", "β: 폭 밑"), max=4),
        Input("gamma", 1.15, T("γ: resolution base", "γ: 해상도 밑"), max=4),
    ),
    compute=compute,
    conclusion=T("φ = {phi}: depth x{d}, width x{w}, input {size}. Predicted cost x{pred}; "
                 "the network built from the spec costs x{got} ({macs} G MACs) with {params}M "
                 "parameters (B0: {bparams}M). Rounding depths up and widths to multiples "
                 "of 8, and the fixed stem and head, make the gap.",
                 "φ = {phi}: 깊이 x{d}, 폭 x{w}, 입력 {size}. 예측 비용 x{pred}, spec 으로 만든 "
                 "네트워크는 x{got} ({macs} G MACs), 파라미터 {params}M (B0: {bparams}M). "
                 "깊이의 올림, 8 의 배수로 맞춘 폭, 고정된 stem 과 head 가 차이를 만든다."),
    see=(Pointer("cnnstat params efficientnet-b0 --depth 1", ("efficientnet-b0",),
                 T("B0: seven stages of MBConv blocks", "B0: MBConv 블록 7 단계")),
         Pointer("cnnstat params efficientnet-b0 --set depth_mult=1.1 --input 3x240x240",
                 ("efficientnet-b0",), T("B1 as torchvision builds it", "torchvision 의 B1"))),
    source="Tan & Le 2019, Sec. 3.3, Eq. 3: depth α^φ, width β^φ, resolution γ^φ with "
           "α·β²·γ² ≈ 2 and α = 1.2, β = 1.1, γ = 1.15 (1.2·1.1²·1.15² = 1.92).",
)
