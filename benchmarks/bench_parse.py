"""Parse time and peak memory of lawdiff against a bare lxml.etree.parse, in one run.

    python3 benchmarks/bench_parse.py [--repeat N]

Time: one child process per document times both, alternating lxml and lawdiff
``--repeat`` times and keeping each one's best, so both see the same warm heap
and the same machine load (this machine is shared and noisy).
Memory: each side in a fresh child process of its own, so that peak RSS
(ru_maxrss) is its own; reported as growth over the process's size after imports.
Target: lawdiff within 5x of bare lxml (3x stretch), as a geometric mean and for
the largest documents.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

TIME = r"""
import gc, json, sys, time
path, repeat = sys.argv[1], int(sys.argv[2])
from lxml import etree
import lawdiff
data = open(path, "rb").read()
best = {"lxml": float("inf"), "lawdiff": float("inf")}
for _ in range(repeat):
    for mode in ("lxml", "lawdiff"):
        gc.collect()
        t = time.perf_counter()
        if mode == "lxml":
            etree.fromstring(data)
        else:
            lawdiff.parse_bytes(data, path)
        best[mode] = min(best[mode], time.perf_counter() - t)
print(json.dumps(best))
"""

MEMORY = r"""
import json, resource, sys
mode, path = sys.argv[1], sys.argv[2]
from lxml import etree
import lawdiff
data = open(path, "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
result = etree.fromstring(data) if mode == "lxml" else lawdiff.parse_bytes(data, path)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"kib": max(after - before, 1)}))
"""


def child(script: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", script, *args],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


def geomean(values: list[float]) -> float:
    product = 1.0
    for v in values:
        product *= v
    return product ** (1 / len(values))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"benchmarks need {SHARED}")
    files = sorted(SHARED.glob("statutes/*/*.xml")) + sorted(SHARED.glob("keeling/*/*.xml"))
    print(f"{'document':62} {'KiB':>6} {'lxml ms':>8} {'lawdiff ms':>10} {'time x':>7} {'mem x':>6}")
    ratios, large = [], []
    for path in sorted(files, key=lambda p: p.stat().st_size):
        times = child(TIME, str(path), str(args.repeat))
        mem = {mode: child(MEMORY, mode, str(path))["kib"] for mode in ("lxml", "lawdiff")}
        ratio = times["lawdiff"] / times["lxml"]
        ratios.append(ratio)
        if path.stat().st_size > 400_000:
            large.append(ratio)
        # Below a few MiB, peak RSS moves in steps too coarse for a ratio to mean anything.
        mem_ratio = f"{mem['lawdiff'] / mem['lxml']:6.1f}" if mem["lxml"] >= 2048 else f"{'-':>6}"
        print(f"{str(path.relative_to(SHARED)):62} {path.stat().st_size // 1024:6} "
              f"{times['lxml'] * 1000:8.1f} {times['lawdiff'] * 1000:10.1f} {ratio:7.1f} {mem_ratio}")
    print(f"geometric mean time ratio: {geomean(ratios):.1f}x over {len(ratios)} documents; "
          f"{geomean(large):.1f}x over the {len(large)} over 400 KB (target 5x, stretch 3x)")


if __name__ == "__main__":
    main()
