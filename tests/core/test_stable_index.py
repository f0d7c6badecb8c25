"""The Pagefind index rewriter: its CBOR codec round-trips, and it fixes the order of filters."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from mkdocs_prfaq.core import stable_index
from mkdocs_prfaq.core.stable_index import SIGNATURE, read_file, stabilize

SAMPLES = [0, 23, 24, 255, 256, 65_536, 2**32, -1, -500, "", "é" * 30, [], [1, [2, "x"]], {"a": 1}, True, None, 1.5]


def test_codec_round_trips_in_shortest_form() -> None:
    for value in SAMPLES:
        encoded = stable_index._encode(value)
        decoded, end = stable_index._decode(encoded, 0)
        assert decoded == value and end == len(encoded)
        assert stable_index._encode(decoded) == encoded
    assert stable_index._encode(24) == b"\x18\x18" and stable_index._encode("a") == b"\x61a"


def _write(path: Path, value: object) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + stable_index._encode(value)))


def _index(root: Path, order: list[str], values: list[str]) -> Path:
    """A miniature index as Pagefind lays it out, with filters and their values in `order`."""
    index = root / "pagefind"
    (index / "filter").mkdir(parents=True)
    filters = []
    for n, name in enumerate(order):
        file_hash = f"en_{n}{name[:6]:0<6}"
        _write(index / "filter" / f"{file_hash}.pf_filter", [name, [[v, [ord(v)]] for v in values]])
        filters.append([name, file_hash])
    _write(index / "pagefind.en_0123456789.pf_meta", ["1.5.2", [["en_aaaaaaa", 10]], [], filters, [], ["id"]])
    (index / "pagefind-entry.json").write_text(
        json.dumps({"version": "1.5.2", "languages": {"en": {"hash": "en_0123456789", "wasm": "en", "page_count": 1}}}),
        encoding="utf-8",
    )
    return index


def _tree(index: Path) -> dict[str, bytes]:
    return {p.relative_to(index).as_posix(): p.read_bytes() for p in sorted(index.rglob("*")) if p.is_file()}


def test_two_orders_give_the_same_files(tmp_path: Path) -> None:
    one = _index(tmp_path / "one", ["tag", "id", "team"], ["b", "a", "c"])
    two = _index(tmp_path / "two", ["team", "tag", "id"], ["c", "b", "a"])
    assert stabilize(one) and stabilize(two)
    assert _tree(one) == _tree(two)
    entry = json.loads((one / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_hash = entry["languages"]["en"]["hash"]
    meta = read_file(one / f"pagefind.{meta_hash}.pf_meta")
    assert [name for name, _ in meta[3]] == ["id", "tag", "team"]
    for _name, file_hash in meta[3]:
        content = read_file(one / "filter" / f"{file_hash}.pf_filter")
        assert [value for value, _ in content[1]] == sorted(value for value, _ in content[1])


def test_leaves_other_layouts_alone(tmp_path: Path) -> None:
    assert stabilize(tmp_path) is False
