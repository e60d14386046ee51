"""The indexes that replaced per-mention scans (issue 20) answer as the scans did.

Each index is checked against the scan it replaced, on random inputs (Hypothesis), so a
faster lookup can never change an output.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimwire.components._base import Ranges, governs
from claimwire.components.claims.context import DocContext
from claimwire.components.claims.denials import STEM_CHARS, _keys, same_party
from claimwire.components.claims.direct import _last_cue
from claimwire.components.claims.lexicon import cue_forms
from claimwire.components.events import subtypes
from claimwire.components.events.settings import MAX_MERGE_DISTANCE
from claimwire.components.events.subtyping import violent
from claimwire.components.events.tolls import absorb_tolls
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
    assert bool(_keys(one) & _keys(other)) == same_party(frozenset(one), frozenset(other))


PARENTS = st.lists(st.integers(0, 1_000), min_size=1, max_size=40)
"""A forest: token ``k`` of a random order hangs under one ranked before it, or is a root."""


def _forest(choices: list[int]) -> Doc:
    n = len(choices)
    order = sorted(range(n), key=lambda k: (choices[k] * 7919) % (n + 3))
    heads = list(range(n))
    for rank, token in enumerate(order):
        pick = choices[token] % (rank + 2)
        if pick <= rank - 1:  # else it stays a root
            heads[token] = order[pick]
    deps = ["ROOT" if heads[k] == k else "dep" for k in range(n)]
    return Doc(Vocab(), words=[f"w{k}" for k in range(n)], heads=heads, deps=deps)


@given(PARENTS)
def test_governs_equals_walking_the_ancestors(choices: list[int]) -> None:
    doc = _forest(choices)
    for token in doc:
        above = {a.i for a in token.ancestors}
        assert [governs(other, token) for other in doc] == [o.i in above for o in doc]


def _scanned_owner(drafts: list[Any], here: int, paragraph: int) -> Any:
    """The scan ``absorb_tolls`` replaced: every draft of the document for each toll."""
    candidates = [
        d
        for d in drafts
        if violent(d.subtype)
        and d.paragraph == paragraph
        and 0 <= here - min(d.sentences) <= MAX_MERGE_DISTANCE
        and (here in d.sentences or max(d.sentences) < here)
    ]
    same = [d for d in candidates if here in d.sentences]
    return same[0] if same else max(candidates, key=lambda d: max(d.sentences), default=None)


DRAFTS = st.lists(
    st.tuples(st.booleans(), st.lists(st.integers(0, 12), min_size=1, max_size=3)), max_size=25
)
TOLL_SENTENCES = st.lists(st.integers(0, 14), max_size=25)


@given(DRAFTS, TOLL_SENTENCES)
def test_tolls_join_the_draft_the_scan_chose(
    shapes: list[tuple[bool, list[int]]], toll_sentences: list[int]
) -> None:
    def drafts() -> list[Any]:
        return [
            SimpleNamespace(
                subtype=subtypes.ATTACK if hostile else subtypes.PEACEFUL_PROTEST,
                sentences=set(sentences),
                paragraph=min(sentences) // 5,
                mentions=[],
                targets=[],
                actors=["someone"],
            )
            for hostile, sentences in shapes
        ]

    paragraph_of = [k // 5 for k in range(20)]
    tolls = [(SimpleNamespace(sentence=s, name=k), [], []) for k, s in enumerate(toll_sentences)]
    scanned = drafts()
    for mention, _victims, _doers in tolls:
        owner = _scanned_owner(scanned, mention.sentence, paragraph_of[mention.sentence])
        if owner is not None:
            owner.mentions.append(mention)
            owner.sentences.add(mention.sentence)
    indexed = drafts()
    absorb_tolls(indexed, tolls, paragraph_of)  # type: ignore[arg-type]
    assert [(d.mentions, d.sentences) for d in indexed] == [
        (d.mentions, d.sentences) for d in scanned
    ]


CUE_TEXT = st.lists(
    st.tuples(
        st.sampled_from(["said", "Told", "says", "saidx", "warned", "the", "rain", ",", ":", "x"]),
        st.booleans(),
        st.booleans(),
    ),
    min_size=1,
    max_size=30,
)


@given(CUE_TEXT, st.integers(0, 200), st.integers(0, 200))
def test_last_cue_equals_a_search_of_the_slice(
    words: list[tuple[str, bool, bool]], one: int, other: int
) -> None:
    doc = Doc(
        Vocab(),
        words=[w for w, _space, _noun in words],
        spaces=[space for _w, space, _noun in words],
        pos=["NOUN" if noun else "VERB" for _w, _space, noun in words],
    )
    text = doc.text
    ctx = DocContext(doc, text, [doc[:]], [0], [t.idx for t in doc], [], [])
    start, end = sorted((one % (len(text) + 1), other % (len(text) + 1)))
    scanned = None
    for word in re.finditer(r"[A-Za-z]+", text[start:end]):
        if word.group(0).lower() in cue_forms():
            token = ctx.token_from(start + word.start())
            if token is not None and token.pos_ != "NOUN":
                scanned = (start + word.start(), start + word.end())
    assert _last_cue(ctx, start, end) == scanned
