"""The insights page (`catalog/insights/`) and `insights.json`: the decision funnel per quarter
and per team, and the statuses over time (see :mod:`mkdocs_prfaq.core.insights` for what each
figure counts)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..catalog import Catalog
from ..exports import published_json
from ..insights import Insights
from .chart import Chart
from .html import Here, Links
from .templates import render

__all__ = ["DEFINITIONS", "INSIGHTS", "INSIGHTS_JSON", "insights_json", "insights_page"]

INSIGHTS = "catalog/insights.md"
INSIGHTS_JSON = "insights.json"

#: What each figure counts, and what it cannot know: on the page and in `insights.json`.
DEFINITIONS = {
    "proposals": "PR/FAQs created in the period: the front matter's created, else the day of the file's first commit.",
    "decided": "Those that reached a decision: the front matter's decision date, else the first commit that gave them a decided status (approved, building, launched, shelved or rejected).",
    "approved": "Decided PR/FAQs whose decision was to build: approved, building or launched, now or at any point of their history (a plan approved, then superseded, counts).",
    "approval_rate": "Approved over decided, when anything was decided.",
    "median_days_to_decision": "The median of the days from created to the decision.",
    "median_days_in_review": "The median of the days from the last time git history saw the document enter review before its decision, to the decision.",
    "review_unknown": "Decided PR/FAQs whose time in review is unknown: committed with a decided status already, or without git history. They are left out of the median days in review.",
    "statuses_at_quarter_end": "How many PR/FAQs had each status on the last day of each quarter (the build's day for the current one), from git history; without history, a document is taken to have had its status of today since it was created.",
}
#: The quarter (or team) a figure belongs to.
GROUPS = {
    "by_quarter": "Grouped by the quarter the PR/FAQ was created in, whenever it was decided.",
    "by_team": "Grouped by the PR/FAQ's team today; a document that moved between teams counts for its last one.",
}


def _chart(data: Insights) -> Chart | None:
    per_quarter = {label: Counter(counts) for label, counts in data.statuses.items()}
    if not per_quarter:
        return None
    return Chart.of(per_quarter, title="PR/FAQs in each status at the end of each quarter", key="prfaq-statuses-chart")


def insights_page(
    data: Insights, catalog: Catalog, links: Links, *, today: dt.date, template_dirs: Sequence[Path] = ()
) -> str:
    """The insights page (template `prfaq/insights.md`)."""
    quarters = [(label.replace("-", " "), funnel.as_dict()) for label, funnel in data.by_quarter.items()]
    teams = [(catalog.team_name(team), funnel.as_dict()) for team, funnel in data.by_team.items()]
    return render(
        "insights.md",
        template_dirs,
        title="Insights",
        description="How many PR/FAQs are written, decided and approved, and how long that takes, per quarter and per team.",
        here=Here(links, catalog, INSIGHTS),
        total=data.total.as_dict(),
        quarters=quarters,
        teams=teams,
        chart=_chart(data),
        definitions=DEFINITIONS,
        groups=GROUPS,
        today=today,
        data_file=INSIGHTS_JSON,
        # Whether git history dated anything: without it, every figure comes from front matter.
        history=any(doc.history for doc in catalog.documents),
    )


def insights_json(data: Insights, today: dt.date, generated: dt.datetime | None = None) -> str:
    """The figures as JSON, with what each counts: `insights.json` at the site root."""
    record: dict[str, Any] = {
        "generated": generated.isoformat() if generated else None,
        "as_of": today.isoformat(),
        **data.as_dict(),
        "definitions": {**DEFINITIONS, **GROUPS},
    }
    return published_json(record)
