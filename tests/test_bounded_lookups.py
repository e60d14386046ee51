"""The indexes that replaced per-mention scans (issue 20) answer as the scans did.

Each index is checked against the scan it replaced, on random inputs (Hypothesis), so a
faster lookup can never change an output.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimwire.components._base import Ranges
from claimwire.components.claims.denials import STEM_CHARS, _keys, _same
from claimwire.components.figures.qualifiers import _nearest_outside

RANGES = st.lists(
    st.tuples(st.integers(0, 200), st.integers(1, 40)).map(lambda r: (r[0], r[0] + r[1])),
    max_size=30,
)


@given(RANGES, st.integers(0, 250), st.integers(1, 30))
def test_ranges_overlapping_equals_a_scan(
    ranges: list[tuple[int, int]], start: int, size: int
) -> None:
    end = start + size
    scanned = [k for k, (s, e) in enumerate(ranges) if s < end and e > start]
    assert Ranges(ranges).overlapping(start, end) == scanned


@given(RANGES, st.integers(0, 250))
def test_ranges_covering_equals_a_scan(ranges: list[tuple[int, int]], offset: int) -> None:
    scanned = [k for k, (s, e) in enumerate(ranges) if s <= offset < e]
    assert Ranges(ranges).covering(offset) == scanned


DISJOINT = st.lists(st.tuples(st.integers(0, 5), st.integers(1, 4)), max_size=25).map(
    lambda gaps: _disjoint(gaps)
)


def _disjoint(gaps: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    starts, ends, at = [], [], 0
    for gap, length in gaps:
        starts.append(at + gap)
        ends.append(at + gap + length)
        at = ends[-1]
    return starts, ends


@given(DISJOINT, st.integers(0, 120), st.integers(1, 4))
def test_nearest_time_phrase_equals_the_scan(
    phrases: tuple[list[int], list[int]], start: int, length: int
) -> None:
    starts, ends = phrases
    end = start + length
    outside = [k for k in range(len(starts)) if ends[k] <= start or starts[k] >= end]
    scanned = min(outside, key=lambda k: abs(starts[k] - start), default=None)
    assert _nearest_outside(starts, ends, start, end) == scanned


WORDS = st.lists(st.text("abcde", min_size=1, max_size=STEM_CHARS + 3), max_size=6)


@given(WORDS, WORDS)
def test_party_word_keys_match_exactly_when_words_do(one: list[str], other: list[str]) -> None:
    assert bool(_keys(one) & _keys(other)) == _same(frozenset(one), frozenset(other))
