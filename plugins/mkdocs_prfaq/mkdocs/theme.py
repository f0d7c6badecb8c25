"""The plugin's theme templates, put in front of the theme's own (after a site's `custom_dir`,
which wins): `theme/` on every site, the search's `templates/` with `search: true`."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

__all__ = ["ALWAYS", "in_front"]

#: On every site: the repository link without Material's `source` component, which asks the
#: repository host's API for stars and forks from every reader's browser.
ALWAYS = Path(__file__).parent / "theme"


def in_front(config: MkDocsConfig, folder: Path) -> None:
    """Templates in `folder` replace the theme's own of the same name (once per configuration)."""
    dirs: list[str] = config.theme.dirs
    if str(folder) in dirs:
        return
    custom = config.theme.custom_dir
    dirs.insert(1 if custom and dirs and Path(dirs[0]) == Path(custom) else 0, str(folder))
