"""A comparison in the terminal: the tree of provisions with changed words marked.

With colour, deleted words are red and struck through, inserted words green and
underlined; without it (``NO_COLOR``, or output that is not a terminal) they are
written ``[-old-]`` and ``{+new+}``, as ``git diff --word-diff`` does.
"""

from __future__ import annotations

import math
import os
import sys

from ..compare.result import KINDS, DiffResult, Summary
from ..compare.textdiff import DELETE, INSERT, WordOp
from .diffview import ANCESTOR, SIGNS, Row, rows

RESET, BOLD, DIM = "\x1b[0m", "\x1b[1m", "\x1b[2m"
RED, GREEN, CYAN, YELLOW = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[33m"
STRIKE, UNDERLINE = "\x1b[9m", "\x1b[4m"
KIND_COLOUR = {"modified": YELLOW, "added": GREEN, "removed": RED, "renumbered": CYAN, "moved": CYAN,
               "split": CYAN, "merged": CYAN}


def use_colour(choice: str = "auto", stream=None) -> bool:
    """``always``, ``never``, or ``auto``: a terminal, and NO_COLOR unset (https://no-color.org)."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    stream = stream or sys.stdout
    return not os.environ.get("NO_COLOR") and hasattr(stream, "isatty") and stream.isatty()


def words(ops: list[WordOp], colour: bool) -> str:
    out = []
    for op in ops:
        if op.op == DELETE:
            out.append(f"{RED}{STRIKE}{op.text}{RESET}" if colour else f"[-{op.text}-]")
        elif op.op == INSERT:
            out.append(f"{GREEN}{UNDERLINE}{op.text}{RESET}" if colour else f"{{+{op.text}+}}")
        else:
            out.append(op.text)
    return "".join(out)


def header(result: DiffResult) -> list[str]:
    def describe(doc) -> str:
        version = f" ({doc.meta.version})" if doc.meta.version else ""
        return f"{doc.title}{version}  [{doc.meta.source or doc.meta.uri or ''}]"

    lines = [f"--- {describe(result.old)}", f"+++ {describe(result.new)}"]
    scope = f", {result.select}" if result.select else ""
    lines.append(f"Compared as {result.mode}{scope}: {summary_line(result.summary)}")
    return lines


def summary_line(summary: Summary) -> str:
    if not summary.total:
        return "no differences."
    parts = ", ".join(f"{n} {kind}" for kind, n in summary.by_kind.items())
    return f"{summary.total} change{'s' if summary.total != 1 else ''} ({parts})."


def stat_table(summary: Summary) -> list[str]:
    """Counts per Part and kind, as a fixed-width table."""
    kinds = [k for k in KINDS if summary.by_kind.get(k)]
    if not kinds:
        return ["No differences."]
    width = max([len("Part"), len("Total")] + [len(p) for p in summary.by_part])
    head = f"{'Part':<{width}}  " + "  ".join(f"{k:>10}" for k in kinds) + f"  {'total':>6}"
    lines = [head, "-" * len(head)]
    for part, counts in summary.by_part.items():
        lines.append(f"{part:<{width}}  " + "  ".join(f"{counts.get(k, 0):>10}" for k in kinds)
                     + f"  {sum(counts.values()):>6}")
    lines.append("-" * len(head))
    lines.append(f"{'Total':<{width}}  " + "  ".join(f"{summary.by_kind.get(k, 0):>10}" for k in kinds)
                 + f"  {summary.total:>6}")
    return lines


def render(result: DiffResult, colour: bool = False, only_changed: bool = False,
           context: int | None = None, context_words: int | None = None) -> str:
    lines = header(result)
    lines.append("")
    for row in rows(result, only_changed, context, context_words):
        lines.extend(_row(row, colour))
    return "\n".join(lines) + "\n"


def alike(similarity: float) -> str:
    """A similarity as computed: a changed provision is never "100%" alike, nor an alike one "0%".

    >>> alike(0.8), alike(0.997), alike(0.99996), alike(1.0), alike(0.004)
    ('80%', '99.7%', '>99.9%', '100%', '0.4%')
    """
    percent = similarity * 100
    if 99.9 < percent < 100:
        return ">99.9%"
    if 99.5 <= percent < 100:  # rounded, it would say 100%: one decimal, rounded down
        return f"{math.floor(percent * 10) / 10:.1f}%"
    if 0 < percent < 0.5:  # rounded, it would say 0%
        return f"{math.ceil(percent * 10) / 10:.1f}%"
    return f"{percent:.0f}%"


def _row(row: Row, colour: bool) -> list[str]:
    change = row.change
    indent = "  " * row.depth
    if row.part == "tail":  # the words after the children: text only, where they are printed
        return [f"{indent}    {line}" for line in words(row.text(), colour).split("\n") if line.strip()]
    sign = SIGNS[change.kind]
    heading = words(row.heading(), colour)
    label = row.label
    if colour:
        tint = KIND_COLOUR.get(change.kind, DIM if row.role == ANCESTOR else "")
        first = f"{indent}{tint}{sign} {BOLD}{label}{RESET}"
    else:
        first = f"{indent}{sign} {label}"
    if heading:
        first += f"  {heading}"
    if change.is_change and change.kind != "unchanged":
        note = row.note or change.kind
        similarity = f", {alike(change.similarity)} alike" if change.old and change.new else ""
        first += f"  [{note}{similarity}]" if not colour else f"  {DIM}[{note}{similarity}]{RESET}"
    out = [first]
    if row.role != ANCESTOR:
        text = words(row.text(), colour)
        for line in text.split("\n"):
            if line.strip():
                out.append(f"{indent}    {line}")
    return out
