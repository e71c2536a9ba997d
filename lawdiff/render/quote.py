"""``lawdiff show``: one provision with all its words, ready to quote.

Quoted amending material is put back where it stood, between quotation marks,
so a consultation response quotes exactly what the provision says; quoted provisions
are set out level by level, as the Act they go into will print them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import Document, Provision, Quote
from ..model.provision import flat_text
from .templates import environment


@dataclass(frozen=True)
class Line:
    depth: int
    label: str
    text: str
    opening: str = ""  # a quotation mark before the label, where quoted text begins


def provision_lines(p: Provision, depth: int = 0) -> list[Line]:
    """The provision as indented lines: label and chapeau, children, continuation."""
    lines: list[Line] = []
    label = _label(p)
    if p.is_group:
        lines.append(Line(depth, label, p.heading or ""))
    elif p.heading and depth > 0:  # "226A Bulk personal datasets", then its words, as the Act prints it
        lines.append(Line(depth, label, p.heading))
        label = ""
    chapeau = _field_lines(p, "chapeau", depth)
    if chapeau and not p.is_group:
        chapeau[0] = Line(depth, label, chapeau[0].text)
    elif not p.is_group and label:
        chapeau = [Line(depth, label, "")]
    lines.extend(chapeau)
    for child in p.children:
        lines.extend(provision_lines(child, depth + 1))
    lines.extend(_field_lines(p, "continuation", depth))
    return [ln for ln in lines if ln.label or ln.text]


def _field_lines(p: Provision, where: str, depth: int) -> list[Line]:
    """A text field as lines, block quotes set out indented between quotation marks."""
    text = getattr(p, where)
    quotes = sorted((q for q in p.quotes if q.block and q.where == where), key=lambda q: q.offset)
    out: list[Line] = []
    pos = 0
    for q in quotes:
        before = text[pos:q.offset].strip()
        out.extend(Line(depth, "", t) for t in before.split("\n") if t)
        quoted = _quoted_lines(q, depth + 1)
        start, end = q.start_quote, q.end_quote
        if not start and not end:  # CLML and USLM leave the marks to the renderer
            opened = text[:q.offset].count("“") > text[:q.offset].count("”")  # 'substitute “from—'
            start, end = ("" if opened else "“"), "”"
        quoted[0] = replace(quoted[0], opening=start)
        quoted[-1] = replace(quoted[-1], text=quoted[-1].text + end)
        out.extend(quoted)
        pos = q.offset
    tail = text[pos:].strip()
    if tail:
        if quotes and out and tail[0] in ",;:.)":
            out[-1] = replace(out[-1], text=out[-1].text + tail.split("\n")[0])
            tail = "\n".join(tail.split("\n")[1:])
        out.extend(Line(depth, "", t) for t in tail.split("\n") if t)
    return out


def _quoted_lines(q: Quote, depth: int) -> list[Line]:
    """Quoted amending text laid out as the provisions it holds, each level indented; or, where
    those provisions do not account for every word of the quotation, its words line by line."""
    if q.provisions and "\n".join(flat_text(p, _label) for p in q.provisions) == q.text:
        return [ln for p in q.provisions for ln in provision_lines(p, depth)]
    return [Line(depth, "", t) for t in q.text.split("\n")]


def _label(p: Provision) -> str:
    if p.kind == "definition" or not p.num:
        return ""
    if p.is_group:
        name = {"part": "Part", "chapter": "Chapter", "schedule": "Schedule"}.get(p.kind, p.kind.title())
        return f"{name} {p.num}"
    return f"({p.num})" if p.level >= 2 else p.num


def render_provision(doc: Document, p: Provision, fmt: str = "text") -> str:
    """One provision as ``lawdiff show`` prints it: the document's title and the provision's
    citation (a provision of quoted amending text is cited after the provision quoting it), its
    words level by level, and its page on legislation.gov.uk when it has one."""
    env = environment()
    template = env.get_template("show.md.j2" if fmt == "markdown" else "show.txt.j2")
    url = doc.url(p)
    source = url or doc.meta.uri or doc.meta.source or ""
    return template.render(title=doc.title, provision=p, citation=doc.cite(p), lines=provision_lines(p),
                           source=source, url=url)
