"""`cnnstat check` on the forms of English Q&A and issue threads (issue 19, set-y3).

A network's figure on a paragraph in which the writer ran a piece of code (``We ran the
training script from your repository``, ``저장소의 코드를 돌려 보니``, ``Running the authors'
notebook``) is the count of the network that code builds (another head, another input,
a conv written as a dense layer): off every bundled spec it is unsure, never wrong; a
figure that agrees stays right, and a count worked by hand, or one in the next paragraph,
is judged as before.

A layer a question sets out (``Given a conv ... . For an input of 32 x 32, what is the
output ...?``, ``Q: a 2x2 max pooling ... Output?``) is the subject of its answer however
many lines of explanation come between: an output-size formula below it that adds the
padding to an input already padded, or uses stride 1 for a strided layer, is wrong
(``sizeintent``: a question's layer reaches as far as a quiz's answer, ``answers.WINDOW``).

A table of receptive fields of named networks (``| layer | resnet18 | resnet50 |``, or a
network a row and the layers in the header) under a heading or header that speaks of
fields: each cell the field at the layer by the layer algebra, right where a spec the
name means agrees, wrong only for a network named by its variant once two cells agreed.

Symbols given values above (``Note: n=15, p=2, nC=8``, ``input (n=224)``, ``no padding``)
and an expression in them set equal to a number below (``nH=nW=n+2p=19``, ``(n-k+2p)/s + 1
= 54.25``, a product of symbols against as many numbers, ``nH*nW*nC = 19*19*8``): right
where the values give it, wrong only where every value was given within three lines.

A rule in one side's settings, as a library documents it (``PADTOP+PADBOTTOM``, ``KH``,
``STRIDEY``, ``DILATEY``; ``pad_top``, ``stride_h``, ``dilation_h``): each a role of the
output-size rule, checked by substitution.

A parameter count in the prose right after a snippet that builds one ``nn.Conv2d`` or
``nn.Linear`` (fenced, or an unlabelled fence read as prose): right where the layer
algebra agrees, unsure where not.

A calculation inline math splits around its unit (``$12 \\times 8$ bytes $= 86$``): the
delimiters around the unit word are spaces, and the line reads as plain text does.

The fixtures (tests/fixtures/notes/y3_forms) are this repository's own, in the form of such
notes only; each (line, kind, verdict) expected is worked by hand beside it, and a claim
not listed fails as a missing one does.
"""

import collections

import pytest

from cnnstat.notes import check
from tests.conftest import ROOT

FIXTURES = ROOT / "tests/fixtures/notes/y3_forms"

