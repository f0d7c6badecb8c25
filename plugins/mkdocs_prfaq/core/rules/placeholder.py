"""The `placeholder` rule: text the template ships, left in a document.

`prfaq new` writes the template with sample values and prompts (a dateline city, a leader's name,
"Describe the solution..."). They read like prose, so nothing else flags them, and a reviewer
would read a template. :data:`PLACEHOLDERS` is the one list: the template is filled from it
(`core/template.md` names each by its key, `${dateline_city}`) and the rule looks for it, so the
two cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..findings import Problem
from ..model import Document
from ..scan import position

__all__ = ["AUTHOR", "PLACEHOLDERS", "SAMPLES", "TEAM", "TITLE", "Placeholder", "check_placeholders", "template_values"]


@dataclass(frozen=True, slots=True)
class Placeholder:
    #: The template's variable (`${key}` in `template.md`).
    key: str
    #: The text the template writes.
    text: str
    #: What to write instead, for the message.
    instead: str
    #: The front-matter field that holds it, or None for the body.
    field: str | None = None
    #: What must stand just before and after the text in the body for it to count: `CITY` alone
    #: is a placeholder only as the dateline's first word, not in "New York CITY".
    before: str = ""
    after: str = ""


PLACEHOLDERS: tuple[Placeholder, ...] = (
    Placeholder("customer", "Who the customer is, in one line", "who the customer is, in one line", "customer"),
    Placeholder("summary", "One or two sentences that say who gets what benefit.", "who gets what benefit", "summary"),
    Placeholder("subtitle", "One sentence: who the customer is and the benefit they get.", "the customer and their benefit"),
    Placeholder("dateline_city", "CITY", "the city of the dateline", before="**", after=" —"),
    Placeholder(
        "dateline_outlet", "OUTLET", "the outlet that would carry the news (a newswire, or the company newsletter)", before="— ", after=","
    ),
    Placeholder(
        "lede",
        "Open with a dateline, then say in two or three sentences what launches today, for whom, and why it matters to them.",
        "what launches today, for whom, and why it matters",
    ),
    Placeholder(
        "problem",
        "Describe the customer's problem in their words. Give the number that shows how big it is: how many people,"
        " how often, how much time or money it costs them.",
        "the customer's problem and its size",
    ),
    Placeholder(
        "solution",
        "Describe the solution and how it removes the problem. Write in the present tense, as if it has launched.",
        "the solution, in the present tense",
    ),
    Placeholder("leader_quote", "A quote from the leader who owns this, on why it matters to customers,", "the leader's quote"),
    Placeholder("leader_name", "Leader Name, Role", "the leader's name and role"),
    Placeholder("getting_started", "Say how a customer gets started, in one or two steps.", "how a customer gets started"),
    Placeholder("customer_quote", "A quote from a customer that names the benefit they felt,", "a customer's quote"),
    Placeholder("customer_name", "Customer Name, who they are", "the customer's name and who they are"),
    Placeholder("product_link", "[the product page](https://example.com)", "a link to where customers start"),
    Placeholder(
        "external_answer",
        "Answer the questions customers ask: price, availability, how it differs from what exists today.",
        "the answer to the question",
    ),
    Placeholder("availability_answer", "Say when, where and for whom.", "when, where and for whom"),
    Placeholder(
        "internal_answer",
        "Answer the questions stakeholders ask: risks, dependencies, what it costs to build and run,"
        " and what you chose not to do.",
        "the risks, dependencies, cost and scope",
    ),
    Placeholder("evidence_answer", "Give the data: research, support tickets, experiments.", "the data that shows customers want it"),
)

#: The author `prfaq new` writes when git knows no name, and the downloadable template's sample values.
AUTHOR = Placeholder("author", "Your Name", "your name, as 'Name <email>'", "authors")
TITLE = Placeholder("title", "Your headline: who gets what benefit", "your headline", "title")
TEAM = Placeholder("team", "your-team", "your team's slug", "team")
SAMPLES: tuple[Placeholder, ...] = (AUTHOR, TITLE, TEAM)

_FIELDS = tuple(p for p in (*PLACEHOLDERS, *SAMPLES) if p.field is not None)


def _pattern(p: Placeholder) -> re.Pattern[str]:
    # Any run of spaces or one line end where the template has a space: an editor may rewrap it.
    text = r"\s+".join(re.escape(word) for word in p.text.split(" "))
    after = f"(?={re.escape(p.after)})" if p.after else ""
    return re.compile(f"{re.escape(p.before)}(?P<text>{text}){after}")


def _openings(p: Placeholder) -> list[str]:
    """The literal text each placeholder starts with: its first two words, on one line or two."""
    words = p.text.split(" ")
    if len(words) == 1:
        return [p.before + words[0]]
    return [p.before + words[0] + gap + words[1] for gap in (" ", "\n")]


#: The body placeholders by the literal text they start with (`Describe the`, `**CITY`).
_BY_OPENING: dict[str, list[tuple[Placeholder, re.Pattern[str]]]] = {}
for _p in PLACEHOLDERS:
    if _p.field is None:
        for _opening in _openings(_p):
            _BY_OPENING.setdefault(_opening, []).append((_p, _pattern(_p)))
#: Where a placeholder may start: one scan of the body for all of them (the longest first); each
#: placeholder is then matched only there. An alternation of plain literals is what the regex
#: engine scans fastest: about 6 us a kilobyte, where a search of the body for each placeholder
#: took 12 and one alternation of the whole patterns 250 (measured).
_STARTS = re.compile("|".join(re.escape(o) for o in sorted(_BY_OPENING, key=len, reverse=True)))


def template_values() -> dict[str, str]:
    """The template's placeholder variables and their text."""
    return {p.key: p.text for p in PLACEHOLDERS}


def _message(p: Placeholder) -> str:
    words = p.text.split(" ")
    shown = p.text if len(words) <= 8 else " ".join(words[:7]) + " ..."
    return f"template text left in: '{shown}': replace it with {p.instead}"


def _is_sample(p: Placeholder, value: object) -> bool:
    if not isinstance(value, str):
        return False
    value = value.strip()
    return value == p.text or (p is AUTHOR and value.startswith(p.text + " <"))


def check_placeholders(doc: Document) -> list[Problem]:
    """Each placeholder left in the front matter or the body, where it stands."""
    problems: list[Problem] = []
    meta = doc.meta
    for p in _FIELDS:
        assert p.field is not None
        value = meta.get(p.field)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if _is_sample(p, item):
                pos = doc.position(p.field, index) if isinstance(value, list) else doc.position(p.field)
                problems.append(Problem("placeholder", pos.line, pos.col, _message(p)))
    body = doc.body
    if not body:
        return problems
    for start in _STARTS.finditer(body):
        for p, pattern in _BY_OPENING[start.group()]:
            match = pattern.match(body, start.start())
            if match is None:
                continue
            line, col = position(body, match.start("text"), doc.body_line)
            problems.append(Problem("placeholder", line, col, _message(p)))
    return problems
