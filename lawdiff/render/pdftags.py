"""Deleted and inserted words that read as such without colour or sight.

A tagged PDF (lawdiff writes PDF/UA-1 unless told otherwise) gives each run of text
a marked-content sequence. For the words inside ``<del>`` and ``<ins>`` lawdiff adds
an ``/ActualText`` to that sequence, "[deleted: 6]" and "[inserted: 12]", which
screen readers speak and text extraction (poppler's ``pdftotext``, Acrobat's copy and
paste) returns instead of the bare words; the page itself looks the same. A change
broken over two lines reads as two: "[deleted: words at the end of a line]" and
"[deleted: words that follow]".

WeasyPrint has no option for this, so :func:`spoken_changes` wraps, for the length
of one rendering, the method of its content stream that opens those sequences. Where
that method is not there (another WeasyPrint), the PDF is written without the words,
and the tests, which read them back, say so.
"""

from __future__ import annotations

import contextlib
from typing import Iterator

SPOKEN = {"del": "deleted", "ins": "inserted"}


@contextlib.contextmanager
def spoken_changes() -> Iterator[None]:
    try:
        import pydyf
        from weasyprint.pdf.stream import Stream
    except ImportError:  # pragma: no cover - WeasyPrint without its PDF stream module
        yield
        return
    original = getattr(Stream, "marked", None)
    if original is None:  # pragma: no cover
        yield
        return

    @contextlib.contextmanager
    def marked(self, box, tag):
        kind = SPOKEN.get(getattr(getattr(box, "element", None), "tag", None))
        text = getattr(box, "text", None)
        if self._tags is None or kind is None or not text or not text.strip():
            with original(self, box, tag):
                yield
            return
        mcid = len(self._tags)
        self._tags[box] = {"tag": tag, "mcid": mcid}
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        spoken = f"{lead}[{kind}: {core}]{trail}"
        properties = pydyf.Dictionary({"MCID": mcid, "ActualText": pydyf.String(spoken)})
        pydyf.Stream.begin_marked_content(self, tag, properties)
        try:
            yield
        finally:
            pydyf.Stream.end_marked_content(self)

    Stream.marked = marked
    try:
        yield
    finally:
        Stream.marked = original




@contextlib.contextmanager
def cached_page_references() -> Iterator[None]:
    """pydyf's ``PDF.page_references`` builds the tuple of every page's reference afresh on each
    call, and WeasyPrint's tagging calls it once per structure element: for a 400-page
    comparison, 50,000 calls over 400 pages, three quarters of the time spent writing the
    PDF. For the length of one rendering the tuple is kept until a page is added."""
    try:
        import pydyf
    except ImportError:  # pragma: no cover
        yield
        return
    original = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(original, property):  # pragma: no cover - another pydyf
        yield
        return

    def page_references(self):
        kids = len(self.pages["Kids"])
        cached = self.__dict__.get("_lawdiff_page_references")
        if cached is None or cached[0] != kids:
            cached = (kids, original.fget(self))
            self.__dict__["_lawdiff_page_references"] = cached
        return cached[1]

    pydyf.PDF.page_references = property(page_references)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original


__all__ = ["SPOKEN", "cached_page_references", "spoken_changes"]
