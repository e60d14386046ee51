"""The word lists of ``resources/numbers.json``, read once into a typed, frozen record."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import StrictBool, StrictFloat, StrictInt

from ...resource import ResourceItem, ResourceModel, load_typed_resource

FILE = "numbers.json"

Bound = Literal["lower", "upper"]
"""Which bound a qualifier sets: "at least 5" (lower), "up to 5" (upper)."""


class Vague(ResourceItem):
    """A vague quantity ("hundreds"): its bounds, and whether "of" must follow ("scores of")."""

    lower: StrictFloat
    upper: StrictFloat | None = None
    needs_of: StrictBool = False


class Qualifier(ResourceItem):
    """A qualifier ("about", "at least"): whether it makes a number approximate, and the
    bound it sets, if any."""

    approx: StrictBool
    bound: Bound | None = None


class NumbersLexicon(ResourceModel):
    """Everything of ``numbers.json`` the grammar reads (see the file's ``description``)."""

    version: StrictInt
    description: str
    units: dict[str, StrictInt]
    tens: dict[str, StrictInt]
    scales: dict[str, StrictInt]
    abbreviated_scales: dict[str, StrictInt]
    dozen: StrictInt
    vague: dict[str, Vague]
    qualifiers: dict[str, Qualifier]
    percent: tuple[str, ...]
    range_joiners: frozenset[str]
    months: frozenset[str]
    year_cues: frozenset[str]
    clock_words: frozenset[str]
    not_a_count_before_one: frozenset[str]
    possessives_after_one_of: frozenset[str]
    people_after_one_of: frozenset[str]


@lru_cache(maxsize=1)
def load_lexicon() -> NumbersLexicon:
    """The word lists of ``resources/numbers.json``, validated once.

    Raises:
        ResourceError: A key is missing or malformed (the message names it).
    """
    return load_typed_resource(FILE, NumbersLexicon)


@lru_cache(maxsize=4)
def phrases(kind: Literal["vague", "qualifiers", "percent"]) -> tuple[tuple[str, ...], ...]:
    """The entries of one list of the lexicon as token tuples, longest first."""
    lex = load_lexicon()
    entries = {"vague": tuple(lex.vague), "qualifiers": tuple(lex.qualifiers)}.get(
        kind, lex.percent
    )
    return tuple(sorted((tuple(entry.split()) for entry in entries), key=len, reverse=True))
