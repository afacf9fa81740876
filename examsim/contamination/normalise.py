"""Text normalisation shared by item probes and the corpus, so both sides match alike.

Two forms:

``chars`` (the GPT-4 Appendix C rule)
    "removing all spaces and symbols, keeping only characters (including numbers)": every
    character that is not a letter or digit (``str.isalnum``) is dropped, so
    ``"The  Cat, sat."`` becomes ``thecatsat``.
``words`` (GPT-3 style n-grams, fuzzy matching)
    runs of letters and digits become tokens, each followed by one space:
    ``"The  Cat, sat."`` becomes ``the cat sat ``.

The report leaves open what "symbols" and letter case mean; here they are options:
Unicode normalisation (``NFKC`` by default, so ligatures, full-width and compatibility
forms fold to plain letters; ``NFC``; or ``none``) and case folding (on by default, since
a copy in the corpus may differ in case). Letters of every script count as characters.

Corpus text arrives as UTF-8 bytes. Pure-ASCII stretches take a byte-level fast path
(``bytes.translate``) that gives exactly what the Unicode path gives for them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Form = Literal["chars", "words"]
UnicodeForm = Literal["NFKC", "NFC", "none"]
UNICODE_FORMS: tuple[UnicodeForm, ...] = ("NFKC", "NFC", "none")

SEPARATOR = b"\n"
"""Byte placed between documents in a scan buffer; neither form ever produces it."""

_ASCII_ALNUM = bytes(c for c in range(128) if chr(c).isalnum())
_ASCII_OTHER = bytes(c for c in range(128) if not chr(c).isalnum())
_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_ASCII_SPACE = bytes.maketrans(_ASCII_OTHER, b" " * len(_ASCII_OTHER))
_ASCII_SPACE_LOWER = bytes(
    _ASCII_LOWER[c] if chr(c).isalnum() else ord(" ") for c in range(128)
) + bytes(range(128, 256))
_NOT_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Normaliser:
    """How text is normalised before matching."""

    form: Form = "chars"
    case_fold: bool = True
    unicode: UnicodeForm = "NFKC"

    def text(self, text: str) -> str:
        """The normalised form of ``text`` (the reference definition)."""
        if self.unicode != "none":
            text = unicodedata.normalize(self.unicode, text)
        if self.case_fold:
            text = text.casefold()
        if self.form == "chars":
            return _NOT_ALNUM.sub("", text)
        return "".join(token + " " for token in _NOT_ALNUM.split(text) if token)

    def tokens(self, text: str) -> list[str]:
        """Word tokens of ``text`` (``words`` form without the spaces)."""
        return Normaliser("words", self.case_fold, self.unicode).text(text).split()

    def utf8(self, raw: bytes) -> bytes:
        """The normalised form of UTF-8 ``raw`` as UTF-8 (invalid bytes are dropped)."""
        if raw.isascii():
            return self._ascii(raw)
        if self.form == "words":
            # Tokens may run across the ASCII/non-ASCII border; take the Unicode path.
            return self.text(raw.decode("utf-8", errors="replace")).encode("utf-8")
        parts: list[bytes] = []
        last = 0
        for start, end in _non_ascii_runs(raw):
            if start > last and raw[start - 1] < 0x80:
                start -= 1
            if start > last:
                parts.append(self._ascii(raw[last:start]))
            piece = raw[start:end].decode("utf-8", errors="replace")
            parts.append(self.text(piece).encode("utf-8"))
            last = end
        if last < len(raw):
            parts.append(self._ascii(raw[last:]))
        return b"".join(parts)

    def _ascii(self, raw: bytes) -> bytes:
        if self.form == "chars":
            # One pass: map upper to lower case and delete the rest.
            return raw.translate(_ASCII_LOWER if self.case_fold else None, _ASCII_OTHER)
        spaced = raw.translate(_ASCII_SPACE_LOWER if self.case_fold else _ASCII_SPACE)
        tokens = spaced.split()
        return b" ".join(tokens) + b" " if tokens else b""

    def output_lengths(self, text: str) -> list[int]:
        """UTF-8 bytes of output each character of ``text`` accounts for.

        Used to map a match in normalised text back to the original. Exact except where
        Unicode composition joins characters (then the offset is the nearest one).
        """
        lengths: list[int] = []
        cache: dict[str, int] = {}
        in_token = False
        for char in text:
            size = cache.get(char)
            if size is None:
                size = len(self._char(char).encode("utf-8"))
                cache[char] = size
            if self.form == "words":
                # The space after a token is produced by the first character after it.
                if size == 0 and in_token:
                    lengths.append(1)
                    in_token = False
                    continue
                in_token = in_token or size > 0
            lengths.append(size)
        return lengths

    def _char(self, char: str) -> str:
        if self.unicode != "none":
            char = unicodedata.normalize(self.unicode, char)
        if self.case_fold:
            char = char.casefold()
        return _NOT_ALNUM.sub("", char)


def _non_ascii_runs(raw: bytes) -> list[tuple[int, int]]:
    """(start, end) of each run of non-ASCII bytes. Each run is normalised with the ASCII
    character before it (a base letter composes with the marks after it); an ASCII
    character never composes with what precedes it, so the text is cut safely before it."""
    import numpy as np

    where = np.flatnonzero(np.frombuffer(raw, dtype=np.uint8) >= 0x80)
    if not len(where):
        return []
    breaks = np.flatnonzero(np.diff(where) > 1)
    starts = np.concatenate(([where[0]], where[breaks + 1]))
    ends = np.concatenate((where[breaks], [where[-1]])) + 1
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def safe_cut(raw: bytes, limit: int) -> int:
    """Where to cut ``raw`` at or before ``limit`` so both halves normalise independently.

    Just after a newline or space, preferably in the second half: no token continues
    across it and nothing composes with it. Falls back to a UTF-8 character boundary
    when the text has neither (a word or an accent may then be split there).
    """
    limit = min(limit, len(raw) - 1)
    if limit <= 0:
        return len(raw)
    for separator in (b"\n", b" "):
        cut = raw.rfind(separator, 0, limit)
        if cut > limit // 2:
            return cut + 1
    cut = max(raw.rfind(b"\n", 0, limit), raw.rfind(b" ", 0, limit))
    if cut >= 0:
        return cut + 1
    cut = limit
    while cut > 0 and (raw[cut] & 0xC0) == 0x80:  # not inside a multi-byte character
        cut -= 1
    return cut or limit
