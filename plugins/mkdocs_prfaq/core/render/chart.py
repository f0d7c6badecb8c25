"""A stacked bar chart of documents per quarter by status, as inline SVG drawn at build time."""

from __future__ import annotations

from collections import Counter

from ..model import STATUSES
from .html import esc

#: One colour per status, readable on light and dark backgrounds.
COLOURS = {
    "draft": "#9e9e9e",
    "in-review": "#42a5f5",
    "approved": "#26a69a",
    "building": "#7e57c2",
    "launched": "#2e7d32",
    "shelved": "#ffa726",
    "rejected": "#e53935",
    "superseded": "#8d6e63",
}


def quarter_chart(per_quarter: dict[str, Counter[str]], *, height: int = 180) -> str:
    if not per_quarter:
        return ""
    quarters = list(per_quarter)
    peak = max((sum(c.values()) for c in per_quarter.values()), default=0) or 1
    bar, gap, left, bottom, top = 28, 10, 36, 34, 10
    width = left + len(quarters) * (bar + gap) + gap
    plot = height - bottom - top
    parts = [
        f'<svg class="prfaq-chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="prfaq-chart-title">',
        '<title id="prfaq-chart-title">PR/FAQs created per quarter, by current status</title>',
        f'<line x1="{left}" y1="{top + plot}" x2="{width}" y2="{top + plot}" stroke="currentColor" stroke-opacity=".4"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="10" fill="currentColor">{peak}</text>',
        f'<text x="{left - 6}" y="{top + plot}" text-anchor="end" font-size="10" fill="currentColor">0</text>',
    ]
    for index, name in enumerate(quarters):
        counts = per_quarter[name]
        x = left + gap + index * (bar + gap)
        y: float = top + plot
        for status in STATUSES:
            count = counts.get(status, 0)
            if not count:
                continue
            h = plot * count / peak
            y -= h
            parts.append(
                f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}" fill="{COLOURS[status]}">'
                f"<title>{esc(name)}: {count} {esc(status)}</title></rect>"
            )
        label = name.replace("-", " ")
        parts.append(
            f'<text x="{x + bar / 2}" y="{height - bottom + 14}" text-anchor="middle" font-size="9" fill="currentColor">'
            f"{esc(label)}</text>"
        )
    parts.append("</svg>")
    legend = "".join(
        f'<span class="prfaq-legend__item"><span class="prfaq-legend__swatch" style="background:{COLOURS[s]}"></span>{esc(s)}</span>'
        for s in STATUSES
    )
    return f'<figure class="prfaq-figure">{"".join(parts)}<figcaption class="prfaq-legend">{legend}</figcaption></figure>'
