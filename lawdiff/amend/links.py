"""The amending text's own links (Akoma Ntoso ``ref``, CLML ``Citation``): which Act they
point into, and where they contradict the words."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Provision

if TYPE_CHECKING:
    from .effects import Effect


def also(note: str | None, more: str) -> str:
    return f"{note}; {more}" if note else more


def links_in(p: Provision) -> list[tuple[str, str]]:
    """(words, href) of the links in a provision's own text, outside quotations."""
    out = []
    for where in ("chapeau", "continuation"):
        text = getattr(p, where)
        inline = [(q.offset, q.offset + len(q.text)) for q in p.quotes if not q.block and q.where == where]
        for a in p.annotations:
            if a.kind != "ref" or a.where != where or not a.ref:
                continue
            if any(start <= a.start < end for start, end in inline):
                continue  # a link inside quoted words belongs to the words, not the instruction
            out.append((text[a.start:a.end], a.ref))
    return out


def split_link(href: str) -> tuple[str | None, str | None]:
    """("asp/2003/11", "sec_27__subsec_2") from a Lawmaker link; the work is None for "#sec_99"."""
    base, _, fragment = href.partition("#")
    work = None
    if base:
        m = re.search(r"legislation\.gov\.uk/(?:id/)?([a-z]+/\d{4}/\d+)", base)
        work = m.group(1) if m else None
    return work, fragment or None


def with_links(effect: Effect, links: list[tuple[str, str]]) -> Effect:
    """Add what the amending text's own links say about the Act amended (Lawmaker's links carry
    the Act's legislation.gov.uk identifier). Their provision fragments are kept as the link,
    not trusted over the words: in the test bills they are often partial or point elsewhere."""
    parsed = [(words, *split_link(href)) for words, href in links]
    works = [w for _, w, _ in parsed if w]
    fragments = [f for _, _, f in parsed if f]
    trail = tuple((t, w, f) for t, w, f in parsed if w and f)
    return replace(effect, link_work=works[-1] if works else None, link=fragments[-1] if fragments else None,
                   act_links=trail)


def check_links(effect: Effect, work: str) -> Effect:
    """Note where the amending text's last link into the Act amended names a provision that is
    neither the one its words give nor an ancestor of it: a stale or mistaken link a drafter
    should hear of. (A bare "#sec_15" points into the amending text itself, and a link into
    another Act, such as the one that inserted the provision, says nothing of this one.)"""
    into = [(t, f) for t, w, f in effect.act_links if w == work]
    if not into or not effect.affected_id:
        return effect
    words, fragment = into[-1]
    if effect.affected_id == fragment or effect.affected_id.startswith(fragment + "__"):
        return effect
    return replace(effect, note=also(effect.note, f"the words give {effect.affected_id}; the amending text "
                                                   f"links “{words}” to {fragment}"))
