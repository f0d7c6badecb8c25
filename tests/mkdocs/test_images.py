"""Images beside the PR/FAQs (tests/fixtures/sites/images/): an author keeps an image next to the
PR/FAQ and links it by a relative path, as the repository host shows it. The site copies the
source folder's images, in their folders, beside the PR/FAQ pages, and every image of every page
reaches its file: from a document at the folder's top as written, from one in a subfolder
through its link made relative to the page. MkDocs, in strict mode, finds no broken link."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from sitekit import FIXTURES, article, build_site, copy_project, read_page, resolve

PROJECT = FIXTURES / "images"
SOURCE = PROJECT / "prfaqs"


def _images(site: Path, url: str) -> dict[str, bytes]:
    """Each image of the page's content, by its alt text: the bytes of the file it loads."""
    page = article(read_page(site, url))
    return {img.attrs["alt"]: (site / unquote(resolve(url, img.attrs["src"]))).read_bytes() for img in page.find_all("img")}


def test_every_image_of_every_page_loads_the_author_s_file(tmp_path: Path) -> None:
    site = build_site(copy_project("images", tmp_path / "project"), strict=True)
    flow = (SOURCE / "refund-flow.png").read_bytes()
    checkout = (SOURCE / "payments" / "checkout.png").read_bytes()
    assert _images(site, "prfaqs/prfaq-0001/") == {
        "How a refund flows, from the report to the money back": flow,
        "The refund flow, smaller": flow,  # an HTML <img>, which MkDocs leaves as written
    }
    assert _images(site, "prfaqs/prfaq-0003/") == {
        "Two cards at checkout": checkout,
        "How a refund flows": flow,
        "the card form": (SOURCE / "payments" / "card-form.gif").read_bytes(),
        "The checkout, smaller": checkout,
    }
    page = article(read_page(site, "prfaqs/prfaq-0003/"))
    assert page.one("a", href="../payments/card-form.gif").text == "card form"
    # The same link shown as code, in a sentence and in a block: as the author wrote it.
    assert [code.text for code in page.find_all("code") if "checkout.png" in code.text] == [
        "![The checkout](checkout.png)", "![The checkout](checkout.png)\n",
    ]
    copied = sorted(p.relative_to(site / "prfaqs").as_posix() for p in (site / "prfaqs").rglob("*.*") if p.suffix != ".html")
    assert copied == ["payments/card-form.gif", "payments/checkout.png", "refund-flow.png"]
