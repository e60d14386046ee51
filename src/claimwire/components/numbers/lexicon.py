"""The word lists of ``resources/numbers.json``, read once into a typed, frozen record."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ...resource import ResourceReader

FILE = "numbers.json"

Bound = Literal["lower", "upper"]
"""Which bound a qualifier sets: "at least 5" (lower), "up to 5" (upper)."""


@dataclass(frozen=True)
class Vague:
    """A vague quantity ("hundreds"): its bounds, and whether "of" must follow ("scores of")."""

    lower: float
    upper: float | None
    needs_of: bool


@dataclass(frozen=True)
class Qualifier:
    """A qualifier ("about", "at least"): whether it makes a number approximate, and the
    bound it sets, if any."""

    approx: bool
    bound: Bound | None


@dataclass(frozen=True)
class NumbersLexicon:
    """Everything of ``numbers.json`` the grammar reads (see the file's ``description``)."""

    version: int
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    abbreviated_scales: dict[str, int]
    dozen: int
    vague: dict[str, Vague]
    qualifiers: dict[str, Qualifier]
    percent: tuple[str, ...]
    range_joiners: frozenset[str]
    months: frozenset[str]
    year_cues: frozenset[str]
    clock_words: frozenset[str]
    not_a_count_before_one: frozenset[str]


def _qualifier(reader: ResourceReader) -> Qualifier:
    bound: Bound | None = None
    if "bound" in reader.data:
        bound = "lower" if reader.choice("bound", ("lower", "upper")) == "lower" else "upper"
    return Qualifier(reader.flag("approx"), bound)


def _vague(reader: ResourceReader) -> Vague:
    return Vague(
        reader.number("lower"), reader.optional_number("upper"), reader.flag("needs_of", False)
    )


@lru_cache(maxsize=1)
def load_lexicon() -> NumbersLexicon:
    """The word lists of ``resources/numbers.json``, read and validated once.

    Raises:
        ResourceError: A key is missing or malformed.
    """
    res = ResourceReader.load(FILE)
    return NumbersLexicon(
        version=res.integer("version"),
        units=res.integers("units"),
        tens=res.integers("tens"),
        scales=res.integers("scales"),
        abbreviated_scales=res.integers("abbreviated_scales"),
        dozen=res.integer("dozen"),
        vague={name: _vague(entry) for name, entry in res.sections("vague").items()},
        qualifiers={name: _qualifier(entry) for name, entry in res.sections("qualifiers").items()},
        percent=res.strings("percent"),
        range_joiners=res.words("range_joiners"),
        months=res.words("months"),
        year_cues=res.words("year_cues"),
        clock_words=res.words("clock_words"),
        not_a_count_before_one=res.words("not_a_count_before_one"),
    )


@lru_cache(maxsize=4)
def phrases(kind: Literal["vague", "qualifiers", "percent"]) -> tuple[tuple[str, ...], ...]:
    """The entries of one list of the lexicon as token tuples, longest first."""
    lex = load_lexicon()
    entries = {"vague": tuple(lex.vague), "qualifiers": tuple(lex.qualifiers)}.get(
        kind, lex.percent
    )
    return tuple(sorted((tuple(entry.split()) for entry in entries), key=len, reverse=True))
