"""The shared terms of amending instructions, each defined once, as pyparsing elements.

Instructions are read as a *skeleton*: each quotation is taken out first and stands as
``‹n›`` (its words may say anything, "omit" included), descriptive asides in brackets
are dropped and older drafting is made modern (:mod:`lawdiff.amend.wording`). So the
terms below only ever see the drafter's own words.

    >>> QUOTATION.parse_string("‹3›")[0]
    3
    >>> REFS.parse_string("(4)(b) and (5)(a) and (b)").as_list()
    ['(4)(b)', 'and', '(5)(a)', 'and', '(b)']
    >>> PROVISION.parse_string("paragraphs (b) to (d)").unit
    'paragraph'
    >>> ACT_NAME.parse_string("the Bankruptcy (Scotland) Act 2016")[0]
    'Bankruptcy (Scotland) Act 2016'
    >>> OCCURRENCE.parse_string("in the first place it occurs").occ
    'in the first place it occurs'
"""

from __future__ import annotations

from ..wording import ACT_TITLE, ANAPHOR, EU_INSTRUMENT, SHORT_FORM, YEAR_FORM
from pyparsing import (CaselessKeyword, Combine, Literal, MatchFirst, Opt, ParserElement, Regex, Suppress, Word,
                       ZeroOrMore, alphas, original_text_for)

ParserElement.set_default_whitespace_chars(" \t\n")


def words(phrase: str) -> ParserElement:
    """A phrase of keywords, matched whatever its case: words("is amended") is "is" then "amended"."""
    parts = [CaselessKeyword(w).set_name(f"‘{w}’") for w in phrase.split()]
    out = parts[0]
    for p in parts[1:]:
        out = out + p
    return out.set_name(f"‘{phrase}’")


def either(*phrases: str) -> ParserElement:
    """The first of several phrases that matches."""
    return MatchFirst([words(p) for p in phrases]).set_name(" or ".join(f"‘{p}’" for p in phrases))


# -- a quotation -------------------------------------------------------------------
# ‹n›: the n-th quotation of the instruction, taken out before the grammar reads it.
QUOTATION = Regex(r"‹(\d+)›").set_parse_action(lambda t: int(t[0][1:-1])).set_name("a quotation")

# -- a unit of legislation --------------------------------------------------------
# Singular and plural forms read as the singular; "point" is retained EU law's paragraph.
_UNITS = {
    "sub-paragraph": "sub-paragraph", "sub-paragraphs": "sub-paragraph",
    "subparagraph": "subparagraph", "subparagraphs": "subparagraph",
    "subsection": "subsection", "subsections": "subsection",
    "section": "section", "sections": "section",
    "paragraph": "paragraph", "paragraphs": "paragraph",
    "clause": "clause", "clauses": "clause",
    "schedule": "schedule", "schedules": "schedule",
    "part": "part", "parts": "part", "chapter": "chapter", "chapters": "chapter",
    "regulation": "regulation", "regulations": "regulation", "article": "article", "articles": "article",
    "rule": "rule", "rules": "rule", "step": "step", "steps": "step",
    "point": "paragraph", "points": "paragraph",
}
UNIT = MatchFirst([CaselessKeyword(k).set_name(k) for k in sorted(_UNITS, key=len, reverse=True)]).set_parse_action(
    lambda t: _UNITS[t[0].lower()]).set_name("a unit (section, subsection, paragraph, ...)")

# -- a provision reference ---------------------------------------------------------
# "22(1)(a)(ii)", "1ZA", "89B", "(4)(b)", "(aa)": a number, then any bracketed numbers.
NUMBER = Regex(r"(?:\d[\dA-Za-z]*|[A-Z][\dA-Z]*)(?:\s*\(\w+\))*|(?:\(\w+\)\s*)+").set_parse_action(
    lambda t: "".join(t[0].split())).set_name("a provision number")
JOINER = MatchFirst([Combine(Literal(",") + CaselessKeyword("and"), adjacent=False), Literal(","),
                     CaselessKeyword("and"), CaselessKeyword("to")]).set_parse_action(
    lambda t: " ".join(t[0].split()).lower()).set_name("“and”, “to” or a comma")
# "(b)", "(b) and (c)", "(4)(b) and (5)(a) and (b)", "1 to 4 and 9": a list and ranges of numbers
_FURTHER = Regex(r"\d[\dA-Z]*(?:\s*\(\w+\))*|(?:\(\w+\)\s*)+").set_parse_action(lambda t: "".join(t[0].split()))
REFS = NUMBER + ZeroOrMore(JOINER + _FURTHER)

_THAT = Suppress(words("of that") + either("section", "article", "regulation", "rule"))
# "paragraph (c) of subsection (5)", "paragraph 11 of Schedule 1ZA", "paragraph 7BA of the Schedule"
_OF_UNIT = Suppress(CaselessKeyword("of")) + either("subsection", "paragraph")("of_unit") + NUMBER("of_ref")
_OF_SCHEDULE = (Suppress(CaselessKeyword("of") + Opt(CaselessKeyword("the"))) + CaselessKeyword("schedule")("sched_word")
                + Opt(Regex(r"\d+[A-Z]*")("sched2")))
# A provision is numbered, but for the one Schedule of an Act that has one ("the Schedule")
PROVISION = ((Opt(Suppress(CaselessKeyword("the"))) + UNIT("unit") + NUMBER("ref")
              | Suppress(CaselessKeyword("the")) + CaselessKeyword("schedule").set_parse_action(lambda: "schedule")("unit"))
             + original_text_for(ZeroOrMore(JOINER + _FURTHER))("more")
             + Opt(_OF_UNIT) + Opt(_OF_SCHEDULE) + Opt(_THAT)).set_name("a provision (section 4, paragraph (b), ...)")

# -- an Act or instrument ----------------------------------------------------------
# A full title ("the Bankruptcy (Scotland) Act 2016", "the Financial Services and Markets Act
# 2000 (Markets in Financial Instruments) Regulations 2017"), "the 2016 Act", a retained EU
# instrument ("Regulation (EU) No 600/2014"), a short form the amending text defines
# ("FSMA 2000"), or one named before ("that Act", "those Regulations").
ACT_NAME = Regex(r"(?:the\s+)?(?:(?P<eu>" + EU_INSTRUMENT + r")|(?P<year>" + YEAR_FORM + r")"
                 r"|(?P<short>" + SHORT_FORM + r")(?![\w(])|(?P<title>" + ACT_TITLE + r"))(?![\w(])"
                 r"|" + ANAPHOR + r"\b").set_parse_action(
    lambda t: " ".join(t[0].split())[4:] if t[0].lower().startswith("the ") and not t[0][4:5].isdigit()
    and not t[0].lower().startswith("the said") else " ".join(t[0].split())).set_name("an Act or instrument")

# -- an occurrence -----------------------------------------------------------------
# "in the first place it occurs", "in both places", "wherever it occurs", "where it appears"
_ORDINAL = Word(alphas).add_condition(lambda t: t[0].lower() not in ("place", "places"))
OCCURRENCE = Opt(Suppress(",")) + original_text_for(
    either("in", "where") + Opt(CaselessKeyword("the")) + _ORDINAL + either("place", "places")
    + Opt(Opt(either("in which", "where")) + CaselessKeyword("it") + either("occurs", "appears"))
    | CaselessKeyword("wherever") + CaselessKeyword("it") + either("occurs", "appears"))("occ")
# 'after the second “system”': an ordinal before the quotation
ORDINAL = either("first", "second", "third", "fourth", "fifth", "last").set_parse_action(
    lambda t: t[0].lower())
