"""Pieces every format parser uses: plain text of an element, UK document types, assembly."""

from __future__ import annotations

import re

from lxml import etree

from ..model.conventions import conventions_for
from ..model.document import Document, Metadata
from ..model.draft import Draft, freeze


def text_of(el: etree._Element | None) -> str:
    """All the words under ``el``, whitespace normalised (for metadata, terms, notes)."""
    if el is None:
        return ""
    # serialised as text in C: three times faster than joining itertext() (a thousand commentaries)
    return " ".join(etree.tostring(el, method="text", encoding=str, with_tail=False).split())


# legislation.gov.uk document types: CLML DocumentMainType / URI type -> (jurisdiction, type, short code)
UK_TYPES = {
    "UnitedKingdomPublicGeneralAct": "ukpga",
    "UnitedKingdomLocalAct": "ukla",
    "UnitedKingdomPrivateAct": "ukppa",
    "ScottishAct": "asp",
    "WelshParliamentAct": "asc",
    "WelshNationalAssemblyAct": "anaw",
    "WelshAssemblyMeasure": "mwa",
    "NorthernIrelandAct": "nia",
    "NorthernIrelandAssemblyMeasure": "mnia",
    "UnitedKingdomChurchMeasure": "ukcm",
    "UnitedKingdomStatutoryInstrument": "uksi",
    "UnitedKingdomDraftStatutoryInstrument": "ukdsi",
    "ScottishStatutoryInstrument": "ssi",
    "ScottishDraftStatutoryInstrument": "sdsi",
    "WelshStatutoryInstrument": "wsi",
    "NorthernIrelandStatutoryRule": "nisr",
    "NorthernIrelandDraftStatutoryRule": "nidsr",
    "UnitedKingdomMinisterialOrder": "ukmo",
}
SECONDARY = {"uksi", "ukdsi", "ssi", "sdsi", "wsi", "nisr", "nidsr", "ukmo", "uksro", "nisro"}
BILLS = {"ukpubb", "bill"}


def uk_type(main_type: str | None, uri: str | None) -> tuple[str, str, str | None]:
    """(jurisdiction, act|bill|si, short code) from a CLML main type or a legislation.gov.uk URI."""
    code = UK_TYPES.get(main_type or "")
    if code is None and uri:
        m = re.search(r"legislation\.gov\.uk/(?:id/)?([a-z]+)/", uri)
        if m:
            code = m.group(1)
    if code in SECONDARY:
        return "uk", "si", code
    if code in BILLS or (main_type or "").endswith("Bill"):
        return "uk", "bill", code
    return "uk", "act", code


def unplaced(walker) -> tuple[tuple[str, int], ...]:
    """The elements a walk met and did not know (local names, with how often), most first."""
    return tuple((etree.QName(tag).localname, n) for tag, n in walker.unplaced.most_common())


def assemble(meta: dict, body: list[Draft], schedules: list[Draft],
             commentaries: tuple[tuple[str, str], ...] = (), unplaced: tuple[tuple[str, int], ...] = ()) -> Document:
    """Freeze drafts into a :class:`Document` with the conventions its metadata implies."""
    si_unit = meta.pop("si_unit", "regulation")
    conventions = conventions_for(meta["jurisdiction"], meta["doc_type"], si_unit, meta.get("subtype"))
    # Schedules may arrive wrapped (AKN hcontainer name="schedules"): keep the schedules themselves.
    flat_schedules: list[Draft] = []
    for draft in schedules:
        flat_schedules.extend(draft.children if draft.kind == "schedules" else [draft])
    # One freeze for both, so that no path is given twice: schedule paragraphs whose Schedule
    # wrapper is missing read as sections, and must not take the paths of the body's sections.
    provisions = freeze(body + flat_schedules, conventions)
    return Document(
        meta=Metadata(**meta),
        body=provisions[:len(body)],
        schedules=provisions[len(body):],
        conventions=conventions,
        commentaries=commentaries,
        unplaced=unplaced,
    )
