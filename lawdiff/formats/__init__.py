"""Source formats: detect which one a file is in, and parse it into a Document.

    >>> from lawdiff.formats import parse_bytes
    >>> doc = parse_bytes(open("lawdiff/examples/surveillance-act.clml.xml", "rb").read(),
    ...                   "surveillance-act.clml.xml")          # doctest: +SKIP
"""

from __future__ import annotations

import gc

from lxml import etree

from ..errors import LawdiffError
from ..model.document import Document
from . import akn, clml, uslm
from .xmlsafe import Limits, parse_xml

FORMATS = ("clml", "akn", "uslm")

_BY_NAMESPACE = {
    clml.NS: "clml",
    akn.NS3: "akn",
    akn.NS2: "akn",
    uslm.NS1: "uslm",
    uslm.NS2: "uslm",
}
_ROOTS = {"clml": {"Legislation"}, "akn": {"akomaNtoso"}, "uslm": {"uscDoc", "bill", "resolution", "lawDoc",
                                                                    "amendment", "statutesAtLarge", "pLaw"}}
_PARSERS = {"clml": clml.parse, "akn": akn.parse, "uslm": uslm.parse}


def detect(root: etree._Element) -> str | None:
    """The format of a parsed root element, or None."""
    qname = etree.QName(root)
    fmt = _BY_NAMESPACE.get(qname.namespace or "")
    if fmt and qname.localname in _ROOTS[fmt]:
        return fmt
    return None


def parse_tree(tree: etree._ElementTree, source: str, fmt: str = "auto") -> Document:
    root = tree.getroot()
    found = detect(root)
    if fmt == "auto":
        if found is None:
            qname = etree.QName(root)
            ns = f"{{{qname.namespace}}}" if qname.namespace else "no namespace "
            raise LawdiffError(
                f"unknown root element {ns}{qname.localname}: not CLML, Akoma Ntoso or USLM",
                source, root.sourceline or 1, 1)
        fmt = found
    elif fmt not in _PARSERS:
        raise LawdiffError(f"unknown format {fmt!r}: expected one of auto, {', '.join(FORMATS)}")
    elif found != fmt:
        raise LawdiffError(f"root element {etree.QName(root).localname} is not {fmt.upper()}"
                           + (f" (it looks like {found.upper()})" if found else ""),
                           source, root.sourceline or 1, 1)
    # The tree is tens of thousands of new objects, none of them cyclic garbage: pausing the
    # cyclic collector while building it saves it from re-scanning them again and again.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _PARSERS[fmt](tree, source)
    finally:
        if paused:
            gc.enable()


def parse_bytes(data: bytes, source: str = "<bytes>", fmt: str = "auto", limits: Limits = Limits()) -> Document:
    """Parse a document from its bytes. ``source`` names it in messages."""
    tree = parse_xml(data, source, limits)
    return parse_tree(tree, source, fmt)


__all__ = ["FORMATS", "Limits", "detect", "parse_bytes", "parse_tree"]
