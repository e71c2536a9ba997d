"""Peak memory of each stage on the largest real document, against lxml alone.

    python3 benchmarks/bench_memory.py

Each measurement is a fresh child process that imports everything and reads the
files, then resets its peak RSS (Linux: /proc/self/clear_refs) and runs one stage;
the peak's growth over the resident size at that point is reported, with the file
size and, as the baseline in the same run, a bare lxml.etree.parse of the same bytes.
The stages: parse; diff against a mutated copy (as bench_diff.py makes it); topics;
and, for a document of ordinary size (the IP(A)A 2024), the PDF comparison.
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

from bench_diff import mutate

from common import ROOT, SHARED, need_shared
LARGEST = SHARED / "statutes/uk/ukpga-2023-29@2024-11-01.clml.xml"
ORDINARY = SHARED / "statutes/uk/ukpga-2024-9.clml.xml"

CHILD = r"""
import json, sys
stage, path, mutated_path = sys.argv[1], sys.argv[2], sys.argv[3]
from lxml import etree
import lawdiff
from lawdiff.compare import diff
from lawdiff.topics import Classifier
from lawdiff.render.pdf import PdfOptions, render_pdf
data = open(path, "rb").read()
mutated = open(mutated_path, "rb").read()
def status(field):
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(field + ":"))
# Start the peak (VmHWM) afresh here, so imports and reading the files do not count.
with open("/proc/self/clear_refs", "w") as fh:
    fh.write("5")
start = status("VmRSS")
if stage == "none":
    keep = None
elif stage == "lxml":
    keep = etree.fromstring(data)
elif stage == "parse":
    keep = lawdiff.parse_bytes(data, path)
elif stage == "diff":
    keep = diff(lawdiff.parse_bytes(data, path), lawdiff.parse_bytes(mutated, path))
elif stage == "topics":
    keep = Classifier().classify_document(lawdiff.parse_bytes(data, path))
elif stage == "compare":
    result = diff(lawdiff.parse_bytes(data, path), lawdiff.parse_bytes(mutated, path))
    keep = render_pdf(result, PdfOptions(date="2026-11-29", changes_only=True))
print(json.dumps({"mib": (status("VmHWM") - start) / 1024}))
"""


def peak(stage: str, path: pathlib.Path) -> float:
    # The mutated copy is made here, so that making it does not count in the child's peak.
    work = ROOT / "benchmarks" / ".work"
    work.mkdir(exist_ok=True)
    mutated = work / ("mutated-" + path.name)
    mutated.write_bytes(mutate(path.read_bytes()))
    out = subprocess.run([sys.executable, "-c", CHILD, stage, str(path), str(mutated)], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)["mib"]


def main() -> None:
    need_shared()
    for path, stages in ((LARGEST, ("lxml", "parse", "diff", "topics")), (ORDINARY, ("lxml", "parse", "compare"))):
        size = path.stat().st_size / 2**20
        floor = peak("none", path)
        base = peak("lxml", path) - floor  # a process that does nothing still moves a little
        print(f"{path.relative_to(SHARED)} ({size:.1f} MiB)")
        for stage in stages:
            mib = base if stage == "lxml" else peak(stage, path) - floor
            print(f"  {stage:8} peak +{mib:7.1f} MiB   {mib / base:5.1f}x lxml   {mib / size:5.1f}x file size")


if __name__ == "__main__":
    main()
