"""The ``lawdiff`` command. Each command is one call into :mod:`lawdiff.api` and nothing else:
this module reads arguments, prints what the call gives, and turns errors into one line.

Errors in the user's input are one line on stderr, ``lawdiff: error: ...``,
and exit status 2; never a traceback. One vocabulary across commands: ``--from`` is the
format read, ``--format`` the format written, ``-o`` the file written (then one line on
stderr says what was written). Old spellings still work for one release, with a note.
"""

from __future__ import annotations

import math
import re
import signal
import sys
import threading
from dataclasses import replace

import click

from . import api
from .errors import LawdiffError, displayable
from .api import Limits, SourceOptions
from .progress import terminal_progress
from .version import __version__


_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())  # click 8.2 and later


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, as SIGINT raises KeyboardInterrupt: so
    that what cleans up after an interrupt (temporary files) cleans up after these too."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Interrupted(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop_on_signals() -> None:
    def stop(signum, frame):
        raise Stopped(signum)

    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        # a signal the caller ignores (nohup ignores SIGHUP) stays ignored
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) is not signal.SIG_IGN:
            signal.signal(getattr(signal, name), stop)


class LawdiffGroup(click.Group):
    """Turns LawdiffError (and stray OS errors) into one line and exit status 2."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        _stop_on_signals()
        # a file name that is not UTF-8, printed, goes out as the bytes it was given (as ls prints it)
        if hasattr(sys.stdout, "reconfigure") and (sys.stdout.encoding or "").lower().replace("-", "") == "utf8":
            sys.stdout.reconfigure(errors="surrogateescape")
        try:
            value = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _NO_ARGS_IS_HELP as exc:  # a bare "lawdiff": the help, laid out as written, as --help gives it
            click.echo(exc.ctx.get_help() if exc.ctx else exc.format_message())
            sys.exit(0)
        except click.UsageError as exc:  # a mistyped option: one line too, with where to look
            where = f" (see {exc.ctx.command_path} --help)" if exc.ctx else ""
            fail(exc.format_message() + where)
        except click.ClickException as exc:
            fail(exc.format_message())
        except (click.Abort, KeyboardInterrupt, _Interrupted) as exc:
            stopped = exc.__context__ if isinstance(exc, click.Abort) else exc
            signum = getattr(stopped, "signum", signal.SIGINT)
            click.echo(f"lawdiff: interrupted ({signal.Signals(signum).name})", err=True)
            sys.exit(128 + signum)
        sys.exit(value if isinstance(value, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:  # (past click, which would print a blank line first)
            raise _Interrupted(getattr(exc, "signum", signal.SIGINT)) from None
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


# numbers past these are no use and overflow what the OS and SQLite take (a read of more than
# sys.maxsize bytes, a LIMIT past 2**63): refused in one line, as click refuses any other range
MAX_BYTES_CAP = 1 << 40


class _Fraction(click.FloatRange):
    """A number from 0 to 1 (click's range lets "nan" through: it compares false with both ends)."""

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number from 0 to 1", param, ctx)
        return number


FRACTION = _Fraction(0, 1)


class _WordCount(click.ParamType):
    """A number of words (0 and up), or "all"."""

    name = "N|all"

    def convert(self, value, param, ctx):
        if value is None or (isinstance(value, str) and value.strip().lower() == "all"):
            return None
        if isinstance(value, int):
            return value
        return click.IntRange(0, 1_000_000).convert(value, param, ctx)


CONTEXT_WORDS = _WordCount()


_MOST = 600  # characters of an error line


def fail(message: str) -> None:
    # One line, always: line breaks and control characters (a hostile file name or libxml2's
    # own trailing newline) become spaces, so nothing can forge a second line or a terminal code.
    message = re.sub(r"[\x00-\x1f\x7f-\x9f]+", " ", displayable(message)).strip()
    if len(message) > _MOST:  # a few hundred characters of any value, never 100 KB of it
        message = message[: _MOST - 1] + "…"
    click.echo(f"lawdiff: error: {message}", err=True)
    sys.exit(2)


def _remember(ctx: click.Context, param: click.Parameter, value):
    ctx.meta.setdefault("lawdiff.sources", {})[param.name] = value
    return value


def current_sources() -> SourceOptions:
    """Where this command fetches documents named by identifier (--offline, --mirror, --base-url)."""
    given = click.get_current_context().meta.get("lawdiff.sources", {})
    options = SourceOptions()
    return replace(options, offline=bool(given.get("offline")), mirror=given.get("mirror") or options.mirror,
                   base_url=given.get("base_url") or options.base_url)


def limits_options(f):
    """Input limits, and where documents named by identifier come from: every command that reads one."""
    f = click.option("--offline", is_flag=True, expose_value=False, callback=_remember,
                     help="Never fetch: documents named by identifier come from the cache only.")(f)
    f = click.option("--mirror", type=click.Path(file_okay=False), default=None, expose_value=False,
                     callback=_remember, envvar="LAWDIFF_MIRROR",
                     help="Read identifiers from a folder laid out like legislation.gov.uk "
                          "(DIR/ukpga/2016/25/enacted/data.xml). Also LAWDIFF_MIRROR.")(f)
    f = click.option("--base-url", default=None, expose_value=False, callback=_remember, envvar="LAWDIFF_BASE_URL",
                     help="Where to fetch identifiers from (default https://www.legislation.gov.uk). "
                          "Also LAWDIFF_BASE_URL.")(f)
    f = click.option("--max-bytes", type=click.IntRange(min=1, max=MAX_BYTES_CAP), default=api.DEFAULTS["max_bytes"],
                     show_default=True, help="Refuse input files larger than this.")(f)
    f = click.option("--max-depth", type=click.IntRange(min=8, max=100_000), default=api.DEFAULTS["max_depth"],
                     show_default=True, help="Refuse XML nested deeper than this.")(f)
    f = deprecated("--source-format", "fmt", type=SOURCE_FORMAT)(f)
    f = click.option("--from", "fmt", type=SOURCE_FORMAT, default="auto", show_default=True,
                     help="The format read: clml, akn (Akoma Ntoso) or uslm; auto tells it from the root element.")(f)
    return f


def reading(max_bytes: int, max_depth: int) -> dict:
    """The arguments of every API call that reads a document: limits and where identifiers come from."""
    return {"limits": Limits(max_bytes, max_depth), "sources": current_sources()}


SOURCE_FORMAT = click.Choice(api.CHOICES["source formats"])
_DEPRECATED = "deprecated__"


def deprecated(flag: str, dest: str, **option):
    """An old spelling of an option, kept for one release: it still works, hidden from --help,
    and says on stderr what to write instead (see :class:`LawdiffCommand`)."""
    return click.option(flag, _DEPRECATED + dest, hidden=True, default=None, **option)


class LawdiffCommand(click.Command):
    """A command whose old option spellings still work, with a note saying what replaces them."""

    def invoke(self, ctx: click.Context):
        for param in self.params:
            if not (param.name or "").startswith(_DEPRECATED):
                continue
            value = ctx.params.pop(param.name)
            if value is None or value is False:
                continue
            dest = param.name[len(_DEPRECATED):]
            new = next((p for p in self.params if p.name == dest), None)
            instead = new.opts[0] if new is not None else dest
            click.echo(f"lawdiff: note: {param.opts[0]} is deprecated and goes in the next release; "
                       f"use {instead}", err=True)
            ctx.params[dest] = value
        return super().invoke(ctx)


def examples(*lines: str) -> str:
    """The epilog of a command's --help: examples, laid out as written."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def complete_document(ctx, param, incomplete: str):
    """Shell completion of a DOCUMENT: the shipped examples by name, and files."""
    from click.shell_completion import CompletionItem

    names = [f"example:{n}" for n in api.examples() if f"example:{n}".startswith(incomplete)]
    if names and incomplete.startswith("ex"):
        return [CompletionItem(n) for n in names]
    return [CompletionItem(incomplete, type="file")]


def document_argument(name: str, **kwargs):
    return click.argument(name, shell_complete=complete_document, **kwargs)


def execute(args: list[str], env: dict[str, str] | None = None) -> tuple[int, bytes, str]:
    """Run one lawdiff command line in this process, as the lawdiff program runs it: its exit
    status, what it printed (bytes) and what it said on stderr. ``lawdiff batch`` runs its jobs
    so, where they run (by this function's name, ``lawdiff.cli:execute``). ``env`` adds to the
    environment for the command (LAWDIFF_MIRROR).

        >>> status, printed, said = execute(["diff", "example:surveillance-act", "example:surveillance-act-amended", "--stat"])
        >>> status, printed.splitlines()[2], said
        (1, b'Compared as versions: 8 changes (3 modified, 4 added, 1 moved).', '')
    """
    from click.testing import CliRunner  # (click's own way to run a command with its streams captured)

    result = CliRunner().invoke(main, list(args), prog_name="lawdiff", env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return 2, result.stdout_bytes, result.stderr + f"lawdiff: error: {type(result.exception).__name__}: " \
            f"{displayable(str(result.exception)).splitlines()[0] if str(result.exception) else ''}\n"
    return result.exit_code, result.stdout_bytes, result.stderr


def wrote(written) -> None:
    """The one line a command prints on stderr for each file it writes."""
    for w in written if isinstance(written, list) else [written]:
        click.echo(str(w), err=True)


def command(name: str, *example_lines: str, **kwargs):
    return main.command(name, cls=LawdiffCommand, epilog=examples(*example_lines), **kwargs)


@click.group(cls=LawdiffGroup, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=examples("lawdiff parse example:surveillance-act",
                             "lawdiff compare example:surveillance-act example:surveillance-act-amended -o briefing.pdf",
                             'lawdiff show ukpga/2016/25/enacted "s. 87(1)"',
                             "Shell completion: eval \"$(_LAWDIFF_COMPLETE=bash_source lawdiff)\" (zsh_source, fish_source)"))
@click.version_option(__version__, prog_name="lawdiff")
def main() -> None:
    """Parse, compare and amend legislation (CLML, Akoma Ntoso, USLM).

    A DOCUMENT is a file path; example:NAME for the examples shipped with lawdiff; a
    legislation.gov.uk identifier or URL (ukpga/2016/25/enacted); or a catalogue name
    (IPA, "RIPA section 22": see lawdiff catalog). Every command is a call in the Python
    API (import lawdiff): lawdiff.diff, lawdiff.amend, lawdiff.show, ...
    """


@command("parse", "lawdiff parse example:surveillance-act",
         "lawdiff parse ukpga-2024-9.akn.xml --format json > act.json",
         "curl -s https://www.legislation.gov.uk/ukpga/2024/9/data.xml | lawdiff parse -")
@document_argument("document")
@click.option("--format", "out", type=click.Choice(("text", "json", "xml") + api.CHOICES["source formats"]),
              default="text", show_default=True, metavar="[text|json|xml]",
              help="text: an outline; json: the whole tree (schema lawdiff.document/1); xml: as CLML or Akoma Ntoso.")
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@limits_options
def parse_command(document: str, out: str, as_json: bool, fmt: str, max_bytes: int, max_depth: int) -> None:
    """Outline of DOCUMENT: citation, heading and first words of every provision (lawdiff.load)."""
    if out in api.CHOICES["source formats"]:  # the old meaning of parse --format: the format read
        click.echo(f"lawdiff: note: parse --format {out} is deprecated and goes in the next release; "
                   f"use --from {out} (--format is now the format written)", err=True)
        fmt, out = out, "text"
    doc = api.load(document, fmt, **reading(max_bytes, max_depth))
    warning = api.unplaced_warning(doc)
    if warning:  # nothing is dropped silently: what lawdiff read only as words, it says
        click.echo(f"lawdiff: warning: {warning}", err=True)
    click.echo(api.render(doc, "json" if as_json else out), nl=False)  # (xml is bytes, written as they are)


@command("show", 'lawdiff show ukpga-2024-9.clml.xml "s. 1(4)(a)"',
         'lawdiff show ukpga-2024-9.clml.xml "s. 11(1), inserted s. 235A(2)"',
         'lawdiff show IPA "s. 87" --format markdown')
@document_argument("document")
@click.argument("citation")
@click.option("--format", "out", type=click.Choice(("text", "markdown", "json")), default="text",
              show_default=True, help="The format written.")
@limits_options
def show_command(document: str, citation: str, out: str, fmt: str, max_bytes: int, max_depth: int) -> None:
    """One provision of DOCUMENT with all its text, its citation, the document's title and its
    page on legislation.gov.uk (lawdiff.show).

    CITATION as you would write it: "s. 200(1)(a)", "section 200", "clause 5(2)",
    "Sch 2 para 3", "reg. 4", "sec. 3(a)(1)", "Part 1"; inside quoted amending text,
    "s. 11(1), inserted s. 235A(2)".
    """
    click.echo(api.show(document, citation, fmt, **reading(max_bytes, max_depth)).render(out), nl=False)


def comparison_options(f):
    """Options shared by diff and compare: what to compare and how to pair provisions."""
    options = [
        click.option("--select", "select", metavar="CITATION", default=None,
                     help='Compare one Part, section or subtree: "Part 2", "s. 5", "clause 3(2)".'),
        click.option("--select-new", metavar="CITATION", default=None,
                     help="Where the selected provision is in NEW, if its citation there differs."),
        click.option("--mode", type=click.Choice(api.CHOICES["modes"]), default="auto", show_default=True,
                     help="versions: two versions of one document (numbers lead); successor: an old Act "
                          "and the Act replacing it (content leads); auto: decided from titles and numbers."),
        click.option("--threshold", type=FRACTION, default=0.6, show_default=True,
                     help="How alike (0-1) two provisions must be to be paired by content."),
        click.option("--number-floor", type=FRACTION, default=0.5, show_default=True,
                     help="How alike provisions with the same number must be to be paired in the first pass."),
        click.option("--move-threshold", type=FRACTION, default=0.8, show_default=True,
                     help="How alike a provision must be to one elsewhere in the document to count as moved."),
        click.option("--split-threshold", type=FRACTION, default=0.8, show_default=True,
                     help="How alike a provision must be to several new ones together to count as split "
                          "(or merged)."),
        click.option("--ignore-whitespace", is_flag=True, help="Treat any run of spaces and line breaks as one."),
        click.option("--ignore-case", is_flag=True, help="Ignore differences of letter case."),
        click.option("--ignore-quotes", is_flag=True, help="Treat curly and straight quotation marks as the same."),
        click.option("--ignore-renumbering", is_flag=True,
                     help="Ignore cross-references changed only because what they refer to was renumbered."),
        click.option("--correspondence", type=click.Path(dir_okay=False), default=None,
                     help="A table (TOML, [[pair]] old = \"s. 1\" new = \"s. 3\") of provisions to pair first. "
                          "Tables shipped for known Acts (RIPA 2000 to IPA 2016) apply by themselves."),
        click.option("--topic", default=None, metavar="TOPIC",
                     help='Only provisions on this topic in either document ("interception", '
                          '"communications_data.retention"; see lawdiff topics --list).'),
        click.option("--taxonomy", type=click.Path(dir_okay=False), default=None,
                     help="Your own topic taxonomy (TOML), instead of the shipped one."),
        click.option("--topic-threshold", type=FRACTION, default=0.35, show_default=True,
                     help="Score (0-1) from which a provision counts as on a topic."),
        click.option("--context", type=click.IntRange(min=0, max=1_000_000), default=None,
                     help="N unchanged provisions either side of each change (implies --only-changed)."),
        click.option("--only-changed", is_flag=True, help="Only changed provisions, under the headings they sit in."),
    ]
    for option in reversed(options):
        f = option(f)
    return limits_options(f)


def compare(old: str, new: str, opts: dict) -> "api.Comparison":
    """The comparison the shared options ask for (consumes them)."""
    names = ("select", "select_new", "mode", "threshold", "number_floor", "move_threshold", "split_threshold",
             "ignore_whitespace", "ignore_case", "ignore_quotes", "ignore_renumbering", "correspondence",
             "topic", "taxonomy", "topic_threshold", "fmt")
    given = {name: opts.pop(name) for name in names}
    return api.diff(old, new, **given, **reading(opts.pop("max_bytes"), opts.pop("max_depth")))


@command("diff", "lawdiff diff example:surveillance-act example:surveillance-act-amended",
         "lawdiff diff old.xml new.xml --only-changed --format markdown -o changes.md",
         'lawdiff diff RIPA IPA --select "Part 1" --stat')
@document_argument("old")
@document_argument("new")
@click.option("--format", "out", type=click.Choice(("text", "json", "html", "markdown")), default="text",
              show_default=True, help="The format written.")
@click.option("--stat", is_flag=True, help="Only the table of changes per Part and kind.")
@click.option("--context-words", type=CONTEXT_WORDS, default=str(api.CONTEXT_WORDS), show_default=True,
              metavar="N|all", help="Unchanged words shown either side of each change in a changed provision "
                                    "(the rest elided as …); all: every word.")
@click.option("--color", "--colour", "colour", type=click.Choice(("auto", "always", "never")), default="auto",
              show_default=True, help="Colour the terminal view (auto: on a terminal, unless NO_COLOR is set).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file (atomically) instead of standard output.")
@click.option("--force", is_flag=True, help="Overwrite the output file even if lawdiff did not write it.")
@comparison_options
def diff_command(old: str, new: str, out: str, stat: bool, context_words: int | None, colour: str,
                 output: str | None, force: bool, only_changed: bool, context: int | None, **opts) -> None:
    """Compare OLD with NEW, provision by provision (lawdiff.diff).

    --format html writes the HTML viewer: one standalone page with a list of the changes, the
    contents by Part, the keys n and p (and buttons) to move from change to change, filters by
    kind and topic, and an inline and a side-by-side view.

    Exit status as diff(1): 0 when they are the same, 1 when they differ, 2 on error.
    """
    colour_on = output is None and api.use_colour(colour, sys.stdout) or colour == "always"
    comparison = compare(old, new, opts)
    options = {"only_changed": only_changed, "context": context, "stat": stat, "context_words": context_words}
    if output:
        wrote(comparison.render(out, output, force=force, colour=colour_on and out == "text", **options))
    else:
        click.echo(comparison.render(out, colour=colour_on, **options), nl=False,
                   color=out == "text" and not stat and colour_on)
    sys.exit(0 if comparison.identical else 1)


def pdf_options(f):
    """How a PDF (comparison or Keeling schedule) is laid out: shared by compare and amend."""
    options = [
        click.option("--title", default=None, help="Title on the cover and in the PDF's metadata."),
        click.option("--paper", type=click.Choice(api.CHOICES["papers"]), default="a4", show_default=True),
        click.option("--template", "template_dir", type=click.Path(file_okay=False, exists=True), default=None,
                     help="A folder of templates (compare.html.j2, compare.css for the PDF; viewer.html.j2, "
                          "viewer.css, viewer.js for the HTML page) overriding the shipped ones."),
        click.option("--html", "html_file", type=click.Path(dir_okay=False), default=None,
                     help="Also write the HTML viewer: a page to read in a browser, with a list of the "
                          "changes, the keys n and p to move between them, filters and both views."),
        click.option("--pdf-variant", type=click.Choice(api.CHOICES["pdf variants"]), default=api.DEFAULTS["pdf_variant"],
                     show_default=True, help="PDF/UA (tagged, for screen readers), PDF/A (archival), or none (untagged)."),
        click.option("--date", default=None, metavar="YYYY-MM-DD",
                     help="Generation date to show and store (default today): pin it for reproducible output."),
        click.option("--force", is_flag=True, help="Overwrite output files even if lawdiff did not write them."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


@command("compare", "lawdiff compare example:surveillance-act example:surveillance-act-amended -o briefing.pdf",
         "lawdiff compare bill-introduced.xml bill-amended.xml -o changes.pdf --only-changed --view side-by-side",
         "lawdiff compare RIPA IPA -o ripa-ipa.pdf --notes notes.toml --date 2026-12-01",
         "lawdiff compare bill-introduced.xml bill-amended.xml -o redline.docx")
@document_argument("old")
@document_argument("new")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The file to write (atomically: a failed run leaves any previous file as it was): "
                   "a PDF, a Word file with tracked changes for a name ending .docx, or the HTML viewer "
                   "for a name ending .html.")
@click.option("--format", "out", type=click.Choice(("pdf", "docx", "html")), default=None,
              help="The format written (default: from the name of the output file, else pdf): docx is a "
                   "Word file whose changes are tracked revisions.")
@click.option("--view", type=click.Choice(api.CHOICES["views"]), default="inline", show_default=True,
              help="inline: one column, changes marked in place; side-by-side: old | new.")
@deprecated("--changes-only", "only_changed", is_flag=True)
@click.option("--notes", "notes_file", type=click.Path(dir_okay=False), default=None,
              help='Reviewers\' notes keyed by citation (TOML: ["s. 1(1)"] note = "..." author = "...").')
@pdf_options
@click.option("--exit-code", is_flag=True, help="Exit 1 when the documents differ, as diff does.")
@comparison_options
def compare_command(old: str, new: str, output: str, out: str | None, view: str, notes_file: str | None,
                    title: str | None, paper: str, template_dir: str | None, html_file: str | None,
                    pdf_variant: str, date: str | None, force: bool, exit_code: bool, only_changed: bool,
                    context: int | None, **opts) -> None:
    """Render the comparison of OLD with NEW as an annotated PDF (lawdiff.diff(...).write_pdf(path)).

    A cover with counts and a chart of changes per Part, a summary table linked to
    the body, contents, bookmarks, and every provision with its changes marked. With -o
    NAME.docx, a Word file whose changes are tracked (.write_docx(path)): Accept All gives
    NEW, Reject All OLD. With -o NAME.html (or --html), the HTML viewer.
    """
    out = out or api.format_for_path(output, "pdf")
    for path in (output, html_file):  # refused before the work, not after it
        if path:
            api.check_replaceable(path, force)
    comparison = compare(old, new, opts)
    layout = {"view": view, "only_changed": only_changed, "context": context, "notes": notes_file, "title": title,
              "paper": paper, "template_dir": template_dir, "pdf_variant": pdf_variant, "date": date}
    if out == "html":
        html_file, output = output, None
    if out == "docx":
        wrote(comparison.write_docx(output, html=html_file, force=force, **layout))
    else:
        wrote(comparison.write_pdf(output, html=html_file, force=force, progress=terminal_progress(), **layout))
    sys.exit(1 if exit_code and not comparison.identical else 0)


@command("topics", "lawdiff topics ukpga-2024-9.clml.xml",
         "lawdiff topics IPA --topic interception.bulk --format csv",
         "lawdiff topics ukpga-2024-9.clml.xml --glossary", "lawdiff topics --list")
@document_argument("document", required=False)
@click.option("--topic", default=None, metavar="TOPIC", help="Only provisions on this topic (id or label).")
@click.option("--format", "out", type=click.Choice(("table", "text", "json", "csv")), default="table",
              show_default=True, help="The format written (text is the table).")
@click.option("--level", type=click.Choice(("sections", "all")), default="sections", show_default=True,
              help="Classify sections (and schedule paragraphs), or every provision.")
@click.option("--topic-threshold", "threshold", type=FRACTION, default=0.35, show_default=True,
              help="Score (0-1) from which a topic is reported.")
@deprecated("--threshold", "threshold", type=FRACTION)
@click.option("--taxonomy", type=click.Path(dir_okay=False), default=None,
              help="Your own topic taxonomy (TOML), instead of the shipped one.")
@click.option("--glossary", "show_glossary", is_flag=True, help="The defined terms of DOCUMENT instead.")
@click.option("--list", "list_topics", is_flag=True, help="The topics of the taxonomy, and stop.")
@limits_options
def topics_command(document: str | None, topic: str | None, out: str, level: str, threshold: float,
                   taxonomy: str | None, show_glossary: bool, list_topics: bool, fmt: str, max_bytes: int,
                   max_depth: int) -> None:
    """Which provisions of DOCUMENT are about which investigatory power, with the evidence (lawdiff.topics)."""
    if list_topics:
        click.echo(api.taxonomy(taxonomy).render("json" if out == "json" else "text"), nl=False)
        return
    if not document:
        raise LawdiffError("a DOCUMENT is needed (or --list)")
    if show_glossary:
        found = api.glossary(document, fmt, **reading(max_bytes, max_depth))
        click.echo(found.render("table" if out == "text" else out), nl=False)
        return
    report = api.topics(document, topic, level=level, threshold=threshold, taxonomy=taxonomy, fmt=fmt,
                        **reading(max_bytes, max_depth))
    click.echo(report.render(out), nl=False)


def _store_option(f):
    return click.option("--store", "store_path", type=click.Path(dir_okay=False), default=None,
                        help="The search store (default: LAWDIFF_STORE, else index.sqlite3 in the user data "
                             "folder).")(f)


@command("index", "lawdiff index ukpga-2024-9.clml.xml ukpga-2024-9.akn.xml",
         "lawdiff index IPA RIPA --store ip.sqlite3", "lawdiff index --rebuild")
@click.argument("refs", nargs=-1, shell_complete=complete_document)
@_store_option
@click.option("--rebuild", is_flag=True, help="Start the store afresh (after an upgrade, or if it is damaged).")
@click.option("--taxonomy", type=click.Path(dir_okay=False), default=None, help="Topic taxonomy to tag with.")
@limits_options
def index_command(refs: tuple[str, ...], store_path: str | None, rebuild: bool, taxonomy: str | None, fmt: str,
                  max_bytes: int, max_depth: int) -> None:
    """Store the provisions of each REF (file, identifier or catalogue name) for lawdiff search (lawdiff.index)."""
    progress = terminal_progress()
    done = api.index(refs, store_path, rebuild=rebuild, taxonomy=taxonomy, fmt=fmt, progress=progress,
                     **reading(max_bytes, max_depth))
    if progress and refs:
        progress("")
    if not progress:
        for ref, count, title in done.added:
            click.echo(f"{ref}: {count} provisions of {title}")
    if progress or not refs:
        click.echo(f"{done.store}: {done.documents} documents")


@command("search", 'lawdiff search "personal data breach"',
         'lawdiff search "retention notice" --topic communications_data.retention --in IPA',
         'lawdiff search "warrant*" --format json --limit 5')
@click.argument("query")
@click.option("--topic", default=None, help="Only provisions on this topic (id, e.g. interception.bulk).")
@click.option("--in", "within", multiple=True, metavar="REF",
              help="Only in this document (as indexed, its identifier, catalogue name or title); repeatable.")
@click.option("--limit", type=click.IntRange(min=1, max=1_000_000), default=20, show_default=True,
              help="At most this many hits.")
@click.option("--format", "out", type=click.Choice(("table", "text", "json")), default="table", show_default=True,
              help="The format written (text is the table).")
@_store_option
def search_command(query: str, topic: str | None, within: tuple[str, ...], limit: int, out: str,
                   store_path: str | None) -> None:
    """Provisions matching QUERY across indexed documents, best first (BM25), with snippets and
    the files each was indexed from (lawdiff.search).

    QUERY is words (all must match), "a phrase", prefix*, or FTS5's AND / OR / NOT.
    """
    colour = out != "json" and api.use_colour("auto", sys.stdout)
    hits = api.search(query, topic=topic, within=within, limit=limit, store=store_path,
                      mark=("\x1b[1m", "\x1b[0m") if colour else ("[", "]"))
    click.echo(hits.render(out), nl=False, color=colour)


@command("effects", "lawdiff effects ukpga-2024-9.clml.xml",
         "lawdiff effects amending-bill.xml --target ukpga/2016/25/enacted --format lawmaker",
         "lawdiff effects example:surveillance-act-amending --explain")
@document_argument("amending")
@click.option("--target", default=None, metavar="ACT", shell_complete=complete_document,
              help="The Act amended: effects aimed at it only, with its native ids (AKN eId, CLML id).")
@click.option("--target-title", default=None, metavar="TITLE",
              help="The name the amending text gives the target, when its own title and short-title "
                   "provision do not give it (\"Bankruptcy (Scotland) Act 2016\").")
@click.option("--format", "out", type=click.Choice(("table", "text", "json", "csv", "lawmaker")), default="table",
              show_default=True, help="lawmaker: the UK Lawmaker team's table of amendments (JSON).")
@click.option("--explain", is_flag=True,
              help="Under each effect, the grammar's rule that read it and the words it read; under each "
                   "instruction not understood, how far the grammar got.")
@limits_options
def effects_command(amending: str, target: str | None, target_title: str | None, out: str, explain: bool, fmt: str,
                    max_bytes: int, max_depth: int) -> None:
    """Every textual amendment AMENDING makes: what, where, and the words or provisions it brings
    (lawdiff.effects).

    Instructions lawdiff cannot read are listed as not understood, never dropped.
    """
    found = api.effects(amending, target, target_title=target_title, fmt=fmt, **reading(max_bytes, max_depth))
    if found.note:
        click.echo(f"lawdiff: note: {found.note}", err=True)
    click.echo(found.render(out, explain=explain), nl=False)
    if out in ("lawmaker", "csv"):
        click.echo(f"lawdiff: {len(found)} effects; {found.understood:.1%} of instructions understood", err=True)


@command("amend", "lawdiff amend example:surveillance-act example:surveillance-act-amending -o keeling.pdf",
         "lawdiff amend ukpga/2016/25/enacted ukpga-2024-9.clml.xml --xml ipa-amended.xml --strict",
         "lawdiff amend act.xml bill.xml --format json > amended.json",
         "lawdiff amend act.xml bill.xml -o keeling.docx --full")
@document_argument("target")
@document_argument("amending")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the Keeling schedule: the amended Act with its changes marked (PDF; a Word file "
                   "with tracked changes for a name ending .docx; the HTML viewer for a name ending .html).")
@click.option("--xml", "xml_out", type=click.Path(dir_okay=False), default=None,
              help="Write the amended Act in its source format (CLML or Akoma Ntoso).")
@click.option("--format", "out", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="What is printed: text, what was done; json, the amended Act (schema lawdiff.document/1).")
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@click.option("--target-title", default=None, metavar="TITLE",
              help="The name the amending text gives TARGET, when its own title and short-title provision do not.")
@click.option("--strict", is_flag=True, help="Exit 1 if any instruction could not be applied.")
@click.option("--full", is_flag=True, help="The whole amended Act in the Keeling schedule, not just what changed.")
@pdf_options
@limits_options
def amend_command(target: str, amending: str, output: str | None, xml_out: str | None, out: str, as_json: bool,
                  target_title: str | None, strict: bool, full: bool, html_file: str | None, title: str | None,
                  template_dir: str | None, pdf_variant: str, date: str | None, paper: str, force: bool,
                  fmt: str, max_bytes: int, max_depth: int) -> None:
    """Apply the amendments AMENDING makes to TARGET: the amended Act, and a Keeling schedule
    (lawdiff.amend).

    Instructions that cannot be applied (their provision or words are missing, or the words
    occur more than once and the instruction does not say which) are reported as conflicts,
    naming both provisions; the rest are applied. Exit status 0, or 1 with --strict if any
    instruction was not applied.
    """
    for path in (output, xml_out, html_file):  # refused before any work, and before any report is printed
        if path:
            api.check_replaceable(path, force)
    done = api.amend(target, amending, target_title=target_title, fmt=fmt, check_xml=bool(xml_out),
                     **reading(max_bytes, max_depth))
    if done.note:
        click.echo(f"lawdiff: note: {done.note}", err=True)
    click.echo(done.render("json" if as_json else out), nl=False)
    if xml_out:
        wrote(done.render("xml", xml_out, force=True))
    kind = api.format_for_path(output, "pdf") if output else "pdf"
    if kind == "html":
        html_file, output = output, None
    layout = {"full": full, "title": title, "paper": paper, "template_dir": template_dir, "pdf_variant": pdf_variant,
              "date": date}
    if output and kind == "docx":
        wrote(done.write_docx(output, html=html_file, force=force, **layout))
    elif output or html_file:
        wrote(done.write_pdf(output, html=html_file, force=force, progress=terminal_progress(), **layout))
    sys.exit(1 if strict and (done.conflicts or done.unparsed) else 0)


@command("catalog", "lawdiff catalog", "lawdiff catalog --format json")
@click.option("--format", "out", type=click.Choice(("table", "text", "json")), default="table", show_default=True,
              help="The format written (text is the table).")
def catalog_command(out: str) -> None:
    """The investigatory powers statute book lawdiff knows by name (lawdiff.catalog; statutes/catalog.toml).

    Any name or alias listed works wherever a document is expected: lawdiff show RIPA "s. 22".
    """
    click.echo(api.catalog().render(out), nl=False)


@command("define", 'lawdiff define example:surveillance-act provider',
         'lawdiff define IPA "communications data" --format json')
@document_argument("document")
@click.argument("term")
@click.option("--format", "out", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="The format written.")
@limits_options
def define_command(document: str, term: str, out: str, fmt: str, max_bytes: int, max_depth: int) -> None:
    """How DOCUMENT defines TERM, with the citation of the definition (lawdiff.define)."""
    click.echo(api.define(document, term, fmt, **reading(max_bytes, max_depth)).render(out), nl=False)


@command("batch", "lawdiff batch jobs.toml", "lawdiff batch jobs.csv --jobs 2 --summary summary.csv",
         "lawdiff batch jobs.toml --scheduler tcp://10.0.0.5:8786 --summary summary.json")
@click.argument("manifest", type=click.Path(dir_okay=False))
@click.option("--summary", "summary_file", type=click.Path(dir_okay=False), default=None,
              help="Write the report here (default: on standard output).")
@click.option("--format", "out", type=click.Choice(("json", "csv")), default=None,
              help="The report's format (default: from the --summary file's name, else json).")
@click.option("--jobs", "workers", type=click.IntRange(min=1, max=1024), default=None,
              help="Processes on this machine (default: one per core; 1: one job after another).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Run the jobs on this Dask cluster instead (pip install 'lawdiff[dask]').")
@click.option("--shared", is_flag=True,
              help="The cluster's workers read documents from the same paths (a shared disk), instead of being "
                   "sent them.")
@click.option("--mirror", type=click.Path(file_okay=False), default=None,
              help="Every job reads identifiers from this folder laid out like legislation.gov.uk.")
@_store_option
@click.option("--force", is_flag=True, help="Run every job, even those whose output is newer than their inputs.")
def batch_command(manifest: str, summary_file: str | None, out: str | None, workers: int | None, scheduler: str | None,
                  shared: bool, mirror: str | None, store_path: str | None, force: bool) -> None:
    """Run the jobs of MANIFEST (TOML [[job]] tables, or CSV: command,args,output), each a
    lawdiff command line with its output, in parallel (lawdiff.batch).

    Paths are relative to the manifest's folder. Each output is written as its job finishes,
    atomically; a failing job is reported and never stops the others; index jobs add their
    documents to the one store (--store). Exit status 0 when every job succeeded, 1 when any
    found differences, 2 when any failed.
    """
    from . import batch

    jobs = batch.read_manifest(manifest)
    if summary_file:
        api.check_replaceable(summary_file)  # refused before the jobs run, not after
    engine = batch.engine_for(workers, scheduler, shared)
    report = batch.run(jobs, engine, store=store_path, force=force, mirror=mirror, progress=terminal_progress())
    kind = out or ("csv" if summary_file and summary_file.lower().endswith(".csv") else "json")
    if summary_file:
        api.write_atomic(summary_file, report.render(kind))
        click.echo(f"wrote {summary_file}: " + report.render("text").strip(), err=True)
    else:
        click.echo(report.render(kind), nl=False)
    sys.exit(report.exit_status)


if __name__ == "__main__":  # pragma: no cover
    main()
