"""What an instruction does: "after “X” insert", "for subsection (1) substitute—",
"paragraph (c) is repealed", "the words “X” become paragraph (a)", each read into a
plain dict of its parts.

    >>> [(a["name"], a["anchor"], a["new"]) for a in parse_instruction("after “debtor” insert “or creditor”")]
    [('words-insert', 'debtor', 'or creditor')]
"""

from __future__ import annotations

import re

from ..model import Provision
from .places import refs_between
from .wording import BLOCK, Q, modernise, split_quotes, unparenthesise


_OCC = (r"(?:,?\s*(?P<occ>(?:in|where)\s+(?:the\s+)?\w+\s+(?:place|places)(?:\s+(?:in\s+which\s+|where\s+)?it\s+"
        r"(?:occurs|appears))?|wherever\s+it\s+(?:occurs|appears)))?")
_STRUCT = (r"(?P<unit2>section|subsection|paragraph|sub-paragraph|subparagraph|clause|schedule|step|the\s+schedule|"
           r"regulation|article|part|chapter|point)s?"
           r"\s*(?P<ref2>[\dA-Z]*(?:\s*\(\w+\))*)(?P<more>(?:\s*(?:,\s*and|,|and|to)\s+(?:\d[\dA-Z]*|\(\w+\))(?:\s*\(\w+\))*)*)"
           r"(?:\s+of\s+(?P<of_unit>subsection|paragraph)\s*(?P<of_ref>\(\w+\)))?"
           r"(?:\s+of\s+(?:the\s+)?(?P<sched_word>schedule)(?:\s+(?P<sched2>\d+[A-Z]*))?)?"
           r"(?:\s+of\s+that\s+(?:section|article|regulation|rule))?")  # the one named before: see effects
_OF_ACT = r"(?:,?\s+(?:of|to)\s+(?P<ofact>(?:the\s+)?[A-Z][\w’'(),.\s-]*?\d{4}|the\s+\d{4}\s+(?:Act|Order|Regulations)))?"


