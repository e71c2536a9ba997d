"""A comparison as a Markdown document, from the Jinja2 template ``templates/diff.md.j2`` fed
the same rows as the terminal view; all document text is backslash-escaped. (The HTML page is
the viewer's, :mod:`.viewer`.)
"""

from __future__ import annotations

from ..compare.result import KINDS, DiffResult
from .diffjson import document_ref
from .diffterm import summary_line
from .diffview import SIGNS, rows
from .templates import environment


def context_for(result: DiffResult, only_changed: bool = False, context: int | None = None,
                stat: bool = False, title: str | None = None, context_words: int | None = None) -> dict:
    kinds = [k for k in KINDS if result.summary.by_kind.get(k)]
    return {
        "title": title or f"{result.old.title} compared with {result.new.title}",
        "old": document_ref(result.old),
        "new": document_ref(result.new),
        "mode": result.mode,
        "select": result.select,
        "summary": result.summary,
        "summary_line": summary_line(result.summary),
        "kinds": kinds,
        "rows": [] if stat else rows(result, only_changed, context, context_words),
        "signs": SIGNS,
        "stat": stat,
    }


def render_markdown(result: DiffResult, only_changed: bool = False, context: int | None = None,
                    stat: bool = False, context_words: int | None = None) -> str:
    template = environment().get_template("diff.md.j2")
    return template.render(**context_for(result, only_changed, context, stat, context_words=context_words))
