"""lawdiff: parse, compare and amend legislation.

Every command is a call here (see :mod:`lawdiff.api` for the list):

    >>> import lawdiff
    >>> doc = lawdiff.load("example:surveillance-act")
    >>> doc.find("s. 2(1)").citation
    's. 2(1)'
    >>> lawdiff.diff(doc, "example:surveillance-act-amended").identical
    False

Names are imported when first used, so that ``import lawdiff`` (and every command's start) is
quick. ``lawdiff.amend``, ``lawdiff.topics``, ``lawdiff.render`` and ``lawdiff.batch`` are at
once the packages of those names and the API calls: ``lawdiff.amend(target, amending)`` calls
:func:`lawdiff.api.amend`, and ``lawdiff.amend.extract`` is still the package's own;
``lawdiff.batch(manifest)`` calls :func:`lawdiff.batch.runner.run`.
"""

from __future__ import annotations

import types

from . import amend as _amend, batch as _batch, render as _render, topics as _topics  # (each is quick to import)
from .lazy import exports


class _PackageAndCall(types.ModuleType):
    """A package that is also the API call of its name (its own ``_call``, or lawdiff.api's)."""

    def __call__(self, *args, **kwargs):
        own = self.__dict__.get("_call")
        if own is not None:
            return own(*args, **kwargs)
        from . import api

        return getattr(api, self.__name__.rpartition(".")[2])(*args, **kwargs)


for _package in (_amend, _batch, _render, _topics):
    _package.__class__ = _PackageAndCall

_API = ("Amendment", "Catalog", "Comparison", "DocumentLike", "EffectsReport", "Glossary", "Indexed", "Parsed",
        "SearchResults", "Shown", "Store", "TopicList", "TopicReport", "Written", "catalog", "define", "diff", "effects",
        "glossary", "index", "load", "search", "show", "taxonomy")
_NAMES = {**{name: "lawdiff.api" for name in _API}, "CitationNotFound": "lawdiff.errors",
          "LawdiffError": "lawdiff.errors", "parse_bytes": "lawdiff.formats", "Limits": "lawdiff.formats.xmlsafe",
          "Document": "lawdiff.model", "Metadata": "lawdiff.model", "Provision": "lawdiff.model",
          "ProvisionRef": "lawdiff.model", "SourceOptions": "lawdiff.sources.fetch", "__version__": "lawdiff.version"}
__getattr__ = exports(__name__, _NAMES, anchor="lawdiff")
__all__ = sorted(_NAMES) + ["amend", "batch", "render", "topics"]


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_NAMES))
