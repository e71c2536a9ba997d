"""Topic classifications and glossaries as a table, JSON or CSV."""

from __future__ import annotations

import csv
import io

from ..topics import Classification, Definition


def _evidence(c: Classification, limit: int = 4) -> str:
    if not c.scores:
        return ""
    best = c.scores[0].evidence[:limit]
    return "; ".join(f"{e.term} ({e.where}{' ×' + str(e.count) if e.count > 1 else ''})" for e in best)


def _topics(c: Classification) -> str:
    return ", ".join(f"{s.topic.id} {s.score:.2f}" for s in c.scores)


def classification_to_dict(c: Classification) -> dict:
    return {
        "citation": c.provision.citation,
        "path": c.provision.path,
        "heading": c.provision.heading,
        "primary": c.primary,
        "topics": [{"id": s.topic.id, "label": s.topic.label, "score": s.score,
                    "evidence": [{"term": e.term, "where": e.where, "count": e.count, "points": e.points}
                                 for e in s.evidence]} for s in c.scores],
    }


def to_dict(document: str, taxonomy: str, threshold: float, classifications: list[Classification]) -> dict:
    """``lawdiff topics --format json``: schema lawdiff.topics/1."""
    return {"schema": "lawdiff.topics/1", "document": document, "taxonomy": taxonomy, "threshold": threshold,
            "provisions": [classification_to_dict(c) for c in classifications]}


def table(classifications: list[Classification]) -> str:
    rows = [("citation", "heading", "topics", "evidence")]
    rows += [(c.provision.citation, c.provision.heading or "", _topics(c), _evidence(c)) for c in classifications]
    widths = [min(max(len(r[i]) for r in rows), cap) for i, cap in enumerate((24, 40, 60, 200))]
    out = []
    for k, row in enumerate(rows):
        cells = [_fit(cell, widths[i]) for i, cell in enumerate(row)]
        out.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(cells)).rstrip())
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out) + "\n"


def to_csv(classifications: list[Classification]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["citation", "path", "heading", "primary", "topics", "scores", "evidence"])
    for c in classifications:
        writer.writerow([c.provision.citation, c.provision.path, c.provision.heading or "", c.primary or "",
                         " ".join(s.topic.id for s in c.scores), " ".join(f"{s.score:.3f}" for s in c.scores),
                         _evidence(c, limit=8)])
    return buffer.getvalue()


def definition_to_dict(d: Definition) -> dict:
    return {"term": d.term, "citation": d.citation, "path": d.path, "how": d.how, "quoted": d.quoted,
            "text": d.text}


def glossary_to_dict(document: str, definitions: list[Definition]) -> dict:
    """``lawdiff topics --glossary`` and ``lawdiff define`` as JSON: schema lawdiff.glossary/1."""
    return {"schema": "lawdiff.glossary/1", "document": document,
            "definitions": [definition_to_dict(d) for d in definitions]}


def glossary_table(definitions: list[Definition]) -> str:
    out = []
    for d in sorted(definitions, key=lambda d: (d.term.casefold(), d.quoted, d.path)):
        where = d.citation + (" (in quoted text)" if d.quoted else "")
        out.append(f"{d.term}  [{where}]\n    {d.text}")
    return "\n".join(out) + ("\n" if out else "")


def glossary_csv(definitions: list[Definition]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["term", "citation", "path", "how", "quoted", "text"])
    for d in definitions:
        writer.writerow([d.term, d.citation, d.path, d.how, "yes" if d.quoted else "no", d.text])
    return buffer.getvalue()


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
