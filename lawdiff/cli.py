"""The ``lawdiff`` command. Each command is a thin call into the library.

Errors in the user's input are one line on stderr, ``lawdiff: error: ...``,
and exit status 2; never a traceback.
"""

from __future__ import annotations

import datetime
import math
import re
import signal
import sys
import threading
from dataclasses import replace

import click

from . import __version__, load
from .sources import resolve as resolve_reference
from .sources.catalog import catalog
from .store import Store
from .sources.fetch import SourceOptions
from .errors import LawdiffError, displayable
from .formats import FORMATS
from .formats.xmlsafe import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, Limits
from .compare import MODES, DiffOptions, TextOptions, diff as compare_documents
from .compare.correspondence import read_table
from .compare.restrict import restrict
from .amend import apply_effects, extract as extract_effects
from .render.keeling import keeling_options
from .formats.write import check_writable, write as write_document
from .render import diffdoc, diffjson, diffterm, effectsout, jsonout, topicsout
from .render.notes import load_notes
from .render.output import check_replaceable, write_atomic
from .topics import Classifier, define, glossary, load_taxonomy
from .progress import terminal_progress
from .render.pdf import DEFAULT_VARIANT, PAPERS, PDF_VARIANTS, VIEWS, PdfOptions, comparison_html, render_pdf
from .render.outline import outline
from .render.quote import render_provision


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
    f = click.option("--max-bytes", type=click.IntRange(min=1, max=MAX_BYTES_CAP), default=DEFAULT_MAX_BYTES, show_default=True,
                     help="Refuse input files larger than this.")(f)
    f = click.option("--max-depth", type=click.IntRange(min=8, max=100_000), default=DEFAULT_MAX_DEPTH, show_default=True,
                     help="Refuse XML nested deeper than this.")(f)
    return f


format_option = click.option("--format", "fmt", type=click.Choice(("auto",) + FORMATS), default="auto",
                             show_default=True, help="Source format; auto detects it from the root element.")