_ACTIONS: list[tuple[str, str]] = [
    # (name, pattern over the instruction with quotes taken out)
    ("redesignate", r"by\s+redesignating\s+" + _STRUCT + r"\s+as\s+(?:subsection|paragraph|subparagraph|clause|"
                    r"section)s?\s*\((?P<newnum>\w+)\)"),
    ("final-punctuation", r"by\s+striking\s+the\s+(?P<punct>period|comma|semicolon|colon)\s+at\s+the\s+end\s+and\s+"
                          r"inserting\b"),
    ("heading-becomes", r"(?:the\s+)?(?:heading|title)(?:\s+(?:of|to)\s+(?:the\s+)?(?P<hunit>section|schedule|part|chapter)"
                        r"(?:\s+(?P<href>\d+[A-Z]*))?)?\s+becomes\s+" + Q.replace("(", "(?P<new>", 1)),
    ("crossheading", r"in\s+the\s+(?:italic\s+|cross-?)heading\s+(?:before|above)\s+section\s+(?P<xsec>\d+[A-Z]*),?\s+"
                     r"for\s+" + Q.replace("(", "(?P<anchor>", 1) + r"\s+substitute\s+" + Q.replace("(", "(?P<new>", 1)),
    ("become-paragraph", r"the\s+words\s+(?:from\s+" + Q.replace("(", "(?P<anchor>", 1) + r"\s+to\s+(?:the\s+end|"
                         + Q.replace("(", "(?P<anchor_end>", 1) + r")|"
                         + Q.replace("(", "(?P<anchor2>", 1) + r")\s+become\s+(?:sub-paragraph|paragraph|subsection)"
                         r"\s+\((?P<newnum>\w+)\)"),
    ("become-paragraph-all", r"the\s+existing\s+(?:words|text)(?:\s+of\s+(?P<unit2>section|paragraph)\s+"
                             r"(?P<ref2>\d+[A-Z]*))?\s+(?:becomes?|is\s+renumbered\s+as)\s+"
                             r"(?:sub-paragraph|paragraph|subsection)\s+\((?P<newnum>\w+)\)"),
    ("become-paragraph-after", r"the\s+words\s+after\s+(?:the\s+(?P<ord>first|second|third|last)\s+)?"
                               + Q.replace("(", "(?P<anchor>", 1) + r"(?:\s+to\s+(?:the\s+(?P<ord2>first|second|third|last)"
                               r"\s+)?" + Q.replace("(", "(?P<anchor_end>", 1) + r")?\s+become\s+"
                               r"(?:sub-paragraph|paragraph|subsection)\s+\((?P<newnum>\w+)\)"),
    ("after-that", r"after\s+that\s+(?:sub-paragraph|paragraph|subsection),?\s+insert\b"),
    ("definition-repealed", r"the\s+definition\s+of\s+" + Q.replace("(", "(?P<defn>", 1)
                            + r"\s+(?:is|are)\s+(?:repealed|omitted)"),
    ("definition-omit", r"(?:omit|leave\s+out)\s+the\s+definition\s+of\s+" + Q.replace("(", "(?P<defn>", 1)),
    ("words-repealed", r"the\s+words?\s+" + Q.replace("(", "(?P<anchor>", 1)
                       + r"(?P<after>\s+immediately\s+(?:following|preceding|after|before)\s+" + _STRUCT + r")?"
                       + _OCC + r",?\s+(?:is|are)\s+(?:repealed|omitted)"),
    ("words-omit-near", r"(?:omit|leave\s+out)\s+the\s+(?:words?\s+)?" + Q.replace("(", "(?P<anchor>", 1)
                        + r"\s+(?P<after>(?:immediately\s+)?(?:after|following|before|preceding|at\s+the\s+end\s+of)\s+"
                        + _STRUCT + r")"),
    ("struct-insert", r"(?P<loc>after|before)\s+(?:the\s+definition\s+of\s+" + Q.replace("(", "(?P<defn>", 1)
                      + r"|" + _STRUCT + _OF_ACT + r"),?\s+insert\b"),
    ("appropriate-place", r"(?:(?:at|in)\s+the\s+appropriate\s+places?,?\s+insert|"
                          r"insert,?\s+(?:at|in)\s+the\s+appropriate\s+places?)\b"),
    ("heading-substitute", r"for\s+the\s+(?:heading|title)(?:\s+(?:of|to)\s+(?:the\s+)?(?:section|schedule|part|chapter))?"
                           r",?\s+substitute\b"),
    ("definition-substitute", r"for\s+the\s+definition\s+of\s+" + Q.replace("(", "(?P<defn>", 1) + r",?\s+substitute\b"),
    ("struct-substitute", r"for\s+" + _STRUCT + _OF_ACT + r",?\s+substitute\b"),
    ("struct-omit", r"(?:omit|leave\s+out)\s+" + _STRUCT + r"(?!\s*‹)"),
    ("struct-repealed", _STRUCT + _OF_ACT + r"\s+(?:is|are)\s+(?:repealed|omitted)"),
    ("words-insert", r"(?P<loc>after|before)\s+(?:(?P<ord>first|second|third|last)\s+)?"
                     + Q.replace("(", "(?P<anchor>", 1) + _OCC + r",?\s+insert\b"),
    ("words-insert-older", r"\binsert,?\s+(?P<loc>after|before)\s+" + Q.replace("(", "(?P<anchor>", 1) + _OCC + r",?"),
    # "insert “and” after paragraph (a)": words at the end of that paragraph
    ("words-after-provision", r"\binsert\s+" + Q.replace("(", "(?P<new>", 1) + r"\s+after\s+" + _STRUCT + r"(?!\s*‹)"),
    ("edge-insert", r"at\s+(?:the\s+)?(?P<edge>beginning|end)(?:\s+of\s+(?:that\s+\w+|" + _STRUCT + _OF_ACT + r"))?,?\s+"
                    r"insert\b"),
    ("words-substitute-range", r"for\s+the\s+words\s+from\s+" + Q.replace("(", "(?P<anchor>", 1) + r"\s+to\s+"
                               + r"(?:" + Q.replace("(", "(?P<anchor_end>", 1) + r"|the\s+end(?:\s+of\s+[^‹]*?)?)"
                               + r",?\s+substitute\b"),
    ("words-substitute-after", r"for\s+the\s+words\s+after\s+(?:the\s+(?P<ord>first|second|third|last)\s+)?"
                               + Q.replace("(", "(?P<anchor>", 1) + r"(?:\s+to\s+the\s+end(?:\s+of\s+[^‹]*?)?)?"
                               + r",?\s+substitute\b"),
    ("words-substitute-from-beginning", r"for\s+the\s+words\s+from\s+the\s+beginning(?:\s+of\s+[^‹]*?)?\s+to\s+"
                                        + Q.replace("(", "(?P<anchor>", 1) + r",?\s+substitute\b"),
    ("words-substitute-to-end", r"for\s+" + Q.replace("(", "(?P<anchor>", 1) + r"\s+to\s+the\s+end(?:\s+of\s+[^‹]*?)?"
                                + r",?\s+substitute\b"),
    # "for the “and” after sub-paragraph (iv) substitute “or”": the one at the end of (iv) (or the first of the next)
    ("words-substitute-near", r"for\s+the\s+(?:words?\s+)?" + Q.replace("(", "(?P<anchor>", 1)
                              + r"\s+(?P<after>(?:immediately\s+)?(?:after|following|before|preceding|at\s+the\s+end\s+of)\s+"
                              + _STRUCT + r"),?\s+substitute\b"),
    ("words-substitute", r"for\s+(?:the\s+words?\s+)?" + Q.replace("(", "(?P<anchor>", 1) + _OCC + r",?\s+substitute\b"),
    ("words-omit-range", r"(?:omit|leave\s+out)\s+(?:the\s+words\s+)?from\s+" + Q.replace("(", "(?P<anchor>", 1)
                         + r"\s+to\s+(?:" + Q.replace("(", "(?P<anchor_end>", 1) + r"|the\s+end[^‹;]*)"),
    ("words-range-repealed", r"the\s+words\s+from\s+" + Q.replace("(", "(?P<anchor>", 1) + r"\s+to\s+(?:"
                             + Q.replace("(", "(?P<anchor_end>", 1) + r"|the\s+end(?:\s+of\s+[^‹;]*?)?)"
                             + r"\s+(?:is|are)\s+(?:repealed|omitted)"),
    # "omit the words after “one pound”": from there to the end
    ("words-omit-after", r"(?:omit|leave\s+out)\s+the\s+words\s+after\s+(?:the\s+(?P<ord>first|second|third|last)\s+)?"
                         + Q.replace("(", "(?P<anchor>", 1)),
    ("words-omit", r"(?:omit|leave\s+out)\s+(?:the\s+words?\s+)?" + Q.replace("(", "(?P<anchor>", 1) + _OCC),
]


