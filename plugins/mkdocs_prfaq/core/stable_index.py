"""Make a Pagefind index byte-identical from one build of the same site to the next.

Pagefind (1.x) writes its filter files, and the list of filters in its metadata file, in hash-map
order, which changes from run to run; the file names are hashes of the contents, so the names
change too (upstream: Pagefind issue #638). This rewrites those few files in a fixed order
(filter values and filters by name), names them from their new contents, and updates the
references: the metadata file lists the filter files, and `pagefind-entry.json` names the
metadata file. Everything else Pagefind writes is already stable.

The files are gzip-compressed CBOR after a `pagefind_dcd` signature; the small CBOR codec
below covers what Pagefind writes (integers, strings, arrays, maps) and re-encodes it in the
shortest form, as Pagefind does, so an untouched value round-trips to the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


class _Bytes(bytes):
    """A CBOR byte string (kept apart from text)."""


def _decode(data: bytes, pos: int) -> tuple[Any, int]:
    head = data[pos]
    major, info = head >> 5, head & 0x1F
    pos += 1
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        arg = int.from_bytes(data[pos : pos + size], "big")
        pos += size
    else:
        raise ValueError(f"unsupported CBOR head 0x{head:02x}")
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major == 2:
        return _Bytes(data[pos : pos + arg]), pos + arg
    if major == 3:
        return data[pos : pos + arg].decode("utf-8"), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _decode(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        pairs = []
        for _ in range(arg):
            key, pos = _decode(data, pos)
            value, pos = _decode(data, pos)
            pairs.append((key, value))
        return dict(pairs), pos
    if major == 7:
        simple: dict[int, Any] = {20: False, 21: True, 22: None}
        if info in simple:
            return simple[info], pos
        if info == 26:
            return struct.unpack(">f", arg.to_bytes(4, "big"))[0], pos
        if info == 27:
            return struct.unpack(">d", arg.to_bytes(8, "big"))[0], pos
    raise ValueError(f"unsupported CBOR head 0x{head:02x}")


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")


def _encode(value: Any) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[value]])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, _Bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    raise TypeError(f"cannot encode {type(value).__name__} as CBOR")


def read_file(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind file")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data):
        raise ValueError(f"{path.name}: trailing bytes")
    return value


def _payload(value: Any) -> bytes:
    return SIGNATURE + _encode(value)


def _write(path: Path, payload: bytes) -> None:
    path.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))


def _sort_key(item: Any) -> tuple[str, str]:
    first = item[0] if isinstance(item, list) and item else item
    return (type(first).__name__, str(first))


def stabilize(index_dir: Path) -> bool:
    """Rewrite the index under `index_dir` (`site/pagefind`) in a stable form. Returns False,
    leaving the files as they are, when they are not in the layout this understands."""
    entry_path = index_dir / "pagefind-entry.json"
    if not entry_path.is_file():
        return False
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    languages = entry.get("languages")
    if not isinstance(languages, dict):
        return False
    entry_text = entry_path.read_text(encoding="utf-8")
    for language in languages.values():
        old_meta_hash = language.get("hash") if isinstance(language, dict) else None
        if not isinstance(old_meta_hash, str):
            return False
        meta_path = index_dir / f"pagefind.{old_meta_hash}.pf_meta"
        meta = read_file(meta_path)
        renamed: dict[str, str] = {}
        filters_at = None
        for position, part in enumerate(meta if isinstance(meta, list) else []):
            if isinstance(part, list) and part and all(
                isinstance(f, list) and len(f) == 2 and all(isinstance(x, str) for x in f) for f in part
            ) and all((index_dir / "filter" / f"{f[1]}.pf_filter").is_file() for f in part):
                filters_at = position
        if filters_at is None:
            return False
        for _name, old_hash in meta[filters_at]:
            old_path = index_dir / "filter" / f"{old_hash}.pf_filter"
            content = read_file(old_path)
            if isinstance(content, list) and len(content) == 2 and isinstance(content[1], list):
                content[1].sort(key=_sort_key)
            payload = _payload(content)
            prefix = old_hash.rsplit("_", 1)[0]
            new_hash = f"{prefix}_{hashlib.sha256(payload).hexdigest()[: len(old_hash) - len(prefix) - 1]}"
            old_path.unlink()
            _write(index_dir / "filter" / f"{new_hash}.pf_filter", payload)
            renamed[old_hash] = new_hash
        meta[filters_at] = sorted(([name, renamed[h]] for name, h in meta[filters_at]), key=_sort_key)
        payload = _payload(meta)
        prefix = old_meta_hash.rsplit("_", 1)[0]
        new_meta_hash = f"{prefix}_{hashlib.sha256(payload).hexdigest()[: len(old_meta_hash) - len(prefix) - 1]}"
        meta_path.unlink()
        _write(index_dir / f"pagefind.{new_meta_hash}.pf_meta", payload)
        entry_text = entry_text.replace(f'"{old_meta_hash}"', f'"{new_meta_hash}"')
    entry_path.write_text(entry_text, encoding="utf-8")
    return True
