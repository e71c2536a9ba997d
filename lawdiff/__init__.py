"""lawdiff: parse, compare and amend legislation.

    >>> import lawdiff
    >>> doc = lawdiff.load("example:surveillance-act")
    >>> doc.find("s. 2(1)").citation
    's. 2(1)'
"""

from __future__ import annotations

from .errors import CitationNotFound, LawdiffError
from .formats import parse_bytes
from .formats.xmlsafe import Limits
from .model import Document, Metadata, Provision
from .sources import cached_source, read_source
from .sources.fetch import SourceOptions

from .version import __version__


def load(ref: str, fmt: str = "auto", limits: Limits = Limits(), sources: SourceOptions | None = None) -> Document:
    """Load a document from a file path, ``example:NAME``, or a legislation.gov.uk identifier,
    URL or catalogue name ("ukpga/2016/25/enacted", "RIPA section 22")."""
    name, data = read_source(ref, limits, sources)
    try:
        return parse_bytes(data, name, fmt, limits)
    except LawdiffError as exc:
        cached = cached_source(ref, sources)
        if cached is None:
            raise
        # the copy kept from an earlier fetch is damaged: say where it is, and how to recover
        raise LawdiffError(f"{exc.message} (in the cached copy {cached}: delete it to fetch the document again)",
                           exc.source, exc.line, exc.column) from None


__all__ = ["CitationNotFound", "Document", "LawdiffError", "Limits", "Metadata", "Provision", "SourceOptions",
           "__version__", "load", "parse_bytes"]
