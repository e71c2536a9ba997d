"""Correspondence tables: which provision of an old Act became which of its successor.

The tables shipped in ``statutes/correspondence/`` are used automatically when the
two documents compared are the Acts a table names; ``--correspondence FILE`` adds
one of your own. Paired provisions are matched before any similarity is computed.

    >>> [t.title for t in shipped()]
    ['RIPA 2000 to IPA 2016']
    >>> shipped()[0].new_for("s. 1")
    's. 3'
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import LawdiffError
from ..model import Document, ProvisionRef


@dataclass(frozen=True)
class Table:
    old: str  # work identifiers: "ukpga/2000/23"
    new: str
    title: str
    pairs: tuple[tuple[str, str], ...]  # (old citation, new citation)

    def new_for(self, citation: str) -> str | None:
        """The new citation paired with ``citation``, however either is written ("section 1", "s. 1")."""
        wanted = ProvisionRef.parse(citation)
        return next((b for a, b in self.pairs if ProvisionRef.parse(a) == wanted), None)

    def applies(self, old: Document, new: Document) -> bool:
        return work_id(old) == self.old and work_id(new) == self.new


def work_id(doc: Document) -> str | None:
    m = doc.meta
    return f"{m.subtype}/{m.year}/{m.number}" if m.subtype and m.year and m.number else None


def load_table(text: str, source: str) -> Table:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LawdiffError(f"correspondence table is not valid TOML: {exc}", source) from None
    pairs = []
    for k, pair in enumerate(data.get("pair", []), 1):
        if not isinstance(pair, dict) or not isinstance(pair.get("old"), str) or not isinstance(pair.get("new"), str):
            raise LawdiffError(f'pair {k} needs old = "..." and new = "..." citations', source)
        for side in ("old", "new"):  # a citation no document could have is said here, with its pair
            try:
                ProvisionRef.parse(pair[side])
            except LawdiffError as exc:
                raise LawdiffError(f"pair {k}: {exc.message}", source) from None
        pairs.append((pair["old"], pair["new"]))
    if not pairs:
        raise LawdiffError("correspondence table has no [[pair]] entries", source)
    return Table(str(data.get("old", "")), str(data.get("new", "")), str(data.get("title", source)), tuple(pairs))


def read_table(path: str) -> Table:
    try:
        with open(path, encoding="utf-8") as fh:
            return load_table(fh.read(), path)
    except OSError as exc:
        raise LawdiffError(f"cannot read the correspondence table: {exc.strerror}", path) from None
    except UnicodeDecodeError as exc:
        raise LawdiffError(f"the correspondence table is not UTF-8 text (byte {exc.start}: {exc.reason})",
                           path) from None


@lru_cache(maxsize=1)
def shipped() -> tuple[Table, ...]:
    folder = resources.files("lawdiff.statutes").joinpath("correspondence")
    return tuple(load_table(f.read_text(encoding="utf-8"), f"statutes/correspondence/{f.name}")
                 for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".toml"))


def tables_for(old: Document, new: Document) -> list[Table]:
    return [t for t in shipped() if t.applies(old, new)]
