from cnnstat.calc.formulas import effect
from cnnstat.explain import Card, Input, Pointer, Step, T
from cnnstat.layers import MERGES


def _branch(x, layers):
    params = macs = 0
    for kind, args in layers:
        e = effect(kind, x, **args)
        params, macs, x = params + e.params, macs + e.macs, e.output
    return x, params, macs


def compute(v):
    c, n = v["channels"], v["size"]
    x = (c, n, n)
    conv = lambda o, k: ("conv", {"out": o, "kernel": k, "padding": k // 2})  # noqa: E731
    pool = ("maxpool", {"kernel": 3, "stride": 1, "padding": 1})
    branches = {
        "1x1": [conv(v["c1"], 1)],
        "3x3": [conv(v["r3"], 1), conv(v["c3"], 3)],
        "5x5": [conv(v["r5"], 1), conv(v["c5"], 5)],
        "pool": [pool, conv(v["pp"], 1)],
    }
    outs = {k: _branch(x, b) for k, b in branches.items()}
    steps = [
        Step(T("1x1 branch", "1x1 가지"), "(C + 1)·#1x1", f"({c} + 1)·{v['c1']}",
             outs["1x1"][1], "params"),
        Step(T("3x3 branch: 1x1 reduce, then 3x3", "3x3 가지: 1x1 reduce 후 3x3"),
             "(C + 1)·#3x3red + (9·#3x3red + 1)·#3x3",
             f"({c} + 1)·{v['r3']} + (9·{v['r3']} + 1)·{v['c3']}", outs["3x3"][1], "params"),
        Step(T("5x5 branch: 1x1 reduce, then 5x5", "5x5 가지: 1x1 reduce 후 5x5"),
             "(C + 1)·#5x5red + (25·#5x5red + 1)·#5x5",
             f"({c} + 1)·{v['r5']} + (25·{v['r5']} + 1)·{v['c5']}", outs["5x5"][1], "params"),
        Step(T("pool branch: 3x3 max pool, then 1x1 projection",
               "pool 가지: 3x3 max pool 후 1x1 projection"),
             "(C + 1)·#pool_proj", f"({c} + 1)·{v['pp']}", outs["pool"][1], "params"),
    ]
    cat = MERGES["concat"].combine([o[0] for o in outs.values()]).output
    steps.append(Step(T("output channels after the concat", "concat 후 출력 채널"),
                      "#1x1 + #3x3 + #5x5 + #pool_proj",
                      " + ".join(str(o[0][0]) for o in outs.values()), cat[0], "channels"))
    params = sum(o[1] for o in outs.values())
    macs = sum(o[2] for o in outs.values())
    steps.append(Step(T("the whole module", "모듈 전체"), "sum of the branches",
                      " + ".join(str(o[1]) for o in outs.values()), params, "params"))
    steps.append(Step(T(f"MACs of the module on {n}x{n}", f"{n}x{n} 에서 모듈의 MACs"),
                      "sum over the convs of H·W·C_out·k·k·C_in",
                      " + ".join(str(o[2]) for o in outs.values()), macs, "MACs"))
    naive = {"1x1": [conv(v["c1"], 1)], "3x3": [conv(v["c3"], 3)], "5x5": [conv(v["c5"], 5)],
             "pool": [pool]}
    nouts = {k: _branch(x, b) for k, b in naive.items()}
    ncat = MERGES["concat"].combine([o[0] for o in nouts.values()]).output
    nparams = sum(o[1] for o in nouts.values())
    nmacs = sum(o[2] for o in nouts.values())
    steps.append(Step(T("naive module (no 1x1 reductions; the pool passes all channels)",
                        "단순한 모듈 (1x1 reduce 없음; pool 은 채널을 그대로 통과)"),
                      "(C + 1)·#1x1 + (9C + 1)·#3x3 + (25C + 1)·#5x5",
                      f"({c} + 1)·{v['c1']} + (9·{c} + 1)·{v['c3']} + (25·{c} + 1)·{v['c5']}",
                      nparams, "params"))
    steps.append(Step(T("its MACs", "그 MACs"), "sum of the branches",
                      " + ".join(str(o[2]) for o in nouts.values()), nmacs, "MACs"))
    steps.append(Step(T("its output channels", "그 출력 채널"), "#1x1 + #3x3 + #5x5 + C",
                      " + ".join(str(o[0][0]) for o in nouts.values()), ncat[0], "channels"))
    return steps, {"c": c, "n": n, "out": cat[0], "params": f"{params:,}",
                   "gmacs": f"{macs / 1e6:.0f}", "nparams": f"{nparams:,}",
                   "nmacs": f"{nmacs / 1e6:.0f}", "nout": ncat[0]}


CARD = Card(
    name="inception-module",
    title=T("The Inception module", "Inception 모듈"),
    idea=T(
        "Objects appear at many scales, so GoogLeNet runs 1x1, 3x3 and 5x5 convolutions and a "
        "3x3 max pool side by side on the same input and concatenates their outputs along the "
        "channels (all branches keep the height and width). Without help this is expensive, "
        "and the pool branch makes the channels grow at every module; 1x1 convs before the "
        "3x3 and 5x5 and after the pool keep both in check.",
        "물체는 여러 크기로 나타나므로 GoogLeNet 은 같은 입력에 1x1, 3x3, 5x5 합성곱과 3x3 max "
        "pool 을 나란히 적용하고 결과를 채널 방향으로 이어 붙인다 (모든 가지는 높이와 너비를 "
        "유지). 그대로 하면 계산량이 크고 pool 가지 때문에 모듈마다 채널이 계속 늘어난다. 3x3, "
        "5x5 앞과 pool 뒤의 1x1 합성곱이 둘 다 막아 준다."),
    inputs=(
        Input("channels", 192, T("input channels", "입력 채널")),
        Input("size", 28, T("feature map height = width", "feature map 높이 = 너비")),
        Input("c1", 64, T("#1x1", "#1x1")),
        Input("r3", 96, T("#3x3 reduce", "#3x3 reduce")),
        Input("c3", 128, T("#3x3", "#3x3")),
        Input("r5", 16, T("#5x5 reduce", "#5x5 reduce")),
        Input("c5", 32, T("#5x5", "#5x5")),
        Input("pp", 32, T("pool proj", "pool proj")),
    ),
    compute=compute,
    conclusion=T(
        "On {n}x{n}x{c} the module outputs {out} channels with {params} parameters and about "
        "{gmacs} M MACs. Without the 1x1 reductions it would take {nparams} parameters and "
        "about {nmacs} M MACs, and output {nout} channels.",
        "{n}x{n}x{c} 입력에서 모듈은 파라미터 {params} 개, 약 {gmacs} M MACs 로 {out} 채널을 "
        "낸다. 1x1 reduce 가 없으면 파라미터 {nparams} 개, 약 {nmacs} M MACs 가 들고 출력은 "
        "{nout} 채널이 된다."),
    see=(Pointer("cnnstat params googlenet --depth 1", ("googlenet",),
                 T("nine Inception modules, folded", "Inception 모듈 9 개를 접어서")),
         Pointer("cnnstat diagram googlenet --depth 1", ("googlenet",),
                 T("the module's four branches as a graph", "모듈의 네 가지를 그래프로"))),
    source="GoogLeNet paper (Szegedy et al. 2015) Table 1, inception (3a): 28x28x256 output, "
           "ops 128M (multiply-adds); defaults are that module's filter counts.",
)
