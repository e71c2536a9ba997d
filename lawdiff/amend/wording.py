"""The words of an amending instruction, made ready to be read.

Quoted passages are taken out first (they may say anything), descriptive asides in
brackets are dropped, and older drafting ("there shall be substituted") is read as
its modern form, so that :mod:`.places` and :mod:`.actions` only ever see the
instruction's own words.

    >>> split_quotes("after “debtor” insert “or creditor”")
    ('after ‹0› insert ‹1›', ['debtor', 'or creditor'])
    >>> unparenthesise("In section 29 (petitions for recall), in subsection (4)")
    'In section 29, in subsection (4)'
"""

from __future__ import annotations

import re


OPEN, CLOSE = "“", "”"
BLOCK = re.compile(r"⟦(\d+)⟧")
Q = r"‹(\d+)›"  # a quoted passage, taken out of the instruction


def split_quotes(text: str) -> tuple[str, list[str]]:
    """The text with each outermost “…” replaced by ‹n›, and the quoted passages."""
    out, quotes, depth, start = [], [], 0, 0
    for k, ch in enumerate(text):
        if ch == OPEN:
            if depth == 0:
                start = k
            depth += 1
        elif ch == CLOSE and depth:
            depth -= 1
            if depth == 0:
                out.append(f"‹{len(quotes)}›")
                quotes.append(text[start + 1:k])
                continue
        if depth == 0:
            out.append(ch)
    if depth:  # an unclosed quotation: keep the rest as words, so nothing vanishes
        out.append(text[start:])
    return "".join(out), quotes


def unparenthesise(text: str) -> str:
    """Drop descriptive asides, "(petitions for recall of sequestration)", "(commissioners)",
    "(loans)", keeping numbers such as "(4)", "(1A)", "(aa)", "(iii)", "(B)"."""
    # "(as inserted by section 12(5) of this Act)": a note on history, whatever its nesting
    text = re.sub(r"\s*\((?:as\s+)?(?:inserted|substituted|amended|added)\s+by\s+(?:[^()]|\([^()]*\))*\)", "", text)
    # "(42 U.S.C. 1308(g)(5))": where a United States section is codified
    text = re.sub(r"\s*\(\d+\s+U\.\s?S\.\s?C\.\s+(?:[^()]|\([^()]*\))*\)", "", text)
    previous = None
    while previous != text:
        previous = text
        # ... but not "(Scotland)" in "the Bankruptcy (Scotland) Act 2016"
        text = re.sub(r"\s*\((?!(?:\d+[A-Za-z]*|[a-z]{1,4}|[ivxlc]{1,6}|[A-Z]{1,3}\d*[A-Za-z]*)\))[^()]*\)"
                      r"(?!\s+(?:Act|Bill|Order|Regulations|Measure)\b)", "", text)
    return text


def act_name(text: str) -> str:
    """ "the Bankruptcy (Scotland) Act 2016" -> "Bankruptcy (Scotland) Act 2016"."""
    name = " ".join(text.split())
    return name[4:] if name.lower().startswith("the ") else name


# An Act or instrument's name: a full title ("the Bankruptcy (Scotland) Act 2016", "the Financial
# Services and Markets Act 2000 (Markets in Financial Instruments) Regulations 2017"), an
# abbreviation the amending text defines ("FSMA 2000"), "the 2016 Act", a retained EU instrument
# ("Regulation (EU) No 600/2014"), or one named before ("that Act", "those Regulations"). These
# are the one definition of each form: ACT reads names in the words around an instruction, and
# the grammar's ACT_NAME term (grammar/terms.py) is built from the same forms.
EU_INSTRUMENT = (r"(?:Commission\s+(?:Delegated\s+|Implementing\s+)?)?(?:Regulation|Directive|Decision)\s+"
                 r"\((?:EU|EC|EEC|Euratom)\)\s+(?:No\s+)?\d+/\d+")
ACT_TITLE = (r"(?-i:[A-Z])[\w’'(),.\s-]*?(?:Act|Measure|Order|Regulations|Rules)(?:(?:\s+of)?\s+\d{4})?"
             r"(?:\s+\((?-i:[A-Z])[\w’'\s-]*\)\s+(?:Regulations|Order|Rules)\s+\d{4})?")
SHORT_FORM = r"(?-i:[A-Z]{2,}[A-Za-z]*)\s+\d{4}"
YEAR_FORM = r"\d{4}\s+(?:Act|Order|Regulations|Measure)"  # "the 2016 Act", as the amending text defines it
ANAPHOR = r"(?:that|those|the\s+said)\s+(?:Act|Order|Regulations|Measure|Rules|Regulation|Directive)"
ACT = re.compile(r"(?:the\s+)?(?P<act>" + "|".join((EU_INSTRUMENT, ACT_TITLE, SHORT_FORM, ANAPHOR, YEAR_FORM))
                 + r")(?![\w(])")


# Older drafting, as in RIPA 2000 and before: read as its modern equivalent.
_OLDER = [
    # United States: "by striking “X” and inserting “Y”", "by inserting “Y” after “X”", "by adding at the end"
    (re.compile(r"\bby\s+striking\s+(‹\d+›)(?:\s*,?\s*each\s+place\s+(?:it|such\s+\w+)\s+appears)(\s*,?)\s+and\s+"
                r"inserting\s+(‹\d+›)", re.IGNORECASE), r"for \1, wherever it occurs, substitute \3"),
    (re.compile(r"\bby\s+striking\s+(‹\d+›)\s+and\s+inserting\s+(‹\d+›)", re.IGNORECASE), r"for \1 substitute \2"),
    (re.compile(r"\bby\s+inserting\s+(‹\d+›)\s+(after|before)\s+(‹\d+›)", re.IGNORECASE), r"\2 \3 insert \1"),
    (re.compile(r"\bby\s+inserting\s+(after|before)\s+((?:subsection|paragraph|subparagraph|clause|section)\s*"
                r"[\w()]+),?\s+the\s+following:?", re.IGNORECASE), r"\1 \2 insert"),
    (re.compile(r"\bby\s+adding\s+at\s+the\s+end\s+the\s+following:?", re.IGNORECASE), "at the end insert"),
    (re.compile(r"\bby\s+striking\s+(‹\d+›)(?!\s+and\s+inserting)", re.IGNORECASE), r"omit \1"),
    # "After section 377J, inserted by Part 1 of Schedule 12 to this Act, insert—": a reminder, not a place
    (re.compile(r",\s+(?:as\s+)?(?:inserted|substituted)\s+by\s+[^,‹;]*?\bthis\s+(?:Act|Schedule),", re.IGNORECASE), ""),
    (re.compile(r"\bthere\s+shall\s+be\s+substituted(?:\s+the\s+words)?\b", re.IGNORECASE), "substitute"),
    (re.compile(r"\bthere\s+shall\s+be\s+(?:inserted|added)(?:\s+the\s+words)?\b", re.IGNORECASE), "insert"),
    (re.compile(r"\b(?:shall\s+be\s+(?:omitted|repealed)|shall\s+cease\s+to\s+have\s+effect|"
                r"(?:is|are)\s+hereby\s+repealed)\b", re.IGNORECASE), "is repealed"),
]


def modernise(skeleton: str) -> str:
    """"for “X” there shall be substituted “Y”" reads as "for “X” substitute “Y”"; "shall be
    omitted" and "shall cease to have effect" as "is repealed"."""
    for pattern, modern in _OLDER:
        skeleton = pattern.sub(modern, skeleton)
    return skeleton
