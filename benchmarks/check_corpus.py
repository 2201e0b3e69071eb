"""Score `cnnstat check` against the hand-made truth of the corpus in benchmarks/corpus.

    python benchmarks/check_corpus.py            # train and held-out parts
    python benchmarks/check_corpus.py --list     # also every miss and false alarm

The corpus is study notes written for this repository in the forms real notes use (LeNet,
AlexNet, VGG, GoogLeNet and ResNet walkthroughs, cs231n and course summaries, pasted
Keras and torchsummary tables), in English and Korean, with planted and natural
mistakes. ``truth.tsv`` lists every checkable claim by hand: the line, its kind, and
whether it is right. ``heldout/`` was written before the checker was tuned (its
listing was seen once, after which only generic fixes were made); ``heldout2/`` was
written after the design was done and scored once, untouched since.

Scored per line (a line can hold several claims):
- precision of "wrong": of the lines the checker calls wrong, the share whose truth has
  a wrong claim (a "wrong" on a right or ambiguous line is a false alarm);
- recall: of the lines with a wrong claim, the share the checker calls wrong;
- judged: of the lines with a checkable claim, the share where the checker gives a
  verdict (right or wrong) rather than skipping.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "corpus"
sys.path.insert(0, str(ROOT))


def load_truth() -> dict[str, dict[int, list[tuple[str, str, str]]]]:
    """file -> line -> [(kind, truth, why)]; a pick that is missing or not unique fails."""
    truth: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for n, row in enumerate((CORPUS / "truth.tsv").read_text("utf-8").splitlines(), 1):
        if not row.strip() or row.startswith("#"):
            continue
        parts = row.split("\t")
        if len(parts) < 4:
            raise SystemExit(f"truth.tsv:{n}: expected file, pick, kind, truth")
        name, pick, kind, verdict = parts[:4]
        why = parts[4] if len(parts) > 4 else ""
        lines = (CORPUS / name).read_text("utf-8").splitlines()
        hits = [i + 1 for i, text in enumerate(lines) if pick in text]
        if len(hits) != 1:
            raise SystemExit(f"truth.tsv:{n}: {pick!r} picks {len(hits)} lines of {name}")
        truth[name][hits[0]].append((kind, verdict, why))
    return truth


def score(part: str, truth, show: bool) -> dict[str, float]:
    from cnnstat.notes.check import check_file

    flagged = correct_flags = wrong_lines = caught = checkable = judged = 0
    for path in sorted((CORPUS / part).glob("*.md")):
        name = f"{part}/{path.name}"
        lines = truth.get(name, {})
        result = check_file(path)
        verdicts: dict[int, set[str]] = defaultdict(set)
        for c in result.claims:
            if c.verdict in ("right", "wrong"):
                verdicts[c.line].add(c.verdict)
        for line, vs in verdicts.items():
            if "wrong" in vs:
                flagged += 1
                if any(t == "wrong" for _, t, _ in lines.get(line, [])):
                    correct_flags += 1
                elif show:
                    print(f"  false alarm {name}:{line}: " +
                          "; ".join(f"{c.text} ({c.detail})" for c in result.claims
                                    if c.line == line and c.verdict == "wrong"))
        for line, claims in lines.items():
            checkable += 1
            if verdicts.get(line):
                judged += 1
            elif show:
                why = [s.reason for s in result.skipped if s.line == line]
                print(f"  not judged {name}:{line} ({claims[0][0]}): "
                      f"{why[0] if why else 'no entry'}")
            if any(t == "wrong" for _, t, _ in claims):
                wrong_lines += 1
                if "wrong" in verdicts.get(line, ()):
                    caught += 1
                elif show:
                    print(f"  missed {name}:{line}: {claims[0][2]}")
    precision = correct_flags / flagged if flagged else 1.0
    recall = caught / wrong_lines if wrong_lines else 1.0
    share = judged / checkable if checkable else 1.0
    print(f"{part:<8} precision of 'wrong' {precision:6.1%} ({correct_flags}/{flagged})   "
          f"recall {recall:6.1%} ({caught}/{wrong_lines})   "
          f"judged {share:6.1%} ({judged}/{checkable})")
    return {"precision": precision, "recall": recall, "judged": share}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--list", action="store_true", help="list misses and false alarms")
    args = ap.parse_args()
    truth = load_truth()
    for part in ("train", "heldout", "heldout2"):
        score(part, truth, args.list)


if __name__ == "__main__":
    main()