@click.group(cls=LawdiffGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lawdiff")
def main() -> None:
    """Parse, compare and amend legislation (CLML, Akoma Ntoso, USLM).

    A DOCUMENT is a file path; example:NAME for the examples shipped with lawdiff; a
    legislation.gov.uk identifier or URL (ukpga/2016/25/enacted); or a catalogue name
    (IPA, "RIPA section 22": see lawdiff catalog).
    """


@main.command()
@click.argument("document")
@format_option
@click.option("--json", "as_json", is_flag=True, help="The whole tree as JSON (schema lawdiff.document/1).")
@limits_options
def parse(document: str, fmt: str, as_json: bool, max_bytes: int, max_depth: int) -> None:
    """Outline of DOCUMENT: citation, heading and first words of every provision."""
    doc = load(document, fmt, Limits(max_bytes, max_depth), current_sources())
    if doc.unplaced:  # nothing is dropped silently: what lawdiff read only as words, it says
        total = sum(n for _, n in doc.unplaced)
        names = ", ".join(f"{name} ({n})" for name, n in doc.unplaced[:8]) + (", …" if len(doc.unplaced) > 8 else "")
        click.echo(f"lawdiff: warning: {doc.meta.source}: {total} element{'s' if total > 1 else ''} lawdiff does "
                   f"not know, read as words of the provision around them: {names}", err=True)
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
    doc = load(document, fmt, Limits(max_bytes, max_depth), current_sources())
    provision = doc.find(citation)
    if out == "json":
        data = {"schema": "lawdiff.provision/1", "document": doc.title, "source": doc.meta.uri or doc.meta.source,
                "provision": jsonout.provision_to_dict(provision, doc)}
        click.echo(jsonout.dumps(data), nl=False)
    else:
        click.echo(render_provision(doc, provision, out), nl=False)


def comparison_options(f):
    """Options shared by diff and compare: what to compare and how to pair provisions."""
    options = [
        click.option("--select", "select", metavar="CITATION", default=None,
                     help='Compare one Part, section or subtree: "Part 2", "s. 5", "clause 3(2)".'),
        click.option("--select-new", metavar="CITATION", default=None,
                     help="Where the selected provision is in NEW, if its citation there differs."),
        click.option("--mode", type=click.Choice(MODES), default="auto", show_default=True,
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
        click.option("--source-format", "fmt", type=click.Choice(("auto",) + FORMATS), default="auto",
                     show_default=True, help="Source format of both documents."),
        click.option("--correspondence", "correspondence_file", type=click.Path(dir_okay=False), default=None,
                     help="A table (TOML, [[pair]] old = \"s. 1\" new = \"s. 3\") of provisions to pair first. "
                          "Tables shipped for known Acts (RIPA 2000 to IPA 2016) apply by themselves."),
        click.option("--topic", default=None, metavar="TOPIC",
                     help='Only provisions on this topic in either document ("interception", '
                          '"communications_data.retention"; see lawdiff topics --list).'),
        click.option("--taxonomy", type=click.Path(dir_okay=False), default=None,
                     help="Your own topic taxonomy (TOML), instead of the shipped one."),
        click.option("--topic-threshold", type=FRACTION, default=0.35, show_default=True,
                     help="Score (0-1) from which a provision counts as on a topic."),
    ]
    for option in reversed(options):
        f = option(f)
    return limits_options(f)


def compare_from_options(old: str, new: str, opts: dict):
    """Load both documents and compare them as the shared options say (consumes those options)."""
    limits = Limits(opts.pop("max_bytes"), opts.pop("max_depth"))
    fmt = opts.pop("fmt")
    table_file = opts.pop("correspondence_file")
    options = DiffOptions(opts.pop("mode"), opts.pop("threshold"), opts.pop("number_floor"),
                          opts.pop("move_threshold"), opts.pop("split_threshold"),
                          TextOptions(opts.pop("ignore_whitespace"), opts.pop("ignore_case"),
                                      opts.pop("ignore_quotes"), opts.pop("ignore_renumbering")),
                          correspondence=read_table(table_file).pairs if table_file else ())
    select, select_new = opts.pop("select"), opts.pop("select_new")
    topic, taxonomy, threshold = opts.pop("topic"), opts.pop("taxonomy"), opts.pop("topic_threshold")
    old_doc, new_doc = load(old, fmt, limits, current_sources()), load(new, fmt, limits, current_sources())
    result = compare_documents(old_doc, new_doc, options, select, select_new)
    classifier = Classifier(load_taxonomy(taxonomy), threshold)
    if topic:
        wanted = classifier.taxonomy.resolve(topic).id
        on_topic = {id(c.provision) for doc in (old_doc, new_doc)
                    for c in classifier.classify_document(doc) if c.has(wanted)}
        result = restrict(result, lambda p: id(p) in on_topic)
    return result, classifier


@main.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "out", type=click.Choice(("text", "json", "html", "markdown")), default="text",
              show_default=True, help="Output format.")
@click.option("--stat", is_flag=True, help="Only the table of changes per Part and kind.")
@click.option("--only-changed", is_flag=True, help="Only changed provisions, under the headings they sit in.")
@click.option("--context", type=click.IntRange(min=0, max=1_000_000), default=None,
              help="Show N unchanged provisions either side of each change (implies --only-changed).")
@click.option("--color", "--colour", "colour", type=click.Choice(("auto", "always", "never")), default="auto",
              show_default=True, help="Colour the terminal view (auto: on a terminal, unless NO_COLOR is set).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file (atomically) instead of standard output.")
@click.option("--force", is_flag=True, help="Overwrite the output file even if lawdiff did not write it.")
@comparison_options
def diff_command(old: str, new: str, out: str, stat: bool, only_changed: bool, context: int | None,
                 colour: str, output: str | None, force: bool, **opts) -> None:
    """Compare OLD with NEW, provision by provision.

    Exit status as diff(1): 0 when they are the same, 1 when they differ, 2 on error.
    """
    colour_on = output is None and diffterm.use_colour(colour, sys.stdout) or colour == "always"
    result, _ = compare_from_options(old, new, opts)
    if out == "json":
        text = jsonout.dumps(diffjson.result_to_dict(result, only_changed or context is not None, stat))
    elif out == "html":
        text = diffdoc.render_html(result, only_changed, context, stat)
    elif out == "markdown":
        text = diffdoc.render_markdown(result, only_changed, context, stat)
    elif stat:
        text = "\n".join(diffterm.header(result) + [""] + diffterm.stat_table(result.summary)) + "\n"
    else:
        text = diffterm.render(result, colour_on, only_changed, context)
    if output:
        write_atomic(output, text, force)
    else:
        click.echo(text, nl=False, color=out == "text" and not stat and colour_on)
    sys.exit(0 if result.identical else 1)


@main.command("compare")
@click.argument("old")
@click.argument("new")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The PDF to write (atomically: a failed run leaves any previous file as it was).")
@click.option("--view", type=click.Choice(VIEWS), default="inline", show_default=True,
              help="inline: one column, changes marked in place; side-by-side: old | new.")
@click.option("--changes-only", is_flag=True, help="Only changed provisions, under the headings they sit in.")
@click.option("--context", type=click.IntRange(min=0, max=1_000_000), default=None,
              help="With --changes-only: N unchanged provisions either side of each change.")
@click.option("--notes", "notes_file", type=click.Path(dir_okay=False), default=None,
              help='Reviewers\' notes keyed by citation (TOML: ["s. 1(1)"] note = "..." author = "...").')
@click.option("--title", default=None, help="Title of the comparison (cover, PDF metadata).")
@click.option("--paper", type=click.Choice(tuple(PAPERS)), default="a4", show_default=True)
@click.option("--template", "template_dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="A folder of templates (compare.html.j2, compare.css) overriding the shipped ones.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False), default=None,
              help="Also keep the HTML the PDF is made from.")
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS), default=DEFAULT_VARIANT, show_default=True,
              help="PDF/UA (tagged, for screen readers), PDF/A (archival), or none (untagged).")