EXPECTED = {
    "01_counts_of_code_run.md": [
        # line 7: VGG-16 at 15.2M after "we ran the training script": unsure (another head)
        (8, "model", "right"),  # ResNet-50: 25,557,032 (He et al.; torchvision's count)
        (11, "model", "wrong"),  # a count by hand: VGG-16 has 138M, not 13.8M
        (12, "model", "wrong"),  # a new paragraph: AlexNet has about 61M, not 6M
        # line 16: "코드를 돌려 보니" AlexNet 2,300만: unsure; line 17: "Running the
        # authors' notebook": MobileNetV2 at 2.24M (3.5M in the paper): unsure
    ],
    "02_question_layer_answered_below.md": [
        (25, "arithmetic", "right"),  # 28 + 2*2 = 32
        # the 3x3/1 pad-2 conv the question (line 3) sets out, 24 lines above: 32 is
        # padded already, 2*2 added again; (28 + 4 - 3)/1 + 1 = 30, not 34
        (27, "shape", "wrong"),
        # the 2x2/2 pooling the "Q:" sets out: stride 1 used; 64/2 = 32, not 63
        (51, "shape", "wrong"),
        # a layer stated (no question) 20 lines above: only the arithmetic, 39/2 + 1
        (75, "arithmetic", "right"),
    ],
    # receptive fields by the layer algebra, r + (k - 1)j from the input: VGG-16's pool1
    # 6, pool2 16, pool3 44 (conv3_3 is 40); AlexNet's pool1 19 (11 + 2*4), pool2 67,
    # pool3 195; ResNet-18's conv1 7, layer1 43, layer2 99, layer4 435; ResNet-152's
    # layer1 35, layer2 155 and layer4 1451 with torchvision's stride in the 3x3 conv
    "03_fields_of_named_networks_table.md": [
        (5, "receptive field", "right"), (5, "receptive field", "right"),
        (6, "receptive field", "right"), (6, "receptive field", "right"),
        (7, "receptive field", "wrong"),  # VGG-16 pool3: 44, not 40
        (7, "receptive field", "right"),
        (13, "receptive field", "right"), (13, "receptive field", "right"),
        (13, "receptive field", "wrong"),  # ResNet-18 layer2: 99 (91 is ResNet-50's)
        (13, "receptive field", "right"),
        (14, "receptive field", "right"), (14, "receptive field", "right"),
        (14, "receptive field", "right"), (14, "receptive field", "right"),
        # "ResNet" alone: a member's field is right (ResNet-50's 7, 35, 91); 500 is no
        # member's named, so nothing is said
        (15, "receptive field", "right"), (15, "receptive field", "right"),
        (15, "receptive field", "right"),
        # lines 21-22: a table of parameters under a heading without fields: nothing
    ],
    "04_values_given_above.md": [
        (4, "symbolic", "right"),  # (32 - 5 + 4)/1 + 1 = 32: capitals are symbolic's
        (5, "arithmetic", "right"),  # O = 32 (line 4), K = 10: 32*32*10, factor by factor
        (5, "formula", "right"),  # the substitution follows O*O*K
        (8, "arithmetic", "wrong"),  # no padding: floor((28 - 3)/2) + 1 = 13, not 15
        (10, "arithmetic", "wrong"),  # c = 16, d = 8: c*d = 128, not 1024
        # line 13: H = 28, S = 2 given 6 lines above (H*S = 56, not 50): maybe another
        # problem's values, nothing said; line 17: W and F 14 lines above: forgotten
    ],
    # a rule written with one side's settings (PADTOP + PADBOTTOM, KH, STRIDEY, DILATEY;
    # pad_top, stride_h, dilation_h): the output is floor((n + 2p - d(k - 1) - 1)/s) + 1
    "05_side_settings_rules.md": [
        (5, "formula", "right"),  # floor((n + 2p - k)/s) + 1
        (9, "formula", "wrong"),  # KH*(DILATEY-1) + 1 is not DILATEY*(KH-1) + 1
        (13, "formula", "right"),  # the dilation on the kernel's span
        (17, "formula", "wrong"),  # the + 1 left out
    ],
    "06_count_after_snippet.md": [
        (9, "params", "right"),  # nn.Linear(784, 10): 784*10 + 10 = 7,850
        (15, "params", "right"),  # nn.Conv2d(16, 32, 3, bias=False): 3*3*16*32 = 4,608
        # line 21: 432 after nn.Conv2d(3, 16, 3) (448): the weights alone, unsure; line
        # 28: a snippet of two layers, no one layer's count; line 39: too far below
    ],
    # inline math split around the unit between a calculation and its result
    "07_math_split_by_unit.md": [
        # line 3: the result's unit outside its math (40$ MB): not joined, not read
        (5, "arithmetic", "right"),  # 3 x 3 x 64 = 576
        (7, "arithmetic", "right"),  # 224 x 224 x 3 = 150,528
        (9, "arithmetic", "wrong"),  # 12 x 8 = 96, not 86
        # line 11: "\( Conv \enspace 5 \) layer" stays apart from its words: no count
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_claims(name):
    said = check.check_file(FIXTURES / name).claims
    assert collections.Counter((c.line, c.kind, c.verdict) for c in said) == \
        collections.Counter(EXPECTED[name])
