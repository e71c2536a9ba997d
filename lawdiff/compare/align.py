"""Alignment: which provision of the old document is which of the new.

Within each pair of matched parents, children are paired in passes:

1. by number (``s. 5`` with ``s. 5``), kept only if their words are still
   reasonably alike (``number_floor``): after an inserted clause every later
   clause has a new number, and number 6 in the new bill is number 5 in the old;
2. by content, among what is left (``threshold``): renumbered provisions;
3. by number again, whatever the words, for what is still left: a provision
   rewritten in place is still that provision;
4. splits and merges: one old provision whose words are now spread over a new
   one and its unmatched neighbours (or the reverse).

What is left in every parent goes into one pool for the whole document; pool
pairs alike enough (``move_threshold``) are moves to another Part or section.
Between two different Acts (``successor`` mode) numbers mean nothing: passes 1
and 3 are skipped, and a provision found under another number is reported as
renumbered (re-enacted) rather than moved.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Provision
from .fingerprint import Fingerprints, candidates

GROUP = 0


@dataclass
class Node:
    """A pair under construction. ``how``: paired, moved, split, merged, added, removed."""

    how: str
    old: Provision | None
    new: Provision | None
    similarity: float = 1.0
    children: list["Node"] = field(default_factory=list)
    old_also: list[Provision] = field(default_factory=list)
    new_also: list[Provision] = field(default_factory=list)

    @property
    def provision_level(self) -> int:
        return (self.new or self.old).level  # type: ignore[union-attr]


@dataclass(frozen=True)
class AlignOptions:
    mode: str = "versions"  # versions | successor
    threshold: float = 0.6
    number_floor: float = 0.5
    move_threshold: float = 0.8
    split_threshold: float = 0.8


def level_class(p: Provision) -> tuple:
    """What may be paired with what: Parts with Parts, sections with sections (or clauses)."""
    if p.level == GROUP:
        return ("group", p.kind)
    if p.kind == "definition":
        return ("definition",)
    return ("schedule" if p.path.startswith("sch-") or "/sch-" in p.path else "body", p.level)


def key(p: Provision) -> tuple | None:
    """Number (or, for what has none, heading or defined term) within a level class."""
    if p.kind == "definition":
        return ("definition", p.path.rsplit("/", 1)[-1])
    if p.num:
        return (level_class(p), p.num)
    if p.level == GROUP and p.heading:
        return (level_class(p), " ".join(p.heading.casefold().split()))
    return None


class Aligner:
    def __init__(self, options: AlignOptions, fingerprints: Fingerprints,
                 pinned: list[tuple[Provision, Provision]] = ()) -> None:
        self.o = options
        self.fp = fingerprints
        # Pairs fixed in advance (a correspondence table): matched before anything else.
        self.pinned_old = {id(a): b for a, b in pinned}
        self.pinned_new = {id(b): a for a, b in pinned}
        # Unpaired nodes anywhere in the tree, with the list that holds them.
        self.pool_old: list[tuple[Node, list[Node]]] = []
        self.pool_new: list[tuple[Node, list[Node]]] = []

    def similarity(self, old: Provision, new: Provision, cutoff: float = 0.0) -> float:
        """How alike two provisions are, 0 to 1. Parts and other groups are compared by the
        share of their children that are word for word the same (a whole Part is too long
        to diff just to decide this), and a shared heading counts for half."""
        fp = self.fp
        a, b = fp.of(old), fp.of(new)
        if a == b:
            return 1.0
        if old.level != GROUP:
            return fp.similarity(a, b, cutoff)
        if len(a) + len(b) <= 40_000:
            sim = fp.similarity(a, b)
        else:
            left = Counter(fp.of(c) for c in old.children)
            right = Counter(fp.of(c) for c in new.children)
            total = sum(left.values()) + sum(right.values())
            sim = 2 * sum((left & right).values()) / total if total else 0.0
        if old.heading and old.heading.casefold() == (new.heading or "").casefold():
            sim = 0.5 + sim / 2
        return sim

    # -- one parent ------------------------------------------------------

    def align(self, olds: tuple[Provision, ...] | list[Provision],
              news: tuple[Provision, ...] | list[Provision], pool: bool = True) -> list[Node]:
        o = self.o
        pair: dict[int, int] = {}  # old index -> new index
        sims: dict[int, float] = {}
        versions = o.mode == "versions"

        # Pinned pairs first; a pinned provision whose partner is elsewhere waits for the
        # document-wide pass, so it is kept out of this parent's passes (-1: reserved).
        new_index = {id(n): j for j, n in enumerate(news)}
        for i, old in enumerate(olds):
            partner = self.pinned_old.get(id(old))
            if partner is not None:
                j = new_index.get(id(partner))
                pair[i] = j if j is not None else -1
                sims[i] = self.similarity(old, partner) if j is not None else 0.0
        old_index = {id(x) for x in olds}
        for j, new in enumerate(news):
            partner = self.pinned_new.get(id(new))
            if partner is not None and id(partner) not in old_index:
                pair[-2 - j] = j  # reserve this new provision too
        if versions:
            self._by_number(olds, news, pair, sims, floor=o.number_floor)
        self._by_content(olds, news, pair, sims)
        if versions:  # what is left keeps its number; a Part only if it is not now about something else
            self._by_number(olds, news, pair, sims, floor=0.0, group_floor=0.3)
        new_also, old_also = self._splits_and_merges(olds, news, pair, sims)
        for i in [i for i, j in pair.items() if i < 0 or j < 0]:
            del pair[i]

        consumed_new = {j for extra in new_also.values() for j in extra}
        consumed_old = {i for extra in old_also.values() for i in extra}
        by_new = {j: i for i, j in pair.items()}
        nodes: list[tuple[tuple, Node]] = []
        placed_old: dict[int, tuple] = {}
        for j, n in enumerate(news):
            if j in consumed_new:
                continue
            i = by_new.get(j)
            if i is None:
                node = self._added(n)
            else:
                how = "split" if i in new_also else "merged" if i in old_also else "paired"
                node = Node(how, olds[i], n, sims.get(i, 1.0),
                            old_also=[olds[k] for k in old_also.get(i, [])],
                            new_also=[news[k] for k in new_also.get(i, [])])
                node.children = self.align(
                    _children([olds[i]] + node.old_also), _children([n] + node.new_also), pool)
                placed_old[i] = (j, 0, 0)
                for k in old_also.get(i, []):
                    placed_old[k] = (j, 0, 0)
            nodes.append(((j, 0, 0), node))
        previous: tuple = (-1, 0, 0)
        for i, old in enumerate(olds):
            if i in placed_old:
                previous = placed_old[i]
                continue
            if i in consumed_old:
                continue
            place = (previous[0], 1, i)  # a removed provision stays after its old predecessor
            nodes.append((place, self._removed(old)))
        nodes.sort(key=lambda kv: kv[0])
        result = [node for _, node in nodes]
        if pool:
            for node in result:
                self._pool(node, result)
        return result

    def _by_number(self, olds, news, pair, sims, floor: float, group_floor: float | None = None) -> None:
        taken = set(pair.values())  # reserved old provisions hold -1, reserved new ones negative keys
        new_by_key: dict[tuple, int] = {}
        for j, n in enumerate(news):
            k = key(n)
            if k is not None and j not in taken:
                new_by_key.setdefault(k, j)
        for i, old in enumerate(olds):
            if i in pair:
                continue
            k = key(old)
            j = new_by_key.get(k) if k is not None else None
            if j is None or j in taken:
                continue
            sim = self.similarity(old, news[j])
            if sim < (group_floor if group_floor is not None and old.level == GROUP else floor):
                continue
            pair[i] = j
            sims[i] = sim
            taken.add(j)

    def _by_content(self, olds, news, pair, sims) -> None:
        lo = [i for i in range(len(olds)) if i not in pair]  # (reserved ones are in pair already)
        taken = set(pair.values())
        ln = [j for j in range(len(news)) if j not in taken]
        if not lo or not ln:
            return
        fp = self.fp
        scored = []
        for a, b in candidates([fp.of(olds[i]) for i in lo], [fp.of(news[j]) for j in ln]):
            i, j = lo[a], ln[b]
            if level_class(olds[i]) != level_class(news[j]):
                continue
            sim = self.similarity(olds[i], news[j], self.o.threshold)
            if sim >= self.o.threshold:
                scored.append((-sim, i, j))
        for neg, i, j in sorted(scored):
            if i not in pair and j not in taken:
                pair[i] = j
                sims[i] = -neg
                taken.add(j)

    def _splits_and_merges(self, olds, news, pair, sims):
        """Old provisions now spread over several new ones, and the reverse."""
        fp = self.fp
        new_also: dict[int, list[int]] = {}
        old_also: dict[int, list[int]] = {}
        taken = set(pair.values())
        for i, j in sorted(pair.items()):
            if i < 0 or j < 0:
                continue
            base = sims.get(i, 1.0)
            if base >= 0.98 or olds[i].level == GROUP:  # Parts are restructured, not split
                continue
            # split: the new provision's unmatched next siblings hold the rest of the old words
            run, best = self._absorb(fp.of(olds[i]), news, j, taken, base)
            if run:
                new_also[i] = run
                taken.update(run)
                sims[i] = best
                continue
            # merge: the old provision's unmatched next siblings went into the same new one
            run, best = self._absorb(fp.of(news[j]), olds, i, pair, base)
            if run:
                old_also[i] = run
                sims[i] = best
        # an unmatched provision whose words are a run of unmatched ones on the other side:
        # one old split into new ones, or old ones merged into one new one
        used_old = set(pair) | {k for run in old_also.values() for k in run}
        for i, (j, run, sim) in self._runs(olds, news, used_old, taken).items():
            pair[i], sims[i], new_also[i] = j, sim, run
            used_old.add(i)
            taken.update([j, *run])
        for j, (i, run, sim) in self._runs(news, olds, taken, used_old).items():
            pair[i], sims[i], old_also[i] = j, sim, run
            taken.add(j)
            used_old.update([i, *run])
        return new_also, old_also

    def _runs(self, singles, many, used_single: set[int], used_many: set[int]) -> dict:
        """Unpaired provisions of ``singles`` whose words are those of a run (two to five) of
        consecutive unpaired provisions of ``many``: {single: (first, [rest], similarity)}."""
        fp, limit = self.fp, self.o.split_threshold
        used_many = set(used_many)
        found: dict[int, tuple[int, list[int], float]] = {}
        for i in range(len(singles)):
            if i in used_single or singles[i].level == GROUP:
                continue
            target = fp.of(singles[i])
            for j in range(len(many)):
                if j in used_many:
                    continue
                text, run = fp.of(many[j]), []
                k = j + 1
                while k < len(many) and k not in used_many and len(run) < 4:
                    text += fp.of(many[k])
                    run.append(k)
                    sim = fp.similarity(target, text)
                    if sim >= limit:
                        found[i] = (j, list(run), sim)
                        used_many.update([j, *run])
                        break
                    k += 1
                if i in found:
                    break
        return found

    def _absorb(self, whole: str, side, first: int, used, base: float) -> tuple[list[int], float]:
        """Siblings after ``side[first]``, unpaired and of its class, whose words joined to it
        make it ever more like ``whole``: the other pieces of a split (or merge)."""
        fp, limit = self.fp, self.o.split_threshold
        run, text, best = [], fp.of(side[first]), base
        k = first + 1
        while k < len(side) and k not in used and level_class(side[k]) == level_class(side[first]):
            sim = fp.similarity(whole, text + fp.of(side[k]))
            if sim < best + 0.1 or sim < limit:
                break
            run.append(k)
            text += fp.of(side[k])
            best = sim
            k += 1
        return run, best

    # -- whole subtrees added or removed ------------------------------------

    def _added(self, p: Provision) -> Node:
        return Node("added", None, p, 0.0, [self._added(c) for c in p.children])

    def _removed(self, p: Provision) -> Node:
        return Node("removed", p, None, 0.0, [self._removed(c) for c in p.children])

    def _pool(self, node: Node, holder: list[Node]) -> None:
        """Unpaired sections (and what is under an unpaired Part) may have moved elsewhere."""
        if node.how == "added":
            self.pool_new.append((node, holder))
        elif node.how == "removed":
            self.pool_old.append((node, holder))
        else:
            return
        if node.provision_level == GROUP:
            for child in node.children:
                self._pool(child, node.children)

    # -- moves across the document ---------------------------------------

    def match_moves(self) -> None:
        """Pair pooled provisions across parents: moves (or, between Acts, re-enactments)."""
        threshold = self.o.move_threshold if self.o.mode == "versions" else self.o.threshold
        olds = [n for n, _ in self.pool_old]
        news = [n for n, _ in self.pool_new]
        if not olds or not news:
            return
        fp = self.fp
        old_fp = [fp.of(n.old) for n in olds]
        new_fp = [fp.of(n.new) for n in news]
        scored = []
        # pinned pairs come first whatever their similarity (score 2 sorts before any real one)
        new_at = {id(n.new): b for b, n in enumerate(news)}
        for a, node in enumerate(olds):
            partner = self.pinned_old.get(id(node.old))
            if partner is not None and id(partner) in new_at:
                scored.append((-2.0, a, new_at[id(partner)]))
        for a, b in candidates(old_fp, new_fp):
            if level_class(olds[a].old) != level_class(news[b].new) or olds[a].old.level == GROUP:
                continue
            # the same number, and alike: the same section, moved (a lower bar than a stranger's)
            bar = self.o.threshold if key(olds[a].old) == key(news[b].new) else threshold
            sim = fp.similarity(old_fp[a], new_fp[b], bar)
            if sim >= bar:
                scored.append((-sim, a, b))
        used_a, used_b = set(), set()
        for neg, a, b in sorted(scored):
            if a in used_a or b in used_b:
                continue
            old_node, old_holder = self.pool_old[a]
            new_node, _ = self.pool_new[b]
            if not _still_in(old_node, old_holder) or new_node.how != "added":
                continue
            used_a.add(a)
            used_b.add(b)
            old_holder.remove(old_node)
            new_node.how = "moved"
            new_node.old = old_node.old
            new_node.similarity = -neg if neg > -1.5 else self.similarity(old_node.old, new_node.new)
            new_node.children = self.align(old_node.old.children, new_node.new.children, pool=False)


def _still_in(node: Node, holder: list[Node]) -> bool:
    return any(n is node for n in holder)


def _children(provisions: list[Provision]) -> list[Provision]:
    out: list[Provision] = []
    for p in provisions:
        out.extend(p.children)
    return out

