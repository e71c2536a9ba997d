"""The document model: one tree for every source format."""

from .citation import ProvisionRef, parse_citation
from .conventions import Conventions, conventions_for
from .document import Document, Metadata
from .provision import Annotation, Provision, Quote

__all__ = [
    "Annotation", "ProvisionRef", "Conventions", "Document", "Metadata", "Provision", "Quote",
    "conventions_for", "parse_citation",
]