@click.option("--date", default=None, metavar="YYYY-MM-DD",
              help="Generation date to show and store (default today): pin it for reproducible output.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when the documents differ, as diff does.")
@click.option("--force", is_flag=True, help="Overwrite output files even if lawdiff did not write them.")
@comparison_options
def compare_command(old: str, new: str, output: str, view: str, changes_only: bool, context: int | None,
                    notes_file: str | None, title: str | None, paper: str, template_dir: str | None,
                    html_file: str | None, pdf_variant: str, date: str | None, exit_code: bool,
                    force: bool, **opts) -> None:
    """Render the comparison of OLD with NEW as an annotated PDF.

    A cover with counts and a chart of changes per Part, a summary table linked to
    the body, contents, bookmarks, and every provision with its changes marked.
    """
    for path in (output, html_file):
        if path:
            check_replaceable(path, force)
    notes = tuple(load_notes(notes_file)) if notes_file else ()
    result, classifier = compare_from_options(old, new, opts)
    tags = {id(c.provision): [s.topic.label for s in c.scores if "." not in s.topic.id][:3]
            for doc in (result.old, result.new) for c in classifier.classify_document(doc)}
    options = PdfOptions(view=view, changes_only=changes_only or context is not None, context=context,
                         notes=notes, notes_source=notes_file or "notes", title=title, paper=paper, tags=tags,
                         template_dir=template_dir, date=date or datetime.date.today().isoformat(),
                         pdf_variant=pdf_variant)
    # Notes and dates are checked before the slow part: nothing is written if they are wrong.
    html = comparison_html(result, options)
    pdf = render_pdf(result, options, progress=terminal_progress(), html=html)
    if html_file:
        write_atomic(html_file, html, force)
    write_atomic(output, pdf, force)
    sys.exit(1 if exit_code and not result.identical else 0)


@main.command("topics")
@click.argument("document", required=False)
@click.option("--topic", default=None, metavar="TOPIC", help="Only provisions on this topic (id or label).")
@click.option("--format", "out", type=click.Choice(("table", "json", "csv")), default="table", show_default=True)
@click.option("--level", type=click.Choice(("sections", "all")), default="sections", show_default=True,
              help="Classify sections (and schedule paragraphs), or every provision.")
@click.option("--threshold", type=FRACTION, default=0.35, show_default=True,
              help="Score (0-1) from which a topic is reported.")
@click.option("--taxonomy", type=click.Path(dir_okay=False), default=None,
              help="Your own topic taxonomy (TOML), instead of the shipped one.")
