"""Roman numerals, as legislation numbers its sub-paragraphs ("(iv)") and some Parts ("Part IV").

The one reader and writer of them: the CLML reader numbers unnumbered lists with them,
and the amending grammar counts through ranges with them ("(ii) to (v)").

    >>> roman(14), roman_value("xiv"), roman_value("XIV"), roman_value("iiv")
    ('xiv', 14, 14, None)
"""

from __future__ import annotations

import re

_VALUES = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
           (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_WELL_FORMED = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})\Z")


def roman(n: int) -> str:
    """``n`` (1 and up) in lower-case Roman numerals."""
    out = []
    for value, letters in _VALUES:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def roman_value(text: str) -> int | None:
    """The number a well-formed Roman numeral stands for (either case), else ``None``."""
    low = text.lower()
    if not low or not _WELL_FORMED.match(low):
        return None
    total, rest = 0, low
    for value, letters in _VALUES:
        while rest.startswith(letters):
            total += value
            rest = rest[len(letters):]
    return total
