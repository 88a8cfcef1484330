"""Readable, URL-safe document slugs from titles in any script (Chinese through pinyin).

`数据安全法` -> `shu-ju-an-quan-fa`: NFKC, Chinese characters as toneless pinyin syllables
(pypinyin, with its phrase dictionary for characters of several readings), other letters
and digits lower-cased, everything else a separator; syllables joined by `-`.  A slug is cut
at a syllable boundary to at most SLUG_BASE_MAX characters; `unique_slug` then adds eight hex
digits of the title's SHA-256 when it was cut or its plain form is taken, so that two titles
never share a slug (see docs/format.md).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

SLUG_BASE_MAX = 80
_SEPARATORS = re.compile(r"[^a-z0-9]+")


def readable_slug(title: str) -> tuple[str, bool]:
    """(slug, cut): the title's pinyin/ASCII slug, and whether it was cut to SLUG_BASE_MAX."""
    # Imported here: pypinyin loads its dictionaries on import (0.6 s idle, 2.5 s on a loaded
    # machine, measured with -X importtime), paid only by a run that names new documents.
    from pypinyin import lazy_pinyin

    text = unicodedata.normalize("NFKC", title)
    words = [_SEPARATORS.sub("-", w.lower()).strip("-") for w in lazy_pinyin(text)]
    slug = "-".join(w for w in words if w)
    slug = re.sub(r"-{2,}", "-", slug).strip("-")
    if len(slug) <= SLUG_BASE_MAX:
        return slug or "document", False
    cut = slug[: SLUG_BASE_MAX + 1].rsplit("-", 1)[0] or slug[:SLUG_BASE_MAX]
    return cut, True


def unique_slug(title: str, taken: set[str]) -> str:
    """A slug for `title` that is not in `taken` (plain when free and uncut, else with a hash)."""
    base, cut = readable_slug(title)
    if not cut and base not in taken:
        return base
    digest = hashlib.sha256(title.encode("utf-8")).hexdigest()
    for length in range(8, len(digest) + 1, 4):
        candidate = f"{base}-{digest[:length]}"
        if candidate not in taken:
            return candidate
    raise ValueError(f"no free slug for {title!r}")  # 2^256 titles: unreachable
