"""Word-level text diff: "6 months" to "12 months" is one replaced word.

Text is cut into tokens (words, punctuation, runs of whitespace); each distinct
token becomes one character, diff-match-patch diffs those strings, and semantic
cleanup merges the small equalities that make character diffs unreadable.
Options compare tokens by a *key* rather than their surface: ignore case,
quote style, whitespace, or cross-references that only follow a renumbering.

    >>> ops = word_diff("within 6 months of the day", "within 12 months of the day")
    >>> [(op.op, op.text) for op in ops]
    [('equal', 'within '), ('delete', '6'), ('insert', '12'), ('equal', ' months of the day')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import diff_match_patch

EQUAL, DELETE, INSERT = "equal", "delete", "insert"

_TOKEN = re.compile(r"\s+|\w+(?:[.’']\w+)*|[^\w\s]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "„": '"', "«": '"', "»": '"'})
# Words after which a number is a cross-reference to a provision.
_REFERENCE_WORDS = {
    "section": "section", "sections": "section", "s": "section", "ss": "section",
    "clause": "section", "clauses": "section", "regulation": "section", "regulations": "section",
    "reg": "section", "regs": "section", "article": "section", "articles": "section", "art": "section",
    "sec": "section", "part": "part", "parts": "part", "chapter": "chapter", "chapters": "chapter",
    "schedule": "schedule", "schedules": "schedule", "sch": "schedule",
}
_NUMBER = re.compile(r"\d+[A-Z]*\Z")


@dataclass(frozen=True, slots=True)
class WordOp:
    """One run of a word diff: ``equal``, ``delete`` (old words) or ``insert`` (new words)."""

    op: str
    text: str


@dataclass(frozen=True)
class TextOptions:
    """What a comparison of words ignores.

    ``renumbering`` maps old provision numbers to new ones, by kind ("section",
    "part", "chapter", "schedule"); with ``ignore_renumbering`` a reference such as
    "section 5" that became "section 6" only because section 5 became section 6
    is not a change.
    """

    ignore_whitespace: bool = False
    ignore_case: bool = False
    ignore_quotes: bool = False
    ignore_renumbering: bool = False
    renumbering: dict[str, dict[str, str]] = field(default_factory=dict, compare=False, hash=False)

    def key(self, token: str) -> str:
        if self.ignore_whitespace and token.isspace():
            return " "
        if self.ignore_quotes:
            token = token.translate(_QUOTES)
        if self.ignore_case:
            token = token.casefold()
        return token

    def same(self, old: str, new: str) -> bool:
        """Whether two texts are equal under these options (cheap, before any diff)."""
        if old == new:
            return True
        if not (self.ignore_whitespace or self.ignore_case or self.ignore_quotes or self.ignore_renumbering):
            return False
        return _keys(tokenize(old), self, renumber=True) == _keys(tokenize(new), self, renumber=False)


def tokenize(text: str) -> list[str]:
    """Words, punctuation marks and whitespace runs; joined they give ``text`` back."""
    return _TOKEN.findall(text)


def _keys(tokens: list[str], options: TextOptions, renumber: bool) -> list[str]:
    keys = [options.key(t) for t in tokens]
    if renumber and options.ignore_renumbering and options.renumbering:
        _apply_renumbering(tokens, keys, options)
    return keys


def _apply_renumbering(tokens: list[str], keys: list[str], options: TextOptions) -> None:
    """Rewrite the keys of old numbers in references ("section 5", "ss. 5 and 6") to the new numbers."""
    kind = None
    distance = 0
    for i, token in enumerate(tokens):
        word = token.lower()
        if word in _REFERENCE_WORDS:
            kind, distance = _REFERENCE_WORDS[word], 0
            continue
        if kind is None:
            continue
        if _NUMBER.match(token):
            new = options.renumbering.get(kind, {}).get(token)
            if new is not None:
                keys[i] = options.key(new)  # the key carries the new number; the text stays old
            distance = 0
            continue
        distance += 1
        # "sections 5, 6 and 7", "section 5(2) or 6": references run over a few short tokens
        if distance > 6 or (token.isalpha() and word not in ("and", "or", "to")):
            kind = None


class WordCodec:
    """Maps distinct words (or token keys) to single characters, never surrogates, so that
    C-level string algorithms (diff-match-patch, rapidfuzz) work on words."""

    def __init__(self) -> None:
        self.chars: dict[str, str] = {}

    def char(self, key: str) -> str:
        ch = self.chars.get(key)
        if ch is None:
            code = 0x100 + len(self.chars)
            if code >= 0xD800:
                code += 0x800
            ch = self.chars[key] = chr(code)
        return ch

    def encode(self, keys: list[str]) -> str:
        char = self.char
        return "".join([char(k) for k in keys])


def _engine() -> diff_match_patch.diff_match_patch:
    dmp = diff_match_patch.diff_match_patch()
    dmp.Diff_Timeout = 0  # no time limit: the same inputs must give the same diff on any machine
    return dmp


_DMP = _engine()


def word_diff(old: str, new: str, options: TextOptions = TextOptions()) -> tuple[WordOp, ...]:
    """The word operations that turn ``old`` into ``new``. Equal runs show the new text."""
    if old == new:
        return (WordOp(EQUAL, new),) if new else ()
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    codec = WordCodec()
    a = codec.encode(_keys(old_tokens, options, renumber=True))
    b = codec.encode(_keys(new_tokens, options, renumber=False))
    diffs = _DMP.diff_main(a, b, False)
    _DMP.diff_cleanupSemantic(diffs)
    ops: list[WordOp] = []
    i = j = 0
    for code, chars in diffs:
        n = len(chars)
        if code == 0:
            ops.append(WordOp(EQUAL, "".join(new_tokens[j : j + n])))
            i += n
            j += n
        elif code < 0:
            ops.append(WordOp(DELETE, "".join(old_tokens[i : i + n])))
            i += n
        else:
            ops.append(WordOp(INSERT, "".join(new_tokens[j : j + n])))
            j += n
    return tuple(_tidy(ops))


def _tidy(ops: list[WordOp]) -> list[WordOp]:
    """Deletions before insertions in each replaced run, and adjacent runs of one kind merged."""
    out: list[WordOp] = []
    pending: dict[str, list[str]] = {DELETE: [], INSERT: []}

    def flush() -> None:
        for kind in (DELETE, INSERT):
            if pending[kind]:
                out.append(WordOp(kind, "".join(pending[kind])))
                pending[kind] = []

    for op in ops:
        if not op.text:
            continue
        if op.op == EQUAL:
            flush()
            if out and out[-1].op == EQUAL:
                out[-1] = WordOp(EQUAL, out[-1].text + op.text)
            else:
                out.append(op)
        else:
            pending[op.op].append(op.text)
    flush()
    return out


def is_changed(ops: tuple[WordOp, ...]) -> bool:
    return any(op.op != EQUAL for op in ops)


def old_text(ops: tuple[WordOp, ...]) -> str:
    """The old side of a diff (equal runs are shown in their new form)."""
    return "".join(op.text for op in ops if op.op != INSERT)


def replacements(ops: tuple[WordOp, ...]) -> list[tuple[str, str]]:
    """(old words, new words) for each changed run: ("6", "12"); "" for a pure insertion or deletion."""
    out = []
    i = 0
    while i < len(ops):
        op = ops[i]
        if op.op == DELETE:
            nxt = ops[i + 1] if i + 1 < len(ops) else None
            if nxt is not None and nxt.op == INSERT:
                out.append((op.text, nxt.text))
                i += 2
                continue
            out.append((op.text, ""))
        elif op.op == INSERT:
            out.append(("", op.text))
        i += 1
    return out
