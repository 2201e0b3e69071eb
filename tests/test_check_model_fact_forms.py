"""`cnnstat check` on model facts stated in prose, lists and tables (issue 19, form 7):
the rows of one layer configuration in a table (``FC-4096 | 2``) are no count of the
kind, LeNet-5 counted with its output layer apart or its C5 as fully connected, ...

Each fixture under tests/fixtures/notes/model_fact_forms was written for this repository
in its own words, keeping only the *form*. Every expected (line, kind, verdict) is worked
out by hand in the comment beside it, from the papers' tables; a claim not listed fails
the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "model_fact_forms"

EXPECTED = {
    "01_config_rows.md": [
        # rows 5-8 and 14-15 name one configuration (conv3-64, FC-4096, a 3x3 256-channel
        # conv): the count of those rows, not of every conv or FC layer; not judged
        # Simonyan & Zisserman, Table 1: A (VGG-11) 8 conv + 3 FC, D (VGG-16) 13 + 3,
        # E (VGG-19) 16 + 3
        (9, "model", "right"), (9, "model", "right"),  # 8, 13 conv layers
        (10, "model", "right"),  # VGG-11: 3 FC
        (10, "model", "wrong"),  # VGG16: 2 FC, not 3
        (16, "model", "right"), (16, "model", "right"),  # 합성곱 층 13, 16
    ],
    "02_lenet_counts.md": [
        # LeCun et al. 1998: C1, C3, C5 convolutional; F6 fully connected; the output
        # layer (RBF units, a linear layer today) takes F6's 84 values
        (3, "model", "right"),  # 3 conv layers
        (3, "model", "right"),  # 1 FC (F6) and the output layer named apart
        # C5 reads its whole 5x5 map with a 5x5 kernel: a fully connected layer by what it
        # computes, so code often writes it as one: 2 conv + 3 FC (C5, F6, output)
        (4, "model", "right"), (4, "model", "right"),
        (5, "model", "right"), (5, "model", "right"),  # 합성곱 3, 완전연결 1 + 출력층
        (6, "model", "right"),  # 완전연결 2 (F6 and the output)
        (7, "model", "wrong"),  # 4 conv layers: there are 3
        # line 8: 1 FC before the softmax: F6, the output's RBF units not counted as a FC
        # layer (helper qc: ``Figures.rbf``)
        (8, "model", "right"),
    ],
    "03_missing_members.md": [
        # He et al. 2016 define ResNet-18, 34, 50, 101, 152 on ImageNet and 6n+2 depths on
        # CIFAR-10 (20, 32, 44, 56, 110); He et al. 2016b add 200, and 164 (9n+2)
        (3, "model", "wrong"),  # ResNet-52: a slip for 50 (VGG-16 is one)
        (4, "model", "wrong"),  # ResNet100: a slip for 101
        # line 5: 56, 110 and 164 are defined; line 6: ResNet-12 and ResNet-9 are far from
        # any ImageNet depth (nets of their own), not judged
        (7, "model", "wrong"),  # ResNet-150 beside ResNet-152: no such depth
        # line 8: a question; line 9: "our own" net
        (10, "model", "wrong"),  # VGG-15: configurations A-E are 11, 13, 16, 19 layers
    ],
    "04_years.md": [
        # challenge entries, as each paper says: AlexNet ILSVRC-2012, ZFNet 2013, VGG and
        # GoogLeNet 2014, ResNet 2015; papers: NIPS 2012, ECCV 2014, ICLR 2015, CVPR 2015,
        # CVPR 2016. Either year is right
        (3, "model", "wrong"),  # "in 204": 2014 with a digit dropped
        (4, "model", "right"), (4, "model", "right"),  # AlexNet (2012), GoogLeNet (2014)
        (5, "model", "right"),  # ILSVRC 2015
        (6, "model", "wrong"),  # ZFNet won in 2013, not 2012 (AlexNet's year)
        (7, "model", "right"),  # In 2013, ZFNet
        (8, "model", "right"),  # 2015년에 발표된 ResNet
        (8, "model", "right"),  # 152층: ResNet-152's depth
        (9, "model", "wrong"),  # GoogLeNet won in 2014 (paper 2015), not 2016
        # line 10: the year of the note's own fine-tuning; line 11: Inception-v3's year,
        # after GoogLeNet's; line 12: ILSVRC-2012 is the data set: not judged
    ],
    "05_layer_lists.md": [
        # depths the papers define: ResNet 18, 34, 50, 101, 152 (He et al. 2016, Table 1);
        # VGG 11, 13, 16, 19 (Simonyan & Zisserman, Table 1); DenseNet 121, 169, 201, 264
        # (Huang et al. 2017, Table 1)
        (3, "model", "right"), (3, "model", "right"), (3, "model", "right"),
        (3, "model", "wrong"),  # 100: there is no ResNet of 100 layers (101)
        (3, "model", "right"),
        *[(4, "model", "right")] * 4,
        *[(5, "model", "right")] * 5,
        # line 6: 3, 4, 6, 3 per stage and line 7: channels, no family's depths: not read
        (8, "model", "right"), (8, "model", "right"), (8, "model", "right"),
        (8, "model", "wrong"),  # 265: DenseNet's deepest is 264
    ],
    "06_list_leads.md": [
        # a line ending in a colon that names one network leads the list after it, past
        # a blank line: its items speak of that network
        (5, "model", "wrong"),  # VGG16: 13 conv layers (+ 3 FC = 16), not 16
        (6, "model", "right"),  # 3 FC layers
        # line 8: a paragraph after the list, no item of it: the lead is over
        (11, "model", "right"),  # ResNet-50: 49 conv layers (1 + 16 x 3)
        (12, "model", "wrong"),  # 52 layers: ResNet-50 has 50
        # line 15: the lead sets VGG16 against the network of the list; line 17: a list
        # after another blank line, led by nothing
    ],
    "07_kernel_settings.md": [
        # AlexNet's one 11x11 conv: stride 4 (Krizhevsky et al., Sec. 3.5); VGG's 3x3
        # convs: stride 1, padding 1 (Simonyan & Zisserman, Sec. 2.1); GoogLeNet's one 7x7
        # conv: stride 2 (Szegedy et al., Table 1)
        (3, "model", "wrong"),  # stride 2, not 4
        (4, "model", "right"), (4, "model", "right"),  # stride 1, padding 1
        (5, "model", "wrong"),  # stride 1, not 2 (the pooling is another clause)
        (6, "model", "right"),  # 알렉스넷 (AlexNet written in Hangul): stride 4
        (7, "model", "wrong"),  # padding 0, not 1
        (8, "model", "right"),  # AlexNet pools 3x3 at stride 2 (Sec. 3.4; poolsettings)
        # line 9: ResNet's 3x3 convs stride 1 or 2; line 10: a change; line 11: two
        # networks: not judged
    ],
    "08_layer_indices.md": [
        # torchvision's vgg19.features: conv1_1 0, relu 1, conv1_2 2, relu 3, pool 4,
        # conv2_1 5, ..., conv3_1 10, ..., pool 18, conv4_1 19, relu 20, conv4_2 21, ...,
        # pool 27, conv5_1 28; vgg16.features: conv4_1 17, conv4_2 19, conv4_3 21, pool 23,
        # conv5_1 24 (two layers, conv and ReLU, a conv; a pool after each stage)
        (4, "model", "right"), (4, "model", "right"), (4, "model", "right"),
        (5, "model", "right"), (5, "model", "right"), (5, "model", "right"),
        (5, "model", "wrong"),  # conv5_1 at 27: that is pool4; conv5_1 is 28
        # line 6: a name's value may be any figure, and 22 is no index of conv4_2 (the ReLU
        # after it, which some take as its output): not judged
        (9, "model", "right"),  # VGG16 conv5_1 at 24
        (9, "model", "wrong"),  # VGG16 conv4_3 at 23: it is 21 (23 is pool4)
        (10, "model", "right"),  # VGG16 conv4_2 at 19
        # line 11: names mapped by an arrow to figures none of which is an index (receptive
        # fields 3, 5, 6); line 12: a name and a figure after a colon; line 14: style
        # weights by layer name (1, 0.75, 0.2): not indices
    ],
    "09_small_counts.md": [
        # a small count near a network's name is a block's, a stack's or a compared
        # network's, never the network's depth: only the network's own figures are judged
        (3, "model", "right"),  # VGG 16: 16 layers (the 2 conv layers are one stage's)
        # line 4: a VGG-type block (a block in its manner, not VGG); line 5: each stage;
        # line 6: a stack of two; line 7: the compared VGG nets' 16 or 19
        # GoogLeNet: about 5 million parameters (Szegedy et al. 2016, Sec. 1), 6,998,552 in
        # the paper's table; lines 11-13: the FC layers said to be absent do not own the
        # count after them
        (13, "model", "right"),
    ],
    "10_fraction_of_other.md": [
        # parameters: GoogLeNet 6,998,552 (paper), VGG-16 138,357,544 (torchvision): a
        # twentieth (138.4 / 7.0 = 19.8); SqueezeNet 1.0 1,248,424, AlexNet 60,965,224: 1/49
        (3, "ratio", "wrong"),  # the section's GoogLeNet is 1/12 of VGGNet: it is 1/20
        (4, "ratio", "right"),  # about 1/20
        # line 5: memory, not parameters: not judged
        (6, "ratio", "right"),  # two networks named: SqueezeNet 1/50 of AlexNet
    ],
    "11_member_of_family.md": [
        # a family named as the kind its member is of ("a variant of VGG", "VGG 계열의 한
        # 종류") is no second owner: the figure is the member's. VGG-16: 13 conv + 3 FC
        (3, "model", "wrong"),  # 16 convolution layers: 13
        (4, "model", "right"),  # 16 layers
        (5, "model", "right"),  # 합성곱 층 13개
        # line 6: "up to 16": a bound
    ],
    "12_bracket_after_compared.md": [
        # a bracket after the compared network ("fewer ... than AlexNet (5M)") may hold the
        # subject's figure: AlexNet 60,965,224 and VGG-16 138,357,544 parameters
        # (torchvision), GoogLeNet about 5M (Szegedy et al. 2014, Sec. 1), ResNet-18
        # 11,689,512 (torchvision)
        (3, "model", "right"),  # GoogLeNet: 22 layers; 5M is not AlexNet's but GoogLeNet's
        # line 4: 11.7M is ResNet-18's, not VGG-16's: unsure whose
        (5, "model", "right"),  # VGG-16 > AlexNet
        (5, "model", "right"),  # AlexNet: 60M
        (6, "model", "right"),  # VGG-16 > AlexNet
        (6, "model", "wrong"),  # AlexNet: 6M, and no network on the line has 6M
        (7, "model", "right"),  # ResNet-50 < VGG-16
        (7, "model", "right"),  # VGG-16: 138M
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_model_fact_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
