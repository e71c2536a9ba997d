"""Keeling schedules: the amended Act with its changes marked and footnoted with their source.

The amended text is compared with the Act as it stood (the same word diff as
``lawdiff compare``), inserted words and provisions are set bold and underlined,
omitted ones struck through, each change carries a footnote in the manner of
legislation.gov.uk's annotations ("Words in s. 200 heading omitted by Investigatory
Powers (Amendment) Act 2024 s. 1(4)(c)"), and the document ends with a table of every
instruction: applied, or not applied and why.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..amend import (CROSSHEADING_AMENDED, HEADING_AMENDED, PROVISION_INSERTED, PROVISION_OMITTED,
                     PROVISION_RENUMBERED, PROVISION_SUBSTITUTED, WORDS_BECOME_PARAGRAPH, WORDS_INSERTED, WORDS_OMITTED,
                     WORDS_SUBSTITUTED, Applied, Effects, Outcome)
from ..compare import DiffOptions, diff
from ..compare.result import replacing
from ..model import Document
from ..model.titles import cited_as
from .notes import Note
from .pdf import PdfOptions, comparison_html, render_pdf

_VERB = {WORDS_INSERTED: "Words in {c} inserted", WORDS_SUBSTITUTED: "Words in {c} substituted",
         WORDS_OMITTED: "Words in {c} omitted", HEADING_AMENDED: "Words in {c} amended",
         CROSSHEADING_AMENDED: "Words in the {c} substituted", PROVISION_INSERTED: "Words after {c} inserted",
         PROVISION_SUBSTITUTED: "{c} substituted", PROVISION_OMITTED: "{c} omitted",
         WORDS_BECOME_PARAGRAPH: "Words in {c} made a paragraph", PROVISION_RENUMBERED: "{c} renumbered"}


def annotation(outcome: Outcome, amending: Document) -> str:
    """The footnote for an applied effect: "Words in s. 199(1) inserted by ... s. 1(2)(a)"."""
    e = outcome.effect
    verb = _VERB.get(e.type, "{c} amended")
    if e.type == HEADING_AMENDED:
        verb = "Words in {c} " + ("omitted" if e.anchor and e.new_words is None else
                                  "inserted" if e.anchor and e.location in ("before", "after") else "substituted")
    what = verb.format(c=e.affected_citation)
    what = what[0].upper() + what[1:]
    return f"{what} by {amending.title} {e.source_citation}"


def _landed(outcome: Outcome) -> str:
    e = outcome.effect
    where = outcome.citation or e.affected_citation or ""
    return f"{where} (definition of “{e.term}”)" if e.term else where


def instructions(effects: Effects, applied: Applied) -> list[dict]:
    """One row per instruction, in order: what it does, and whether it was applied."""
    rows = []
    for o in applied.outcomes:
        e = o.effect
        # where the amending text's words and links disagree, the reader is told, applied or not
        reason = "; ".join(x for x in (o.reason, e.note) if x)
        rows.append({"source": e.source_citation, "affected": e.affected_citation or "?", "what": e.type,
                     "status": "applied" if o.applied else "not applied", "reason": reason})
    for u in effects.unparsed:
        rows.append({"source": u.source_citation, "affected": "?", "what": u.text[:120],
                     "status": "not understood", "reason": "no pattern reads this instruction"})
    return rows


def keeling_options(target: Document, amending: Document, applied: Applied, effects: Effects,
                    options: PdfOptions) -> tuple[object, PdfOptions]:
    """The comparison to render and the options that make it a Keeling schedule."""
    result = diff(target, applied.document, DiffOptions(mode="versions", shipped_tables=False))
    # a substituted provision is struck whole and inserted whole, never shown as a mix of words
    substituted = {_landed(o) for o in applied.outcomes if o.applied and o.effect.type == PROVISION_SUBSTITUTED}
    if substituted:
        result = replace(result, changes=replacing(result.changes, substituted))
    notes = []
    for o in applied.outcomes:
        if o.applied and o.citation:
            citation = o.citation.replace(" heading", "").replace("cross-heading before ", "")
            notes.append(Note(citation, annotation(o, amending)))
    act = act_name(target, effects)
    title = options.title or f"{act} as amended by {amending.title}"
    return result, replace(options, notes=tuple(notes), title=title, keeling=True,
                           appendix=tuple(instructions(effects, applied)), lenient_notes=True,
                           cover=cover(act, target, amending, applied, effects))


def act_name(target: Document, effects: Effects) -> str:
    """What the amended Act is called in its Keeling schedule: its title when that is a real one
    (it has a year: an export's placeholder, "ML Keeling Schedule test data (Scotland) Bill", has
    none), else the name its short-title provision gives, else the name the amending text knows
    it by, else whatever title it has."""
    title = target.title or ""
    if re.search(r"\b\d{4}\b", title):
        return title
    return cited_as(target) or effects.target_act or title


def cover(act: str, target: Document, amending: Document, applied: Applied, effects: Effects) -> tuple:
    """The rows of a Keeling schedule's cover."""
    stage = amending.meta.version or amending.meta.date
    done = sum(o.applied for o in applied.outcomes)
    counts = f"{done} applied, {len(applied.outcomes) - done} not applied"
    if effects.unparsed:
        counts += f", {len(effects.unparsed)} not understood"
    rows = [("Act", act + (f" ({target.meta.version})" if target.meta.version else "")),
            ("Amended by", amending.title + (f" ({_stage(stage)})" if stage else "")),
            ("Instructions", counts)]
    source = target.meta.uri or target.meta.source
    if source:
        rows.append(("Source", source))
    return tuple(rows)


_STAGES = {"introd": "as introduced", "introd-hc": "as introduced in the House of Commons",
           "introd-hl": "as introduced in the House of Lords", "stage2": "as amended at Stage 2",
           "stage3": "as passed", "enacted": "as enacted", "made": "as made"}


def _stage(version: str) -> str:
    return _STAGES.get(version.lower(), version)


def keeling_html(target, amending, applied, effects, options: PdfOptions = PdfOptions()) -> str:
    result, opts = keeling_options(target, amending, applied, effects, options)
    return comparison_html(result, opts)  # type: ignore[arg-type]


def keeling_pdf(target, amending, applied, effects, options: PdfOptions = PdfOptions(), progress=None,
                html: str | None = None) -> bytes:
    result, opts = keeling_options(target, amending, applied, effects, options)
    return render_pdf(result, opts, progress, html)  # type: ignore[arg-type]
