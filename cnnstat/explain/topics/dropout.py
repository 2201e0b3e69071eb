from cnnstat.calc.formulas import effect
from cnnstat.explain import Card, Input, Pointer, Step, T


def compute(v):
    p, n = v["p"], v["units"]
    e = effect("dropout", (n,), p=p)
    steps = [
        Step(T("units kept on average in one training step", "한 학습 step 에서 평균적으로 남는 유닛"),
             "(1 - p)·n", f"(1 - {p:g})·{n}", (1 - p) * n, "units"),
        Step(T("training-time scale of the kept units (inverted dropout, PyTorch)",
               "학습 때 남은 유닛의 배율 (inverted dropout, PyTorch)"),
             "1/(1 - p)", f"1/(1 - {p:g})", 1 / (1 - p) if p < 1 else float("inf")),
        Step(T("test-time scale in the paper's form (all units, outputs scaled)",
               "논문 방식의 테스트 때 배율 (모든 유닛 사용, 출력 축소)"),
             "1 - p", f"1 - {p:g}", 1 - p),
        Step(T("parameters", "파라미터"), "0", "0", e.params, "params"),
        Step(T("operations at inference (the identity)", "추론 때 연산 (항등 함수)"), "0", "0",
             e.ops, "ops"),
    ]
    return steps, {"p": f"{p:g}", "kept": f"{(1 - p) * n:g}", "n": n}


CARD = Card(
    name="dropout",
    title=T("Dropout", "드롭아웃 (dropout)"),
    idea=T(
        "During training each unit is zeroed with probability p, so the network cannot rely "
        "on any single unit; it is like training many thinned networks that share weights. "
        "At test time every unit is used and the outputs are scaled so their expected value "
        "matches training (PyTorch instead scales up during training). AlexNet uses p = 0.5 "
        "before its first two fully connected layers.",
        "학습 때 각 유닛을 확률 p 로 0 으로 만들어 어느 한 유닛에 기대지 못하게 한다. 가중치를 "
        "공유하는 여러 개의 얇은 네트워크를 학습하는 것과 비슷하다. 테스트 때는 모든 유닛을 쓰고 "
        "기댓값이 학습 때와 같도록 출력을 줄인다 (PyTorch 는 대신 학습 때 키운다). AlexNet 은 "
        "처음 두 완전 연결 층 앞에 p = 0.5 를 쓴다."),
    inputs=(
        Input("p", 0.5, T("drop probability", "drop 확률"), min=0, max=0.99),
        Input("units", 4096, T("units in the layer", "층의 유닛 수")),
    ),
    compute=compute,
    conclusion=T("With p = {p}, about {kept} of {n} units take part in a training step; at "
                 "inference dropout is free: no parameters, no operations.",
                 "p = {p} 이면 한 step 에 {n} 개 중 약 {kept} 개가 참여한다. 추론 때 dropout 은 "
                 "파라미터도 연산도 없다."),
    see=(Pointer("cnnstat params alexnet", ("alexnet",), T("drop6, drop7", "drop6, drop7")),
         Pointer("cnnstat params vgg16", ("vgg16",), T("dropout in the classifier",
                                                     "classifier 의 dropout"))),
    source="AlexNet paper Sec. 4.2: dropout probability 0.5; at test time all neurons are "
           "used and their outputs multiplied by 0.5.",
)
