from cnnstat.calc.formulas import effect
from cnnstat.explain import Card, Input, Pointer, Step, T


def _block_macs(stage, first):
    """MACs of one CIFAR ResNet basic block (two 3x3 convs) in stage 0, 1 or 2."""
    width, size = 16 << stage, 32 >> stage
    cin, insize, stride = (width // 2, size * 2, 2) if first and stage else (width, size, 1)
    a = effect("conv", (cin, insize, insize), out=width, kernel=3, stride=stride, padding=1,
               bias=False)
    b = effect("conv", a.output, out=width, kernel=3, padding=1, bias=False)
    return a.macs + b.macs


def compute(v):
    L, pL = v["blocks"], v["last"]
    survival = [1 - l / L * (1 - pL) for l in range(1, L + 1)]
    expected = sum(survival)
    stages = [min(3 * (l - 1) // L, 2) for l in range(1, L + 1)]
    macs = [_block_macs(s, l == 0 or stages[l - 1] != s) for l, s in enumerate(stages)]
    frac = sum(p * m for p, m in zip(survival, macs)) / sum(macs)
    mid = (L + 1) // 2
    steps = [
        Step(T("survival probability of block l (linear decay)",
               "블록 l 이 살아남을 확률 (선형 감소)"), "p_l = 1 - (l/L)·(1 - p_L)",
             f"1 - ({mid}/{L})·(1 - {pL:g})", survival[mid - 1]),
        Step(T("the last block", "마지막 블록"), "p_L", f"1 - ({L}/{L})·(1 - {pL:g})",
             survival[-1]),
        Step(T("expected number of blocks in a training step",
               "한 학습 step 에서 기대되는 블록 수"), "Σ p_l = L - (1 - p_L)·(L + 1)/2",
             f"{L} - (1 - {pL:g})·({L} + 1)/2", expected, "blocks"),
        Step(T("expected training MACs of the blocks, as a fraction (CIFAR ResNet, 3 stages)",
               "블록의 기대 학습 MACs 비율 (CIFAR ResNet, 3 단계)"), "Σ p_l·MACs_l / Σ MACs_l",
             "", frac),
        Step(T("blocks used at inference (every block, outputs scaled by p_l)",
               "추론 때 쓰는 블록 (모든 블록, 출력에 p_l 을 곱함)"), "L", f"{L}", L, "blocks"),
    ]
    return steps, {"L": L, "pL": f"{pL:g}", "e": f"{expected:.2f}", "pct": f"{100 * frac:.0f}",
                   "depth": 2 * L + 2}


CARD = Card(
    name="stochastic-depth",
    title=T("Stochastic depth", "확률적 깊이 (stochastic depth)"),
    idea=T(
        "Train a short network, test a deep one: in every training step each residual block "
        "is skipped with some probability, leaving only its identity shortcut, like dropout "
        "applied to whole layers. Early blocks are kept more often than late ones (linear "
        "decay down to p_L = 0.5). Training is faster and gradients reach early layers more "
        "easily; at test time every block runs, its output scaled by its survival "
        "probability.",
        "짧은 네트워크로 학습하고 깊은 네트워크로 테스트한다. 학습 step 마다 각 residual 블록을 "
        "어떤 확률로 건너뛰어 identity shortcut 만 남긴다. 층 전체에 적용하는 dropout 과 같다. "
        "앞쪽 블록은 뒤쪽보다 자주 남는다 (p_L = 0.5 까지 선형 감소). 학습이 빨라지고 gradient "
        "가 앞쪽 층에 더 잘 전달된다. 테스트 때는 모든 블록을 쓰고 출력에 생존 확률을 곱한다."),
    inputs=(
        Input("blocks", 54, T("L: residual blocks (ResNet-110 has 54)",
                              "L: residual 블록 수 (ResNet-110 은 54)"), max=10000),
        Input("last", 0.5, T("p_L: survival of the last block", "p_L: 마지막 블록의 생존 확률"),
              min=0, max=1),
    ),
    compute=compute,
    conclusion=T("With {L} blocks (a {depth}-layer ResNet) and p_L = {pL}, a training step "
                 "runs {e} blocks on average and about {pct}% of the blocks' MACs; inference "
                 "runs all {L}.",
                 "블록 {L} 개 ({depth} 층 ResNet) 와 p_L = {pL} 이면 학습 step 은 평균 {e} 개 "
                 "블록, 블록 MACs 의 약 {pct}% 만 계산한다. 추론은 {L} 개 모두 계산한다."),
    see=(Pointer("cnnstat params stochastic-depth-resnet110 --depth 1", ("stochastic-depth-resnet110",),
                 T("ResNet-110 with stochastic depth", "stochastic depth 를 쓴 ResNet-110")),),
    source="Huang et al. 2016, 'Deep Networks with Stochastic Depth', Sec. 3: for the "
           "110-layer ResNet (L = 54) with p_L = 0.5 the expected depth is E(L~) ≈ 40 blocks, "
           "about 25% training time saved.",
)
