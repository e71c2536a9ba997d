"""The JSON form of a comparison. Its schema is ``lawdiff/schemas/diff.schema.json``.

``"schema": "lawdiff.diff/1"``; fields are only ever added within a version, and
keys come in a fixed order, so the same comparison always gives the same bytes.
Word operations are ``[op, text]`` pairs, op being ``equal``, ``delete`` or ``insert``.
"""

from __future__ import annotations

from ..compare.result import Change, DiffResult, Summary
from ..model import Document

SCHEMA_ID = "lawdiff.diff/1"


def document_ref(doc: Document) -> dict:
    return {"title": doc.title, "version": doc.meta.version, "format": doc.meta.format,
            "source": doc.meta.source, "uri": doc.meta.uri}


def summary_to_dict(summary: Summary) -> dict:
    return {"total": summary.total, "by_kind": summary.by_kind, "by_part": summary.by_part}


def change_to_dict(change: Change, only_changed: bool = False, result: DiffResult | None = None) -> dict:
    children = [c for c in change.children if c.has_changes or not only_changed]
    return {
        "kind": change.kind,
        "old_citation": change.old_citation,
        "new_citation": change.new_citation,
        "old_url": result.old.url(change.old) if result is not None and change.old is not None else None,
        "new_url": result.new.url(change.new) if result is not None and change.new is not None else None,
        "old_citations": list(change.old_citations),
        "new_citations": list(change.new_citations),
        "old_path": change.old.path if change.old is not None else None,
        "new_path": change.new.path if change.new is not None else None,
        "heading": change.provision.heading,
        "part": change.part,
        "moved_from": change.moved_from or None,
        "similarity": change.similarity,
        "gist": change.gist(),
        "heading_ops": [[op.op, op.text] for op in change.heading_ops],
        "text_ops": [[op.op, op.text] for op in change.text_ops],
        "children": [change_to_dict(c, only_changed, result) for c in children],
    }


def result_to_dict(result: DiffResult, only_changed: bool = False, stat: bool = False) -> dict:
    data = {
        "schema": SCHEMA_ID,
        "old": document_ref(result.old),
        "new": document_ref(result.new),
        "mode": result.mode,
        "select": result.select,
        "identical": result.identical,
        "summary": summary_to_dict(result.summary),
    }
    if not stat:
        data["changes"] = [change_to_dict(c, only_changed, result) for c in result.changes
                           if c.has_changes or not only_changed]
    return data
