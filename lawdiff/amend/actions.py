"""What an instruction does: "after “X” insert", "for subsection (1) substitute—",
"paragraph (c) is repealed", "the words “X” become paragraph (a)", each read by the
grammar (:mod:`.grammar`) into the parts of one action; and whether words instruct at all.

    >>> [(a["name"], a["anchor"], a["new"]) for a in parse_instruction("after “debtor” insert “or creditor”")]
    [('words-insert', 'debtor', 'or creditor')]
"""

from __future__ import annotations

import re

from ..model import Provision, ProvisionRef
from .places import refs_between
from .grammar import read


def parse_instruction(text: str, block_provisions: tuple[Provision, ...] = (), blocks: list[str] = ()) -> list[dict]:
    """The actions in one instruction, in order, as read by the grammar (:mod:`.grammar`)."""
    return read(text, block_provisions, blocks)


def each_provision(action: dict) -> list[dict]:
    """"omit paragraphs (b) and (c)" and "sections 89B to 89G are repealed" name several provisions:
    one action each. "For subsections (2) and (3) substitute—" puts the new text in place of the
    first and omits the others, which is what it does."""
    if action["name"] == "redesignate" and action.get("more"):
        return _redesignations(action)
    if action["name"] == "entry-omit" and action.get("defns"):  # "omit the entries for “a”, “b” and “c”"
        return [{**action, "defns": []}] + [{**action, "defn": d, "defns": []} for d in action["defns"]]
    if not action.get("more") or action["name"] not in ("struct-omit", "struct-repealed", "struct-substitute"):
        return [action]
    refs = [action["ref"]]
    for conj, ref in action["more"]:  # "paragraphs 1 to 4 and 9": 1, 2, 3, 4, 9
        refs.extend(refs_between(refs[-1], ref, conj)[1:])
    out = [{**action, "ref": refs[0], "more": []}]
    rest = {**action, "name": "struct-omit", "new": None, "structure": ()} \
        if action["name"] == "struct-substitute" else action
    return out + [{**rest, "ref": ref, "more": []} for ref in refs[1:]]


_VERB = re.compile(r"\b(?:insert|substitute)\b|\bby\s+(?:striking|inserting|adding|redesignating)\b|\bshall\s+be\s+(?:substituted|inserted|added|omitted|repealed)\b|"
                   r"\bshall\s+cease\s+to\s+have\s+effect\b|\bhereby\s+repealed\b|\b(?:omit|leave\s+out)\s+(?:‹|the\s+|words|from|(?:sub-)?paragraph|"
                   r"subsection|section|schedule|part|chapter|step|regulation|article|rule|point)|\b(?:is|are)\s+(?:repealed|omitted|revoked)\b|"
                   r"\bbecomes?\s+(?:‹|sub-paragraph|paragraph|subsection)", re.IGNORECASE)


def _redesignations(action: dict) -> list[dict]:
    """"by redesignating paragraphs (3) and (4) as paragraphs (4) and (5)": (3) as (4), (4) as (5).
    Done from the last, so that no number is taken twice on the way."""
    refs = [action["ref"]]
    for conj, ref in action["more"]:
        refs.extend(refs_between(refs[-1], ref, conj)[1:])
    new = [action["newnum"]] + list(ProvisionRef.subs_of(action.get("newmore")))
    if len(new) != len(refs):  # "paragraphs (3) to (5) as paragraphs (4) to (6)": count through the new ones too
        new = [r.strip("()") for r in refs_between(f"({new[0]})", f"({new[-1]})", "to")]
    pairs = list(zip(refs, new)) if len(new) == len(refs) else [(refs[0], new[0])]
    return [{**action, "ref": ref, "newnum": num, "more": []} for ref, num in reversed(pairs)]


def has_action(skeleton: str) -> bool:
    """Whether the words instruct at all. A general rule ("Whenever an Act is repealed, which
    repealed a former Act, such former Act shall not thereby be revived") speaks of repeal
    without quoting or naming anything to repeal, and is not an instruction."""
    if _GENERAL_RULE.match(skeleton) and "‹" not in skeleton:
        return False
    return bool(_VERB.search(skeleton))


_GENERAL_RULE = re.compile(r"\s*(?:whenever|if|when|unless|where\s+(?:an?|any)\s+(?:Act|enactment|provision|law))\b",
                           re.IGNORECASE)
