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
from .sources import read_source

__version__ = "0.1.0"


def load(ref: str, fmt: str = "auto", limits: Limits = Limits()) -> Document:
    """Load a document from a file path or ``example:NAME``."""
    name, data = read_source(ref, limits)
    return parse_bytes(data, name, fmt, limits)


__all__ = ["CitationNotFound", "Document", "LawdiffError", "Limits", "Metadata", "Provision",
           "__version__", "load", "parse_bytes"]
