from cnnstat.calc.formulas import effect
from cnnstat.explain import Card, Input, Pointer, Step, T


def compute(v):
    c, n, h, k = v["channels"], v["size"], v["hidden"], v["classes"]
    x = (c, n, n)
    flat = effect("flatten", x)
    f1 = effect("linear", flat.output, out=h)
    f2 = effect("linear", f1.output, out=h)
    f3 = effect("linear", f2.output, out=k)
    head = f1.params + f2.params + f3.params
    gap = effect("global_avgpool", x)
    g = effect("linear", effect("flatten", gap.output).output, out=k)
    steps = [
        Step(T("flatten the last feature map", "마지막 feature map 을 펼치기"), "H·W·C",
             f"{n}·{n}·{c}", flat.output[0], "values"),
        Step(T(f"fully connected {flat.output[0]} -> {h}", f"완전 연결 {flat.output[0]} -> {h}"),
             "(H·W·C + 1)·hidden", f"({flat.output[0]} + 1)·{h}", f1.params, "params"),
        Step(T("the whole fully connected head (3 layers)", "완전 연결 head 전체 (3 층)"),
             "(HWC + 1)·hidden + (hidden + 1)·hidden + (hidden + 1)·classes",
             f"({flat.output[0]} + 1)·{h} + ({h} + 1)·{h} + ({h} + 1)·{k}", head, "params"),
        Step(T("global average pooling: one average per channel",
               "global average pooling: 채널마다 평균 하나"), "H x W x C -> 1 x 1 x C",
             f"{c}", gap.output[0], "values"),
        Step(T("its parameters", "그 파라미터"), "0", "0", gap.params, "params"),
        Step(T(f"then one fully connected layer to {k} classes",
               f"그 뒤 {k} 클래스로 완전 연결 한 층"), "(C + 1)·classes", f"({c} + 1)·{k}",
             g.params, "params"),
        Step(T("parameters saved", "줄어든 파라미터"), "head - (C + 1)·classes",
             f"{head} - {g.params}", head - g.params, "params"),
    ]
    return steps, {"head": f"{head:,}", "g": f"{g.params:,}", "c": c, "n": n,
                   "pct": f"{100 * (head - g.params) / head:.1f}"}


CARD = Card(
    name="global-average-pooling",
    title=T("Global average pooling instead of fully connected layers",
            "완전 연결 층 대신 global average pooling"),
    idea=T(
        "Flattening the last feature map into fully connected layers is where AlexNet and "
        "VGG keep most of their parameters. Network in Network and GoogLeNet average each "
        "channel over the whole map instead, which learns nothing and works for any input "
        "size, and keep at most one small fully connected layer for the classes. This is "
        "why GoogLeNet has about 12 times fewer parameters than AlexNet.",
        "마지막 feature map 을 펼쳐 완전 연결 층에 넣는 부분에 AlexNet 과 VGG 의 파라미터 "
        "대부분이 있다. Network in Network 와 GoogLeNet 은 대신 채널마다 전체 map 의 평균을 "
        "낸다. 학습할 것이 없고 입력 크기와 상관없이 동작하며, 클래스를 위한 작은 완전 연결 층 "
        "하나만 남긴다. GoogLeNet 의 파라미터가 AlexNet 보다 약 12 배 적은 이유다."),
    inputs=(
        Input("channels", 512, T("channels of the last feature map", "마지막 feature map 채널")),
        Input("size", 7, T("its height = width", "그 높이 = 너비")),
        Input("hidden", 4096, T("width of the fully connected layers", "완전 연결 층의 폭")),
        Input("classes", 1000, T("classes", "클래스 수")),
    ),
    compute=compute,
    conclusion=T("On {n}x{n}x{c}, a VGG-style fully connected head has {head} parameters; "
                 "global average pooling plus one classifier layer has {g}. {pct}% of the "
                 "head's parameters disappear.",
                 "{n}x{n}x{c} 에서 VGG 식 완전 연결 head 는 파라미터가 {head} 개, global "
                 "average pooling 과 분류 층 하나는 {g} 개다. head 파라미터의 {pct}% 가 "
                 "사라진다."),
    see=(Pointer("cnnstat compare vgg16 googlenet --params", ("vgg16", "googlenet"),
                 T("conv vs fully connected parameters", "conv 와 완전 연결 파라미터")),
         Pointer("cnnstat params resnet50 --depth 1", ("resnet50",),
                 T("avgpool then a single fc", "avgpool 뒤 fc 하나"))),
    source="VGG-16: 138,357,544 parameters in all (torchvision) of which 14,714,688 in the "
           "conv layers (Keras VGG16 with include_top=False), so the head holds 123,642,856.",
)