_COMPILED = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _ACTIONS]


def _quote_after(skeleton: str, end: int) -> int | None:
    m = re.compile(r"\s*[—–-]?\s*" + Q).match(skeleton, end)
    return int(m.group(1)) if m else None


def _unit(name: str | None) -> str:
    name = (name or "").lower().replace("the ", "").strip()
    return "paragraph" if name == "point" else name  # the "points" of retained EU law: its paragraphs


def parse_instruction(text: str, block_provisions: tuple[Provision, ...] = (), blocks: list[str] = ()) -> list[dict]:
    """The actions in one instruction, in order, as plain dicts (see :func:`extract`).
    ``blocks`` are the texts of block quotes, which the text holds as “⟦n⟧”."""
    skeleton, quotes = split_quotes(text)
    skeleton = modernise(unparenthesise(skeleton))
    quotes = [BLOCK.sub(lambda m: blocks[int(m.group(1))] if int(m.group(1)) < len(blocks) else m.group(0), q)
              for q in quotes]
    found: list[tuple[int, int, str, re.Match]] = []
    for name, pattern in _COMPILED:
        for m in pattern.finditer(skeleton):
            if any(m.start() < e and s < m.end() for s, e, _, _ in found):
                continue
            found.append((m.start(), m.end(), name, m))
    actions = []
    for start, end, name, m in sorted(found, key=lambda f: f[0]):
        g = m.groupdict()

        def q(key: str) -> str | None:
            value = g.get(key)
            return quotes[int(value)] if value is not None else None

        new_index = _quote_after(skeleton, end)
        new = quotes[new_index] if new_index is not None else None
        action = {"name": name, "before": skeleton[:start], "matched": skeleton[start:end],
                  "anchor": q("anchor") or q("anchor2"),
                  "anchor_end": q("anchor_end"), "occurrence": g.get("occ"), "new": q("new") or new,
                  "loc": (g.get("loc") or "").lower(), "edge": g.get("edge"), "unit": _unit(g.get("unit2")),
                  "ref": (g.get("ref2") or "").replace(" ", ""), "defn": q("defn"), "xsec": g.get("xsec"),
                  "newnum": g.get("newnum"), "after": g.get("after"), "structure": block_provisions,
                  "hunit": g.get("hunit"), "href": g.get("href"), "ofact": g.get("ofact"), "punct": g.get("punct"),
                  "sched2": g.get("sched2"), "sched_word": g.get("sched_word"), "of_unit": g.get("of_unit"), "of_ref": g.get("of_ref"),
                  "more": [(conj.lower(), ref.replace(" ", "")) for conj, ref in _MORE.findall(g.get("more") or "")]}
        if g.get("ord") and not action["occurrence"]:  # 'after second “system” insert'
            action["occurrence"] = f"in the {g['ord'].lower()} place it occurs"
        actions.append(action)
    return actions


