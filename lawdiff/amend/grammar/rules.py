"""The rules of the grammar: one named rule for each way a drafter says what an amendment does.

Each rule is built from the shared terms (:mod:`.terms`) and carries worked examples, an
instruction and the parts it must read into; the test suite runs every example, and fails
for a rule that has none. Rules are tried in order, and a later rule never reads words an
earlier one has read ("for the words from “X” to the end substitute" is a range, not the
plainer "for “X” substitute").

    >>> [r.name for r in RULES][:3]
    ['redesignate', 'final-punctuation', 'heading-becomes']
"""

from __future__ import annotations

from dataclasses import dataclass

from pyparsing import (And, CaselessKeyword as _Keyword, Empty, Keyword, Or, ParseElementEnhance, PositionToken, MatchFirst, NotAny, Opt, ParserElement,
                       Regex, Suppress, Word, WordStart, ZeroOrMore, alphanums, original_text_for)

from .terms import ACT_NAME, OCCURRENCE, ORDINAL, PROVISION, QUOTATION, UNIT, either, words


@dataclass(frozen=True)
class Rule:
    """One way of saying an amendment. ``needs`` are words every instruction it reads holds
    (a cheap test before the grammar is tried); ``examples`` pair an instruction with the
    parts it must be read into."""

    name: str
    expr: ParserElement
    summary: str
    examples: tuple[tuple[str, dict], ...]
    needs: tuple[str, ...] = ()
    opens: frozenset[str] | None = None  # the words it can begin with (None: any)


def CaselessKeyword(word: str) -> ParserElement:
    return _Keyword(word).set_name(f"‘{word}’")


def Q(name: str) -> ParserElement:
    return QUOTATION(name)


_COMMA = Opt(Suppress(","))
INSERT, SUBSTITUTE = CaselessKeyword("insert"), CaselessKeyword("substitute")
OMIT = either("omit", "leave out")
IS_REPEALED = either("is", "are") + either("repealed", "omitted", "revoked")
THE_WORDS = Opt(CaselessKeyword("the") + either("words", "word"))
# "(a)", "(1A)": the number a provision takes, inside its brackets
NEW_NUMBER = Regex(r"\((\w+)\)").set_parse_action(lambda t: t[0][1:-1])
BECOME_UNIT = either("sub-paragraph", "paragraph", "subsection")
# "to the end", "to the end of the subsection", "to the end of paragraph (b)"
TO_END = (words("the end") + Opt(CaselessKeyword("of") + (either("the", "that") + UNIT | PROVISION.copy())))("to_end")
# "immediately following paragraph (a)", "after sub-paragraph (iv)", "at the end of subsection (2)"
NEAR = original_text_for(Opt(CaselessKeyword("immediately"))
                         + either("after", "following", "before", "preceding", "at the end of") + PROVISION)("after")
# ", of the Investigatory Powers Act 2016", "to FSMA 2000"
# where a clause begins: the start, or after a comma, dash, semicolon or colon ("In section 5,
# paragraph (c) is repealed"), never inside one ("the notices referred to in Schedule 1 are revoked")
def _at_clause_start(text: str, loc: int, tokens) -> bool:
    before = text[:loc].rstrip()
    return not before or before[-1] in ",;:—–-"


CLAUSE_START = Empty().add_condition(_at_clause_start)
OF_ACT = Opt(_COMMA + either("of", "to") + ACT_NAME("ofact"))


def rule(name: str, expr: ParserElement, summary: str, *examples: tuple[str, dict], needs: tuple[str, ...] = ()) -> Rule:
    return Rule(name, WordStart() + expr, summary, examples, needs, openers(expr))


def openers(expr: ParserElement) -> frozenset[str] | None:
    """The words a match of ``expr`` can begin with (lower case; "‹" for a quotation), or None
    when it can begin with anything: where in an instruction a rule is worth trying."""
    first, _ = _first(expr)
    return first