@click.option("--glossary", "show_glossary", is_flag=True, help="The defined terms of DOCUMENT instead.")
@click.option("--list", "list_topics", is_flag=True, help="The topics of the taxonomy, and stop.")
@click.option("--source-format", "fmt", type=click.Choice(("auto",) + FORMATS), default="auto", show_default=True)
@limits_options
def topics_command(document: str | None, topic: str | None, out: str, level: str, threshold: float,
                   taxonomy: str | None, show_glossary: bool, list_topics: bool, fmt: str, max_bytes: int,
                   max_depth: int) -> None:
    """Which provisions of DOCUMENT are about which investigatory power, with the evidence."""
    tax = load_taxonomy(taxonomy)
    if list_topics:
        for t in tax.topics:
            click.echo(f"{'  ' if t.parent else ''}{t.id:40} {t.label}")
        return
    if not document:
        raise LawdiffError("a DOCUMENT is needed (or --list)")
    doc = load(document, fmt, Limits(max_bytes, max_depth), current_sources())
    if show_glossary:
        definitions = glossary(doc)
        if out == "json":
            click.echo(jsonout.dumps(topicsout.glossary_to_dict(doc.title, definitions)), nl=False)
        else:
            click.echo(topicsout.glossary_csv(definitions) if out == "csv" else topicsout.glossary_table(definitions),
                       nl=False)
        return
    classifier = Classifier(tax, threshold)
    found = classifier.classify_document(doc, level)
    if topic:
        wanted = tax.resolve(topic).id
        found = [c for c in found if c.has(wanted)]
    if out == "json":
        click.echo(jsonout.dumps(topicsout.to_dict(doc.title, tax.source, threshold, found)), nl=False)
    elif out == "csv":
        click.echo(topicsout.to_csv(found), nl=False)
    else:
        click.echo(topicsout.table(found), nl=False)


def _store_option(f):
    return click.option("--store", "store_path", type=click.Path(dir_okay=False), default=None,
                        help="The search store (default: LAWDIFF_STORE, else index.sqlite3 in the user data "
                             "folder).")(f)


@main.command("index")
@click.argument("refs", nargs=-1)
@_store_option
@click.option("--rebuild", is_flag=True, help="Start the store afresh (after an upgrade, or if it is damaged).")
@click.option("--taxonomy", type=click.Path(dir_okay=False), default=None, help="Topic taxonomy to tag with.")
@click.option("--source-format", "fmt", type=click.Choice(("auto",) + FORMATS), default="auto", show_default=True)
@limits_options
def index_command(refs: tuple[str, ...], store_path: str | None, rebuild: bool, taxonomy: str | None, fmt: str,
                  max_bytes: int, max_depth: int) -> None:
    """Store the provisions of each REF (file, identifier or catalogue name) for lawdiff search."""
    if not refs and not rebuild:
        raise LawdiffError("nothing to index: give files, identifiers or catalogue names (or --rebuild)")
    limits = Limits(max_bytes, max_depth)
    classifier = Classifier(load_taxonomy(taxonomy))
    progress = sys.stderr.isatty()
    if rebuild:
        Store(store_path, rebuild=True).close()
    path = store_path
    for k, ref in enumerate(refs, 1):
        if progress:
            click.echo(f"\rlawdiff: indexing {k}/{len(refs)}: {ref}\x1b[K", err=True, nl=False)
        # Read (and so check) the document before touching the store: bad input leaves no store behind.
        doc = load(ref, fmt, limits, current_sources())
        tags = {id(c.provision): c.topic_ids() for c in classifier.classify_document(doc)}
        with Store(store_path) as store:
            count = store.add(ref, doc, tags)
            path = store.path
        if not progress:
            click.echo(f"{ref}: {count} provisions of {doc.title}")
    if progress and refs:
        click.echo("", err=True)
    with Store(path) as store:
        if progress or not refs:
            click.echo(f"{store.path}: {len(store.documents())} documents")


@main.command("search")
@click.argument("query")
@click.option("--topic", default=None, help="Only provisions on this topic (id, e.g. interception.bulk).")
@click.option("--in", "within", multiple=True, metavar="REF",
              help="Only in this document (as indexed, its identifier, catalogue name or title); repeatable.")
@click.option("--limit", type=click.IntRange(min=1, max=1_000_000), default=20, show_default=True,
              help="At most this many hits.")
