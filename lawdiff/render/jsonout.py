"""The JSON form of documents and provisions. Its schema is ``lawdiff/schemas/document.schema.json``.

The schema is versioned (``"schema": "lawdiff.document/1"``); fields are only
ever added within a version. Keys are written in a fixed order, so the same
document always gives the same bytes.
"""

from __future__ import annotations

import json

import re
from dataclasses import asdict

from ..model import Document, Provision, Quote

SCHEMA_ID = "lawdiff.document/1"


def provision_to_dict(p: Provision, doc: Document | None = None) -> dict:
    """A provision and all below it; with ``doc``, each carries its legislation.gov.uk ``url`` (null
    when the document is not from there, and inside quoted amending text, which is not the Act's own)."""
    return {
        "kind": p.kind,
        "num": p.num,
        "heading": p.heading,
        "citation": p.citation,
        "url": doc.url(p) if doc is not None else None,
        "path": p.path,
        "level": p.level,
        "source_id": p.source_id,
        "chapeau": p.chapeau,
        "continuation": p.continuation,
        "quotes": [quote_to_dict(q) for q in p.quotes],
        "annotations": [asdict(a) for a in p.annotations],
        "children": [provision_to_dict(c, doc) for c in p.children],
    }


def quote_to_dict(q: Quote) -> dict:
    return {
        "where": q.where,
        "offset": q.offset,
        "block": q.block,
        "text": q.text,
        "source_id": q.source_id,
        "provisions": [provision_to_dict(p) for p in q.provisions],
    }


def document_to_dict(doc: Document) -> dict:
    return {
        "schema": SCHEMA_ID,
        "meta": asdict(doc.meta),
        "url": doc.url(),
        "body": [provision_to_dict(p, doc) for p in doc.body],
        "schedules": [provision_to_dict(p, doc) for p in doc.schedules],
        "commentaries": {key: text for key, text in doc.commentaries},
    }


def dumps(data: dict) -> str:
    """JSON as lawdiff writes it; a file name that is not UTF-8 in it is an escape (``\\xff``),
    so that the JSON is UTF-8 wherever it goes."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # (the escape's backslash is itself escaped: the value reads back as "old-\\xff.xml")
    return _LONE.sub(lambda m: "\\\\x%02x" % (ord(m.group()) - 0xDC00), text) + "\n"


_LONE = re.compile("[\udc80-\udcff]")
