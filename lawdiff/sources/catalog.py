"""The catalogue: the investigatory powers statute book by name (``statutes/catalog.toml``).

    >>> resolve_alias("RIPA")
    'ukpga/2000/23'
    >>> resolve_alias("ripa 2000 section 22")
    'ukpga/2000/23/section/22'
    >>> resolve_alias("IPA s. 87(1)")
    'ukpga/2016/25/section/87'
    >>> resolve_alias("my-file.xml") is None
    True
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    aliases: tuple[str, ...]
    about: str
    kind: str  # act | instrument


@lru_cache(maxsize=1)
def catalog() -> tuple[Entry, ...]:
    data = tomllib.loads(resources.files("lawdiff.statutes").joinpath("catalog.toml").read_text(encoding="utf-8"))
    entries = []
    for kind in ("act", "instrument"):
        for item in data.get(kind, []):
            entries.append(Entry(item["id"], item["title"], tuple(item.get("aliases", ())), item.get("about", ""),
                                 kind))
    return tuple(entries)


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


# "RIPA section 22", "IPA s. 87(1)", "RIPA sch 2": a name, then where in it
_WHERE = re.compile(r"^(?P<name>.+?)[\s,]+(?P<unit>section|sections|s\.?|regulation|reg\.?|article|art\.?|"
                    r"part|schedule|sch\.?)\s*(?P<num>\d+[A-Z]*)\b.*$", re.IGNORECASE)
_UNITS = {"section": "section", "sections": "section", "s": "section", "regulation": "regulation",
          "reg": "regulation", "article": "article", "art": "article", "part": "part", "schedule": "schedule",
          "sch": "schedule"}


def find_entry(name: str) -> Entry | None:
    wanted = _key(name)
    for entry in catalog():
        if wanted in {_key(entry.title), _key(entry.id), *(_key(a) for a in entry.aliases)}:
            return entry
    return None


def resolve_alias(text: str) -> str | None:
    """The identifier a catalogue name stands for ("RIPA", "Investigatory Powers Act 2016"),
    with a section, Part or schedule if one follows ("RIPA section 22"); None if it names nothing."""
    entry = find_entry(text)
    if entry is not None:
        return entry.id
    m = _WHERE.match(text.strip())
    if m:
        entry = find_entry(m.group("name"))
        if entry is not None:
            unit = _UNITS[m.group("unit").rstrip(".").casefold()]
            return f"{entry.id}/{unit}/{m.group('num')}"
    return None