@click.option("--format", "out", type=click.Choice(("table", "json")), default="table", show_default=True)
@_store_option
def search_command(query: str, topic: str | None, within: tuple[str, ...], limit: int, out: str,
                   store_path: str | None) -> None:
    """Provisions matching QUERY across indexed documents, best first (BM25), with snippets.

    QUERY is words (all must match), "a phrase", prefix*, or FTS5's AND / OR / NOT.
    """
    names = []
    for ref in within:
        names.append(ref)
        remote = resolve_reference(ref)
        if remote is not None:
            names.append(remote.work)
    with Store(store_path, create=False) as store:
        colour = out == "table" and diffterm.use_colour("auto", sys.stdout)
        mark = ("\x1b[1m", "\x1b[0m") if colour else ("[", "]")
        hits = store.search(query, topic, names or None, limit, mark)
    if out == "json":
        click.echo(jsonout.dumps({"schema": "lawdiff.search/1", "query": query, "hits": [
            {"document": h.document, "ref": h.ref, "citation": h.citation, "heading": h.heading,
             "snippet": h.snippet, "score": h.score, "topics": list(h.topics)} for h in hits]}), nl=False)
        return
    if not hits:
        click.echo("No matches.")
    for h in hits:
        click.echo(f"{h.citation}  {h.heading or ''}  — {h.document}".rstrip(), color=colour)
        click.echo(f"    {h.snippet}", color=colour)


@main.command("effects")
@click.argument("amending")
@click.option("--target", default=None, metavar="ACT",
              help="The Act amended: effects aimed at it only, with its native ids (AKN eId, CLML id).")
@click.option("--target-title", default=None, metavar="TITLE",
              help="The name the amending text gives the target, when its own title and short-title "
                   "provision do not give it (\"Bankruptcy (Scotland) Act 2016\").")
@click.option("--format", "out", type=click.Choice(("table", "json", "csv", "lawmaker")), default="table",
              show_default=True, help="lawmaker: the UK Lawmaker team's table of amendments (JSON).")
@click.option("--explain", is_flag=True,
              help="Under each effect, the grammar's rule that read it and the words it read; under each "
                   "instruction not understood, how far the grammar got.")
@click.option("--source-format", "fmt", type=click.Choice(("auto",) + FORMATS), default="auto", show_default=True)
@limits_options
def effects_command(amending: str, target: str | None, target_title: str | None, out: str, explain: bool, fmt: str,
                    max_bytes: int, max_depth: int) -> None:
    """Every textual amendment AMENDING makes: what, where, and the words or provisions it brings.

    Instructions lawdiff cannot read are listed as not understood, never dropped.
    """
    limits = Limits(max_bytes, max_depth)
    doc = load(amending, fmt, limits, current_sources())
    target_doc = load(target, fmt, limits, current_sources()) if target else None
    result = extract_effects(doc, target_doc, target_title)
    if result.target_note:
        click.echo(f"lawdiff: note: {result.target_note}", err=True)
    if out == "json":
        click.echo(jsonout.dumps(effectsout.to_dict(result, doc.title)), nl=False)
    elif out == "lawmaker":
        click.echo(jsonout.dumps(effectsout.lawmaker(result)), nl=False)
    elif out == "csv":
        click.echo(effectsout.to_csv(result), nl=False)
    else:
        click.echo(effectsout.table(result, explain), nl=False)
    if out in ("lawmaker", "csv"):
        click.echo(f"lawdiff: {len(result.effects)} effects; {result.understood:.1%} of instructions understood",
                   err=True)


@main.command("amend")
@click.argument("target")
@click.argument("amending")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the Keeling schedule (PDF): the amended Act with its changes marked.")
@click.option("--xml", "xml_out", type=click.Path(dir_okay=False), default=None,
              help="Write the amended Act in its source format (CLML or Akoma Ntoso).")
@click.option("--json", "as_json", is_flag=True, help="Print the amended Act as JSON (schema lawdiff.document/1).")
@click.option("--target-title", default=None, metavar="TITLE",
              help="The name the amending text gives TARGET, when its own title and short-title provision do not.")
@click.option("--strict", is_flag=True, help="Exit 1 if any instruction could not be applied.")
@click.option("--full", is_flag=True, help="The whole amended Act in the PDF, not just what changed.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False), default=None, help="Also keep the HTML.")
@click.option("--title", default=None, help="Title of the Keeling schedule (cover, PDF metadata).")
@click.option("--template", "template_dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="A folder of templates (compare.html.j2, compare.css) overriding the shipped ones.")
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS), default=DEFAULT_VARIANT, show_default=True,
              help="PDF/UA (tagged, for screen readers), PDF/A (archival), or none (untagged).")
