"""Reading lawdiff's PDFs back as a reader, a screen reader and a printer would.

poppler (``pdftotext``, ``pdfinfo``, ``pdftoppm``, from Debian's poppler-utils, which
``.ci/run`` installs) gives the text as extracted (honouring /ActualText), the structure
tree with its text, word boxes and pages rasterised in greyscale; pikepdf gives the
catalogue (language, marking) and the figures' alternative text.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass, field

import pytest

POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdfinfo", "pdftoppm"))
need_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdfinfo, pdftoppm) not installed")


def text(path, *options: str, first: int | None = None, last: int | None = None) -> str:
    """``pdftotext`` of the file (pages ``first``..``last``, counted from 1)."""
    pages = [*(("-f", str(first)) if first else ()), *(("-l", str(last)) if last else ())]
    return subprocess.run(["pdftotext", *options, *pages, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pages(path) -> list[str]:
    """The text of each page, as ``pdftotext -layout`` gives it."""
    return text(path, "-layout").split("\f")[:-1]


@dataclass
class Node:
    tag: str
    text: str = ""  # the text directly inside, joined
    children: list["Node"] = field(default_factory=list)

    def all_text(self) -> str:
        return " ".join(x for x in [self.text, *(c.all_text() for c in self.children)] if x)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def structure(path) -> Node:
    """The structure tree, as ``pdfinfo -struct-text`` prints it (two spaces per level)."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout
    root = Node("root")
    stack: list[tuple[int, Node]] = [(-1, root)]
    for line in out.splitlines():
        stripped = line.lstrip(" ")
        depth = (len(line) - len(stripped)) // 2
        if not stripped or stripped.startswith("/"):
            continue  # attributes of the element above
        while stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1]
        if stripped.startswith('"'):
            parent.text = " ".join(x for x in (parent.text, stripped.strip('"')) if x)
            continue
        node = Node(re.split(r"[ :<]", stripped, maxsplit=1)[0])
        parent.children.append(node)
        stack.append((depth, node))
    return root


def headings(path) -> list[tuple[int, str]]:
    """Every heading in the structure tree, in its order: (level, text)."""
    return [(int(n.tag[1]), " ".join(n.all_text().split())) for n in structure(path).walk()
            if re.fullmatch(r"H[1-6]", n.tag)]


def catalogue(path) -> dict:
    """What the PDF says of itself: language, marked, and each figure's alternative text."""
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(str(path)) as pdf:
        root = pdf.Root
        alts = []

        def walk(node):
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    walk(kid)
            elif isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure":
                    alts.append(str(node.get("/Alt", "")))
                if "/K" in node:
                    walk(node.K)

        if "/StructTreeRoot" in root:
            walk(root.StructTreeRoot.get("/K"))
        marked = root.get("/MarkInfo", {}).get("/Marked", False)
        return {"lang": str(root.get("/Lang", "")), "marked": bool(marked), "figures": alts,
                "tagged": "/StructTreeRoot" in root}


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float  # points, from the top left of the page


def words(path, page: int) -> list[Word]:
    """Each word on page ``page`` (from 1) with its box, from ``pdftotext -bbox``."""
    out = text(path, "-bbox", first=page, last=page)
    return [Word(html.unescape(m.group(5)), *(float(m.group(k)) for k in range(1, 5)))
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                                 out)]


@dataclass(frozen=True)
class Grey:
    """A page rasterised in greyscale: 0 black to 255 white."""

    width: int
    height: int
    pixels: bytes
    scale: float  # pixels per point

    def at(self, x: int, y: int) -> int:
        return self.pixels[y * self.width + x]

    def box(self, word: Word) -> tuple[int, int, int, int]:
        s = self.scale
        return int(word.x0 * s), int(word.y0 * s), int(word.x1 * s + 0.999), int(word.y1 * s + 0.999)


def grey_page(path, page: int, dpi: int = 200) -> Grey:
    """Page ``page`` (from 1) as poppler rasterises it, turned grey (``pdftoppm -gray``)."""
    data = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path)],
                          capture_output=True, check=True).stdout
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert match, data[:20]
    width, height = int(match.group(1)), int(match.group(2))
    return Grey(width, height, data[match.end():match.end() + width * height], dpi / 72)
