from cnnstat.calc.formulas import effect
from cnnstat.calc.text import CalcError
from cnnstat.explain import Card, Input, Pointer, Step, T


def wrn(d, k, classes=10):
    """Params and MACs of WRN-d-k on 32x32 CIFAR images (pre-activation basic blocks, 1x1
    projection shortcuts where the width changes, BN, no conv bias), by the layer algebra."""
    n = (d - 4) // 6
    x, params, macs = (3, 32, 32), 0, 0

    def conv(shape, out, kernel, stride=1):
        nonlocal params, macs
        e = effect("conv", shape, out=out, kernel=kernel, stride=stride, padding=kernel // 2,
                   bias=False)
        params, macs = params + e.params, macs + e.macs
        return e.output

    x = conv(x, 16, 3)
    for width, stride in ((16 * k, 1), (32 * k, 2), (64 * k, 2)):
        for i in range(n):
            s = stride if i == 0 else 1
            inp = x
            params += effect("bn", x).params
            x = conv(x, width, 3, s)
            params += effect("bn", x).params
            x = conv(x, width, 3)
            if inp[0] != width:
                conv(inp, width, 1, s)
    params += effect("bn", x).params
    fc = effect("linear", (x[0],), out=classes)
    return params + fc.params, macs + fc.macs


def compute(v):
    d, k, classes = v["depth"], v["widen"], v["classes"]
    if (d - 4) % 6:
        raise CalcError(f"wide-vs-deep: --depth must be 6N + 4 (10, 16, 22, 28, 40, ...), not {d}")
    n = (d - 4) // 6
    wide, wide_macs = wrn(d, k, classes)
    thin, thin_macs = wrn(d, 1, classes)
    w = 64 * k
    one = effect("conv", (w, 8, 8), out=w, kernel=3, padding=1, bias=False).params
    steps = [
        Step(T("basic blocks per group", "그룹마다 basic 블록 수"), "N = (d - 4)/6",
             f"({d} - 4)/6", n, "blocks"),
        Step(T("widths of the three groups", "세 그룹의 폭"), "16k, 32k, 64k",
             f"16·{k}, 32·{k}, 64·{k}", f"{16 * k}, {32 * k}, {64 * k}"),
        Step(T(f"one 3x3 conv in the last group ({w} channels)",
               f"마지막 그룹의 3x3 합성곱 하나 ({w} 채널)"), "9·(64k)²", f"9·{w}·{w}", one,
             "params"),
        Step(T(f"WRN-{d}-{k}, whole network", f"WRN-{d}-{k} 전체"), "sum over the layers",
             "", wide, "params"),
        Step(T(f"WRN-{d}-1: same depth, original width", f"WRN-{d}-1: 같은 깊이, 원래 폭"),
             "sum over the layers", "", thin, "params"),
        Step(T("wide / thin: close to k²", "넓은 것 / 얇은 것: k² 에 가까움"), "≈ k²",
             f"{wide} / {thin}", wide / thin, "x"),
        Step(T(f"WRN-{d}-{k} MACs on a 32x32 image", f"32x32 이미지에서 WRN-{d}-{k} 의 MACs"),
             "sum over the layers", "", wide_macs, "MACs"),
    ]
    return steps, {"d": d, "k": k, "wide": f"{wide / 1e6:.1f}", "thin": f"{thin / 1e6:.2f}",
                   "gmacs": f"{wide_macs / 1e9:.2f}"}


CARD = Card(
    name="wide-vs-deep",
    title=T("Wide or deep? Wide residual networks", "넓게 또는 깊게? Wide ResNet"),
    idea=T(
        "Once residual connections make depth trainable, is depth what matters? Zagoruyko and "
        "Komodakis widen every residual block by a factor k instead: a conv's parameters grow "
        "with k², but its work is a few large, parallel matrix products that GPUs run "
        "efficiently. A 16-layer WRN with k = 8 matches or beats the 1001-layer pre-activation "
        "ResNet, with a similar parameter count, and trains several times faster. WRN-d-k has "
        "depth d = 6N + 4 and widths 16k, 32k, 64k.",
        "residual connection 으로 깊은 네트워크를 학습할 수 있게 되었다면, 중요한 것은 깊이일까? "
        "Zagoruyko 와 Komodakis 는 대신 residual 블록의 폭을 k 배로 넓혔다. 합성곱의 파라미터는 "
        "k² 로 늘지만 계산은 GPU 가 효율적으로 처리하는 크고 병렬적인 행렬 곱이다. k = 8 인 16 층 "
        "WRN 이 비슷한 파라미터의 1001 층 pre-activation ResNet 과 같거나 더 좋고 몇 배 빨리 "
        "학습된다. WRN-d-k 의 깊이는 d = 6N + 4, 폭은 16k, 32k, 64k 다."),
    inputs=(
        Input("depth", 28, T("d = 6N + 4", "d = 6N + 4"), min=10, max=1000),
        Input("widen", 10, T("widening factor k", "넓히는 배수 k"), max=64),
        Input("classes", 10, T("classes (CIFAR-10)", "클래스 수 (CIFAR-10)")),
    ),
    compute=compute,
    conclusion=T("WRN-{d}-{k} has {wide} M parameters and {gmacs} G MACs per 32x32 image; the "
                 "same depth at width k = 1 has {thin} M.",
                 "WRN-{d}-{k} 의 파라미터는 {wide} M, 32x32 이미지 하나에 {gmacs} G MACs 이다. 같은 "
                 "깊이에 k = 1 이면 {thin} M 이다."),
    see=(Pointer("cnnstat params wrn-28-10 --depth 1", ("wrn-28-10",),
                 T("WRN-28-10 group by group", "WRN-28-10 그룹별")),
         Pointer("cnnstat compare resnet50 wide_resnet50_2", ("resnet50", "wide_resnet50_2"),
                 T("torchvision's wide ResNet-50", "torchvision 의 wide ResNet-50"))),
    source="WRN paper (Zagoruyko & Komodakis 2016), Tables 4 and 5: WRN-28-10 36.5M, "
           "WRN-40-4 8.9M, WRN-16-8 11.0M parameters; ResNet-1001 10.2M.",
)