@click.option("--date", default=None, metavar="YYYY-MM-DD",
              help="Generation date to show and store (default today): pin it for reproducible output.")
@click.option("--paper", type=click.Choice(tuple(PAPERS)), default="a4", show_default=True)
@click.option("--force", is_flag=True, help="Overwrite output files even if lawdiff did not write them.")
@click.option("--source-format", "fmt", type=click.Choice(("auto",) + FORMATS), default="auto", show_default=True)
@limits_options
def amend_command(target: str, amending: str, output: str | None, xml_out: str | None, as_json: bool,
                  target_title: str | None, strict: bool, full: bool, html_file: str | None, title: str | None,
                  template_dir: str | None, pdf_variant: str, date: str | None, paper: str, force: bool,
                  fmt: str, max_bytes: int, max_depth: int) -> None:
    """Apply the amendments AMENDING makes to TARGET: the amended Act, and a Keeling schedule.

    Instructions that cannot be applied (their provision or words are missing, or the words
    occur more than once and the instruction does not say which) are reported as conflicts,
    naming both provisions; the rest are applied. Exit status 0, or 1 with --strict if any
    instruction was not applied.
    """
    for path in (output, xml_out, html_file):  # refused before any work, and before any report is printed
        if path:
            check_replaceable(path, force)
    limits = Limits(max_bytes, max_depth)
    target_doc = load(target, fmt, limits, current_sources())
    if xml_out:
        check_writable(target_doc.meta.format)  # said before any work is done or reported
    amending_doc = load(amending, fmt, limits, current_sources())
    effects = extract_effects(amending_doc, target_doc, target_title)
    if effects.target_note:
        click.echo(f"lawdiff: note: {effects.target_note}", err=True)
    applied = apply_effects(target_doc, effects.effects)
    if as_json:
        click.echo(jsonout.dumps(jsonout.document_to_dict(applied.document)), nl=False)
    else:
        click.echo(effectsout.outcomes(applied, effects), nl=False)
    if xml_out:
        write_atomic(xml_out, write_document(applied.document), True)
    if output or html_file:
        options = PdfOptions(changes_only=not full, date=date or datetime.date.today().isoformat(), paper=paper,
                             title=title, template_dir=template_dir, pdf_variant=pdf_variant)
        # the comparison behind the schedule is made once, for the HTML and the PDF alike
        result, keeling = keeling_options(target_doc, amending_doc, applied, effects, options)
        html = comparison_html(result, keeling)
        if output:
            write_atomic(output, render_pdf(result, keeling, terminal_progress(), html), force)
        if html_file:
            write_atomic(html_file, html, force)
    sys.exit(1 if strict and (applied.conflicts or effects.unparsed) else 0)


@main.command("catalog")
@click.option("--format", "out", type=click.Choice(("table", "json")), default="table", show_default=True)
def catalog_command(out: str) -> None:
    """The investigatory powers statute book lawdiff knows by name (statutes/catalog.toml).

    Any name or alias listed works wherever a document is expected: lawdiff show RIPA "s. 22".
    """
    entries = catalog()
    if out == "json":
        click.echo(jsonout.dumps({"schema": "lawdiff.catalog/1", "entries": [
            {"id": e.id, "title": e.title, "aliases": list(e.aliases), "kind": e.kind, "about": e.about}
            for e in entries]}), nl=False)
        return
    for e in entries:
        click.echo(f"{e.id:16} {e.title}")
        if e.aliases:
            click.echo(f"{'':16}   also: {', '.join(e.aliases)}")


@main.command("define")
@click.argument("document")
@click.argument("term")
@click.option("--format", "out", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--source-format", "fmt", type=click.Choice(("auto",) + FORMATS), default="auto", show_default=True)
@limits_options
def define_command(document: str, term: str, out: str, fmt: str, max_bytes: int, max_depth: int) -> None:
    """How DOCUMENT defines TERM, with the citation of the definition."""
    doc = load(document, fmt, Limits(max_bytes, max_depth), current_sources())
    found = define(doc, term)
    if out == "json":
        click.echo(jsonout.dumps(topicsout.glossary_to_dict(doc.title, found)), nl=False)
        return
    for d in found:
        where = f"{doc.title}, {d.citation}" + (" (in quoted amending text)" if d.quoted else "")
        click.echo(f"{d.text}\n    — {where}")


if __name__ == "__main__":  # pragma: no cover
    main()
