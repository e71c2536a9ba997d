"""The Jinja2 templates shipped with lawdiff (``templates/`` in the source tree,
``lawdiff/templates`` in the wheel), found through :mod:`importlib.resources`.

A user's template folder (``--template DIR``) is searched first, file by file, so
overriding ``compare.css`` alone keeps every shipped template.
"""

from __future__ import annotations

import os
import re
from importlib import resources

import jinja2
from markupsafe import Markup

from ..errors import LawdiffError


def template_problem(exc: jinja2.TemplateError) -> LawdiffError:
    """A template that cannot be read or filled (a ``--template DIR`` of the user's own) as one line."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return LawdiffError(f"template error: {exc.message}", exc.filename or exc.name or "template", exc.lineno, 1)
    if isinstance(exc, jinja2.TemplateNotFound):
        return LawdiffError(f"template {exc.name} not found")
    return LawdiffError(f"template error: {exc.message}")


def render_checked(template: jinja2.Template, **context) -> str:
    """``template.render(**context)``, a failure of the template's own reported as one line."""
    try:
        return template.render(**context)
    except jinja2.TemplateError as exc:
        raise template_problem(exc) from None


def template_source(name: str, override: str | None = None) -> str:
    """The template or stylesheet ``name``: from the ``override`` folder when it has one, else
    the one shipped. One of the user's that is not UTF-8 text is refused in one line."""
    if override:
        path = os.path.join(override, name)
        if os.path.isfile(path):
            try:
                with open(path, encoding="utf-8") as fh:
                    return fh.read()
            except UnicodeDecodeError as exc:
                raise LawdiffError(f"the template is not UTF-8 text (byte {exc.start}: {exc.reason})", path) from None
            except OSError as exc:
                raise LawdiffError(f"cannot read the template: {exc.strerror}", path) from None
    return resources.files("lawdiff.templates").joinpath(name).read_text(encoding="utf-8")


def environment(override: str | None = None) -> jinja2.Environment:
    def load(name: str):
        if os.path.basename(name) != name:
            return None  # templates are named, never reached by a path
        try:
            return template_source(name, override), None, lambda: True
        except FileNotFoundError:
            return None

    loader: jinja2.BaseLoader = jinja2.FunctionLoader(load)
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "htm", "xml", "html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = markdown_escape
    env.globals["md_words"] = markdown_words
    env.filters["css_string"] = css_string
    return env


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string, safe inside a <style> element."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
               .replace("<", "\\3C ").replace(">", "\\3E "))
    return Markup(f'"{escaped}"')


def markdown_escape(text: str) -> str:
    """Text that Markdown shows as written: its markup characters backslash-escaped."""
    return re.sub(r"([\\`*_{}\[\]<>#|~])", r"\\\1", text)


_MARKS = {"delete": "~~", "insert": "**"}


def markdown_words(ops) -> str:
    """A word diff in Markdown: deleted runs ~~struck~~, inserted runs **bold**.

    Each line of a run is marked on its own, and spaces at either end stay outside the marks:
    Markdown does not close ``**Judicial **`` (a space before the closing mark), and a mark
    cannot span a line break.

    >>> from lawdiff.compare.textdiff import WordOp
    >>> markdown_words([WordOp("equal", "a "), WordOp("insert", "Judicial "), WordOp("equal", "Commissioner")])
    'a **Judicial** Commissioner'
    >>> markdown_words([WordOp("delete", "old\\nlines "), WordOp("insert", " *new*")])
    '~~old~~\\n~~lines~~ **\\\\*new\\\\***'
    """
    out = []
    for op in ops:
        mark = _MARKS.get(op.op)
        lines = []
        for line in op.text.split("\n"):
            core = line.strip()
            if mark is None or not core:
                lines.append(markdown_escape(line))
                continue
            lead, trail = line[:len(line) - len(line.lstrip())], line[len(line.rstrip()):]
            lines.append(f"{lead}{mark}{markdown_escape(core)}{mark}{trail}")
        out.append("\n".join(lines))
    return "".join(out)
