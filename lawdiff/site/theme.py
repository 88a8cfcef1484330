"""Where the theme lives and how templates are loaded.

The default theme is the top-level `site/` folder of the source tree; a built wheel
carries a copy as `lawdiff/theme/` (see setup.py).  `--theme DIR` lays a folder of the
same shape (`templates/`, `assets/`) over it: a file there replaces the default's file
of the same name, everything else comes from the default.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import jinja2

from lawdiff.errors import LawdiffError


def default_theme_dir() -> Path:
    """The installed theme (wheel) or, in a source checkout, the top-level `site/`."""
    package = Path(__file__).resolve().parent.parent  # lawdiff/ (installed or checked out)
    packaged = package / "theme"
    if (packaged / "templates").is_dir():
        return packaged
    checkout = package.parent / "site"
    if (checkout / "templates").is_dir():
        return checkout
    raise LawdiffError("the site theme is missing from this installation (no lawdiff/theme, no site/)")


@dataclass(frozen=True)
class Theme:
    dirs: tuple[Path, ...]  # highest priority first; the default theme last

    @classmethod
    def load(cls, override: str | Path | None = None) -> Theme:
        dirs = [default_theme_dir()]
        if override is not None:
            path = Path(override)
            if not path.is_dir():
                raise LawdiffError(f"{path}: theme folder not found")
            if not (path / "templates").is_dir() and not (path / "assets").is_dir():
                raise LawdiffError(f"{path}: a theme folder holds templates/ and/or assets/")
            dirs.insert(0, path)
        return cls(tuple(dirs))

    def files(self, sub: str) -> dict[str, Path]:
        """Relative name -> file, overrides winning, for one sub-folder (templates or assets)."""
        found: dict[str, Path] = {}
        for root in reversed(self.dirs):  # default first, overrides replace
            base = root / sub
            if not base.is_dir():
                continue
            for path in sorted(base.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    found[path.relative_to(base).as_posix()] = path
        return dict(sorted(found.items()))

    def digest(self) -> str:
        """A hash of every file the theme contributes: part of each page's key."""
        h = hashlib.sha256()
        for sub in ("templates", "assets"):
            for name, path in self.files(sub).items():
                h.update(f"{sub}/{name}\0".encode())
                h.update(hashlib.sha256(path.read_bytes()).digest())
        return h.hexdigest()

    def environment(self) -> jinja2.Environment:
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d / "templates")) for d in self.dirs
                                      if (d / "templates").is_dir()])
        # Autoescape everything, the Atom feed included: law text and metadata are data.
        env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                                 trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        return env
