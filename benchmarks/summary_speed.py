"""How fast `cnnstat check` reads a long pasted summary (issue 19): a torchsummary table
of distinct, consistent rows (conv, batch norm, ReLU, pooling, with channel counts and
sizes that vary), and the same rows with every conv count mistyped (each then read
against earlier rows, the costliest path). Prints rows, MB, seconds and microseconds
per row; the time per row must not grow with the table.

    python benchmarks/summary_speed.py [rows]
"""

import sys
import time

from cnnstat.notes.summary import Summary


def table(rows: int, typo: bool) -> list[str]:
    lines = [f"{'Layer (type)':>20}  {'Output Shape':>25} {'Param #':>15}"]
    c, size, i = 3, 64, 0
    while len(lines) <= rows:
        out = 8 + (i * 37) % 500
        size = 8 + (i * 13) % 120
        i += 1
        params = (9 * c + 1) * out + (7 if typo else 0)
        for kind, shape, n in (("Conv2d", [-1, out, size, size], params),
                               ("BatchNorm2d", [-1, out, size, size], 2 * out),
                               ("ReLU", [-1, out, size, size], 0),
                               ("MaxPool2d", [-1, out, size // 2, size // 2], 0)):
            lines.append(f"{kind + '-' + str(len(lines)):>20}  {str(shape):>25} {n:>15,}")
        c = out
    return lines


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 16_000
    for typo in (False, True):
        for n in (rows // 4, rows):
            lines = table(n, typo)
            mb = sum(len(x) + 1 for x in lines) / 1e6
            s = Summary()
            t = time.process_time()
            claims = 0
            for number, raw in enumerate(lines, 1):
                claims += len(s.check_line(number, raw)[0])
            dt = time.process_time() - t
            print(f"{'mistyped' if typo else 'consistent':>10}: {len(lines):>7,} rows "
                  f"({mb:.2f} MB) {dt:6.2f} s CPU, {dt / len(lines) * 1e6:6.0f} us/row, "
                  f"{claims:,} claims")


if __name__ == "__main__":
    main()
