"""A stacked bar chart of documents per quarter by status, as inline SVG drawn at build time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import STATUSES
from .templates import render

__all__ = ["Bar", "Chart", "Part", "quarter_chart"]


@dataclass(frozen=True, slots=True)
class Part:
    """One status's share of a bar: `count` documents, drawn from `y` down `height` units."""

    status: str
    count: int
    y: float
    height: float


@dataclass(frozen=True, slots=True)
class Bar:
    quarter: str
    x: int
    parts: tuple[Part, ...]

    @property
    def label(self) -> str:
        """The quarter under its bar: `2025 Q1`."""
        return self.quarter.replace("-", " ")


@dataclass(frozen=True, slots=True)
class Chart:
    """The chart's geometry, for the template (`prfaq/chart.html`): sizes in SVG units."""

    height: int
    peak: int
    bars: tuple[Bar, ...]
    bar: int = 28
    gap: int = 10
    left: int = 36
    bottom: int = 34
    top: int = 10

    @property
    def width(self) -> int:
        return self.left + len(self.bars) * (self.bar + self.gap) + self.gap

    @property
    def plot(self) -> int:
        return self.height - self.bottom - self.top

    @property
    def baseline(self) -> int:
        return self.top + self.plot

    @classmethod
    def of(cls, per_quarter: dict[str, Counter[str]], height: int = 180) -> Chart:
        """The chart of these counts (quarter by quarter, each by status), `height` units high."""
        peak = max((sum(c.values()) for c in per_quarter.values()), default=0) or 1
        chart = cls(height, peak, ())
        bars = []
        for index, (quarter, counts) in enumerate(per_quarter.items()):
            y: float = chart.baseline
            parts = []
            for status in STATUSES:
                if count := counts.get(status, 0):
                    h = chart.plot * count / peak
                    y -= h
                    parts.append(Part(status, count, y, h))
            bars.append(Bar(quarter, chart.left + chart.gap + index * (chart.bar + chart.gap), tuple(parts)))
        return cls(height, peak, tuple(bars))


def quarter_chart(per_quarter: dict[str, Counter[str]], *, height: int = 180, template_dirs: Sequence[Path] = ()) -> str:
    """The chart as HTML (template `prfaq/chart.html`), or an empty string for no documents."""
    if not per_quarter:
        return ""
    return render("chart.html", template_dirs, chart=Chart.of(per_quarter, height))
