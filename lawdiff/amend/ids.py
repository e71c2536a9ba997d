"""Ids for the provisions an amendment brings in, in the amended Act's own scheme.

A provision inserted by a bill arrives with the bill's ids ("sec_2A__subsec_6__qstr__sec_37A"),
which mean nothing in the Act. The amended Act's ids follow a scheme its own provisions show:
legislation.gov.uk's CLML builds "section-1-2-a" from the numbers down the tree, its Akoma
Ntoso "sec_1__subsec_2__para_a", Lawmaker "sched_1__para_3". :class:`IdScheme` learns the
scheme from the Act (what each kind of provision adds to the id of the provision above it)
and gives new provisions ids the same way; where the Act shows no scheme, or the id would
already be taken, a new provision has none rather than a wrong one.

    >>> import lawdiff
    >>> act = lawdiff.load("example:surveillance-act")
    >>> scheme = IdScheme(act)
    >>> scheme.make("subsection", "2A", [("section", "section-1")])
    'section-1-2A'
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..model import Document, Provision
from ..model.draft import Draft


class IdScheme:
    def __init__(self, doc: Document, taken: set[str] | None = None) -> None:
        """The scheme ``doc``'s ids follow; ``taken``: the ids not to give (by default, doc's)."""
        under: dict[tuple[str, str], Counter] = defaultdict(Counter)  # (parent kind, kind) -> templates
        alone: dict[str, Counter] = defaultdict(Counter)  # kind -> templates of ids that stand alone
        self.taken: set[str] = set()

        self.unnumbered: dict[str, str] = {}  # kind -> id of one without a number ("sched")

        def learn(p: Provision, ancestors: list[Provision]) -> None:
            if p.source_id:
                self.taken.add(p.source_id)
                if not p.num and not ancestors:
                    self.unnumbered.setdefault(p.kind, p.source_id)
                template = _template(p.source_id, p.num)
                if template:
                    holder = next((a for a in reversed(ancestors) if a.source_id
                                   and p.source_id.startswith(a.source_id)), None)
                    step = _template(p.source_id[len(holder.source_id):], p.num) if holder is not None else None
                    if step:
                        under[(holder.kind, p.kind)][step] += 1
                    else:
                        alone[p.kind][template] += 1
            ancestors.append(p)
            for c in p.children:
                learn(c, ancestors)
            ancestors.pop()

        for top in doc.body + doc.schedules:
            learn(top, [])
        self.under = {k: c.most_common(1)[0][0] for k, c in under.items()}
        self.alone = {k: c.most_common(1)[0][0] for k, c in alone.items()}
        self.conventions = doc.conventions
        if taken is not None:
            self.taken = set(taken)

    def make(self, kind: str, num: str | None, ancestors: list[tuple[str, str | None]]) -> str | None:
        """The id for a new provision of ``kind`` numbered ``num`` under ``ancestors`` (their
        kinds and ids, outermost first), or None."""
        if not num:
            return None
        made = None
        for parent_kind, parent_id in reversed(ancestors):
            template = self.under.get((parent_kind, kind))
            if parent_id and template:
                made = parent_id + _fill(template, num)
                break
        else:
            template = self.alone.get(kind) or self._numbering(kind)
            made = _fill(template, num) if template else None
        if made is None or made in self.taken:
            return None
        self.taken.add(made)
        return made

    def _numbering(self, kind: str) -> str | None:
        """A template for a kind the Act has only unnumbered ("sched", its one Schedule): that id
        and the number, joined as the Act joins others ("pt_1")."""
        base = self.unnumbered.get(kind)
        other = next(iter(self.alone.values()), None)
        if not base or not other or other.count("{") != 1:
            return None
        head = other[: other.index("{")]
        return base + (head[-1] if head and not head[-1].isalnum() else "") + "{}"

    def assign(self, tops: list[Draft], new: set[int], in_schedule: bool) -> None:
        """Give the drafts in ``new`` (by ``id()``) ids in this scheme, walking ``tops``."""

        def visit(d: Draft, ancestors: list[tuple[str, str | None]], schedule: bool) -> None:
            kind = d.kind or self.conventions.kind_for_level(d.level, schedule)
            if id(d) in new:
                d.source_id = self.make(kind, d.num, ancestors)
            ancestors.append((kind, d.source_id))
            for c in d.children:
                visit(c, ancestors, schedule or kind == "schedule")
            ancestors.pop()

        for top in tops:
            visit(top, [], in_schedule)


def _template(ident: str, num: str | None) -> str | None:
    """``ident`` with its number as a placeholder, if it ends with the number: "-2A" → "-{}"."""
    if not num:
        return None
    for form, case in ((num, ""), (num.lower(), "lower")):
        if ident.endswith(form) and len(ident) > len(form):
            return ident[: -len(form)] + "{" + case + "}"
    return None


def _fill(template: str, num: str) -> str:
    return template.replace("{lower}", num.lower()).replace("{}", num)
