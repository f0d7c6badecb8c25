"""Any text, whatever characters it holds, into YAML, XML and JSON that parse back."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.core.wellformed import json_safe, xml_text, yaml_string

#: Every code point, surrogates and non-characters included, weighted towards the hard ones.
HARD = st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\x85", "\x9f", "\ud800", "\udfff", "\ufffe", "\uffff", "\U0001fffe"])
TEXT = st.lists(st.one_of(HARD, st.characters(codec=None, exclude_categories=())), max_size=40).map("".join)


@settings(max_examples=400)
@given(TEXT)
def test_yaml_string_reads_back_as_one_line_of_the_same_printable_text(text: str) -> None:
    read = yaml.safe_load(f"title: {yaml_string(text)}\n")["title"]
    expected = " ".join(text.split())
    assert len(read) == len(expected)
    assert all(a == b or (0xD800 <= ord(b) <= 0xDFFF and a == "\ufffd") for a, b in zip(read, expected, strict=True))


@settings(max_examples=400)
@given(TEXT)
def test_xml_text_always_parses_and_keeps_what_xml_can_hold(text: str) -> None:
    element = ET.Element("title")
    element.text = xml_text(text)
    element.set("term", xml_text(text))
    parsed = ET.fromstring(ET.tostring(element, encoding="unicode").encode("utf-8"))
    # XML parsers turn every line end into a newline; nothing else changes.
    kept = (element.text or "").replace("\r\n", "\n").replace("\r", "\n")
    assert (parsed.text or "") == kept
    assert not set(kept) & {"\x00", "\x01", "\x1b", "\ufffe", "\uffff"}


@settings(max_examples=400)
@given(TEXT)
def test_json_safe_text_encodes_as_utf8_and_parses_back(text: str) -> None:
    dumped = json_safe(json.dumps({"title": text}, ensure_ascii=False))
    read = json.loads(dumped.encode("utf-8"))["title"]
    assert read == "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
