"""Investigatory powers topics: which provisions are about which power, and what terms mean.

:mod:`.taxonomy` loads the topic map (``statutes/topics.toml`` or a user's own),
:mod:`.classify` scores provisions against it with evidence, and :mod:`.glossary`
collects defined terms. The package is also the API call of its name:
``lawdiff.topics(document)`` is :func:`lawdiff.api.topics`.

    >>> import lawdiff
    >>> [c.provision.citation for c in lawdiff.topics("example:surveillance-act", "communications_data.retention")]
    ['s. 1']
"""

from __future__ import annotations

from ..lazy import exports
# (imported now: the function glossary has its module's name, which importing the module would rebind)
from .glossary import Definition, define, glossary

_NAMES = {"Classification": "classify", "Classifier": "classify", "Evidence": "classify", "TopicScore": "classify",
          "Taxonomy": "taxonomy", "Topic": "taxonomy", "load_taxonomy": "taxonomy"}
__getattr__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES) + ["Definition", "define", "glossary"]
