"""Investigatory powers topics: which provisions are about which power, and what terms mean.

:mod:`.taxonomy` loads the topic map (``statutes/topics.toml`` or a user's own),
:mod:`.classify` scores provisions against it with evidence, and :mod:`.glossary`
collects defined terms.
"""

from __future__ import annotations

from .classify import Classification, Classifier, Evidence, TopicScore
from .glossary import Definition, define, glossary
from .taxonomy import Taxonomy, Topic, load_taxonomy

__all__ = ["Classification", "Classifier", "Definition", "Evidence", "Taxonomy", "Topic", "TopicScore", "define",
           "glossary", "load_taxonomy"]
