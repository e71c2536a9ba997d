"""Content fingerprints of provisions, and how alike two provisions are.

Each word becomes one character (the same word, the same character, in both
documents), so a provision's words are a short string and rapidfuzz compares
two of them in C at word level. A subtree's fingerprint is its own words
followed by its children's: numbers and labels are left out, so renumbering
alone does not make a provision look different.
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz.distance import Indel

from ..model import Provision
from .textdiff import WordCodec

_WORD = re.compile(r"\w+")


def own_words(p: Provision) -> str:
    """The words a reader compares: heading, then text with any quoted amendments in place."""
    parts = [p.heading or "", p.text_with_quotes("chapeau"), p.text_with_quotes("continuation")]
    return " ".join(x for x in parts if x)


class Fingerprints:
    """Word-character fingerprints for the provisions of two documents, computed once."""

    def __init__(self) -> None:
        self._codec = WordCodec()
        self.own: dict[int, str] = {}
        self.tree: dict[int, str] = {}

    def _encode(self, text: str) -> str:
        return self._codec.encode(_WORD.findall(text.casefold()))

    def add(self, p: Provision) -> str:
        """Fingerprint ``p`` and everything under it; returns the subtree's fingerprint."""
        own = self._encode(own_words(p))
        self.own[id(p)] = own
        tree = own + "".join([self.add(c) for c in p.children])
        self.tree[id(p)] = tree
        return tree

    def of(self, p: Provision) -> str:
        found = self.tree.get(id(p))
        return found if found is not None else self.add(p)

    def similarity(self, a: str, b: str, cutoff: float = 0.0) -> float:
        """1.0 for the same words in the same order, 0.0 for nothing in common."""
        if a == b:
            return 1.0
        if not a or not b:
            return 0.0
        # Indel similarity can be no higher than this: skip the work when it cannot reach the cutoff.
        if cutoff and 2 * min(len(a), len(b)) / (len(a) + len(b)) < cutoff:
            return 0.0
        return Indel.normalized_similarity(a, b, score_cutoff=cutoff or None)


def candidates(olds: list[str], news: list[str], per_item: int = 8) -> list[tuple[int, int]]:
    """Pairs (old index, new index) worth comparing: those sharing rare three-word runs.

    Comparing every old provision with every new one is quadratic; an index of
    word trigrams finds the few that share wording, as a plagiarism checker would.
    """
    if len(olds) * len(news) <= 64:
        return [(i, j) for i in range(len(olds)) for j in range(len(news))]
    index: dict[str, list[int]] = {}
    for j, text in enumerate(news):
        for gram in _grams(text):
            index.setdefault(gram, []).append(j)
    limit = max(8, len(news) // 10)  # trigrams in more than a tenth of provisions say nothing
    pairs = []
    for i, text in enumerate(olds):
        shared: Counter[int] = Counter()
        for gram in _grams(text):
            hits = index.get(gram)
            if hits is not None and len(hits) <= limit:
                shared.update(hits)
        best = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:per_item]
        pairs.extend((i, j) for j, _ in best)
    return sorted(set(pairs))


def _grams(text: str) -> set[str]:
    if len(text) < 3:
        return {text} if text else set()
    return {text[k : k + 3] for k in range(len(text) - 2)}
