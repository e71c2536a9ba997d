"""Reading the .docx files lawdiff writes back, as Word would show them: the paragraphs of the
document with every tracked change accepted, or every one rejected.

Written from the WordprocessingML standard (ECMA-376 Part 1, 17.13.5: revisions), not from
lawdiff's writer: a run inside ``w:ins`` is kept on accepting and dropped on rejecting; a run
inside ``w:del`` (its words in ``w:delText``) the other way round; a paragraph whose mark is
tracked as inserted (rejecting) or deleted (accepting) is joined to the paragraph after it.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Paragraph:
    style: str
    text: str


def part(path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def _revision(el: etree._Element) -> str | None:
    for up in el.iterancestors():
        if up.tag in (W + "ins", W + "del"):
            return up.tag[len(W):]
        if up.tag == W + "p":
            return None
    return None


def paragraphs(path, accept: bool) -> list[Paragraph]:
    """The body's paragraphs (tables' included, in order) with every change accepted, or rejected."""
    body = part(path, "word/document.xml").find(W + "body")
    out: list[Paragraph] = []
    carried = ""
    for p in body.iter(W + "p"):
        words = []
        for el in p.iter(W + "t", W + "delText"):
            revision = _revision(el)
            if el.tag == W + "delText":
                keep = revision == "del" and not accept
            else:
                keep = revision is None or (revision == "ins" and accept)
            if keep:
                words.append(el.text or "")
        mark = p.find(f"{W}pPr/{W}rPr")
        tracked = {child.tag[len(W):] for child in mark} if mark is not None else set()
        style = p.find(f"{W}pPr/{W}pStyle")
        text = carried + "".join(words)
        if ("del" in tracked and accept) or ("ins" in tracked and not accept):
            carried = text  # the paragraph mark goes: its words join the next paragraph
            continue
        carried = ""
        out.append(Paragraph(style.get(W + "val") if style is not None else "", text))
    return out


def section(paras: list[Paragraph], heading: str) -> list[Paragraph]:
    """The paragraphs under the Heading 1 ``heading``, up to the next Heading 1."""
    start = next(i for i, p in enumerate(paras) if p.style == "Heading1" and p.text == heading)
    end = next((i for i in range(start + 1, len(paras)) if paras[i].style == "Heading1"), len(paras))
    return paras[start + 1:end]


def revisions(path) -> list[etree._Element]:
    """Every tracked insertion and deletion (of runs and of paragraph marks)."""
    root = part(path, "word/document.xml")
    return list(root.iter(W + "ins", W + "del"))


def footnotes(path) -> list[str]:
    """The footnotes' words, by id, separators left out."""
    try:
        root = part(path, "word/footnotes.xml")
    except KeyError:
        return []
    return ["".join(t.text or "" for t in note.iter(W + "t")).strip()
            for note in root.iter(W + "footnote") if int(note.get(W + "id")) > 0]
