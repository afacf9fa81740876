"""Normalisation: the byte fast path agrees with the Unicode definition, piece by piece."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examsim.contamination.normalise import Normaliser, safe_cut

PARTS = [*"abcXYZ019 _.,;-\n\t", "é", "e\u0301", "ß", "ﬁ", "Ａ", "²", "中", "\u0301", "İ", "—"]
TEXT = st.lists(st.sampled_from(PARTS), max_size=120).map("".join)
NORMALISERS = st.builds(
    Normaliser,
    st.sampled_from(["chars", "words"]),
    st.booleans(),
    st.sampled_from(["NFKC", "NFC", "none"]),
)


def test_chars_removes_spaces_and_symbols_and_folds_case() -> None:
    assert Normaliser().text("The  Cat, sat.\n(2 + 3 = 5!)") == "thecatsat235"
    assert Normaliser(case_fold=False).text("The Cat") == "TheCat"


def test_words_keeps_tokens_each_followed_by_a_space() -> None:
    assert Normaliser("words").text("  The Cat,sat. ") == "the cat sat "
    assert Normaliser("words").tokens("Don't stop") == ["don", "t", "stop"]


def test_unicode_options() -> None:
    # NFKC folds ligatures and full-width letters; NFC keeps them; casefold maps ß to ss.
    assert Normaliser().text("ﬁne ＡＢ Straße") == "fineabstrasse"
    assert Normaliser(case_fold=False, unicode="NFC").text("ﬁne ＡＢ") == "ﬁneＡＢ"
    # Decomposed and composed accents agree under NFKC and NFC, not without normalisation.
    assert Normaliser().text("cafe\u0301") == Normaliser().text("café") == "café"
    assert Normaliser(unicode="none").text("cafe\u0301") == "cafe"


@settings(max_examples=300)
@given(text=TEXT, normaliser=NORMALISERS)
def test_bytes_path_equals_reference(text: str, normaliser: Normaliser) -> None:
    assert normaliser.utf8(text.encode("utf-8")) == normaliser.text(text).encode("utf-8")


@settings(max_examples=300)
@given(text=TEXT, normaliser=NORMALISERS, limit=st.integers(2, 40))
def test_pieces_cut_safely_normalise_like_the_whole(
    text: str, normaliser: Normaliser, limit: int
) -> None:
    raw = text.encode("utf-8")
    pieces = []
    while len(raw) > limit:
        if b" " not in raw[:limit] and b"\n" not in raw[:limit]:
            return  # no separator: the fallback cut may split a word (documented)
        cut = safe_cut(raw, limit)
        pieces.append(raw[:cut])
        raw = raw[cut:]
    pieces.append(raw)
    joined = b"".join(normaliser.utf8(p) for p in pieces)
    assert joined == normaliser.text(text).encode("utf-8")


def test_output_lengths_add_up_for_ascii_and_simple_unicode() -> None:
    for form in ("chars", "words"):
        normaliser = Normaliser(form)  # type: ignore[arg-type]
        text = "Über, die ﬁne Straße: 12 ab."
        assert sum(normaliser.output_lengths(text)) == len(normaliser.utf8(text.encode()))


@settings(max_examples=200)
@given(text=TEXT, normaliser=NORMALISERS)
def test_vectorised_output_lengths_equal_the_reference(
    text: str, normaliser: Normaliser
) -> None:
    from examsim.contamination.stream import _output_lengths

    assert list(_output_lengths(normaliser, text.encode())) == normaliser.output_lengths(text)
