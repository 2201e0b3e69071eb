from cnnstat.calc.formulas import effect
from cnnstat.explain import Card, Input, Pointer, Step, T


def compute(v):
    n, k, s, p, op, c = (v["size"], v["kernel"], v["stride"], v["padding"],
                         v["output_padding"], v["channels"])
    steps = []
    deconv = effect("conv_transpose", (c, n, n), out=c // 2, kernel=k, stride=s, padding=p,
                    output_padding=op)
    out = deconv.output[1]
    steps.append(Step(T(f"output size of a {k}x{k} transposed conv, stride {s}, padding "
                        f"{p}, output_padding {op}, on {n}x{n}",
                        f"{n}x{n} 입력에 {k}x{k} 전치 합성곱 (stride {s}, padding {p}, "
                        f"output_padding {op}) 의 출력 크기"),
                      "(n - 1)·s - 2p + k + output_padding",
                      f"({n} - 1)·{s} - 2·{p} + {k} + {op}", out, "px"))
    odd = effect("conv_transpose", (c, n, n), out=c // 2, kernel=3, stride=2, padding=1,
                 output_padding=1).output[1]
    steps.append(Step(T("the 3x3 version doubles only with output_padding 1",
                        "3x3 로 두 배를 만들려면 output_padding 1 이 필요"),
                      "(n - 1)·2 - 2·1 + 3 + 1", f"({n} - 1)·2 - 2 + 3 + 1", odd, "px"))
    steps.append(Step(T(f"params, {c} -> {c // 2} channels",
                        f"파라미터, {c} -> {c // 2} 채널"),
                      "C_in·C_out·k·k + C_out",
                      f"{c}·{c // 2}·{k}·{k} + {c // 2}", deconv.params, "params"))
    steps.append(Step(T("MACs: every input value is spread over a k x k patch of each "
                        "output map", "MACs: 입력 값 하나가 각 출력 맵의 k x k 영역에 퍼진다"),
                      "H_in·W_in·C_in·C_out·k·k", f"{n}·{n}·{c}·{c // 2}·{k}·{k}",
                      deconv.macs, "MACs"))
    few, many = k // s, -(-k // s)
    steps.append(Step(T("kernel taps an output position receives along one axis, at fewest",
                        "출력 위치 하나가 한 축에서 받는 커널 탭 수, 최소"),
                      "⌊k/s⌋", f"⌊{k}/{s}⌋", few, "taps"))
    steps.append(Step(T("... and at most", "... 최대"), "⌈k/s⌉", f"⌈{k}/{s}⌉", many, "taps"))
    up = effect("upsample", (c, n, n), scale=s)
    conv = effect("conv", up.output, out=c // 2, kernel=3, padding=1)
    steps.append(Step(T(f"instead: nearest x{s}, then a 3x3 conv (params)",
                        f"대신: nearest x{s} 뒤 3x3 합성곱 (파라미터)"),
                      "(C_in·3·3 + 1)·C_out", f"({c}·3·3 + 1)·{c // 2}", conv.params,
                      "params"))
    steps.append(Step(T("its MACs, at the upsampled size", "그 MACs, 키운 크기에서"),
                      "H_out·W_out·C_out·3·3·C_in",
                      f"{up.output[1]}·{up.output[2]}·{c // 2}·3·3·{c}", conv.macs,
                      "MACs"))
    if k % s:
        note = T(f"{k} is not a multiple of {s}: neighbouring outputs receive {few} and "
                 f"{many} taps in turn, an uneven overlap that shows as a checkerboard",
                 f"{k} 가 {s} 의 배수가 아니라 이웃한 출력이 {few} 개와 {many} 개의 탭을 번갈아 "
                 "받는다. 이 고르지 않은 겹침이 체커보드 무늬로 보인다")
    else:
        note = T(f"{k} is a multiple of {s}: every output receives {many} taps, the overlap "
                 "is even (the weights can still learn a checkerboard)",
                 f"{k} 가 {s} 의 배수라 모든 출력이 {many} 개의 탭을 받아 겹침이 고르다 "
                 "(가중치가 체커보드를 배울 수는 있다)")
    return steps, {"n": n, "out": out, "note": note, "ratio": f"{conv.macs / deconv.macs:.2f}"}


CARD = Card(
    name="upsampling",
    title=T("Upsampling: transposed convolution, interpolation, checkerboards",
            "업샘플링: 전치 합성곱, 보간, 체커보드"),
    idea=T(
        "A transposed convolution runs a convolution's data flow backwards: each input "
        "value, times a k x k kernel, is added into the output at stride s, and p rows are "
        "cut from each border. The output size is (n - 1)·s - 2p + k + output_padding "
        "(with dilation d, k becomes d(k - 1) + 1); output_padding adds the rows a strided "
        "convolution's rounding down lost, so that the sizes match a skip connection. Its "
        "MACs count input positions, not output ones. When k is not a multiple of s the "
        "output positions receive different numbers of taps: the checkerboard artefacts of "
        "Odena et al. A resize (nearest or bilinear) followed by a convolution avoids them, "
        "at the cost of computing at the larger size.",
        "전치 합성곱은 합성곱의 데이터 흐름을 거꾸로 돈다. 입력 값 하나에 k x k 커널을 곱해 "
        "stride s 간격으로 출력에 더하고, 가장자리에서 p 줄씩 잘라낸다. 출력 크기는 "
        "(n - 1)·s - 2p + k + output_padding 이다 (dilation d 이면 k 대신 d(k - 1) + 1). "
        "output_padding 은 stride 합성곱의 내림으로 잃은 줄을 되살려 skip 연결과 크기를 "
        "맞춘다. MACs 는 출력이 아니라 입력 위치 수로 센다. k 가 s 의 배수가 아니면 출력 "
        "위치마다 받는 탭 수가 달라 Odena 등이 말한 체커보드 무늬가 생긴다. 크기를 먼저 "
        "키우고 (nearest, bilinear) 합성곱을 하면 이를 피하지만 큰 크기에서 계산해야 한다."),
    inputs=(
        Input("size", 28, T("input height = width", "입력 높이 = 너비")),
        Input("kernel", 3, T("kernel size", "커널 크기")),
        Input("stride", 2, T("stride (the upsampling factor)", "stride (키우는 배율)")),
        Input("padding", 1, T("padding", "padding"), min=0),
        Input("output_padding", 1, T("output_padding (less than the stride)",
                                     "output_padding (stride 보다 작게)"), min=0),
        Input("channels", 1024, T("input channels (the output has half)",
                                  "입력 채널 (출력은 절반)"), min=2),
    ),
    compute=compute,
    conclusion=T("{n} becomes {out}. {note}. Resizing then convolving costs {ratio}x the "
                 "MACs here.",
                 "{n} 은 {out} 이 된다. {note}. 여기서 키운 뒤 합성곱을 하면 MACs 가 "
                 "{ratio} 배다."),
    see=(Pointer("cnnstat params unet", ("unet",),
                 T("up1.upconv: 2x2 up-convolution, 1024x28x28 -> 512x56x56",
                   "up1.upconv: 2x2 up-convolution, 1024x28x28 -> 512x56x56")),
         Pointer("cnnstat params lraspp_mobilenet_v3_large", ("lraspp_mobilenet_v3_large",),
                 T("bilinear upsampling to a named layer's size, then to the input",
                   "이름 붙인 층의 크기로, 그다음 입력 크기로 bilinear 업샘플링"))),
    source="U-Net (Ronneberger et al. 2015) Figure 1: 2x2 up-convolutions, 28 -> 56; "
           "Odena, Dumoulin and Olah, \"Deconvolution and Checkerboard Artifacts\", "
           "Distill 2016 (uneven overlap when the kernel size is not divisible by the "
           "stride); PyTorch nn.ConvTranspose2d's shape formula.",
)
