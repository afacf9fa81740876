"""Text clean-up shared by importers: identifiers, whitespace, LaTeX delimiters."""

from __future__ import annotations

import re
import unicodedata

_SLUG_DROP = re.compile(r"[^A-Za-z0-9_.-]+")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def slug(text: str, fallback: str = "item") -> str:
    """An identifier made from ``text``: ASCII letters, digits, ``_ . -``; never empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = _SLUG_DROP.sub("-", ascii_text.strip()).strip("-._")
    out = re.sub(r"-{2,}", "-", out)[:70].strip("-._")
    return out or fallback


class IdMaker:
    """Unique item ids within one pack, made from whatever names the source gives."""

    def __init__(self, prefix: str = "q") -> None:
        self.prefix = prefix
        self.used: set[str] = set()
        self.counter = 0

    def make(self, preferred: str | None = None) -> str:
        self.counter += 1
        base = slug(preferred, fallback="") if preferred else ""
        if not base:
            base = f"{self.prefix}{self.counter}"
        candidate = base
        n = 2
        while candidate.casefold() in self.used:
            candidate = f"{base}-{n}"
            n += 1
        self.used.add(candidate.casefold())
        return candidate


def tidy(text: str) -> str:
    """Spaces collapsed on each line, trailing spaces and surplus blank lines removed."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def one_line(text: str) -> str:
    """All whitespace, newlines included, collapsed to single spaces."""
    return " ".join(text.split())


def latex_to_dollars(text: str) -> str:
    r"""``\( x \)`` -> ``$x$`` and ``\[ x \]`` -> ``$$x$$`` (packs write LaTeX between dollars)."""
    text = re.sub(r"\\\((.+?)\\\)", lambda m: f"${m.group(1).strip()}$", text, flags=re.S)
    return re.sub(r"\\\[(.+?)\\\]", lambda m: f"$${m.group(1).strip()}$$", text, flags=re.S)


def same_text(a: str, b: str) -> bool:
    """Whether two choices read the same (spacing ignored; case kept, since ``kHz`` and
    ``KHz`` are different answers)."""
    return one_line(a) == one_line(b)
