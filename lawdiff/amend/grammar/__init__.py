"""A grammar of amending instructions, on pyparsing.

pyparsing rather than lark: the shared terms (a quotation, a unit, a provision reference,
an Act's name, an occurrence) are Python objects that every rule is built from, so each
is defined once and named results come out of a rule without a tree to walk; and when no
rule reads an instruction, pyparsing says where it stopped and what it expected there,
which is what ``lawdiff effects --explain`` prints.

:func:`read` finds every action an instruction holds, in order, each with the rule that
read it and the words it read:

    >>> [(a["rule"], a["anchor"], a["new"]) for a in read("after “debtor” insert “or creditor”")]
    [('words-insert', 'debtor', 'or creditor')]
    >>> read("In section 4, for “6 months” substitute “12 months”")[0]["matched"]
    'for “6 months” substitute'
    >>> how_far("In section 4, for “6 months” put “12 months”")
    'read “for “6 months””; then expected ‘substitute’ or ‘to’ at “put …”'
"""

from __future__ import annotations

import re

from pyparsing import Group, ParseBaseException, ZeroOrMore

from ...model import Provision
from ..wording import BLOCK, modernise, split_quotes, unparenthesise
from .rules import BY_NAME, RULES, Rule
from .terms import JOINER, _FURTHER

__all__ = ["RULES", "BY_NAME", "Rule", "read", "skeleton_of", "how_far"]

_WORD = re.compile(r"‹|[^\W\d_][\w-]*|\(")
_MORE = ZeroOrMore(Group(JOINER + _FURTHER))
_QUOTE_AFTER = re.compile(r"\s*[—–-]?\s*‹(\d+)›")


def skeleton_of(text: str) -> tuple[str, list[str]]:
    """The instruction as the grammar reads it (quotations as ‹n›, asides out, older drafting
    made modern), and its quotations."""
    skeleton, quotes = split_quotes(text)
    return modernise(unparenthesise(skeleton)), quotes


def restore(skeleton_part: str, quotes: list[str], limit: int = 40) -> str:
    """Words of the skeleton with their quotations put back (long ones cut short)."""
    def quote(m: re.Match) -> str:
        n = int(m.group(1))
        words = " ".join(quotes[n].split()) if n < len(quotes) else "…"
        return f"“{words[:limit]}{'…' if len(words) > limit else ''}”"
    return re.sub(r"‹(\d+)›", quote, skeleton_part)


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _applicable(rule: Rule, lowered: str) -> bool:
    return all(word in lowered for word in rule.needs)


def read(text: str, block_provisions: tuple[Provision, ...] = (), blocks: list[str] = ()) -> list[dict]:
    """Every action in one instruction, in order, as a dict of its parts (see
    :mod:`lawdiff.amend.effects`). ``blocks`` are the texts of block quotes, which the text
    holds as “⟦n⟧”."""
    skeleton, quotes = skeleton_of(text)
    quotes = [BLOCK.sub(lambda m: blocks[int(m.group(1))] if int(m.group(1)) < len(blocks) else m.group(0), q)
              for q in quotes]
    lowered = skeleton.lower()
    starts: dict[str, list[int]] = {}  # each word's places in the skeleton
    for m in _WORD.finditer(lowered):
        starts.setdefault(m.group(), []).append(m.start())
    found: list[tuple[int, int, Rule, object]] = []
    for rule in RULES:
        if not _applicable(rule, lowered):
            continue
        places = sorted({at for word in rule.opens for at in starts.get(word, ())}) if rule.opens is not None \
            else [m.start() for m in _WORD.finditer(lowered)]
        end = -1
        for start in places:
            if start < end:
                continue
            try:  # pyparsing's own step of scan_string, from the places the rule can begin only
                end, tokens = rule.expr._parse(skeleton, start)
            except ParseBaseException:
                end = -1
                continue
            start = _skip_space(skeleton, start)
            if any(start < e and s < end for s, e, _, _ in found):
                continue
            found.append((start, end, rule, tokens))
    return [_action(rule, tokens, skeleton, quotes, start, end, block_provisions)
            for start, end, rule, tokens in sorted(found, key=lambda f: f[0])]


