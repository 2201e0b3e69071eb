from cnnstat.calc.formulas import effect
from cnnstat.calc.text import quotient, size_text
from cnnstat.explain import Card, Input, Pointer, Step, T


def compute(v):
    n, k, s, p, alt, odd = v["size"], v["kernel"], v["stride"], v["padding"], v["alt"], v["odd"]
    steps = []
    out = effect("conv", (1, n, n), out=1, kernel=k, stride=s, padding=p).output[1]
    f, sub = size_text(n, k, s, p)
    steps.append(Step(T(f"output size of a {k}x{k} conv, stride {s}, padding {p}, on {n}x{n}",
                        f"{n}x{n} 입력에 {k}x{k} 합성곱 (stride {s}, padding {p}) 의 출력 크기"),
                      f, sub, out, "px"))
    alt_out = effect("conv", (1, alt, alt), out=1, kernel=k, stride=s, padding=p).output[1]
    f, sub = size_text(alt, k, s, p)
    steps.append(Step(T(f"the same layer on {alt}x{alt}", f"같은 층을 {alt}x{alt} 입력에"),
                      f, sub, alt_out, "px"))
    same_p = quotient(odd - 1, 2)
    steps.append(Step(T(f"padding that keeps the size for a {odd}x{odd} kernel at stride 1",
                        f"stride 1 에서 {odd}x{odd} 커널이 크기를 유지하는 padding"),
                      "p = (k - 1)/2", f"({odd} - 1)/2", (odd - 1) / 2 if odd % 2 == 0
                      else (odd - 1) // 2))
    if odd % 2 == 1:
        kept = effect("conv", (1, n, n), out=1, kernel=odd, padding=(odd - 1) // 2).output[1]
        f, sub = size_text(n, odd, 1, (odd - 1) // 2)
        steps.append(Step(T(f"check: {odd}x{odd} conv, padding {(odd - 1) // 2}, on {n}x{n}",
                            f"확인: {n}x{n} 에 {odd}x{odd} 합성곱, padding {(odd - 1) // 2}"),
                          f, sub, kept, "px"))
        pad_note = T(f"an odd kernel k keeps the size with p = (k - 1)/2 = {same_p} on each "
                     "side", f"홀수 커널 k 는 양쪽에 p = (k - 1)/2 = {same_p} 를 넣으면 크기가 "
                     "유지된다")
    else:
        pad_note = T(f"an even kernel would need p = {same_p}, half a pixel, so the padding "
                     "cannot be the same on both sides; that is why kernels are odd",
                     f"짝수 커널은 p = {same_p} 처럼 반 픽셀이 필요해 양쪽을 똑같이 채울 수 "
                     "없다. 그래서 커널 크기는 보통 홀수다")
    span = alt - k + 2 * p
    if span % s:
        alt_note = T(f"with {alt}: ({alt} - {k} + 2·{p})/{s} = {quotient(span, s)} is not a "
                     f"whole number, the last {span % s} pixel(s) are never covered and the "
                     f"size rounds down to {alt_out}",
                     f"{alt} 이면 ({alt} - {k} + 2·{p})/{s} = {quotient(span, s)} 로 나누어 "
                     f"떨어지지 않아 마지막 {span % s} 픽셀은 쓰이지 않고 {alt_out} 로 내림된다")
    else:
        alt_note = T(f"with {alt} the division is exact too and gives {alt_out}",
                     f"{alt} 에서도 나누어 떨어져 {alt_out} 가 된다")
    return steps, {"n": n, "out": out, "alt_note": alt_note, "pad_note": pad_note}


CARD = Card(
    name="conv-output-size",
    title=T("Output size of a convolution or pooling layer",
            "합성곱·풀링 층의 출력 크기"),
    idea=T(
        "A k x k window moved by stride s over an n x n input padded by p on each side fits "
        "(n - k + 2p)/s + 1 times along each axis. When the division is not exact the size "
        "rounds down (PyTorch, Caffe for conv): the window never hangs over the edge. This "
        "is why AlexNet's input must be 227, not the 224 printed in the paper's figure.",
        "n x n 입력의 양쪽에 p 만큼 padding 을 넣고 k x k 창을 stride s 로 움직이면 한 축마다 "
        "(n - k + 2p)/s + 1 번 들어간다. 나누어 떨어지지 않으면 내림한다 (창이 가장자리 밖으로 "
        "나가지 않음). AlexNet 의 입력이 논문 그림의 224 가 아니라 227 이어야 하는 이유다."),
    inputs=(
        Input("size", 227, T("input height = width", "입력 높이 = 너비")),
        Input("kernel", 11, T("kernel size", "커널 크기")),
        Input("stride", 4, T("stride", "stride")),
        Input("padding", 0, T("padding per side", "한쪽 padding"), min=0),
        Input("alt", 224, T("a second input size to compare", "비교할 두 번째 입력 크기")),
        Input("odd", 3, T("kernel for the size-keeping padding", "크기 유지 padding 예시 커널")),
    ),
    compute=compute,
    conclusion=T("{n} gives {out}; {alt_note}. Also, {pad_note}.",
                 "{n} 은 {out} 이 된다. {alt_note}. 또한 {pad_note}."),
    see=(Pointer("cnnstat params alexnet", ("alexnet",),
                 T("conv1: 3x227x227 -> 96x55x55", "conv1: 3x227x227 -> 96x55x55")),
         Pointer('cnnstat calc "3x227x227 | conv 96 k11 s4 | maxpool k3 s2"', (),
                 T("the same arithmetic, layer by layer", "같은 계산을 층별로"))),
    source="AlexNet (Krizhevsky et al. 2012) conv1: 96 kernels 11x11, stride 4, output 55x55.",
)
