"""Every rule the checker knows, with its default severity and a one-line explanation."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..findings import Severity
from ..lengths import DOCUMENT_PAGES, DOCUMENT_WORDS, PRESS_RELEASE_WORDS

__all__ = ["ALWAYS_ON", "DRAFT_CAPPED", "RULES", "Category", "Rule"]


class Category(StrEnum):
    FILE = "file"
    SCHEMA = "schema"
    FIELDS = "cross-field"
    CORPUS = "cross-document"
    BODY = "body"
    WRITING = "writing"
    #: Rules that protect readers; never relaxed for drafts.
    SAFETY = "safety"


#: Categories whose findings are capped at warning while a document is a draft.
DRAFT_CAPPED = frozenset({Category.BODY, Category.WRITING})
_UNREADABLE = "a file it reports cannot be read as a PR/FAQ, and would drop out of the catalog without a word"
#: Rules that cannot be turned off (only made warnings), and why.
ALWAYS_ON: dict[str, str] = {
    **dict.fromkeys(
        (
            "front-matter", "yaml-syntax", "yaml-alias", "yaml-tag", "file-encoding", "file-size", "file-name-case",
            "symlink", "unread-file",
        ),
        _UNREADABLE,
    ),
    "duplicate-key": "YAML keeps the last of two values and drops the first without a word",
    "body-nesting": "the site's Markdown converter recurses once per level, and a few hundred stop the build with a traceback",
    **dict.fromkeys(
        ("too-many-tags", "too-many-facet-values", "too-many-abbreviations", "too-many-footnotes"),
        "a site that needs more raises the limit's `max_` option; without a limit one small file makes the build"
        " take minutes and gigabytes",
    ),
}


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    category: Category
    default: Severity
    summary: str
    #: Where the handbook teaches what the rule checks (a path under the site root), if anywhere.
    guide: str | None = None
    #: Whether it looks at records (approved and later) at all: `possible-duplicate` asks only
    #: whether a document still being written repeats another.
    on_records: bool = True


_E, _W = Severity.ERROR, Severity.WARNING
_STYLE = "learn/writing-style/"

RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        # Files and front matter
        Rule("front-matter", Category.FILE, _E, "The file must open with a `---` fenced YAML mapping."),
        Rule("yaml-syntax", Category.FILE, _E, "The front matter must be valid YAML."),
        Rule("duplicate-key", Category.FILE, _E, "A key appears twice in one mapping; YAML would keep only the last."),
        Rule("yaml-alias", Category.FILE, _E, "YAML anchors and aliases are refused: they can expand a small file."),
        Rule("yaml-tag", Category.FILE, _E, "Custom YAML tags such as `!!python/object` are refused, never run."),
        Rule("file-encoding", Category.FILE, _E, "The file must be UTF-8 text."),
        Rule("file-size", Category.FILE, _E, "The file is larger than the configured limit (1 MB by default)."),
        Rule("file-name-case", Category.FILE, _E, "Two files whose names differ only in case clash on some systems."),
        Rule("symlink", Category.FILE, _E, "A symbolic link pointing outside the source folder is never read."),
        Rule("unread-file", Category.FILE, _E, "A file of the source folder is neither a PR/FAQ (`.md`) nor an image the site copies."),
        Rule("too-many-tags", Category.FILE, _E, "A document lists more tags than `max_tags` (20 by default)."),
        Rule("too-many-abbreviations", Category.FILE, _E, "A body defines more abbreviations than `max_abbreviations` (200)."),
        Rule("too-many-footnotes", Category.FILE, _E, "A body holds more footnotes than `max_footnotes` (200)."),
        Rule("body-nesting", Category.FILE, _E, "Lists, block quotes or indented blocks in the body are nested over 20 levels deep."),
        # Schema
        Rule("required-field", Category.SCHEMA, _E, "A required front-matter field is missing."),
        Rule("field-type", Category.SCHEMA, _E, "A field has the wrong type (quote values YAML reads as booleans)."),
        Rule("status-enum", Category.SCHEMA, _E, "`status` must be one of the eight known statuses."),
        Rule("date-format", Category.SCHEMA, _E, "A date must be a real ISO date, YYYY-MM-DD."),
        Rule("unknown-key", Category.SCHEMA, _E, "A key the schema does not know; put local additions under `extra`."),
        Rule("field-format", Category.SCHEMA, _E, "A value has the right type but the wrong shape or length."),
        Rule("id-format", Category.SCHEMA, _E, "An id is `PRFAQ-` followed by four or more digits."),
        Rule("id-filename", Category.SCHEMA, _E, "The file name must start with the document's id."),
        # Cross-field
        Rule("decision-required", Category.FIELDS, _E, "Decided statuses need a `decision` with date and by."),
        Rule("superseded-status", Category.FIELDS, _E, "`superseded_by` is set exactly when status is superseded."),
        Rule("date-order", Category.FIELDS, _E, "`updated` and the decision date are not before `created`."),
        # Cross-document
        Rule("duplicate-id", Category.CORPUS, _E, "Two files carry the same id."),
        Rule("unknown-id", Category.CORPUS, _E, "A referenced PR/FAQ id does not exist."),
        Rule("supersedes-mismatch", Category.CORPUS, _E, "`superseded_by` must be matched by the other's `supersedes`."),
        Rule("supersedes-cycle", Category.CORPUS, _E, "A supersedes chain loops back on itself."),
        Rule("unknown-team", Category.CORPUS, _E, "The team is not a key of the teams file."),
        Rule("unknown-tag", Category.CORPUS, _E, "The tag is not in the controlled vocabulary."),
        Rule("too-many-facet-values", Category.CORPUS, _E, "The catalog holds more distinct tags or teams than `max_facet_values` (500)."),
        Rule("possible-duplicate", Category.CORPUS, _W, "A draft or a document in review is very close to another one (the `duplicate` option, 0.65).", on_records=False),
        # Body
        Rule("faq-section", Category.BODY, _E, "The body needs an FAQ heading (`## FAQ`, `## External FAQ`, ...)."),
        Rule("empty-answer", Category.BODY, _E, "A question heading in the FAQ has no answer under it."),
        Rule("press-release-length", Category.BODY, _W, f"The press release runs over {PRESS_RELEASE_WORDS} words (one page)."),
        Rule("document-length", Category.BODY, _W, f"The document runs over {DOCUMENT_WORDS:,} words ({DOCUMENT_PAGES} pages)."),
        Rule("faq-split", Category.BODY, _W, "The FAQ should have both an external and an internal part."),
        Rule("title-mismatch", Category.BODY, _W, "The body's `#` heading is not the `title`; the page shows the title."),
        Rule("placeholder", Category.BODY, _E, "Text from the template is left in (a sample name, quote or prompt): write your own."),
        Rule("missing-image", Category.BODY, _W, "An image the body links by a relative path is not one the site copies beside it."),
        Rule("unsafe-url", Category.SAFETY, _E, "`javascript:`, `vbscript:` and `data:` links are refused."),
        Rule("file-name", Category.SAFETY, _E, "A file name holds only letters, digits, spaces and `- _ . , ( ) +`."),
        Rule("control-character", Category.SAFETY, _E, "A front-matter value holds a control character or a Unicode non-character."),
        Rule("remote-image", Category.SAFETY, _W, "An image loads from another host; the site leaves it out (see `image_hosts`)."),
        # Writing (the style guide, see docs/learn/writing-style.md)
        Rule("weasel-words", Category.WRITING, _W, "A vague word in the press release (\"significantly\", \"nearly all\"): give the number.", _STYLE + "#weasel-words"),
        Rule("long-sentence", Category.WRITING, _W, "A sentence over 30 words: split it.", _STYLE + "#short-sentences"),
        Rule("long-paragraph", Category.WRITING, _W, "A paragraph over 120 words: split it.", _STYLE + "#short-sentences"),
        Rule("future-tense", Category.WRITING, _W, "\"will\" in the press release: write as if the product has launched.", _STYLE + "#write-as-if-it-has-launched"),
        Rule("acronym", Category.WRITING, _W, "An acronym not spelled out on first use.", _STYLE + "#acronyms"),
        Rule("customer-quote", Category.WRITING, _W, "The press release has no quote attributed with \"said\".", "learn/press-release/#customer-quote"),
        Rule("call-to-action", Category.WRITING, _W, "The press release has no link or first step for the reader.", "learn/press-release/#call-to-action"),
        Rule("internal-faq-risks", Category.WRITING, _W, "The internal FAQ asks nothing about risks, cost or scope.", "learn/faq/#what-the-faq-must-cover"),
        Rule("readability", Category.WRITING, _W, "The press release scores under 40 for Flesch reading ease.", _STYLE + "#short-sentences"),
    )
}
