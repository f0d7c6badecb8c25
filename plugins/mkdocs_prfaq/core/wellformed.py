"""Untrusted text into formats that cannot carry every character: YAML, XML, JSON.

The check refuses control characters in front matter (rule `control-character`), but a site may
relax that rule, and bodies are not checked for them: every output stays well-formed anyway.
"""

from __future__ import annotations

import json
import re

__all__ = ["json_safe", "xml_text", "yaml_string"]

#: What YAML may not hold as a raw character (PyYAML's reader refuses DEL and C1 but U+0085).
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: What XML 1.0 cannot hold at all, even as a character reference.
_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def yaml_string(text: str) -> str:
    """`text` as one double-quoted YAML scalar on one line (whitespace runs become one space)."""
    quoted = json.dumps(" ".join(text.split()), ensure_ascii=False)
    return _NOT_YAML.sub(lambda m: "\\ufffd" if _SURROGATE.match(m.group()) else f"\\u{ord(m.group()):04x}", quoted)


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry (a feed reader refuses the whole feed)."""
    return _NOT_XML.sub("", text)


def json_safe(text: str) -> str:
    """JSON text written with `ensure_ascii=False`, with U+FFFD for the surrogates YAML's escapes
    can make (a lone surrogate cannot be encoded as UTF-8, and no reader could use it)."""
    return _SURROGATE.sub("\ufffd", text)
