"""A stacked bar chart of documents per quarter by status, as inline SVG drawn at build time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import STATUSES
from .templates import render

__all__ = ["CREATED_TITLE", "Bar", "Chart", "Part", "quarter_chart"]

CREATED_TITLE = "PR/FAQs created per quarter, by current status"


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

    def count(self, status: str) -> int:
        return next((part.count for part in self.parts if part.status == status), 0)

    @property
    def label(self) -> str:
        """The quarter under its bar: `2025 Q1`."""
        return self.quarter.replace("-", " ")


@dataclass(frozen=True, slots=True)
class Chart:
    """The chart's geometry, for the template (`prfaq/chart.html`): sizes in SVG units."""

    height: int
    #: The axis's top value: the tallest bar rounded up to a whole tick.
    peak: int
    bars: tuple[Bar, ...]
    bar: int = 40
    gap: int = 14
    left: int = 40
    bottom: int = 34
    top: int = 12
    #: What the chart shows (its SVG title), and the id its title element takes.
    title: str = CREATED_TITLE
    key: str = "prfaq-chart"

    @property
    def width(self) -> int:
        return self.left + len(self.bars) * (self.bar + self.gap) + self.gap

    @property
    def plot(self) -> int:
        return self.height - self.bottom - self.top

    @property
    def baseline(self) -> int:
        return self.top + self.plot

    @property
    def ticks(self) -> list[tuple[int, float]]:
        """The axis's labels: each value and its height, from 0 to the top, evenly spaced."""
        step = _step(self.peak)
        return [(value, self.baseline - self.plot * value / self.peak) for value in range(0, self.peak + 1, step)]

    @classmethod
    def of(
        cls, per_quarter: dict[str, Counter[str]], height: int = 200, *, title: str = CREATED_TITLE, key: str = "prfaq-chart"
    ) -> Chart:
        """The chart of these counts (quarter by quarter, each by status), `height` units high;
        its `title` and the prefix of its ids (`key`), when not the chart of documents created."""
        tallest = max((sum(c.values()) for c in per_quarter.values()), default=0) or 1
        step = _step(tallest)
        peak = -(-tallest // step) * step
        chart = cls(height, peak, (), title=title, key=key)
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
        return cls(height, peak, tuple(bars), title=title, key=key)


def _step(tallest: int) -> int:
    """A tick step of 1, 2 or 5 times a power of ten that gives at most five steps up to `tallest`."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if tallest <= 5 * factor * magnitude:
                return factor * magnitude
        magnitude *= 10


def quarter_chart(per_quarter: dict[str, Counter[str]], *, height: int = 200, template_dirs: Sequence[Path] = ()) -> str:
    """The chart as HTML (template `prfaq/chart.html`), or an empty string for no documents."""
    if not per_quarter:
        return ""
    return render("chart.html", template_dirs, chart=Chart.of(per_quarter, height))
