"""The topic taxonomy: what each topic is called, and the words that signal it.

The shipped taxonomy is ``statutes/topics.toml`` (``lawdiff.statutes`` in the
wheel); a user's own file has the same form and is checked the same way, with
errors that name the file and the topic.

    >>> tax = load_taxonomy()
    >>> tax.get("interception.bulk").parent
    'interception'
    >>> tax.get("interception").label
    'Interception'
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from ..errors import LawdiffError

_ID = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\Z")
_FIELDS = {"label", "description", "terms", "defined_terms", "context"}


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    description: str
    terms: tuple[tuple[str, float], ...]
    defined_terms: tuple[str, ...] = ()
    # Words that must be somewhere around (the provision, its headings or the document's title)
    # for the terms to count: "modification" is about warrants only where warrants are. A
    # subtopic without its own context takes its parent's.
    context: tuple[str, ...] = ()

    @property
    def parent(self) -> str | None:
        return self.id.rsplit(".", 1)[0] if "." in self.id else None

    @property
    def top(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[Topic, ...]
    source: str

    def get(self, topic_id: str) -> Topic:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise LawdiffError(f"no topic {topic_id!r} in {self.source}; topics: {', '.join(self.ids())}")

    def ids(self) -> list[str]:
        return [t.id for t in self.topics]

    def resolve(self, name: str) -> Topic:
        """A topic by id or by label, ignoring case: "oversight", "Bulk personal datasets"."""
        wanted = name.strip().casefold().replace(" ", "_")
        for topic in self.topics:
            if topic.id.casefold() == wanted or topic.label.casefold().replace(" ", "_") == wanted:
                return topic
        return self.get(name)


def load_taxonomy(path: str | None = None) -> Taxonomy:
    """The shipped taxonomy, or the TOML file at ``path`` (checked, with clear errors)."""
    if path is None:
        source = "statutes/topics.toml"
        text = resources.files("lawdiff.statutes").joinpath("topics.toml").read_text(encoding="utf-8")
    else:
        source = path
        try:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        except FileNotFoundError:
            raise LawdiffError("no such taxonomy file", path) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise LawdiffError(f"cannot read the taxonomy: {exc}", path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LawdiffError(f"taxonomy is not valid TOML: {exc}", source) from None
    topics = [_topic(topic_id, value, source) for topic_id, value in _flatten(data, source)]
    ids = {t.id for t in topics}
    for t in topics:
        if t.parent and t.parent not in ids:
            raise LawdiffError(f"topic {t.id!r} is a subtopic of {t.parent!r}, which is not defined", source)
    if not topics:
        raise LawdiffError("taxonomy defines no topics", source)
    return Taxonomy(tuple(topics), source)


def _flatten(data: dict, source: str, prefix: str = ""):
    """[topic.subtopic] tables nest in TOML; yield them flat, parents first."""
    for key, value in data.items():
        topic_id = f"{prefix}.{key}" if prefix else key
        if not isinstance(value, dict):
            raise LawdiffError(f"{topic_id!r} should be a table of topic fields", source)
        own = {k: v for k, v in value.items() if not (isinstance(v, dict) and k not in _FIELDS)}
        if own or len(own) == len(value):  # [a.b] alone makes an empty "a": not a topic
            yield topic_id, own
        for sub_key, sub in value.items():
            if isinstance(sub, dict) and sub_key not in _FIELDS:
                yield from _flatten({sub_key: sub}, source, topic_id)


def _topic(topic_id: str, value: dict, source: str) -> Topic:
    where = f"topic {topic_id!r}"
    if not _ID.match(topic_id):
        raise LawdiffError(f"{where}: ids are lower-case words joined by _ (and . for subtopics)", source)
    unknown = set(value) - _FIELDS
    if unknown:
        raise LawdiffError(f"{where}: unknown field(s) {', '.join(sorted(unknown))} "
                           f"(expected {', '.join(sorted(_FIELDS))})", source)
    for name in ("label", "description"):
        if not isinstance(value.get(name), str) or not value[name].strip():
            raise LawdiffError(f"{where}: {name} must be a non-empty string", source)
    terms = value.get("terms")
    if not isinstance(terms, dict) or not terms:
        raise LawdiffError(f'{where}: terms must be a table of phrase = weight, e.g. {{ "warrant" = 2 }}', source)
    pairs = []
    for phrase, weight in terms.items():
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= 10:
            raise LawdiffError(f"{where}: the weight of {phrase!r} must be a number from 0 (exclusive) to 10",
                               source)
        if not phrase.strip():
            raise LawdiffError(f"{where}: an empty phrase", source)
        pairs.append((" ".join(phrase.split()), float(weight)))
    defined = value.get("defined_terms", [])
    if not isinstance(defined, list) or not all(isinstance(d, str) for d in defined):
        raise LawdiffError(f"{where}: defined_terms must be a list of strings", source)
    context = value.get("context", [])
    if not isinstance(context, list) or not all(isinstance(c, str) and c.strip() for c in context):
        raise LawdiffError(f"{where}: context must be a list of phrases", source)
    return Topic(topic_id, value["label"].strip(), value["description"].strip(), tuple(pairs), tuple(defined),
                 tuple(" ".join(c.split()) for c in context))
