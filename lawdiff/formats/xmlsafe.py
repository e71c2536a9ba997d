"""Reading XML that may be hostile.

No DTD is loaded, no entity is resolved or expanded, nothing is fetched, and
size and depth are bounded. A document that declares entities is refused
outright: statutory XML never needs them, and refusing is simpler to trust
than expanding them carefully. Every failure is a :class:`LawdiffError`
carrying file, line and column.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from lxml import etree

from ..errors import LawdiffError

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_DEPTH = 256  # libxml2's own limit without XML_PARSE_HUGE


@dataclass(frozen=True)
class Limits:
    """Bounds on what lawdiff will read. Raise them for unusual documents."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH


_local = threading.local()


def _parser(limits: Limits) -> etree.XMLParser:
    """A hardened parser; made once per thread (making one costs as much as parsing a short Act)."""
    huge = limits.max_depth > DEFAULT_MAX_DEPTH or limits.max_bytes > DEFAULT_MAX_BYTES
    cache = _local.__dict__.setdefault("parsers", {})
    if huge not in cache:
        cache[huge] = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=huge,
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
        )
    return cache[huge]


def parse_xml(data: bytes, source: str, limits: Limits = Limits()) -> etree._ElementTree:
    """Parse ``data`` safely, or raise :class:`LawdiffError` located in ``source``."""
    if len(data) > limits.max_bytes:
        raise LawdiffError(
            f"file is over the limit of {limits.max_bytes:,} bytes "
            "(raise it with --max-bytes)", source)
    if not data or data.isspace():
        raise LawdiffError("file is empty: expected an XML document", source, 1, 1)
    _refuse_entity_declarations(data, source)
    parser = _parser(limits)
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno or 1, exc.offset or 1)
        message = _syntax_message(exc)
        raise LawdiffError(message, source, line or 1, column or 1) from None
    except ValueError as exc:  # e.g. unicode strings with an encoding declaration
        raise LawdiffError(f"not readable as XML: {exc}", source, 1, 1) from None
    docinfo = tree.docinfo
    dtd = docinfo.internalDTD
    if dtd is not None and (list(dtd.iterentities()) or list(dtd.elements())):
        raise LawdiffError("document type declaration with an internal subset is not allowed",
                           source, 1, 1)
    if docinfo.system_url or docinfo.public_id:
        # Never loaded, but refused: statutory XML needs no DTD, and a later tool might fetch it.
        named = docinfo.system_url or docinfo.public_id
        raise LawdiffError(f"document type declaration naming an external DTD ({named}) is not allowed",
                           source, 1, 1)
    # (a byte search first: walking the tree for XInclude elements costs more than parsing it)
    include = next(tree.getroot().iter(*_XINCLUDE), None) \
        if any(marker in data for marker in _encoded("XInclude", data)) else None
    if include is not None:
        raise LawdiffError("XInclude is not allowed (it would read other files or URLs)",
                           source, include.sourceline or 1, 1)
    _check_depth(tree, source, limits)
    return tree


_XINCLUDE = ("{http://www.w3.org/2001/XInclude}*", "{http://www.w3.org/2003/XInclude}*")


def _syntax_message(exc: etree.XMLSyntaxError) -> str:
    msg = (exc.msg or str(exc)).strip()
    # libxml2 appends ", line N, column M"; the location is printed in front instead.
    if ", line " in msg:
        msg = msg[: msg.rfind(", line ")]
    if "Excessive depth" in msg or "depth" in msg.lower() and "nest" in msg.lower():
        return "elements nested too deeply (raise the limit with --max-depth)"
    if "Resource limit exceeded" in msg or "huge" in msg.lower():
        return ("a text node or attribute value is over 10,000,000 characters (allowed only with "
                "--max-bytes or --max-depth raised above the defaults)")
    if msg.startswith("Document is empty") or msg.startswith("Start tag expected"):
        return "not an XML document: " + msg
    return "malformed XML: " + msg


def _encoded(text: str, data: bytes) -> tuple[bytes, ...]:
    """``text`` as it would appear in ``data``: UTF-8 (and ASCII-compatible encodings), or, when
    the document's first bytes hold a NUL as UTF-16 and UTF-32 do, those in either byte order."""
    if b"\x00" in data[:4]:
        return tuple(text.encode(e) for e in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))
    return (text.encode("ascii"),)


def _refuse_entity_declarations(data: bytes, source: str) -> None:
    """Refuse <!ENTITY ...> before libxml2 sees it, in any of the encodings it reads."""
    head = data[: 1024 * 1024]
    for marker in _encoded("<!ENTITY", data):
        at = head.find(marker)
        if at >= 0:
            line = head[:at].count(b"\n") + 1 if marker == b"<!ENTITY" else 1
            raise LawdiffError("entity declarations are not allowed (possible XXE or entity "
                               "expansion attack)", source, line, 1)


def _check_depth(tree: etree._ElementTree, source: str, limits: Limits) -> None:
    if limits.max_depth == DEFAULT_MAX_DEPTH:
        return  # libxml2 already refused anything deeper
    root = tree.getroot()
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > limits.max_depth:
            raise LawdiffError(f"elements nested deeper than {limits.max_depth}",
                               source, el.sourceline or 1, 1)
        stack.extend((c, depth + 1) for c in el)
