"""The ``lawdiff`` command. Each command is a thin call into the library.

Errors in the user's input are one line on stderr, ``lawdiff: error: ...``,
and exit status 2; never a traceback.
"""

from __future__ import annotations

import sys

import click

from . import __version__, load
from .errors import LawdiffError
from .formats import FORMATS
from .formats.xmlsafe import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, Limits
from .render import jsonout
from .render.outline import outline
from .render.quote import render_provision


class LawdiffGroup(click.Group):
    """Turns LawdiffError (and stray OS errors) into one line and exit status 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except LawdiffError as exc:
            fail(str(exc))
        except RecursionError:
            fail("document nested too deeply to process")
        except MemoryError:
            fail("out of memory reading the document (lower the input size or raise --max-bytes only "
                 "with enough memory)")
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)


def fail(message: str) -> None:
    click.echo(f"lawdiff: error: {message}", err=True)
    sys.exit(2)


def limits_options(f):
    f = click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
                     help="Refuse input files larger than this.")(f)
    f = click.option("--max-depth", type=click.IntRange(min=8), default=DEFAULT_MAX_DEPTH, show_default=True,
                     help="Refuse XML nested deeper than this.")(f)
    return f


format_option = click.option("--format", "fmt", type=click.Choice(("auto",) + FORMATS), default="auto",
                             show_default=True, help="Source format; auto detects it from the root element.")


@click.group(cls=LawdiffGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lawdiff")
def main() -> None:
    """Parse, compare and amend legislation (CLML, Akoma Ntoso, USLM).

    A DOCUMENT is a file path, or example:NAME for the examples shipped with lawdiff.
    """


@main.command()
@click.argument("document")
@format_option
@click.option("--json", "as_json", is_flag=True, help="The whole tree as JSON (schema lawdiff.document/1).")
@limits_options
def parse(document: str, fmt: str, as_json: bool, max_bytes: int, max_depth: int) -> None:
    """Outline of DOCUMENT: citation, heading and first words of every provision."""
    doc = load(document, fmt, Limits(max_bytes, max_depth))
    if as_json:
        click.echo(jsonout.dumps(jsonout.document_to_dict(doc)), nl=False)
    else:
        for line in outline(doc):
            click.echo(line)


@main.command()
@click.argument("document")
@click.argument("citation")
@click.option("--format", "out", type=click.Choice(("text", "markdown", "json")), default="text",
              show_default=True, help="Output format.")
@click.option("--source-format", "fmt", type=click.Choice(("auto",) + FORMATS), default="auto",
              show_default=True, help="Source format of DOCUMENT.")
@limits_options
def show(document: str, citation: str, out: str, fmt: str, max_bytes: int, max_depth: int) -> None:
    """One provision of DOCUMENT with all its text, its citation and the document's title.

    CITATION as you would write it: "s. 200(1)(a)", "section 200", "clause 5(2)",
    "Sch 2 para 3", "reg. 4", "sec. 3(a)(1)", "Part 1".
    """
    doc = load(document, fmt, Limits(max_bytes, max_depth))
    provision = doc.find(citation)
    if out == "json":
        data = {"schema": "lawdiff.provision/1", "document": doc.title, "source": doc.meta.uri or doc.meta.source,
                "provision": jsonout.provision_to_dict(provision)}
        click.echo(jsonout.dumps(data), nl=False)
    else:
        click.echo(render_provision(doc, provision, out), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