def each_provision(action: dict) -> list[dict]:
    """"omit paragraphs (b) and (c)" and "sections 89B to 89G are repealed" name several provisions:
    one action each. "For subsections (2) and (3) substitute—" puts the new text in place of the
    first and omits the others, which is what it does."""
    if not action.get("more") or action["name"] not in ("struct-omit", "struct-repealed", "struct-substitute"):
        return [action]
    refs = [action["ref"]]
    for conj, ref in action["more"]:  # "paragraphs 1 to 4 and 9": 1, 2, 3, 4, 9
        refs.extend(refs_between(refs[-1], ref, conj)[1:])
    out = [{**action, "ref": refs[0], "more": []}]
    rest = {**action, "name": "struct-omit", "new": None, "structure": ()} \
        if action["name"] == "struct-substitute" else action
    return out + [{**rest, "ref": ref, "more": []} for ref in refs[1:]]


_MORE = re.compile(r"(,\s*and|,|and|to)\s+((?:\d[\dA-Z]*|\(\w+\))(?:\s*\(\w+\))*)", re.IGNORECASE)
_VERB = re.compile(r"\b(?:insert|substitute)\b|\bby\s+(?:striking|inserting|adding|redesignating)\b|\bshall\s+be\s+(?:substituted|inserted|added|omitted|repealed)\b|"
                   r"\bshall\s+cease\s+to\s+have\s+effect\b|\bhereby\s+repealed\b|\b(?:omit|leave\s+out)\s+(?:‹|the\s+|words|from|(?:sub-)?paragraph|"
                   r"subsection|section|schedule|part|chapter|step|regulation|article|rule|point)|\b(?:is|are)\s+(?:repealed|omitted)\b|"
                   r"\bbecomes?\s+(?:‹|sub-paragraph|paragraph|subsection)", re.IGNORECASE)


def has_action(skeleton: str) -> bool:
    """Whether the words instruct at all. A general rule ("Whenever an Act is repealed, which
    repealed a former Act, such former Act shall not thereby be revived") speaks of repeal
    without quoting or naming anything to repeal, and is not an instruction."""
    if _GENERAL_RULE.match(skeleton) and "‹" not in skeleton:
        return False
    return bool(_VERB.search(skeleton))


_GENERAL_RULE = re.compile(r"\s*(?:whenever|if|when|unless|where\s+(?:an?|any)\s+(?:Act|enactment|provision|law))\b",
                           re.IGNORECASE)
