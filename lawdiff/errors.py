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


class CitationNotFound(LawdiffError):
    """A citation that names no provision of the document."""
