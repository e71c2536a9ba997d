"""lawdiff diff against Python's difflib and Shoobx xmldiff, on the same pairs, in one run.

    pip install -e '.[bench]'
    python3 benchmarks/bench_diff.py [--repeat N] [--xmldiff-timeout SECONDS]

For each of the largest real documents, NEW is a mutated copy of OLD made here:
one word changed in every 25th block of text, one section deleted, two sections
swapped. Timed, best of --repeat:

- lawdiff: parsing both documents, and the comparison itself (alignment, word
  diffs, result tree);
- difflib: unified_diff of the two documents' flattened text, one line per block;
- xmldiff: ``xmldiff.main.diff_texts`` on the two XML files (in a child process,
  given up after --xmldiff-timeout seconds).

Targets: lawdiff (parse and compare) faster than xmldiff on the same pair, and
the comparison under one second for a 500,000-character Act.
"""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys

from lxml import etree

import lawdiff
from lawdiff.compare import diff

from common import ROOT, SHARED, best, need_shared
DOCUMENTS = [
    "statutes/uk/ukpga-2024-9.clml.xml",
    "keeling/bankruptcy-scotland-act-2016/act.akn.xml",
    "statutes/uk/ukpga-2023-29@2024-11-01.clml.xml",
]
TEXT_TAGS = {"Text", "p"}  # CLML and Akoma Ntoso blocks of text
SECTION_TAGS = {"P1group", "section"}

XMLDIFF = r"""
import sys, time
from xmldiff import main
a, b = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
t = time.perf_counter()
main.diff_texts(a, b)
print(time.perf_counter() - t)
"""


def mutate(data: bytes) -> bytes:
    root = etree.fromstring(data)
    blocks = [el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname in TEXT_TAGS
              and el.text and len(el.text.split()) > 4]
    for el in blocks[::25]:
        words = el.text.split(" ")
        words[len(words) // 2] = "amended"
        el.text = " ".join(words)
    sections = [el for el in root.iter() if isinstance(el.tag, str)
                and etree.QName(el).localname in SECTION_TAGS and el.getparent() is not None]
    if len(sections) > 10:
        gone = sections[len(sections) // 3]
        gone.getparent().remove(gone)
        a, b = sections[len(sections) // 2], sections[len(sections) // 2 + 2]
        a_next = a.getnext()
        b.addprevious(a)
        if a_next is not None:
            a_next.addprevious(b)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def flat_lines(doc: lawdiff.Document) -> list[str]:
    return [f"{p.citation} {p.heading or ''} {p.text}\n" for p in doc.walk()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--xmldiff-timeout", type=float, default=600)
    args = parser.parse_args()
    need_shared()
    tmp = ROOT / "benchmarks" / ".work"
    tmp.mkdir(exist_ok=True)
    print(f"{'document':50} {'chars':>8} {'parse s':>8} {'diff s':>7} {'difflib s':>9} "
          f"{'xmldiff s':>9} {'xmldiff/lawdiff':>15} {'changes':>8}")
    for name in DOCUMENTS:
        path = SHARED / name
        old_bytes = path.read_bytes()
        new_bytes = mutate(old_bytes)
        new_path = tmp / ("mutated-" + path.name)
        new_path.write_bytes(new_bytes)
        parse_s, (old, new) = best(lambda: (lawdiff.parse_bytes(old_bytes, str(path)),
                                            lawdiff.parse_bytes(new_bytes, str(new_path))), args.repeat)
        diff_s, result = best(lambda: diff(old, new), args.repeat)
        chars = sum(len(p.heading or "") + len(p.text) + sum(len(q.text) for q in p.quotes) for p in old.walk())
        a, b = flat_lines(old), flat_lines(new)
        difflib_s, _ = best(lambda: list(difflib.unified_diff(a, b)), args.repeat)
        try:
            out = subprocess.run([sys.executable, "-c", XMLDIFF, str(path), str(new_path)], capture_output=True,
                                 text=True, timeout=args.xmldiff_timeout, check=True)
            xmldiff_s = float(out.stdout)
            ratio = f"{xmldiff_s / (parse_s + diff_s):14.1f}x"
            shown = f"{xmldiff_s:9.2f}"
        except subprocess.TimeoutExpired:
            shown, ratio = f">{args.xmldiff_timeout:.0f}".rjust(9), f"> {args.xmldiff_timeout / (parse_s + diff_s):.0f}x".rjust(15)
        except subprocess.CalledProcessError as exc:
            shown, ratio = "failed".rjust(9), re.sub(r"\s+", " ", exc.stderr.strip().splitlines()[-1])[:15]
        print(f"{name:50} {chars:8} {parse_s:8.2f} {diff_s:7.2f} {difflib_s:9.2f} {shown} {ratio} "
              f"{result.summary.total:8}")
    print("targets: xmldiff/lawdiff above 1x; diff under 1 s for a 500,000-character Act")


if __name__ == "__main__":
    main()
