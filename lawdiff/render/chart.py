"""A small bar chart of changes per Part, drawn as SVG for the cover of a comparison.

Each Part is one bar, its segments the kinds of change. Segments carry both a
colour and a hatching pattern, and each bar its count, so the chart reads in
greyscale print as well as on screen.
"""

from __future__ import annotations

from html import escape

from ..compare.result import KINDS, Summary

COLOURS = {"modified": "#c77c02", "added": "#1a7f37", "removed": "#b00020", "renumbered": "#3b5bdb",
           "moved": "#6741d9", "split": "#0b7285", "merged": "#5c940d"}
PATTERNS = {"modified": "", "added": "M0,4 l4,-4", "removed": "M0,0 l4,4", "renumbered": "M2,0 v4",
            "moved": "M0,2 h4", "split": "M0,0 l4,4 M0,4 l4,-4", "merged": "M1,1 h2 v2 h-2 z"}


def changes_per_part(summary: Summary, width: int = 460) -> str:
    parts = list(summary.by_part.items())
    if not parts:
        return ""
    label_w, bar_h, gap = 150, 14, 6
    most = max(sum(c.values()) for _, c in parts) or 1
    scale = (width - label_w - 40) / most
    kinds = [k for k in KINDS if summary.by_kind.get(k)]
    legend_h = 20
    height = len(parts) * (bar_h + gap) + legend_h + 4
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img">',
           # the figure's alternative text (a tagged PDF's /Alt, a screen reader's name): its figures in words
           f"<title>{escape(describe(summary))}</title>", "<defs>"]
    for kind in kinds:
        if PATTERNS[kind]:
            out.append(f'<pattern id="p-{kind}" width="4" height="4" patternUnits="userSpaceOnUse">'
                       f'<rect width="4" height="4" fill="{COLOURS[kind]}"/>'
                       f'<path d="{PATTERNS[kind]}" stroke="#fff" stroke-width="1" fill="none"/></pattern>')
    out.append("</defs>")
    y = 2
    for part, counts in parts:
        out.append(f'<text x="{label_w - 6}" y="{y + bar_h - 3}" text-anchor="end" font-size="9">'
                   f"{escape(_short(part))}</text>")
        x = float(label_w)
        for kind in kinds:
            n = counts.get(kind, 0)
            if not n:
                continue
            w = n * scale
            fill = f"url(#p-{kind})" if PATTERNS[kind] else COLOURS[kind]
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{fill}" '
                       f'stroke="#222" stroke-width="0.4"><title>{kind}: {n}</title></rect>')
            x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + bar_h - 3}" font-size="9">{sum(counts.values())}</text>')
        y += bar_h + gap
    x = 2.0
    for kind in kinds:
        fill = f"url(#p-{kind})" if PATTERNS[kind] else COLOURS[kind]
        out.append(f'<rect x="{x:.1f}" y="{y + 4}" width="10" height="10" fill="{fill}" stroke="#222" '
                   f'stroke-width="0.4"/><text x="{x + 13:.1f}" y="{y + 13}" font-size="9">{kind}</text>')
        x += 18 + 6 * len(kind)
    out.append("</svg>")
    return "\n".join(out)


def describe(summary: Summary) -> str:
    """The chart in words, for those who cannot see it.

        >>> from lawdiff.compare.result import Summary
        >>> describe(Summary(total=3, by_kind={"modified": 2, "added": 1},
        ...                  by_part={"Part 1": {"modified": 2}, "Part 3": {"added": 1}}))
        'Changes per Part: Part 1, 2 (2 modified); Part 3, 1 (1 added).'
    """
    parts = []
    for part, counts in summary.by_part.items():
        kinds = ", ".join(f"{n} {kind}" for kind in KINDS if (n := counts.get(kind)))
        parts.append(f"{part}, {sum(counts.values())} ({kinds})")
    return "Changes per Part: " + "; ".join(parts) + "."


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
