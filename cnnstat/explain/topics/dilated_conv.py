from cnnstat.calc.chain import run_chain
from cnnstat.calc.formulas import effect
from cnnstat.calc.text import parse_shape_text
from cnnstat.explain import Card, Input, Pointer, Step, T


def _rf(rate, k, stride, size):
    """RF in input pixels of one k x k conv at ``rate`` on a map of output stride
    ``stride`` (a 1x1 conv of that stride stands for the backbone's subsampling)."""
    chain = run_chain(parse_shape_text(f"1x{size}x{size}"),
                      [("conv", {"out": 1, "kernel": 1, "stride": stride}),
                       ("conv", {"out": 1, "kernel": k, "dilation": rate,
                                 "padding": rate * (k - 1) // 2})])
    return chain.layers[-1].rf[0]


def compute(v):
    k, c, m, os_, size = v["kernel"], v["channels"], v["map"], v["stride"], v["input"]
    rates = (v["rate1"], v["rate2"], v["rate3"])
    steps = []
    for r in rates:
        eff = effect("conv", (c, m, m), out=c, kernel=k, dilation=r,
                     padding=r * (k - 1) // 2, bias=False)
        span = eff.window[0][0]
        steps.append(Step(T(f"rate {r}: the kernel's span", f"rate {r}: 커널이 덮는 폭"),
                          "d(k - 1) + 1", f"{r}·({k} - 1) + 1", span, "px"))
        steps.append(Step(T(f"rate {r}: padding d(k - 1)/2 keeps the {m}x{m} map",
                            f"rate {r}: padding d(k - 1)/2 로 {m}x{m} 크기가 유지된다"),
                          "n + 2p - d(k - 1)", f"{m} + 2·{r * (k - 1) // 2} - {r}·({k} - 1)",
                          eff.output[1], "px"))
        whole = max(m - r * (k - 1), 0) ** 2
        steps.append(Step(T(f"rate {r}: positions whose {k}x{k} taps all land on the map",
                            f"rate {r}: {k}x{k} 탭이 모두 맵 안에 떨어지는 위치"),
                          "(n - d(k - 1))²", f"max({m} - {r * (k - 1)}, 0)²", whole,
                          "positions"))
        steps.append(Step(T(f"rate {r}: receptive field at output stride {os_}",
                            f"rate {r}: output stride {os_} 에서의 receptive field"),
                          "1 + d(k - 1)·stride", f"1 + {r}·({k} - 1)·{os_}",
                          _rf(r, k, os_, size), "px"))
    params = effect("conv", (c, m, m), out=c, kernel=k, dilation=rates[-1],
                    padding=rates[-1] * (k - 1) // 2, bias=False)
    steps.append(Step(T("params of any rate (the same as rate 1)",
                        "어떤 rate 든 파라미터 (rate 1 과 같다)"),
                      "k·k·C·C", f"{k}·{k}·{c}·{c}", params.params, "params"))
    last = rates[-1]
    degenerate = m - last * (k - 1) <= 0
    note = T(f"at rate {last} on a {m}x{m} map no position sees all {k * k} taps: the "
             "outer ones read zero padding, and near the map's size the filter degenerates "
             "to its centre (a 1x1), which is why ASPP adds image-level pooling",
             f"{m}x{m} 맵에서 rate {last} 이면 {k * k} 개 탭을 모두 쓰는 위치가 없다. 바깥 탭은 "
             "zero padding 을 읽고, rate 가 맵 크기에 가까우면 필터가 가운데 탭 (1x1) 으로 "
             "퇴화한다. 그래서 ASPP 는 image pooling 가지를 더한다") if degenerate else \
        T(f"at rate {last} some positions still see all {k * k} taps",
          f"rate {last} 에서도 일부 위치는 {k * k} 개 탭을 모두 쓴다")
    return steps, {"rates": ", ".join(map(str, rates)), "note": note,
                   "rf": _rf(last, k, os_, size), "size": size}


CARD = Card(
    name="dilated-conv",
    title=T("Dilated (atrous) convolution and ASPP", "Dilated (atrous) 합성곱과 ASPP"),
    idea=T(
        "A convolution with dilation (atrous rate) d spaces its k x k taps d pixels apart: "
        "it spans d(k - 1) + 1 pixels with the same k·k·C_in·C_out weights and MACs as "
        "rate 1, and padding d(k - 1)/2 keeps the map's size. DeepLab replaces the last "
        "strides of a ResNet with dilation (output stride 8 or 16) and puts Atrous Spatial "
        "Pyramid Pooling on top: parallel 3x3 convs at several rates (12, 24, 36 at output "
        "stride 8), a 1x1 conv and image pooling, concatenated. Each rate's receptive "
        "field grows by d(k - 1) map pixels, output-stride input pixels each; once the rate "
        "nears the map's size, few taps land on the map at all.",
        "dilation (atrous rate) d 인 합성곱은 k x k 탭을 d 픽셀 간격으로 벌린다. rate 1 과 같은 "
        "k·k·C_in·C_out 가중치와 MACs 로 d(k - 1) + 1 픽셀을 덮고, padding d(k - 1)/2 로 맵 "
        "크기를 유지한다. DeepLab 은 ResNet 의 마지막 stride 를 dilation 으로 바꾸고 (output "
        "stride 8 또는 16) 그 위에 ASPP 를 둔다: 여러 rate (output stride 8 에서 12, 24, 36) "
        "의 3x3 합성곱, 1x1 합성곱, image pooling 을 나란히 두고 이어 붙인다. rate 마다 "
        "receptive field 가 맵 픽셀로 d(k - 1), 입력 픽셀로는 그 output stride 배만큼 커진다. "
        "rate 가 맵 크기에 가까워지면 맵 안에 떨어지는 탭이 거의 없다."),
    inputs=(
        Input("kernel", 3, T("kernel size", "커널 크기")),
        Input("rate1", 12, T("first atrous rate", "첫 번째 atrous rate")),
        Input("rate2", 24, T("second atrous rate", "두 번째 atrous rate")),
        Input("rate3", 36, T("third atrous rate", "세 번째 atrous rate")),
        Input("map", 65, T("feature map height = width", "특징 맵 높이 = 너비")),
        Input("stride", 8, T("output stride of the map", "맵의 output stride")),
        Input("input", 520, T("input height = width", "입력 높이 = 너비")),
        Input("channels", 256, T("channels in and out (for the params)",
                                 "입출력 채널 (파라미터 계산용)")),
    ),
    compute=compute,
    conclusion=T("Rates {rates}: the widest branch's receptive field is {rf} pixels on a "
                 "{size}-pixel input. Also, {note}.",
                 "rate {rates}: 가장 넓은 가지의 receptive field 는 {size} 픽셀 입력에서 "
                 "{rf} 픽셀이다. 또한 {note}."),
    see=(Pointer("cnnstat params deeplabv3_resnet50 --depth 4", ("deeplabv3_resnet50",),
                 T("classifier.0.convs: the ASPP branches at rates 12, 24, 36 on 65x65",
                   "classifier.0.convs: 65x65 에서 rate 12, 24, 36 의 ASPP 가지")),),
    source="Chen et al., \"Rethinking Atrous Convolution for Semantic Image "
           "Segmentation\", 2017, Sec. 3.3 (rates (12, 24, 36) at output stride 8; on a "
           "65x65 map, as the rate nears the map size the 3x3 filter degenerates to a 1x1 "
           "one); torchvision's deeplabv3_resnet50 at 520x520.",
)
