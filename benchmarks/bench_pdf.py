"""PDF layout: CPU time and peak memory of lawdiff's PDFs, against WeasyPrint's floor.

    python3 benchmarks/bench_pdf.py [--only NAME]

The cases, each in a fresh child process (the machine is shared: CPU time, not wall time):
- ``compare`` of the FSMA 2023 against a copy with a word changed in every 25th block
  (as bench_diff.py mutates it), inline, side by side and ``--changes-only``;
- ``amend --full`` on the largest pair in ../shared/keeling (the ERA 1996).

Each is measured from the comparison in hand to the PDF's bytes (building the HTML,
WeasyPrint's layout, writing the PDF). The floor, in the same run, is WeasyPrint laying
out the same words, the text of every block of lawdiff's HTML, as plain paragraphs with
no stylesheet and writing them as a PDF. Memory is the growth of the child's peak
resident size over what it had before that stage. Targets (issue 14): at most 3x the
floor's CPU time; under 400 MiB for the FSMA comparison.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from common import ROOT, SHARED, need_shared

FSMA = SHARED / "statutes/uk/ukpga-2023-29@2024-11-01.clml.xml"
ERA = SHARED / "keeling/employment-rights-act-1996"

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, "benchmarks")
case, floor = sys.argv[1], sys.argv[2] == "floor"
import lxml.html, weasyprint
import lawdiff
from lawdiff.compare import diff
from lawdiff.render.pdf import PdfOptions, comparison_html, render_pdf
from lawdiff.amend import apply_effects, extract
from lawdiff.render.keeling import keeling_options

def status(field):
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(field + ":"))

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

if case.startswith("fsma"):
    from bench_diff import mutate
    path = sys.argv[3]
    data = open(path, "rb").read()
    result = diff(lawdiff.parse_bytes(data, path), lawdiff.parse_bytes(mutate(data), path))
    view = "side-by-side" if case == "fsma-side-by-side" else "inline"
    options = PdfOptions(date="2026-11-29", view=view, changes_only=case == "fsma-changes-only")
else:
    folder = sys.argv[3]
    act, bill = (lawdiff.load(f"{folder}/{n}.akn.xml") for n in ("act", "bill"))
    effects = extract(bill, act)
    applied = apply_effects(act, effects.effects)
    result, options = keeling_options(act, bill, applied, effects, PdfOptions(date="2026-11-29"))
html = comparison_html(result, options)
if floor:  # the same words, one plain paragraph per block of lawdiff's page
    import html as escape
    tree = lxml.html.fromstring(html)
    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "li", "div", "aside", "section", "table",
              "tr", "figure", "main", "nav", "ul", "tbody", "thead"}

    def own_words(block):  # a block's words, less those of the blocks inside it: no word counts twice
        out = [block.text or ""]
        for child in block:
            if child.tag not in BLOCKS:
                out.append(child.text_content())
            out.append(child.tail or "")
        return " ".join(" ".join(out).split())

    blocks = [e for e in tree.iter() if isinstance(e.tag, str) and e.tag in BLOCKS and own_words(e)]
    blocks = [e for e in blocks if e.xpath("ancestor::body")]
    html = "<html><body>" + "".join(f"<p>{escape.escape(own_words(b))}</p>" for b in blocks) + "</body></html>"
with open("/proc/self/clear_refs", "w") as fh:
    fh.write("5")  # the peak (VmHWM) starts afresh here
start_rss, start_cpu = status("VmRSS"), cpu()
if floor:
    document = weasyprint.HTML(string=html).render()
    pdf = document.write_pdf()
    pages = len(document.pages)
else:
    pdf = render_pdf(result, options, html=comparison_html(result, options))
    import io, pypdf
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
print(json.dumps({"cpu": cpu() - start_cpu, "mib": (status("VmHWM") - start_rss) / 1024, "pages": pages}))
"""

CASES = {"fsma-inline": FSMA, "fsma-side-by-side": FSMA, "fsma-changes-only": FSMA, "era-amend-full": ERA}


def measure(case: str, kind: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, case, kind, str(CASES[case])], capture_output=True,
                         text=True, cwd=ROOT)
    if out.returncode:
        sys.exit(f"{case} ({kind}) failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=tuple(CASES), action="append")
    args = parser.parse_args()
    need_shared()
    print(f"{'case':20} {'pages':>6} {'cpu s':>7} {'floor s':>8} {'x floor':>8} {'MiB':>7} {'floor MiB':>10}")
    for case in args.only or CASES:
        floor, ours = measure(case, "floor"), measure(case, "lawdiff")
        print(f"{case:20} {ours['pages']:6} {ours['cpu']:7.1f} {floor['cpu']:8.1f} "
              f"{ours['cpu'] / floor['cpu']:7.1f}x {ours['mib']:7.0f} {floor['mib']:10.0f}", flush=True)


if __name__ == "__main__":
    main()
