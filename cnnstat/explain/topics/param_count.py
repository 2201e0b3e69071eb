from cnnstat.calc.formulas import effect, explain_layer, make
from cnnstat.explain import Card, Input, Pointer, Step, T


def _line(kind, shape, what, **args):
    layer = make(kind, **args)
    eff = layer.apply(shape)
    line = next(l for l in explain_layer(layer, shape, eff) if l.what == what)
    return line, eff


def compute(v):
    k, c, o, n, m = v["kernel"], v["channels"], v["out"], v["fc_in"], v["fc_out"]
    steps = []
    conv, conv_eff = _line("conv", (c, 64, 64), "params", out=o, kernel=k)
    steps.append(Step(T(f"conv: {o} filters of {k}x{k}x{c}, one bias each",
                        f"conv: {k}x{k}x{c} 필터 {o} 개, 필터마다 bias 1 개"),
                      conv.formula, conv.substituted, conv.value, "params"))
    weights = effect("conv", (c, 64, 64), out=o, kernel=k, bias=False).params
    steps.append(Step(T("of which weights (no bias)", "그중 가중치 (bias 제외)"),
                      "kh·kw·C_in·C_out", f"{k}·{k}·{c}·{o}", weights, "params"))
    fc, fc_eff = _line("linear", (n,), "params", out=m)
    steps.append(Step(T(f"fully connected: {n} inputs to {m} outputs",
                        f"완전 연결: 입력 {n} 개 -> 출력 {m} 개"),
                      fc.formula, fc.substituted, fc.value, "params"))
    pool = effect("maxpool", (o, 55, 55), kernel=3, stride=2).params
    steps.append(Step(T("max pooling: nothing to learn", "max pooling: 학습할 것이 없음"),
                      "0", "0", pool, "params"))
    bn = effect("bn", (o, 55, 55)).params
    steps.append(Step(T(f"batch norm on {o} channels: a scale and a shift per channel",
                        f"채널 {o} 개의 batch norm: 채널마다 scale 과 shift"),
                      "2·C", f"2·{o}", bn, "params"))
    ratio = fc_eff.params / conv_eff.params
    steps.append(Step(T("fully connected vs conv", "완전 연결 / conv"),
                      "params_fc / params_conv", f"{fc_eff.params} / {conv_eff.params}",
                      ratio, "x"))
    return steps, {"conv": f"{conv_eff.params:,}", "fc": f"{fc_eff.params:,}",
                   "ratio": f"{ratio:,.0f}"}


CARD = Card(
    name="param-count",
    title=T("Counting parameters", "파라미터 개수 세기"),
    idea=T(
        "A conv layer learns one kh x kw x C_in filter per output channel plus one bias: "
        "(kh·kw·C_in + 1)·C_out, whatever the size of the image. A fully connected layer "
        "learns a weight for every input-output pair: (n_in + 1)·n_out. Pooling, ReLU and "
        "dropout learn nothing; batch norm learns 2 per channel.",
        "conv 층은 출력 채널마다 kh x kw x C_in 필터 하나와 bias 하나를 학습한다: "
        "(kh·kw·C_in + 1)·C_out. 이미지 크기와는 상관없다. 완전 연결 층은 입력-출력 쌍마다 "
        "가중치가 있어 (n_in + 1)·n_out 이다. pooling, ReLU, dropout 은 학습할 것이 없고 "
        "batch norm 은 채널마다 2 개다."),
    inputs=(
        Input("kernel", 11, T("conv kernel size", "conv 커널 크기")),
        Input("channels", 3, T("conv input channels", "conv 입력 채널")),
        Input("out", 96, T("conv filters", "conv 필터 수")),
        Input("fc_in", 9216, T("fully connected inputs", "완전 연결 입력 수")),
        Input("fc_out", 4096, T("fully connected outputs", "완전 연결 출력 수")),
    ),
    compute=compute,
    conclusion=T("The conv layer has {conv} parameters, the fully connected one {fc}: "
                 "about {ratio} times more. In AlexNet and VGG most parameters sit in the "
                 "fully connected layers.",
                 "conv 층은 {conv} 개, 완전 연결 층은 {fc} 개로 약 {ratio} 배 많다. AlexNet 과 "
                 "VGG 의 파라미터 대부분은 완전 연결 층에 있다."),
    see=(Pointer("cnnstat params alexnet", ("alexnet",),
                 T("conv1 34,944 and fc6 37,752,832", "conv1 34,944 과 fc6 37,752,832")),
         Pointer("cnnstat compare alexnet vgg16 googlenet --params", ("alexnet", "vgg16",
                                                                     "googlenet"),
                 T("conv vs fully connected parameters", "conv 와 완전 연결 파라미터 비교"))),
    source="AlexNet conv1 (11·11·3 + 1)·96 = 34,944; fc6 9216 -> 4096 (Krizhevsky et al. "
           "2012, Fig. 2; torchvision alexnet classifier[1]).",
)
