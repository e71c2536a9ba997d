"""legislation.gov.uk identifiers, as people type them.

    >>> r = parse_reference("https://www.legislation.gov.uk/ukpga/2016/25/section/87/enacted")
    >>> r.type, r.year, r.number, r.fragment, r.version
    ('ukpga', '2016', '25', 'section/87', 'enacted')
    >>> r.path
    'ukpga/2016/25/section/87/enacted'
    >>> parse_reference("ukpga/2016/25/2024-10-14").version
    '2024-10-14'
    >>> parse_reference("notes.txt") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# legislation.gov.uk document types (the first segment of its paths)
TYPES = {"ukpga", "ukla", "ukppa", "asp", "asc", "anaw", "mwa", "nia", "mnia", "apni", "ukcm", "uksi", "ukdsi",
         "ssi", "sdsi", "wsi", "wdsi", "nisr", "nidsr", "nisi", "ukmo", "uksro", "nisro", "aep", "aosp", "apgb",
         "gbla", "gbppa", "aip", "eur", "eudn", "eudr"}
_YEAR = re.compile(r"\d{4}\Z")
_NUMBER = re.compile(r"\d+[A-Za-z]*\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
VERSIONS = {"enacted", "made", "created", "adopted", "prospective"}
_FRAGMENTS = {"part", "chapter", "section", "schedule", "regulation", "article", "rule", "paragraph",
              "crossheading", "pblock", "introduction", "body", "schedules", "contents", "signature", "note"}


@dataclass(frozen=True)
class Reference:
    """A legislation.gov.uk document (or part of one), at a version: ``enacted``, ``made``, a
    point-in-time date, or None for the current revised text."""

    type: str
    year: str
    number: str
    fragment: str | None = None  # "section/87", "part/7", "schedule/2/paragraph/3"
    version: str | None = None

    @property
    def work(self) -> str:
        return f"{self.type}/{self.year}/{self.number}"

    @property
    def path(self) -> str:
        return "/".join(x for x in (self.work, self.fragment, self.version) if x)

    @property
    def pinned(self) -> bool:
        """True for a version that never changes (enacted, made, a date): cached for good."""
        return self.version is not None and self.version != "prospective"

    def data_url(self, base: str) -> str:
        return f"{base.rstrip('/')}/{self.path}/data.xml"


def parse_reference(text: str) -> Reference | None:
    """A reference from an identifier or URL, or None if ``text`` is not one."""
    value = text.strip()
    if value.startswith(("http://", "https://")):
        value = urlsplit(value).path  # legislation.gov.uk, or any mirror laid out like it
    segments = [s for s in value.strip("/").split("/") if s]
    if segments and segments[0] == "id":
        segments = segments[1:]
    if segments and segments[-1] in ("data.xml", "data.akn", "data.htm", "data.html"):
        segments = segments[:-1]
    if len(segments) < 3 or segments[0] not in TYPES or not _YEAR.match(segments[1]) \
            or not _NUMBER.match(segments[2]):
        return None
    rest = segments[3:]
    version = None
    if rest and (rest[0] in VERSIONS or _DATE.match(rest[0])):
        version, rest = rest[0], rest[1:]
    if rest and (rest[-1] in VERSIONS or _DATE.match(rest[-1])):
        if version is not None:
            return None
        version, rest = rest[-1], rest[:-1]
    if rest and (rest[0] not in _FRAGMENTS or any(not s for s in rest)):
        return None
    return Reference(segments[0], segments[1], segments[2], "/".join(rest) or None, version)
