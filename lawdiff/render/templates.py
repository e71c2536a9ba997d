"""The Jinja2 templates shipped with lawdiff (``templates/`` in the source tree,
``lawdiff/templates`` in the wheel), found through :mod:`importlib.resources`.
"""

from __future__ import annotations

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

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(load),
        autoescape=jinja2.select_autoescape(["html", "htm", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
