"""A dataset's own images, where a note names the dataset: ``MNIST digits enter the network
as 28x18x1``, ``CIFAR-10 이미지는 32x32x3``, ``the CIFAR-100 input (32, 32, 1)``.

Known inputs: MNIST, Fashion-MNIST, KMNIST and EMNIST 28x28, one channel; CIFAR-10,
CIFAR-100 and SVHN 32x32, three channels; ImageNet three channels, its side whatever the
crop (224, 227, 299, ... : only its channels are judged). The size must be the dataset's
images as the sentence gives them: the one map in the sentence, just after the name (or
just before it), no layer named before it nor right after it (``3x3 stem``, ``5x5
filters``: a window), and no word that it has been through one
(feature map, output, after) or that the images were changed (resized, padded, converted
to grayscale, repeated to three channels, upsampled, cropped): a LeNet's MNIST padded to
32x32 is not judged. A question's sizes are givens and never read.
"""

from __future__ import annotations

import re

from cnnstat.notes.claims import Claim, Edit
from cnnstat.notes.reading.questions import asks

# a name without its separators, lowercased: (the name shown, its sides or None: any
# crop, its channels)
_KNOWN = {"mnist": ("MNIST", 28, 1), "kmnist": ("KMNIST", 28, 1), "emnist": ("EMNIST", 28, 1),
          "fashionmnist": ("Fashion-MNIST", 28, 1), "cifar10": ("CIFAR-10", 32, 3),
          "cifar100": ("CIFAR-100", 32, 3), "cifar": ("CIFAR", 32, 3), "svhn": ("SVHN", 32, 3),
          "imagenet": ("ImageNet", None, 3)}
_NAME = re.compile(r"(fashion[\s_-]?mnist|k?mnist|emnist|cifar[\s_-]?100|cifar[\s_-]?10|"
                   r"cifar|svhn|image[\s-]?net)(?![A-Za-z0-9]|-[A-Za-z])", re.I)
# a variant with other images: Moving MNIST (64x64), Colored MNIST (3 channels), MNIST-M
_VARIANT = re.compile(r"(?:moving|colou?r(?:ed)?|rotated|translated|cluttered|noisy|binari[sz]ed|"
                      r"permuted|sequential|double|multi\w*|augmented|corrupted|scaled|large|"
                      r"rgb|3d|컬러|회전)\W{0,2}$", re.I)
_MAP = re.compile(r"(?<![0-9A-Za-z_.,])([0-9]{1,4})[ ]*[x×X*][ ]*([0-9]{1,4})"
                  r"(?:[ ]*[x×X*][ ]*([0-9]{1,4}))?(?![0-9.,]*[0-9])(?![ ]*[x×X*+\-=/÷][ ]*[0-9])"
                  r"|[(\[][ ]*([0-9]{1,4})[ ]*,[ ]*([0-9]{1,4})[ ]*,[ ]*([0-9]{1,4})[ ]*[)\]]")
# a map that has been through a layer: the words anywhere in the sentence, or a layer
# named before the map ("the conv turns MNIST into ..."; "fed to the first conv" is after)
_NOT_IMAGES = re.compile(r"feature|output|activation|after|출력|특징|이후|거친|거쳐|통과", re.I)
_LAYER = re.compile(r"conv|pool|layer|filter|kernel|층|레이어|합성곱|풀링|필터|커널", re.I)
# a layer's word right after the map: its window, not the images ("the CIFAR version (3x3
# stem, 10-class fc)", "SVHN with 5x5 filters")
_LAYER_AFTER = re.compile(r"[ ]*(?:conv\w*|pool\w*|max[ _-]?pool\w*|stems?\b|kernels?\b|filters?\b|"
                          r"windows?\b|patch(?:es)?\b|strides?\b|합성곱|풀링|필터|커널)", re.I)
_CHANGED = re.compile(r"resiz|rescal|scal(?:ed|ing)\s+(?:up|to)|pad|upsampl|interpolat|crop|"
                      r"convert|(?:to|into|as)\s+(?:gr[ae]y|rgb|3\s+channels)|replicat|repeat|stack|copied|tile|"
                      r"크기\s*조정|리사이즈|패딩|변환|흑백|복제|늘려|확대|자르", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)|(?<=다\.)\s*")
NEAR = 40  # characters between a dataset's name and the size it gives


def _known(name: str) -> tuple[str, int | None, int]:
    return _KNOWN[re.sub(r"[^a-z0-9]", "", name.lower())]


def check_line(number: int, masked: str) -> list[Claim]:
    if asks(masked):
        return []
    claims: list[Claim] = []
    start = 0
    for end in [m.start() for m in _SENTENCE.finditer(masked)] + [len(masked)]:
        sentence, offset = masked[start:end], start
        start = end
        names = list(_NAME.finditer(sentence))
        if len({_known(n.group(1)) for n in names}) != 1 or _NOT_IMAGES.search(sentence) \
                or _CHANGED.search(sentence):
            continue  # no dataset, two, or its images changed or passed through a layer
        name = names[0]
        if _VARIANT.search(sentence, 0, name.start()):
            continue
        maps = list(_MAP.finditer(sentence))
        near = [m for m in maps if 0 <= m.start() - name.end() <= NEAR] or \
               [m for m in maps if 0 <= name.start() - m.end() <= 12]
        if len(maps) != 1 or not near or _LAYER.search(sentence, 0, near[0].start()) or \
                _LAYER_AFTER.match(sentence, near[0].end()):
            continue  # the one size, next to the name, not a layer's
        m = near[0]
        label, side, channels = _known(name.group(1))
        if m.group(1):
            h, w, c, c_span = int(m.group(1)), int(m.group(2)), m.group(3), m.span(3)
            c = int(c) if c else None
            if c is not None and h in (1, 3) and w == c != h:  # channels first: 1 x 28 x 28
                h, w, c, c_span = w, c, h, m.span(1)
        else:  # a bracketed triple: channels last or first, by where the 1 or 3 stands
            a, b, d = int(m.group(4)), int(m.group(5)), int(m.group(6))
            if d in (1, 3) and a == b:
                h, w, c, c_span = a, b, d, m.span(6)
            elif a in (1, 3) and b == d:
                h, w, c, c_span = b, d, a, m.span(4)
            else:
                continue
        ok_sides = side is None or (h, w) == (side, side)
        ok_c = c is None or c == channels
        if side is None and c is None:
            continue  # ImageNet's sides alone: any crop
        want = f"{side}x{side}" if side else f"{h}x{w}"
        want += f"x{channels}" if c is not None else ""
        text = f"{label}: {h}x{w}" + (f"x{c}" if c is not None else "")
        edits: tuple[Edit, ...] = ()
        if ok_sides and not ok_c:
            edits = (Edit(number, offset + c_span[0], offset + c_span[1], str(channels)),)
        claims.append(Claim(number, text, "shape", text.split(": ")[1], want,
                            "right" if ok_sides and ok_c else "wrong",
                            f"{label} images are " + (f"{side}x{side}, " if side else "") +
                            f"{channels} channel{'s' if channels > 1 else ''}", edits))
    return claims
