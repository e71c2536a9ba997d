"""A comparison as a document: Markdown, or a standalone HTML page (the PDF starts from it).

Both come from Jinja2 templates in ``templates/`` (``diff.md.j2``, ``diff.html.j2``,
with its stylesheet ``diff.css``) fed the same rows as the terminal view.
All document text is autoescaped in HTML and backslash-escaped in Markdown.
"""

from __future__ import annotations

from ..compare.result import KINDS, DiffResult
from .diffjson import document_ref
from .diffterm import summary_line
from .diffview import SIGNS, rows
from .templates import environment, template_source


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


def render_html(result: DiffResult, only_changed: bool = False, context: int | None = None,
                stat: bool = False, title: str | None = None, context_words: int | None = None) -> str:
    env = environment()
    template = env.get_template("diff.html.j2")
    return template.render(css=template_source("diff.css"),
                           **context_for(result, only_changed, context, stat, title, context_words))
