"""One error type for everything a user can get wrong.

The command line turns a :class:`LawdiffError` into a single line,
``lawdiff: error: FILE:LINE:COL: message``, and exit status 2.
"""

from __future__ import annotations


class LawdiffError(Exception):
    """A problem with the user's input, reported in one line.

    ``source``, ``line`` and ``column`` locate it when it is in a file.
    """

    def __init__(self, message: str, source: str | None = None,
                 line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.source is None:
            return self.message
        where = self.source
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.message}"


def displayable(text: str) -> str:
    r"""``text`` as it may be printed, stored or written as UTF-8: a file name that is not UTF-8
    reaches Python with its odd bytes as lone surrogates (``os.fsdecode``), which no UTF-8
    output takes; they are shown as ``\xff`` escapes.

    >>> displayable("src-\udcff.xml")
    'src-\\xff.xml'
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def brief(text: str, limit: int = 80) -> str:
    r"""``text`` quoted for a one-line message, cut short if long: what a user typed is echoed,
    but a 100,000-character argument should not fill the terminal.

    >>> brief("s. 1(2)"), brief("x" * 100, 10), brief("it's " * 10, 5)
    ("'s. 1(2)'", "'xxxxxxxxxx…' (100 characters)", '"it\'s …" (50 characters)')
    """
    if len(text) <= limit:
        return repr(text)
    shown = repr(text[:limit])
    return f"{shown[:-1]}…{shown[-1]} ({len(text):,} characters)"


class CitationNotFound(LawdiffError):
    """A citation that names no provision of the document."""


class AmbiguousCitation(CitationNotFound):
    """A citation that names more than one provision (a document that numbers two alike)."""
