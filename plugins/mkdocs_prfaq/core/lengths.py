"""The method's lengths, stated once: in pages, as the handbook teaches them (Bryar and Carr: a
press release under one page, an FAQ of five pages or fewer, about six pages in all), and in
words, as the checks and `prfaq review` count them. The handbook, the rules' messages and
summaries, the review and the reference all read these; a test checks the handbook's pages."""

from __future__ import annotations

__all__ = [
    "DOCUMENT_PAGES",
    "DOCUMENT_WORDS",
    "FAQ_PAGES",
    "PRESS_RELEASE_PAGES",
    "PRESS_RELEASE_WORDS",
    "WORDS_PER_PAGE",
]

#: A page of single-spaced prose, as the checks count it.
WORDS_PER_PAGE = 500
PRESS_RELEASE_PAGES = 1
FAQ_PAGES = 5
DOCUMENT_PAGES = PRESS_RELEASE_PAGES + FAQ_PAGES
#: Past these, `press-release-length` and `document-length` warn.
PRESS_RELEASE_WORDS = PRESS_RELEASE_PAGES * WORDS_PER_PAGE
DOCUMENT_WORDS = DOCUMENT_PAGES * WORDS_PER_PAGE
