"""`cnnstat check` on model facts in prose (issue 19): a depth written with a model's own
number belongs to that model (``VGG19 ... 19 layers``), never to another the line names;
a figure of a part (``each block``) is never the model's total; the conv layers' or the
FC layers' parameters are judged against the sum over the spec's layers of that kind.

Each fixture under tests/fixtures/notes/fact_forms was written for this repository in its
own words, keeping only the *form*. A ratio written as a range (``7-8 times fewer
parameters and FLOPs``) is right when the truth lies in it, for each quantity named.
Widths with their counts in brackets (``64(2), 128(2), 512(3+3)``) are the stages. A
figure within 2.5% of a network's own count is unsure. A table may leave out its outer
pipes, and a row a cell before the model's name. A part's figure under a line that gives
the network's conv and FC layers, no network named, belongs to the networks of that
shape. A difference between two named networks (``three more convolutional layers than``)
is worked out from both specs. Every expected (line, kind, verdict) is worked out by
hand in the comment beside it; a claim not listed fails the test as surely as a missing one.
"""

from collections import Counter

import pytest

from tests.conftest import ROOT

FORMS = ROOT / "tests" / "fixtures" / "notes" / "fact_forms"

EXPECTED = {
    "01_name_numbers.md": [
        # depths (weight layers): VGG-16 16, VGG-19 19 (Simonyan & Zisserman, Table 1 D/E);
        # ResNet-34 34, ResNet-50 50, ResNet-101 101 (He et al. 2016, Table 1)
        (3, "model", "right"),  # 19 layers: VGG19's, not VGG16's (the design it extends)
        (4, "model", "right"), (4, "model", "right"),  # 101 (ResNet101), 16 (VGG16)
        (5, "model", "right"), (5, "model", "right"),  # 34 and 50, each its own name's
        (6, "model", "right"),  # 19개 층: VGG-19's
        (7, "model", "right"),  # VGG16 16 layers
        (7, "model", "wrong"),  # VGG19 has 16 conv layers (config E), not 19: a conv count
        # is not a depth, the name's number does not vouch for it
        # line 8: ~75M is each block's figure (a part), not ResNet-50's or ResNet-101's
    ],
    "02_part_figures.md": [
        # AlexNet as published (two GPU groups): conv1 34,944; conv2 (5*5*48*256 + 256)
        # 307,456; conv3 885,120; conv4 (3*3*192*384 + 384) 663,936; conv5 (3*3*192*256 +
        # 256) 442,624; sum 2,334,080. FC: 9,216*4,096 + 4,096 = 37,752,832; 16,781,312;
        # 4,097,000; sum 58,631,144
        (4, "model", "right"),  # conv about 2.3M
        (4, "model", "right"),  # FC about 58.6M
        (4, "model", "right"), (4, "model", "right"),  # five conv, three FC (Sec. 3.5)
        (5, "model", "right"),  # 약 230만 = 2.3M
        (5, "model", "wrong"),  # 약 7천만 = 70M, not 58.6M (nor 60M)
        # without the groups: conv2 614,656, conv4 1,327,488, conv5 884,992: 34,944 +
        # 614,656 + 885,120 + 1,327,488 + 884,992 = 3,747,200
        (6, "model", "right"),  # about 3.75M
        # VGG-16: FC 25,088*4,096 + 4,096 = 102,764,544; + 16,781,312 + 4,097,000 =
        # 123,642,856; conv layers 138,357,544 - 123,642,856 = 14,714,688
        (9, "model", "right"),  # about 124M
        (10, "model", "right"),  # 14.7M in the conv layers
        (11, "model", "right"),  # the first FC layer alone: 102,764,544, about 103M
        (12, "model", "wrong"),  # 약 1억 5천만 = 150M, not 123.6M
    ],
    "03_ratio_ranges.md": [
        # parameters: VGG-16 138,357,544 (config D; config C 133,638,952), ResNet-18
        # 11,689,512, ResNet-34 21,797,672, ResNet-50 25,557,032, AlexNet 60,965,224
        # (torchvision 61,100,840); multiply-adds: VGG-16 15.47G (config C 11.77G),
        # ResNet-18 1.814G, ResNet-34 3.664G (He et al. 2016, Table 1; torchvision)
        (3, "ratio", "right"),  # 138.36/25.56 = 5.41 (133.64/25.56 = 5.23): in 5-6
        (4, "ratio", "wrong"),  # parameters: 138.36/11.69 = 11.8, far above 7-8
        (4, "ratio", "right"),  # FLOPs: 15.47/1.814 = 8.53, 11.77/1.814 = 6.49: 7-8 in it
        (5, "ratio", "right"),  # 5~6배: 5.23 to 5.41
        (6, "ratio", "right"),  # 138.36/61.10 = 2.26, 133.64/60.97 = 2.19: in 2-3
        (7, "ratio", "right"),  # computation: 15.47/3.664 = 4.22, 11.77/3.664 = 3.21
        # ResNet-50 3.858G (paper) or 4.089G (torchvision): 11.77/4.089 = 2.88 to
        # 15.47/3.858 = 4.01, which meets "between 3 and 4"
        (8, "ratio", "right"),
    ],
    "04_stage_widths.md": [
        # VGG-16 (config D): 64 x2, 128 x2, 256 x3, 512 x3, 512 x3 convs; VGG-19 (E): 2, 2,
        # 4, 4, 4 (Simonyan & Zisserman, Table 1); ResNet-50 bottlenecks 3, 4, 6, 3 of
        # widths 64..512 (outputs 256..2048); ResNet-34 3, 4, 6, 3 blocks (He et al., Table 1)
        (4, "model", "right"),  # every stage in order
        (5, "model", "right"),  # 512(3+3): the two 512 stages written together
        (8, "model", "wrong"),  # 512(4+3): VGG-19's last stages are 4 and 4
        # line 9: each width once (512(4)): the widths the channels take, unsure
        (10, "model", "right"),  # the bottlenecks' output widths, 4 x 64..512
        (11, "model", "wrong"),  # ResNet-34's third stage has 6 blocks, not 5
        (12, "model", "right"),  # ResNet-18: 2 basic blocks in each of 4 stages
    ],
    "05_near_counts.md": [
        # AlexNet without its two GPU groups (conv2, conv4, conv5 whole): 62,378,344, the
        # hand count of conv1 34,944 + conv2 614,656 + conv3 885,120 + conv4 1,327,488 +
        # conv5 884,992 + FC 58,631,144; as drawn 60,965,224; torchvision 61,100,840
        (3, "model", "right"),  # 62,378,344 exactly
        (4, "model", "right"),  # 62.3M: the same count, its last digit cut
        (5, "model", "wrong"),  # 66M: 6% above the largest count (62.4M)
        # line 6: 15.3 G against VGG-16's 15.47 G multiply-adds: 1.1% off, unsure
        (7, "model", "wrong"),  # 134.2M: 3.0% under 138,357,544 (config C's 133.6M is
        # another network, not a count of this one)
    ],
    "06_table_alignment.md": [
        # a table without outer pipes; rows 6 and 8 leave out the first cell, and are read
        # from the model's name on. torchvision: AlexNet 61,100,840 (FC 58,631,144, so
        # 2,469,696 without it); VGG-16 138,357,544 (14,714,688 without the FC layers);
        # ResNet-18 11,689,512 (fc 512*1000 + 1000 = 513,000: 11,176,512 without);
        # ResNet-34 21,797,672 (21,284,672 without the fc)
        (5, "model", "right"), (5, "model", "right"),  # 61.1M, 2.5M
        (6, "model", "right"), (6, "model", "right"),  # 138.4M, 14.7M
        (7, "model", "wrong"),  # 13.7M: ResNet-18 has 11.7M
        (7, "model", "right"),  # 11.2M without the fc
        (8, "model", "right"), (8, "model", "right"),  # 21.8M, 21.3M
    ],
    "07_parts_by_layers.md": [
        # no network named: the line above gives its layers. 5 conv + 3 FC: AlexNet (both
        # versions) and ZFNet; their FC layers all hold 9,216*4,096 + 4,096 + 16,781,312 +
        # 4,097,000 = 58,631,144; AlexNet's conv layers 2,334,080 as drawn, 3,747,200
        # without the GPU groups (see 02_part_figures.md)
        (4, "model", "right"),  # 약 230만 = 2.3M
        (4, "model", "right"),  # 약 5900만 = 59M
        (7, "model", "right"),  # about 3.7M (without the groups)
        (7, "model", "wrong"),  # about 75M: the FC layers hold 58.6M
        # 13 conv + 3 FC: VGG-16 (configs C and D); FC 123,642,856
        (10, "model", "right"),  # about 124M
    ],
    "08_differences.md": [
        # VGG-16 (D) 13 conv + 3 FC, VGG-19 (E) 16 conv + 3 FC (Simonyan & Zisserman,
        # Table 1); ResNet-34 34 and ResNet-50 50 layers, one FC each (He et al., Table 1)
        (3, "model", "right"),  # 16 - 13 = 3 conv layers
        (4, "model", "right"),  # 50 - 34 = 16 layers
        (5, "model", "wrong"),  # 4개: VGG-19 has 3 conv layers more, not 4
        (6, "model", "right"),  # 143,667,240 - 138,357,544 = 5,309,696: 5.3M
        (7, "model", "right"),  # 3 - 1 = 2 FC layers fewer
    ],
    "09_parts_after.md": [
        # ResNet-50 25,557,032 less its fc (2,048*1,000 + 1,000 = 2,049,000): 23,508,032;
        # VGG-16's FC layers 123,642,856; AlexNet's 58,631,144; torchvision AlexNet's conv
        # layers 23,296 + 307,392 + 663,936 + 884,992 + 590,080 = 2,469,696
        (4, "model", "right"),  # the backbone: about 23.5M
        (5, "model", "right"),  # ~124M in the FC layers
        (6, "model", "right"),  # 약 1억 2천만 개가 완전연결층에
        (7, "model", "wrong"),  # 30M: AlexNet's FC layers hold 58.6M
        (8, "model", "right"),  # about 2.5M in the conv layers (61M: two figures, not read)
    ],
    "10_sentences.md": [
        (4, "model", "right"),  # GoogLeNet has one FC layer, its classifier (Table 1)
        # line 5: one filter per channel (채널당): no count of the network's conv layers
        # the figure's sentence names no network but speaks of "the model": the line's
        # subject, VGG-16 (138,357,544), not AlexNet named in brackets before it
        (8, "model", "right"),
        (9, "model", "right"),  # "It": ResNet-50, 25,557,032 = 25.6M
        # line 10: a sentence without a network or a word for one: whose 144M is unsaid
        (11, "model", "right"),  # 16 - 13 = 3 conv layers more (a difference, no count)
    ],
    "11_counted_parts.md": [
        # VGG-16: 13 conv + 3 FC layers; FC 123,642,856, conv 14,714,688, all 138,357,544
        (4, "model", "right"), (4, "model", "right"),  # 3 FC layers; their ~124M
        (5, "model", "right"), (5, "model", "right"),  # FC 레이어 3개; 약 1억 2천만
        (6, "model", "right"), (6, "model", "right"),  # 13 conv layers "and" 138M: the total
        (7, "model", "right"), (7, "model", "right"),  # 13 conv layers "with" 14.7M: theirs
        (8, "model", "right"),  # 13개의 합성곱층 (the 1억 3800만 beside it: not said whole)
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fact_form(name):
    from cnnstat.notes.check import check_file

    claims = check_file(FORMS / name).claims
    assert Counter((c.line, c.kind, c.verdict) for c in claims) == Counter(EXPECTED[name])