def _first(expr: ParserElement) -> tuple[frozenset[str] | None, bool]:
    """(the words ``expr`` can begin with, whether it can match nothing at all)."""
    if isinstance(expr, (_Keyword, Keyword)):
        return frozenset([expr.match.lower()]), False
    if expr is QUOTATION:
        return frozenset(["‹"]), False
    if isinstance(expr, (Empty, PositionToken)):
        return frozenset(), True
    if isinstance(expr, And):
        out: set[str] = set()
        for part in expr.exprs:
            words, empty = _first(part)
            if words is None:
                return None, False
            out |= words
            if not empty:
                return frozenset(out), False
        return frozenset(out), True
    if isinstance(expr, (MatchFirst, Or)):
        out, maybe_empty = set(), False
        for part in expr.exprs:
            words, empty = _first(part)
            if words is None:
                return None, False
            out |= words
            maybe_empty = maybe_empty or empty
        return frozenset(out), maybe_empty
    if isinstance(expr, ParseElementEnhance):
        words, empty = _first(expr.expr)
        return words, empty or isinstance(expr, (Opt, ZeroOrMore))
    return None, False


RULES: tuple[Rule, ...] = (
    rule("redesignate",
         words("by redesignating") + PROVISION + CaselessKeyword("as")
         + either("subsections", "subsection", "paragraphs", "paragraph", "subparagraphs", "subparagraph", "clauses",
                  "clause", "sections", "section")
         + NEW_NUMBER("newnum") + original_text_for(Opt(Regex(r"(?:\s*(?:,\s*and|,|and)\s+\(\w+\))+")))("newmore"),
         "United States: a provision renumbered",
         ("by redesignating subparagraph (E) as subparagraph (F)", {"unit": "subparagraph", "ref": "(E)", "newnum": "F"}),
         ("by redesignating paragraphs (3) and (4) as paragraphs (4) and (5)",
          {"unit": "paragraph", "ref": "(3)", "newnum": "4"}),
         needs=("redesignating",)),
    rule("final-punctuation",
         words("by striking the") + either("period", "comma", "semicolon", "colon")("punct")
         + words("at the end and inserting"),
         "United States: the closing punctuation replaced",
         ("by striking the period at the end and inserting “; and”", {"punct": "period", "new": "; and"}),
         needs=("striking",)),
    rule("heading-becomes",
         Opt(CaselessKeyword("the")) + either("heading", "title")
         + Opt(either("of", "to") + Opt(CaselessKeyword("the")) + either("section", "schedule", "part", "chapter")("hunit")
               + Opt(Regex(r"\d+[A-Z]*")("href")))
         + CaselessKeyword("becomes") + Q("new"),
         "a heading given new words",
         ("The heading of section 4 becomes “Notices”", {"hunit": "section", "href": "4", "new": "Notices"}),
         needs=("becomes",)),
    rule("crossheading",
         words("in the") + either("italic heading", "cross-heading", "crossheading", "cross heading")
         + either("before", "above") + CaselessKeyword("section") + Regex(r"\d+[A-Z]*")("xsec") + _COMMA
         + CaselessKeyword("for") + Q("anchor") + SUBSTITUTE + Q("new"),
         "words of a cross-heading substituted",
         ("In the italic heading before section 7, for “notices” substitute “warrants”",
          {"xsec": "7", "anchor": "notices", "new": "warrants"}),
         needs=("heading", "substitute")),
    rule("become-paragraph",
         words("the words") + (CaselessKeyword("from") + Q("anchor") + CaselessKeyword("to") + (TO_END | Q("anchor_end"))
                               | Q("anchor2")).set_name("‘from’ or a quotation")
         + CaselessKeyword("become") + BECOME_UNIT + NEW_NUMBER("newnum"),
         "words of a provision become a new paragraph",
         ("the words “with approval” become paragraph (a)", {"anchor": "with approval", "newnum": "a"}),
         ("the words from “apply” to the end become paragraph (a)", {"anchor": "apply", "to_end": True, "newnum": "a"}),
         needs=("become",)),
    rule("become-paragraph-all",
         words("the existing") + either("words", "text")
         + Opt(CaselessKeyword("of") + either("section", "paragraph")("unit") + Regex(r"\d+[A-Z]*")("ref"))
         + either("becomes", "become", "is renumbered as") + BECOME_UNIT + NEW_NUMBER("newnum"),
         "a provision's words become its first subsection or paragraph",
         ("the existing text of section 5 becomes subsection (1)", {"unit": "section", "ref": "5", "newnum": "1"}),
         needs=("existing",)),
    rule("become-paragraph-after",
         words("the words after") + Opt(CaselessKeyword("the") + ORDINAL("ord")) + Q("anchor")
         + Opt(CaselessKeyword("to") + Opt(CaselessKeyword("the") + ORDINAL("ord2")) + Q("anchor_end"))
         + CaselessKeyword("become") + BECOME_UNIT + NEW_NUMBER("newnum"),
         "the words after some words become a new paragraph",
         ("the words after “may” become paragraph (a)", {"anchor": "may", "newnum": "a"}),
         needs=("become",)),
    rule("after-that",
         words("after that") + either("sub-paragraph", "paragraph", "subsection") + _COMMA + INSERT,
         "a provision inserted after the one just made",
         ("after that paragraph insert “, or (b) in an emergency.”", {"new": ", or (b) in an emergency."}),
         needs=("that",)),
    rule("definition-repealed",
         words("the definition of") + Q("defn") + IS_REPEALED,
         "a definition repealed",
         ("the definition of “provider” is repealed", {"defn": "provider"}),
         needs=("definition",)),
    rule("definition-omit",
         OMIT + words("the definition of") + Q("defn"),
         "a definition omitted",
         ("omit the definition of “provider”", {"defn": "provider"}),
         ("leave out the definition of “operator”", {"defn": "operator"}),
         needs=("definition",)),
    rule("entry-omit",
         OMIT + either("the entry", "the entries") + either("for", "relating to", "in respect of")
         + (Q("defn") + ZeroOrMore(Suppress(either(",", "and", ", and")) + QUOTATION)("defns")
            | Regex(r"[^‹;.—–]*[^‹;.—–\s]")("entry_words") | Empty()),
         "entries of a table or list omitted: named in quotation marks, in words, or listed below",
         ("omit the entry for “Example Records Act 2020”", {"defn": "Example Records Act 2020"}),
         ("omit the entries for “notice”, “warrant” and “operator”", {"defn": "notice", "defns": ["warrant", "operator"]}),
         ("omit the entry relating to the Example Commissioner.", {"defn": "the Example Commissioner"}),
         ("omit the entries relating to—", {"defn": None}),
         needs=("entr",)),
    rule("entry-insert",
         either("after", "before")("loc") + either("the entry", "the entries") + either("for", "relating to", "in respect of")
         + (Q("defn") | Regex(r"[^‹;]+?(?=,?\s+insert\b)")("entry_words")) + _COMMA + INSERT,
         "an entry inserted in a table or list, after or before another",
         ("after the entry for “Example Act 2020” insert—", {"loc": "after", "defn": "Example Act 2020"}),
         ("before the entry relating to the Example Commissioner insert—",
          {"loc": "before", "defn": "the Example Commissioner"}),
         needs=("entr", "insert")),
    rule("words-repealed",
         CaselessKeyword("the") + either("words", "word") + Q("anchor")
         + Opt(NEAR)
         + Opt(OCCURRENCE) + _COMMA + IS_REPEALED,
         "words repealed",
         ("the words “or a constable” are repealed", {"anchor": "or a constable"}),
         ("the word “and” immediately following paragraph (a) is repealed",
          {"anchor": "and", "after": "immediately following paragraph (a)"}),
         ("the word “and” after sub-paragraph (ii) is repealed", {"anchor": "and", "after": "after sub-paragraph (ii)"}),
         needs=("the",)),
    rule("words-omit-near",
         OMIT + CaselessKeyword("the") + Opt(either("words", "word")) + Q("anchor") + NEAR,
         "words next to a provision omitted",
         ("omit the “or” after paragraph (j)", {"anchor": "or", "after": "after paragraph (j)"}),
         needs=("the",)),
    rule("struct-insert",
         either("after", "before")("loc") + (words("the definition of") + Q("defn") | PROVISION + OF_ACT) + _COMMA + INSERT,
         "a provision inserted",
         ("After section 5 insert—", {"loc": "after", "unit": "section", "ref": "5"}),
         ("before paragraph 11 of Schedule 1ZA insert—",
          {"loc": "before", "unit": "paragraph", "ref": "11", "sched2": "1ZA"}),
         ("after the definition of “notice” insert—", {"loc": "after", "defn": "notice"}),
         needs=("insert",)),
    rule("appropriate-place",
         either("at", "in") + words("the appropriate") + either("places", "place") + _COMMA + INSERT
         | INSERT + _COMMA + either("at", "in") + words("the appropriate") + either("places", "place"),
         "inserted at the appropriate place (definitions, entries)",
         ("at the appropriate place insert— “warrant” means a warrant under Part 2;", {}),
         needs=("appropriate",)),
    rule("heading-substitute",
         words("for the") + either("heading", "title")
         + Opt(either("of", "to") + Opt(CaselessKeyword("the")) + either("section", "schedule", "part", "chapter")("hunit")
               + Opt(Regex(r"\d+[A-Z]*")("href")))
         + _COMMA + SUBSTITUTE,
         "a heading substituted",
         ("For the heading substitute “Service providers”", {"new": "Service providers"}),
         ("for the heading of Part 3 substitute “Oversight”", {"hunit": "part", "href": "3", "new": "Oversight"}),
         needs=("substitute",)),
    rule("definition-substitute",
         words("for the definition of") + Q("defn") + _COMMA + SUBSTITUTE,
         "a definition substituted",
         ("for the definition of “relevant authority” substitute—", {"defn": "relevant authority"}),
         needs=("definition",)),
    rule("struct-substitute",
         CaselessKeyword("for") + PROVISION + OF_ACT + _COMMA + SUBSTITUTE,
         "a provision substituted",
         ("For subsection (1) substitute—", {"unit": "subsection", "ref": "(1)"}),
         ("for subsections (2) and (3) substitute—", {"unit": "subsection", "ref": "(2)", "more": [("and", "(3)")]}),
         needs=("substitute",)),
    rule("struct-omit",
         OMIT + PROVISION + OF_ACT + NotAny(QUOTATION),
         "a provision omitted",
         ("omit paragraph (c)", {"unit": "paragraph", "ref": "(c)"}),
         ("Omit sections 89B to 89G", {"unit": "section", "ref": "89B", "more": [("to", "89G")]}),
         ("omit section 15 of the Example Act 2016", {"unit": "section", "ref": "15", "ofact": "Example Act 2016"}),
         ("omit paragraphs 1 to 4 of Schedule 2 to the Example Act 2016",
          {"unit": "paragraph", "ref": "1", "sched2": "2", "ofact": "Example Act 2016"}),
         needs=()),
    rule("struct-repealed",
         CLAUSE_START + PROVISION + OF_ACT + IS_REPEALED,
         "a provision repealed or revoked",
         ("paragraph (c) is repealed", {"unit": "paragraph", "ref": "(c)"}),
         ("Regulation 5 of the Example Regulations 2019 is revoked",
          {"unit": "regulation", "ref": "5", "ofact": "Example Regulations 2019"}),
         ("The notices referred to in Schedule 1 are revoked", None),  # Schedule 1 is a reference, not the subject
         needs=()),
    rule("words-insert",
         either("after", "before")("loc") + Opt(Opt(CaselessKeyword("the")) + ORDINAL("ord")) + Q("anchor")
         + Opt(OCCURRENCE) + _COMMA + INSERT,
         "words inserted before or after words",
         ("after “debtor” insert “or creditor”", {"loc": "after", "anchor": "debtor", "new": "or creditor"}),
         ("before “records”, in each place it occurs, insert “retained”",
          {"loc": "before", "anchor": "records", "occ": "in each place it occurs", "new": "retained"}),
         needs=("insert",)),
    rule("words-insert-older",
         INSERT + _COMMA + either("after", "before")("loc") + Q("anchor") + Opt(OCCURRENCE) + _COMMA,
         "words inserted, in older drafting (“there shall be inserted after …”)",
         ("insert after “notice” “in writing”", {"loc": "after", "anchor": "notice", "new": "in writing"}),
         needs=("insert",)),
    rule("words-after-provision",
         INSERT + Q("new") + CaselessKeyword("after") + PROVISION + NotAny(QUOTATION),
         "words inserted at the end of a provision (“insert “and” after paragraph (a)”)",
         ("insert “and” after paragraph (a)", {"new": "and", "unit": "paragraph", "ref": "(a)"}),
         needs=("insert",)),
    rule("edge-insert",
         CaselessKeyword("at") + Opt(CaselessKeyword("the")) + either("beginning", "end")("edge")
         + Opt(CaselessKeyword("of") + (PROVISION + OF_ACT | either("that", "the") + Word(alphanums + "-")))
         + _COMMA + INSERT,
         "words or provisions inserted at the beginning or the end",
         ("at the end insert “, or a deputy”", {"edge": "end", "new": ", or a deputy"}),
         ("At the end of section 3 insert—", {"edge": "end", "unit": "section", "ref": "3"}),
         ("at the end of the table insert—", {"edge": "end", "unit": ""}),
         needs=("insert",)),
    rule("words-substitute-range",
         words("for the words from") + Q("anchor") + CaselessKeyword("to") + (Q("anchor_end") | TO_END) + _COMMA + SUBSTITUTE,
         "the words from X to Y (or to the end) substituted",
         ("for the words from “may” to “notice” substitute “must”", {"anchor": "may", "anchor_end": "notice", "new": "must"}),
         ("for the words from “unless” to the end substitute “.”", {"anchor": "unless", "to_end": True, "new": "."}),
         needs=("from", "substitute")),
    rule("words-substitute-after",
         words("for the words after") + Opt(CaselessKeyword("the") + ORDINAL("ord")) + Q("anchor")
         + Opt(CaselessKeyword("to") + TO_END) + _COMMA + SUBSTITUTE,
         "the words after X substituted",
         ("for the words after “authority” substitute “may renew it.”", {"anchor": "authority", "new": "may renew it."}),
         needs=("after", "substitute")),
    rule("words-substitute-from-beginning",
         words("for the words from the beginning") + Opt(CaselessKeyword("of") + Opt(CaselessKeyword("the")) + PROVISION.copy())
         + CaselessKeyword("to") + Q("anchor") + _COMMA + SUBSTITUTE,
         "the words from the beginning to X substituted",
         ("for the words from the beginning to “may” substitute “A person may”", {"anchor": "may", "new": "A person may"}),
         needs=("beginning", "substitute")),
    rule("words-substitute-to-end",
         CaselessKeyword("for") + Q("anchor") + CaselessKeyword("to") + TO_END + _COMMA + SUBSTITUTE,
         "X to the end substituted",
         ("for “unless” to the end substitute “.”", {"anchor": "unless", "to_end": True, "new": "."}),
         needs=("end", "substitute")),
    rule("words-substitute-near",
         words("for the") + Opt(either("words", "word")) + Q("anchor") + NEAR + _COMMA + SUBSTITUTE,
         "words next to a provision substituted (“for the “and” after sub-paragraph (iv) substitute “or””)",
         ("for the “and” after sub-paragraph (iv) substitute “or”",
          {"anchor": "and", "after": "after sub-paragraph (iv)", "new": "or"}),
         needs=("substitute",)),
    rule("words-substitute",
         CaselessKeyword("for") + THE_WORDS + Q("anchor") + Opt(OCCURRENCE) + _COMMA + SUBSTITUTE,
         "words substituted",
         ("for “6 months” substitute “12 months”", {"anchor": "6 months", "new": "12 months"}),
         ("for “notice”, in both places it occurs, substitute “warrant”",
          {"anchor": "notice", "occ": "in both places it occurs", "new": "warrant"}),
         needs=("substitute",)),
    rule("words-omit-range",
         OMIT + THE_WORDS + CaselessKeyword("from") + Q("anchor") + CaselessKeyword("to") + (Q("anchor_end") | TO_END),
         "the words from X to Y (or to the end) omitted",
         ("omit the words from “, and” to “notice”", {"anchor": ", and", "anchor_end": "notice"}),
         ("leave out from “unless” to the end of the subsection", {"anchor": "unless", "to_end": True}),
         needs=("from",)),
    rule("words-range-repealed",
         words("the words from") + Q("anchor") + CaselessKeyword("to") + (Q("anchor_end") | TO_END) + IS_REPEALED,
         "the words from X to Y (or to the end) repealed",
         ("the words from “or” to the end are repealed", {"anchor": "or", "to_end": True}),
         needs=("from",)),
    rule("words-omit-after",
         OMIT + words("the words after") + Opt(CaselessKeyword("the") + ORDINAL("ord")) + Q("anchor"),
         "the words after X omitted",
         ("omit the words after “one pound”", {"anchor": "one pound"}),
         needs=("after",)),
    rule("words-omit",
         OMIT + THE_WORDS + Q("anchor") + Opt(OCCURRENCE),
         "words omitted",
         ("omit “non-contractual”", {"anchor": "non-contractual"}),
         ("leave out the words “or a deputy”, wherever it occurs", {"anchor": "or a deputy", "occ": "wherever it occurs"}),
         needs=()),
)

BY_NAME = {r.name: r for r in RULES}

# Every rule at once, for saying how far an instruction was read when no rule matches it.
ANY_RULE = MatchFirst([r.expr for r in RULES])