def _action(rule: Rule, t, skeleton: str, quotes: list[str], start: int, end: int,
            block_provisions: tuple[Provision, ...]) -> dict:
    def q(key: str) -> str | None:
        value = t.get(key)
        return quotes[value] if isinstance(value, int) and value < len(quotes) else None

    after = _QUOTE_AFTER.match(skeleton, end)
    new = quotes[int(after.group(1))] if after and int(after.group(1)) < len(quotes) else None
    more = [(conj, ref) for conj, ref in _MORE.parse_string(t.get("more") or "").as_list()] if t.get("more") else []
    action = {
        "name": rule.name, "rule": rule.name, "span": (start, end),
        "before": skeleton[:start], "matched": restore(skeleton[start:end].strip(), quotes),
        "anchor": q("anchor") or q("anchor2"), "anchor_end": q("anchor_end"), "to_end": "to_end" in t,
        "occurrence": t.get("occ"), "new": q("new") or new,
        "loc": (t.get("loc") or "").lower(), "edge": (t.get("edge") or None), "unit": t.get("unit") or "",
        "ref": t.get("ref") or "", "defn": q("defn") or t.get("entry_words"),
        "defns": [quotes[n] for n in t.get("defns", []) if n < len(quotes)], "xsec": t.get("xsec"),
        "newnum": t.get("newnum"), "newmore": t.get("newmore") or "", "after": (t.get("after") or "").strip() or None,
        "structure": block_provisions, "hunit": t.get("hunit"), "href": t.get("href"), "ofact": t.get("ofact"),
        "punct": t.get("punct"), "sched2": t.get("sched2"), "sched_word": t.get("sched_word"),
        "of_unit": t.get("of_unit"), "of_ref": t.get("of_ref"), "more": more,
    }
    if action["edge"]:
        action["edge"] = action["edge"].lower()
    if t.get("ord") and not action["occurrence"]:  # 'after the second “system” insert'
        action["occurrence"] = f"in the {t['ord']} place it occurs"
    return action


# The words that open an instruction's action: where reading it begins, for how_far.
_OPENINGS = re.compile(r"\b(?:for|after|before|omit|leave\s+out|at\s+the|insert|the\s+words?|the\s+definition|by)\b",
                       re.IGNORECASE)


def how_far(text: str) -> str:
    """How far the grammar got with an instruction no rule reads: the words it read, and what
    it expected next. The furthest any rule got, from any place an action could begin."""
    skeleton, quotes = skeleton_of(text)
    furthest, start, expected = 0, 0, []
    for begin in [m.start() for m in _OPENINGS.finditer(skeleton)] or [0]:
        for rule in RULES:
            try:
                rule.expr.parse_string(skeleton[begin:])
            except ParseBaseException as e:
                at = begin + e.loc
                if e.loc > 0 and at > furthest:
                    furthest, start, expected = at, begin, [_expected(e)]
                elif e.loc > 0 and at == furthest and _expected(e) not in expected:
                    expected.append(_expected(e))
    if not expected:
        return f"no rule could begin to read “{restore(skeleton.strip(), quotes)}”"
    at, expected = furthest, " or ".join(sorted(expected))
    read_words = restore(skeleton[start:at].strip(), quotes)
    rest = skeleton[at:].strip()
    tail = f"“{restore(rest.split()[0], quotes)} …”" if rest else "the end"
    return f"read “{read_words}”; then expected {expected} at {tail}"


def _expected(e: ParseBaseException) -> str:
    """What pyparsing expected, by the names the grammar gives its terms."""
    return str(e.msg).removeprefix("Expected ").replace("CaselessKeyword ", "")
