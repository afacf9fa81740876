"""The sampled matcher finds exactly what a plain automaton over every byte finds."""

from __future__ import annotations

from ahocorasick_rs import BytesAhoCorasick
from hypothesis import given, settings
from hypothesis import strategies as st

from examsim.contamination.matcher import LONG, KeyMatcher

DATA = st.text(alphabet="aab\n", max_size=2000).map(str.encode)


@settings(max_examples=200, deadline=None)
@given(
    data=DATA,
    picks=st.lists(st.tuples(st.integers(0, 2000), st.integers(1, 90)), min_size=1,
                   max_size=10),
    others=st.lists(st.text(alphabet="ab", min_size=1, max_size=90).map(str.encode),
                    max_size=3),
)
def test_same_matches_as_a_plain_automaton(
    data: bytes, picks: list[tuple[int, int]], others: list[bytes]
) -> None:
    keys = {data[s : s + n] for s, n in picks if data[s : s + n]} | set(others)
    keys = sorted(k for k in keys if b"\n" not in k and k)
    if not keys:
        return
    plain = BytesAhoCorasick(keys).find_matches_as_indexes(data, overlapping=True)
    assert sorted(KeyMatcher(keys).find(data)) == sorted(plain)


def test_long_keys_take_the_sampled_path_and_are_found_at_any_offset() -> None:
    key = bytes(range(65, 65 + 50))
    matcher = KeyMatcher([key, b"short"])
    assert matcher.long_ids == [0] and matcher.short_ids == [1]
    assert matcher.step == 50 - 16 + 1 and len(key) >= LONG
    for offset in range(0, 120):
        data = b"x" * offset + key + b" short " + key[:49]
        assert sorted(matcher.find(data)) == [(0, offset, offset + 50),
                                              (1, offset + 51, offset + 56)]
