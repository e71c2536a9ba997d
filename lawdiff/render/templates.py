"""The Jinja2 templates shipped with lawdiff (``templates/`` in the source tree,
``lawdiff/templates`` in the wheel), found through :mod:`importlib.resources`.
"""

from __future__ import annotations

import re
from importlib import resources

import jinja2


def template_source(name: str) -> str:
    return resources.files("lawdiff.templates").joinpath(name).read_text(encoding="utf-8")


def environment() -> jinja2.Environment:
    def load(name: str):
        try:
            return template_source(name), None, lambda: True
        except FileNotFoundError:
            return None

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(load),
        autoescape=jinja2.select_autoescape(["html", "htm", "xml", "html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = markdown_escape
    return env


def markdown_escape(text: str) -> str:
    """Text that Markdown shows as written: its markup characters backslash-escaped."""
    return re.sub(r"([\\`*_{}\[\]<>#|~])", r"\\\1", text)
