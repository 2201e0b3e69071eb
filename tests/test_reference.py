"""Computed figures against numbers published by independent sources (cited per case)."""

import pytest

import cnnstat
from cnnstat.analysis import analyze


def totals(name):
    return analyze(cnnstat.load(name)).totals


# torchvision's published parameter counts: the `num_params` field of
# VGG16_Weights.IMAGENET1K_V1 and ResNet50_Weights.IMAGENET1K_V1 (torchvision model docs).
def test_vgg16_params_torchvision():
    assert totals("vgg16").params == 138_357_544


def test_resnet50_params_torchvision():
    assert totals("resnet50").params == 25_557_032


# torchvision's published VGG16 "GFLOPS" 15.47 (multiply-adds, two decimals).
def test_vgg16_macs_torchvision():
    assert round(totals("vgg16").macs / 1e9, 2) == 15.47


# AlexNet, two-group layout of the 2012 paper: 60,965,224 parameters (the count of Caffe's
# bvlc_alexnet, which uses the same groups; the paper says "60 million").
def test_alexnet_params():
    assert totals("alexnet").params == 60_965_224


# AlexNet conv1: the notes' worked example (227 - 11)/4 + 1 = 55 and (11x11x3 + 1) x 96.
def test_alexnet_conv1():
    row = analyze(cnnstat.load("alexnet")).rows[0]
    assert row.name == "conv1"
    assert row.output == (96, 55, 55)
    assert row.params == (11 * 11 * 3 + 1) * 96 == 34_944
    # MACs: each of the 55x55x96 outputs is an 11x11x3 dot product
    assert row.macs == 55 * 55 * 96 * 11 * 11 * 3


# Depth = conv + FC layers on the longest path: VGG-16 and ResNet-50 by their names,
# GoogLeNet "22 layers deep when counting only layers with parameters" (paper Sec. 5),
# AlexNet "eight learned layers" (paper Sec. 3), LeNet-5 by its name.
@pytest.mark.parametrize("name, depth", [
    ("vgg16", 16), ("resnet50", 50), ("googlenet", 22), ("alexnet", 8), ("lenet5", 5),
])
def test_depth(name, depth):
    assert totals(name).depth == depth


# GoogLeNet paper Table 1: output sizes of each stage, and each Inception module's
# output depth (the sum of its four branches).
@pytest.mark.parametrize("name, shape", [
    ("conv1", (64, 112, 112)), ("pool1", (64, 56, 56)), ("conv2", (192, 56, 56)),
    ("pool2", (192, 28, 28)), ("inception3a.concat1", (256, 28, 28)),
    ("inception3b.concat1", (480, 28, 28)), ("pool3", (480, 14, 14)),
    ("inception4a.concat1", (512, 14, 14)), ("inception4e.concat1", (832, 14, 14)),
    ("pool4", (832, 7, 7)), ("inception5b.concat1", (1024, 7, 7)), ("pool5", (1024, 1, 1)),
])
def test_googlenet_table1_shapes(name, shape):
    rows = {r.name: r for r in analyze(cnnstat.load("googlenet")).rows}
    assert rows[name].output == shape


# ResNet paper Table 1: conv2_x..conv5_x output sizes 56, 28, 14, 7 with 256..2048 channels.
def test_resnet50_stage_shapes():
    rows = {r.name: r for r in analyze(cnnstat.load("resnet50")).rows}
    assert rows["layer1.2.relu3"].output == (256, 56, 56)
    assert rows["layer2.3.relu3"].output == (512, 28, 28)
    assert rows["layer3.5.relu3"].output == (1024, 14, 14)
    assert rows["layer4.2.relu3"].output == (2048, 7, 7)


def test_batch_scales_costs_not_params():
    one = totals("resnet50")
    eight = analyze(cnnstat.load("resnet50"), batch=8).totals
    assert eight.params == one.params
    assert eight.macs == 8 * one.macs and eight.activations == 8 * one.activations


def test_flops_are_twice_macs():
    t = totals("vgg16")
    assert t.flops == 2 * t.macs
