"""`cnnstat check` on prose forms (issue 19) that real notes use and the checker misread
or missed: a filter's own volume (``each filter is 5x5x3``) taken for a feature map; a
question's givens taken for an input and the output it claims; ordinal layer indices
(``layers 3, 4 and 5``) taken for a depth; and forms it missed: operators in words, a
named network's input size and first layer, a layer stated with its input whose output
comes on the next line, a receptive field in words, a model's count as a fraction of
another's, FLOPs against MACs in words, a labelled restatement of a size just worked out,
a quiz's answer judged against the layer its question sets out.

Each fixture under tests/fixtures/notes/prose_forms was written for this repository in its
own words, keeping only the *form*. Every expected (line, kind, verdict) is worked out by
hand in the comment beside it; a claim not listed fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "prose_forms"

EXPECTED = {
    "01_filter_volume.md": [
        # lines 4, 5, 8, 9: "each filter is 5x5x3", "16 filters of size 5x5x6", "필터의
        # 크기는 3x3x64", "커널은 3x3x128": a filter's volume, not a map a pool runs over;
        # nothing on those lines is judged (a 5x5 map pooled 2x2 would be 2x2, not 14x14)
        (12, "shape", "right"),  # 28x28x6 pooled 2x2 (stride 2): 28/2 = 14, channels kept
        (13, "shape", "wrong"),  # 14x14x6 pooled 2x2: 7x7x6; a pool keeps 6 channels, not 8
    ],
    "02_questions.md": [
        # lines 4, 7, 8, 11, 12: questions; their maps are givens of a new problem, not the
        # output of the layer above (28x28x6 pooled is 14x14x6: no claim of 32x32x3)
        (14, "shape", "right"),  # the answer after the question: 28 pooled 2x2 is 14
        (16, "shape", "right"),  # a statement, then a question without numbers: 28 -> 14
    ],
    "03_layer_places.md": [
        # AlexNet: 8 weight layers, 5 conv and 3 FC (Krizhevsky et al. 2012, Fig. 2)
        (3, "model", "right"), (3, "model", "right"), (3, "model", "right"),
        # lines 4-7: "the 3, 4 and 5 layers", "1, 2 FC 층", "3번째, 4번째 층" name layers by
        # place; line 8: "the first 2 layers", "3 layers in the last block": parts
        (9, "model", "right"),  # VGG-16: 16 weight layers (Simonyan & Zisserman, config D)
        # 18, 34, 50: not consecutive, a list of depths; ResNet-18, -34 and -50 (He et al.
        # Table 1), each a depth of the family (depths.layer_list)
        (10, "model", "right"), (10, "model", "right"), (10, "model", "right"),
    ],
    "04_operators_in_words.md": [
        (3, "arithmetic", "right"),  # 32*64 = 2,048; *9 = 18,432
        (4, "arithmetic", "right"),  # 3*3*128 = 1,152
        (5, "arithmetic", "wrong"),  # 5*5*16 = 400, not 410
        (6, "arithmetic", "right"),  # 400 + 1 = 401
        # line 7: "9 times cheaper", "three times faster": a ratio word, no product
    ],
    "05_input_and_first_layer.md": [
        # inputs: VGG 224x224 (Simonyan & Zisserman Sec. 2.1), ResNet 224x224 crops (He et
        # al. Sec. 3.4), GoogLeNet 224x224 (Szegedy et al. Table 1); AlexNet 227 in the
        # paper's arithmetic ((227 - 11)/4 + 1 = 55), 224 in torchvision
        (3, "model", "wrong"),  # VGG16 takes 224, not 227
        (4, "model", "wrong"),  # ResNet takes 224, not 299 (that is Inception-v3's)
        (5, "model", "right"), (6, "model", "right"),
        # line 7: AlexNet at 227: the paper's arithmetic; at 224: its text: unsure either way
        # line 8: resized and cropped: a pipeline's sizes; line 9: two networks named
        # first convs: AlexNet 96 11x11 filters at stride 4; GoogLeNet 7x7 stride 2 (Table
        # 1); ResNet-50 64 7x7 stride 2 (Table 1); VGG16 64 3x3 padding 1 (Sec. 2.1)
        (13, "model", "wrong"),  # AlexNet's stride is 4, not 2
        (13, "model", "right"), (13, "model", "right"),  # 11x11, 96 filters
        (14, "model", "wrong"),  # GoogLeNet's 7x7 has stride 2, not 1
        (14, "model", "right"),  # 7x7
        (15, "model", "right"), (15, "model", "right"), (15, "model", "right"),
        (16, "model", "right"), (16, "model", "right"), (16, "model", "right"),
        # line 17: conv2 named too: not the first layer's alone; line 18: an option of a
        # tool in another clause than the network's name, not the network's input
        # line 19: "the first 1x1 convolution": GoogLeNet's first conv is 7x7, so this is
        # the first of its kind, another layer; every 1x1 conv of GoogLeNet has stride 1
        # (Szegedy et al., Table 1), so its stride 1 is right as the 1x1 convs' (kernelconv)
        (19, "model", "right"),
        # line 20: a stage's conv, not the network's first conv
        # another layer's words in another sentence of the line are no part of the first
        # layer's: line 21 ResNet-50's first conv is 7x7 with stride 2 (He et al. Table 1)
        (21, "model", "wrong"), (21, "model", "right"),  # stride 1 is wrong; 7x7 right
        (22, "model", "right"), (22, "model", "right"),  # AlexNet: 11x11, 96 filters
        # line 23: the sentence after the first conv's names a block's conv: not read
        # line 24: the sentence after the first layer's goes on about it: 3x3, padding 1
        # (and "3x3 kernels" is a kernel's size, not 3 filters)
        (24, "model", "right"), (24, "model", "right"),
    ],
    "06_filters_then_depth.md": [
        # a conv gives as many channels as it has filters; padding 1 keeps a 3x3's size
        (4, "shape", "wrong"),  # 64 filters: 32x32x64, not 32x32x32
        (7, "shape", "wrong"),  # 128 filters: 56x56x128, not 56x56x64
        (11, "shape", "right"),  # 28 - 5 + 1 = 24, 32 filters: 24x24x32
        # line 14 states no output: line 16's input is unknown (not 27x27x96), not judged
        (15, "arithmetic", "right"),  # 2,401 * 256 = 614,656
        # line 16's 13x13x384 is what conv3 gives, not its input: no input channels read
        (17, "arithmetic", "right"),  # 2,305 * 384 = 885,120
    ],
    "07_receptive_field_words.md": [
        # n stacked k x k stride-1 layers see n*(k - 1) + 1 (Simonyan & Zisserman Sec. 2.3)
        (3, "receptive field", "right"),  # 2*(3 - 1) + 1 = 5
        (4, "receptive field", "wrong"),  # 3*(3 - 1) + 1 = 7, not 9
        (5, "receptive field", "right"),  # three 3x3: 7
        (6, "receptive field", "right"),  # 2*(5 - 1) + 1 = 9
        # line 7: stride 2 between them: not a stride-1 stack, not read here
    ],
    "08_fraction_of_a_model.md": [
        # parameters: AlexNet 60,965,224 (paper) / 61,100,840 (torchvision); SqueezeNet 1.0
        # 1,248,424; MobileNet v1 4,231,976; VGG16 138,357,544; ResNet-50 25,557,032
        (3, "ratio", "right"),  # 60.97M / 1.25M = 48.8: "1/50" (45 to 55)
        (4, "ratio", "wrong"),  # 138.4M / 4.23M = 32.7 (31.6 with VGG16-C): not 12
        (5, "ratio", "right"),  # about 1/30: 31.6 to 32.7 within 15%
        (6, "ratio", "right"),  # 1/50, as line 3
        (7, "ratio", "wrong"),  # 138.4M / 25.6M = 5.4: not 1/2
        # line 8: GoogLeNet 7.0M: 61.1M / 6.6M = 9.2, and "1/12" (the paper's own figure)
        # lies within a quarter beyond the digits: unsure
    ],
    "09_flops_and_macs.md": [
        # one multiply-add is a multiply and an add: FLOPs = 2 x MACs
        (3, "cost", "right"),  # FLOPs about twice the MACs
        (3, "cost", "right"),  # 2.3 x 2 = 4.6
        (4, "cost", "right"),  # the rule
        (4, "cost", "wrong"),  # 0.6 GMACs is 1.2 GFLOPs by the rule the line states, not 0.6
        (5, "cost", "wrong"),  # MACs twice the FLOPs: backwards
        (6, "cost", "right"),  # MACs half the FLOPs
        (7, "cost", "right"), (7, "cost", "right"),  # 1 MAC = 2 FLOPs; 1.5 x 2 = 3
        (8, "cost", "wrong"),  # MAC twice the FLOPs: backwards
        (9, "cost", "right"),  # FLOPs twice the MACs
    ],
    "10_restated_size.md": [
        (4, "arithmetic", "right"),  # (224 - 3 + 0)/1 + 1 = 222
        (5, "shape", "right"),  # restated as 222x222
        (7, "arithmetic", "right"),  # 216/4 + 1 = 55
        (8, "shape", "wrong"),  # restated as 54, not the 55 just worked out
        (10, "arithmetic", "right"),  # 111/2 = 55.5, floored 55, + 1 = 56
        (11, "shape", "right"),
        (13, "arithmetic", "wrong"),  # 27 + 1 = 28, not 27
        # line 14 restates the slip: the same mistake, not judged again
    ],
    "11_quiz_answer.md": [
        # the question holds the layer: 5x5 filters over 3 channels, 10 of them, each with
        # a bias: (5*5*3 + 1)*10 = 760 parameters, 750 weights
        (4, "arithmetic", "wrong"),  # 5*5*3*10 = 750, not 760
        (7, "arithmetic", "right"),  # 750
        (7, "params", "wrong"),  # the parameters asked: the 10 biases left out (760)
        (10, "arithmetic", "right"),  # weights asked, biases apart: 750 is the count
        (13, "arithmetic", "right"),  # (3*3*16 + 1)*32 = 145*32 = 4,640
    ],
    "12_korean_model_facts.md": [
        # VGG-16: 138,357,544 parameters, 16 weight layers; ResNet-34 21,797,672; ResNet-50
        # 25,557,032 (torchvision's published num_params)
        (4, "model", "right"),  # 약 1억 3800만: the section's network's count, the subject
        (5, "model", "wrong"),  # 약 1억 8천만: 180M, not 138M
        # the FC layers' own count: 25,088*4,096 + 4,096 = 102,764,544; 4,096*4,096 + 4,096
        # = 16,781,312; 4,096*1,000 + 1,000 = 4,097,000; sum 123,642,856 = 약 1억 2천만
        (6, "model", "right"),
        (7, "model", "right"),  # 1억 3천 8백만
        (8, "model", "wrong"),  # VGG16 has 16 layers, not 19
        (12, "model", "right"),  # 약 2180만 under ResNet-34
        (13, "model", "wrong"),  # 약 4,000만: 40M, not 25.6M
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_prose_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
