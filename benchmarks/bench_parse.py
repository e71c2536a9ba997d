"""Parse time and peak memory of lawdiff against a bare lxml.etree.parse, in one run.

    python3 benchmarks/bench_parse.py [--repeat N]
    python3 benchmarks/bench_parse.py --stages FILE   # where one document's time goes

Time: one child process per document times both, alternating lxml and lawdiff
``--repeat`` times (each going first in turn) and keeping each one's best, so both
see the same warm heap and the same machine load (this machine is shared and noisy).
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

from common import ROOT, SHARED, need_shared

TIME = r"""
import gc, json, sys, time
path, repeat = sys.argv[1], int(sys.argv[2])
from lxml import etree
import lawdiff
data = open(path, "rb").read()
best = {"lxml": float("inf"), "lawdiff": float("inf")}
for k in range(repeat):
    # each goes first in turn: a parse right after a large free runs faster (the allocator
    # reuses what was freed), and a fixed order would favour the one that follows the other
    for mode in (("lxml", "lawdiff"), ("lawdiff", "lxml"))[k % 2]:
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


# Where the time of one parse goes, against lxml's own parse, and the least any Python parser
# over lxml must spend: touching every element once (tag, text, tail) and making and freeing one
# object per provision, with no text work at all. Every stage frees what it made inside its
# time, as the main table does (lxml's tree, lawdiff's document).
STAGES = r"""
import gc, json, sys, time
path, repeat = sys.argv[1], int(sys.argv[2])
from lxml import etree
import lawdiff
from lawdiff.formats.xmlsafe import parse_xml
from lawdiff.model.draft import _provision
data = open(path, "rb").read()
doc = lawdiff.parse_bytes(data, path)

def provisions(nodes):
    for p in nodes:
        yield p
        yield from provisions(p.children)
        for q in p.quotes:
            yield from provisions(q.provisions)

count = sum(1 for _ in provisions(doc.body + doc.schedules))
del doc

def touch():
    for el in parse_xml(data, path).getroot().iter():
        el.tag, el.text, el.tail

def objects():
    made = [_provision("section", "1", None, "", "", (), "sec-1", "s. 1", 1, None, (), ()) for _ in range(count)]
    del made

stages = {"lxml": lambda: etree.fromstring(data), "hardened read": lambda: parse_xml(data, path),
          "touch every element": touch, "make and free the provisions": objects,
          "lawdiff parse": lambda: lawdiff.parse_bytes(data, path)}
best = {name: float("inf") for name in stages}
order = list(stages)
for k in range(repeat):
    # each stage in turn goes first: a parse after a large free runs faster (the allocator
    # reuses what was freed), and a fixed order would favour one stage
    for name in order[k % len(order):] + order[:k % len(order)]:
        run = stages[name]
        gc.collect()
        t = time.perf_counter()
        run()
        best[name] = min(best[name], time.perf_counter() - t)
print(json.dumps({"count": count, "best": best}))
"""


def stages(path: pathlib.Path, repeat: int) -> None:
    result = child(STAGES, str(path), str(repeat))
    best = result["best"]
    lxml = best["lxml"]
    print(f"{path.name}: {result['count']:,} provisions (each stage frees what it made)")
    for name, seconds in best.items():
        print(f"  {name:30} {seconds * 1000:8.1f} ms {seconds / lxml:6.2f}x lxml")
    # (touching every element includes reading the document)
    floor = best["touch every element"] + best["make and free the provisions"]
    print(f"  {'floor: touch, make and free':30} {floor * 1000:8.1f} ms {floor / lxml:6.2f}x lxml")


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
    parser.add_argument("--stages", metavar="FILE", help="where one document's parse time goes, stage by stage")
    args = parser.parse_args()
    if args.stages:
        stages(pathlib.Path(args.stages).resolve(), args.repeat)
        return
    need_shared()
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
