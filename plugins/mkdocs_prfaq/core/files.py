"""Files written whole: under a temporary name beside the target, then renamed over it, so that
a reader (another check running at once, an engine's file watcher) finds the old file or the
new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path

__all__ = ["write_whole"]


def write_whole(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write `data` at `path` whole; `mode`: the file's permissions (a temporary file is made
    readable by its owner only). Raises `OSError`, after removing the temporary file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
