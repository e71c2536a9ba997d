"""Parse time and peak memory of lawdiff against a bare lxml.etree.parse, in one run.

    python3 benchmarks/bench_parse.py [--repeat N]

Each measurement runs in a fresh child process so that peak RSS (ru_maxrss) is its own;
memory is reported as the growth over the process's size after imports. Target: lawdiff
within 5x of bare lxml (3x stretch).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

CHILD = r"""
import json, resource, sys, time
mode, path, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
from lxml import etree
import lawdiff
data = open(path, "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
best = float("inf")
for _ in range(repeat):
    t = time.perf_counter()
    if mode == "lxml":
        etree.fromstring(data)
    else:
        lawdiff.parse_bytes(data, path)
    best = min(best, time.perf_counter() - t)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": best, "kib": max(after - before, 1)}))
"""


def measure(mode: str, path: pathlib.Path, repeat: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(path), str(repeat)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"benchmarks need {SHARED}")
    files = sorted(SHARED.glob("statutes/*/*.xml")) + sorted(SHARED.glob("keeling/*/*.xml"))
    print(f"{'document':58} {'KiB':>6} {'lxml ms':>8} {'lawdiff ms':>10} {'time x':>7} {'mem x':>6}")
    ratios = []
    for path in sorted(files, key=lambda p: p.stat().st_size):
        base = measure("lxml", path, args.repeat)
        ours = measure("lawdiff", path, args.repeat)
        ratio = ours["seconds"] / base["seconds"]
        ratios.append(ratio)
        print(f"{str(path.relative_to(SHARED)):58} {path.stat().st_size // 1024:6} "
              f"{base['seconds'] * 1000:8.1f} {ours['seconds'] * 1000:10.1f} {ratio:7.1f} "
              f"{ours['kib'] / base['kib']:6.1f}")
    geo = 1.0
    for r in ratios:
        geo *= r
    print(f"geometric mean time ratio: {geo ** (1 / len(ratios)):.1f}x (target 5x, stretch 3x)")


if __name__ == "__main__":
    main()
