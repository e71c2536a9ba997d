"""Which topics a provision is about, and why.

A provision is scored from the words of its taxonomy terms found in its
heading (counted double), its own text and quoted amendments (single), its
ancestors' headings (half), and the defined terms it uses that a topic lists.
Each term adds its weight, damped for repeats (1 + ln n), so a long section
that says "warrant" forty times does not drown one that names the power it is
about; a subtopic's score also counts, at half, for its parent. The raw score
r becomes r / (r + 8), between 0 and 1. Every point of a score is evidence a
reader can check: the term, where it was found and how often. A topic may name a
context ("warrant" for the modification of warrants): its terms count only where
one of those words is in the provision, its headings or the document's title, or
the document is about it (one heading in twenty names it).

    >>> import lawdiff
    >>> act = lawdiff.load("example:surveillance-act")
    >>> c = Classifier(load_taxonomy()).classify_document(act)
    >>> [(x.provision.citation, x.primary) for x in c][:2]
    [('s. 1', 'operator_obligations'), ('s. 2', 'disclosure_restrictions')]
    >>> best = c[1].scores[0]
    >>> best.score, [(e.term, e.where, e.points) for e in best.evidence]
    (0.652, [('not to disclose', 'heading', 10.0), ('must not disclose', 'text', 5.0)])
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..model import Document, Provision
from .glossary import glossary
from .taxonomy import Taxonomy, Topic, load_taxonomy

HEADING, TEXT, ANCESTOR, DEFINED = "heading", "text", "ancestor heading", "defined term"
FACTORS = {HEADING: 2.0, TEXT: 1.0, ANCESTOR: 0.5, DEFINED: 1.0}
DEFINED_WEIGHT = 3.0
SCALE = 8.0
DOCUMENT_SHARE = 0.05  # of a document's headings naming a topic's context, for the whole document to be about it


@dataclass(frozen=True)
class Evidence:
    term: str
    where: str
    count: int
    points: float


@dataclass(frozen=True)
class TopicScore:
    topic: Topic
    score: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Classification:
    provision: Provision
    scores: tuple[TopicScore, ...]  # best first, only those at or above the threshold

    @property
    def primary(self) -> str | None:
        """The best top-level topic, or None when nothing reaches the threshold."""
        tops = [s for s in self.scores if "." not in s.topic.id]
        return tops[0].topic.id if tops else None

    def topic_ids(self) -> list[str]:
        return [s.topic.id for s in self.scores]

    def has(self, topic_id: str) -> bool:
        return any(s.topic.id == topic_id or s.topic.id.startswith(topic_id + ".") for s in self.scores)


class Classifier:
    def __init__(self, taxonomy: Taxonomy | None = None, threshold: float = 0.35) -> None:
        self.taxonomy = taxonomy or load_taxonomy()
        self.threshold = threshold
        self._by_phrase: dict[str, list[tuple[str, float]]] = {}
        for topic in self.taxonomy.topics:
            for phrase, weight in topic.terms:
                self._by_phrase.setdefault(phrase.casefold(), []).append((topic.id, weight))
        # One pattern for every phrase, longest first, so "bulk interception warrant" wins over "warrant".
        phrases = sorted(self._by_phrase, key=lambda p: (-len(p), p))
        # ... and a plural of any phrase counts as the phrase ("Commissioners", "notices").
        body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) + "(?:s|es)?" for p in phrases)
        self._pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
        self._topics = {t.id: t for t in self.taxonomy.topics}
        # each topic's context (its own, or its nearest ancestor's), as one pattern
        self._context: dict[str, re.Pattern | None] = {}
        for topic in self.taxonomy.topics:
            context, parent = topic.context, topic.parent
            while not context and parent:
                context, parent = self._topics[parent].context, self._topics[parent].parent
            self._context[topic.id] = re.compile(
                r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, c.split())) for c in context) + r")",
                re.IGNORECASE) if context else None

    def _phrase(self, matched: str) -> str:
        """The taxonomy phrase a match stands for: itself, or itself without a plural ending."""
        for key in (matched, matched[:-1], matched[:-2]):
            if key in self._by_phrase:
                return key
        return matched

    def classify_document(self, doc: Document, level: str = "sections") -> list[Classification]:
        """Sections (and schedule paragraphs), or with ``level="all"`` every provision below them too."""
        defined = {d.term.casefold() for d in glossary(doc)}
        title = " ".join(x for x in (doc.title, doc.meta.short_title or "") if x)
        around = self.document_contexts(doc)
        out: list[Classification] = []

        def visit(p: Provision, ancestors: list[str]) -> None:
            if p.level >= 1 and (level == "all" or p.level == 1):
                out.append(self.classify(p, ancestors, defined, title, around))
                if level != "all":
                    return
            headings = ancestors + ([p.heading] if p.heading else [])
            for child in p.children:
                visit(child, headings)

        for top in doc.body + doc.schedules:
            visit(top, [])
        return out

    def document_contexts(self, doc: Document) -> frozenset[str]:
        """The topics whose context the whole document is about: named in its title, or in at
        least one in twenty of its section and Part headings (the IP(A)A 2024: 17 of 60 name a
        warrant or the like; FSMA 2023: 1 of 371)."""
        title = " ".join(x for x in (doc.title, doc.meta.short_title or "") if x)
        headings = [p.heading for p in doc.walk() if p.heading and p.level <= 1]
        out = set()
        for topic_id, pattern in self._context.items():
            if pattern is None:
                continue
            if pattern.search(title) or (headings and sum(1 for h in headings if pattern.search(h))
                                         >= max(1, len(headings) * DOCUMENT_SHARE)):
                out.add(topic_id)
        return frozenset(out)

    def classify(self, p: Provision, ancestor_headings: list[str] = (), defined: set[str] = frozenset(),
                 document_title: str = "", document_contexts: frozenset[str] = frozenset()) -> Classification:
        raw: dict[str, float] = {}
        evidence: dict[str, list[Evidence]] = {}

        def score(text: str, where: str) -> None:
            counts: dict[str, int] = {}
            for m in self._pattern.finditer(text):
                key = self._phrase(" ".join(m.group(0).split()).casefold())
                counts[key] = counts.get(key, 0) + 1
            for phrase, n in counts.items():
                for topic_id, weight in self._by_phrase.get(phrase, ()):
                    points = weight * FACTORS[where] * (1 + math.log(n))
                    raw[topic_id] = raw.get(topic_id, 0.0) + points
                    evidence.setdefault(topic_id, []).append(Evidence(phrase, where, n, round(points, 2)))

        if p.heading:
            score(p.heading, HEADING)
        body = _words(p)
        score(body, TEXT)
        for heading in ancestor_headings:
            score(heading, ANCESTOR)
        if defined:
            lowered = body.casefold()
            for topic in self.taxonomy.topics:
                for term in topic.defined_terms:
                    if term.casefold() in defined and re.search(rf"(?<!\w){re.escape(term.casefold())}(?!\w)",
                                                                lowered):
                        points = DEFINED_WEIGHT * FACTORS[DEFINED]
                        raw[topic.id] = raw.get(topic.id, 0.0) + points
                        evidence.setdefault(topic.id, []).append(Evidence(term, DEFINED, 1, points))
        # a topic whose context is nowhere around does not count: FSMA's "modifications" are not a warrant's
        around = None
        for topic_id in list(raw):
            pattern = self._context[topic_id]
            if pattern is None or topic_id in document_contexts:
                continue
            if around is None:
                around = "\n".join([p.heading or "", body, document_title, *ancestor_headings])
            if not pattern.search(around):
                del raw[topic_id]
                evidence.pop(topic_id, None)
        # a subtopic is evidence for its parent, at half weight
        total = dict(raw)
        for topic_id, value in raw.items():
            parent = self._topics[topic_id].parent
            while parent:
                total[parent] = total.get(parent, 0.0) + value / 2
                evidence.setdefault(parent, [])
                parent = self._topics[parent].parent
        scores = []
        for topic_id, value in total.items():
            s = value / (value + SCALE)
            if s >= self.threshold:
                own = sorted(evidence.get(topic_id, []), key=lambda e: (-e.points, e.term, e.where))
                scores.append(TopicScore(self._topics[topic_id], round(s, 3), tuple(own)))
        scores.sort(key=lambda s: (-s.score, s.topic.id))
        return Classification(p, tuple(scores))


def _words(p: Provision) -> str:
    """Everything a provision says: its text, quoted amendments, and its children's, with headings."""
    parts = []
    for node in p.walk():
        if node is not p and node.heading:
            parts.append(node.heading)
        for where in ("chapeau", "continuation"):
            text = node.text_with_quotes(where)
            if text:
                parts.append(text)
    return "\n".join(parts)
