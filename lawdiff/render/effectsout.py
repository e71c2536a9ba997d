"""Effects as a table, JSON, CSV, or the Lawmaker table of amendments."""

from __future__ import annotations

import csv
import io
import re

from ..amend import Applied, Effect, Effects


def effect_to_dict(e: Effect) -> dict:
    return {
        "type": e.type, "operation": e.operation, "affected_act": e.affected_act,
        "affected_provision": e.affected_citation,
        "place": {"act": e.place.act, "provision": e.place.provision, "part": e.place.part},
        "affected_id": e.affected_id, "location": e.location, "whole_provision": e.whole_provision,
        "anchor": e.anchor, "occurrence": e.occurrence, "new_words": e.new_words,
        "new_structure": [p.citation for p in e.new_structure],
        "source": e.source_citation, "source_id": e.source_id, "text": e.text,
        "link": e.link, "link_work": e.link_work, "note": e.note,
        "span": None if e.span is None else {"words": e.span.words, "until": e.span.until, "to_end": e.span.to_end,
                                             "after": e.span.after, "from_beginning": e.span.from_beginning},
        "term": e.term, "entry": e.entry, "new_number": e.new_number, "rule": e.rule, "matched": e.matched,
    }


def to_dict(result: Effects, amending_title: str) -> dict:
    return {
        "schema": "lawdiff.effects/2", "amending": amending_title, "target_act": result.target_act,
        "understood": round(result.understood, 4), "effects": [effect_to_dict(e) for e in result.effects],
        "unparsed": [{"source": u.source_citation, "source_id": u.source_id, "text": u.text, "reason": u.reason}
                     for u in result.unparsed],
    }


def lawmaker_source(citation: str) -> str:
    """A bill's provision as Lawmaker's tables cite it: clauses as sections ("s. 1(2)"), and
    paragraphs of a numbered Schedule as "para. 5(2) of schedule 1".

    >>> lawmaker_source("clause 14(2)"), lawmaker_source("Sch. 2 para. 5(2)(a)"), lawmaker_source("Sch. para. 3")
    ('s. 14(2)', 'para. 5(2)(a) of schedule 2', 'para. 3')
    """
    if citation.startswith("clause "):
        return "s. " + citation[len("clause "):]
    m = re.match(r"Sch\. (\w+) (para\. .+)$", citation)
    if m:
        return f"{m.group(2)} of schedule {m.group(1)}"
    return citation[len("Sch. "):] if citation.startswith("Sch. para. ") else citation


def lawmaker(result: Effects) -> list[dict]:
    """One entry per action, in the form of the UK Lawmaker team's expected tables: an action
    that names several provisions ("omit subsections (7) and (8)") is one entry, their ids joined
    by commas."""
    out: list[dict] = []
    last = None
    for e in result.effects:
        key = (e.reading, e.source_citation, e.lawmaker_type, e.location, e.whole_provision)
        if out and key == last and e.reading and e.affected_id:
            out[-1]["affected_provision"] += f",{e.affected_id}"
            continue
        last = key
        out.append({"source": lawmaker_source(e.source_citation), "source_eid": e.source_id,
                    "type_of_amendment": e.lawmaker_type, "affected_provision": _lawmaker_target(e),
                    "location": e.location.capitalize(), "whole_provision": e.whole_provision})
    return out


def _lawmaker_target(e) -> str | None:
    """The provision a Lawmaker table names. For a definition, Lawmaker names the ``def`` element
    (its container's eId without the closing "_": ``…def_business``) when the definition is
    omitted or something goes before it, and the provision holding the definitions when
    something goes after it ("after the definition of “tenant” insert" is ``sec_93``)."""
    eid = e.affected_id
    if not eid or not e.term or e.entry or "__def_" not in eid:
        return eid
    if e.type == "provision inserted" and e.location == "after":
        return eid.rsplit("__def_", 1)[0]
    return eid.rstrip("_")


_COLUMNS = ("source", "type", "affected_act", "affected_provision", "affected_id", "location", "whole_provision",
            "anchor", "occurrence", "new_words", "note")


def to_csv(result: Effects) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_COLUMNS)
    for e in result.effects:
        row = effect_to_dict(e)
        writer.writerow(["" if row[c] is None else row[c] for c in _COLUMNS])
    for u in result.unparsed:
        writer.writerow([u.source_citation, "unparsed", "", "", "", "", "", "", "", u.text, ""])
    return buffer.getvalue()


def table(result: Effects, explain: bool = False) -> str:
    """One line per effect, then the instructions not understood and the counts. With
    ``explain``, each effect is followed by the rule that read it and the words it read, and
    each instruction not understood by how far the grammar got."""
    lines = []
    for e in result.effects:
        where = e.affected_citation or "?"
        if e.affected_id:
            where += f" [{e.affected_id}]"
        what = e.type
        if e.anchor:
            what += f", {e.location} {e.anchor}" if e.location != "replace" else f": {e.anchor}"
        elif e.location != "replace":
            what += f", {e.location}"
        if e.occurrence:
            what += f" ({e.occurrence})"
        if e.new_words:
            new = " ".join(e.new_words.split())
            what += f" → “{new[:80]}{'…' if len(new) > 80 else ''}”"
        act = f"{e.affected_act}, " if e.affected_act else ""
        lines.append(f"{e.source_citation:16} {act}{where}: {what}" + (f"  [NOTE: {e.note}]" if e.note else ""))
        if explain:
            lines.append(f"{'':16}   rule {e.rule}: “{e.matched}”")
    for u in result.unparsed:
        lines.append(f"{u.source_citation:16} NOT UNDERSTOOD: {u.text}")
        if explain and u.reason:
            lines.append(f"{'':16}   {u.reason}")
    lines.append(f"{len(result.effects)} effects; {result.understood:.1%} of instructions understood"
                 + (f"; {len(result.unparsed)} not understood (listed above)" if result.unparsed else ""))
    return "\n".join(lines) + "\n"


def outcomes(applied: Applied, effects: Effects) -> str:
    """What ``lawdiff amend`` did: each effect applied or not (and why), then the instructions
    not understood, then the counts."""
    lines = []
    for o in applied.outcomes:
        status = "applied    " if o.applied else "NOT APPLIED"
        lines.append(f"{status} {o.effect.source_citation:16} {o.effect.affected_citation or '?'}: {o.effect.type}"
                     + (f" — {o.reason}" if o.reason else ""))
    for u in effects.unparsed:
        lines.append(f"NOT UNDERSTOOD {u.source_citation:13} {u.text[:100]}")
    done = sum(o.applied for o in applied.outcomes)
    lines.append(f"{done} of {len(applied.outcomes)} effects applied; {len(applied.conflicts)} conflicts; "
                 f"{len(effects.unparsed)} instructions not understood")
    return "".join(line + "\n" for line in lines)
