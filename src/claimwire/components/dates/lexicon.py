"""The vocabulary of ``resources/dates.json``, read once into a typed, frozen record."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, cast

from ...resource import ResourceReader

FILE = "dates.json"

Unit = Literal["hour", "day", "week", "month", "year", "decade"]
"""A calendar unit of a count ("three days", "two weeks ago")."""

PeriodUnit = Literal["week", "month", "year", "weekend"]
"""The unit of a relative period ("last week", "over the weekend")."""

PeriodPart = Literal["whole", "to_anchor", "from_anchor"]
"""Which part of a relative period: all of it, up to the anchor, or from it on."""

RoleCue = Literal["period_start", "period_end", "period_end_after_start", "as_of"]
"""The kinds of role cue, in the order they are tried."""

ROLE_CUES: tuple[RoleCue, ...] = ("period_start", "period_end", "as_of", "period_end_after_start")
"""Role cues in the order :func:`~.roles.find_role` tries them."""


@dataclass(frozen=True)
class RelativePeriod:
    """A relative period: its unit, how many units from the anchor's, and which part."""

    unit: PeriodUnit
    offset: int
    part: PeriodPart


@dataclass(frozen=True)
class FutureCues:
    """What makes a verb speak of the future: words before the expression ("next"),
    auxiliaries ("will") and governing verbs ("plan to")."""

    words: frozenset[str]
    auxiliaries: frozenset[str]
    governors: frozenset[str]


@dataclass(frozen=True)
class DatesLexicon:
    """Everything of ``dates.json`` the rules read (see the file's ``description``)."""

    version: int
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    weekday_abbreviations: dict[str, int]
    weekday_name_prefixes: frozenset[str]
    parts_of_day: tuple[str, ...]
    number_words: dict[str, int]
    ordinal_words: dict[str, int]
    units: dict[str, Unit]
    relative_days: dict[str, tuple[int, int]]
    relative_day_parts: tuple[str, ...]
    relative_periods: dict[str, RelativePeriod]
    as_of_phrases: tuple[str, ...]
    narrative_relative: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    month_parts: dict[str, tuple[int, int]]
    duration_qualifiers: tuple[str, ...]
    time_words: tuple[str, ...]
    month_relatives: tuple[str, ...]
    bare_month_cues: tuple[str, ...]
    year_cues: tuple[str, ...]
    weak_year_cues: tuple[str, ...]
    year_parts: dict[str, tuple[int, int]]
    role_cues: dict[RoleCue, tuple[str, ...]]
    duration_cues: tuple[str, ...]
    future_cues: FutureCues
    non_dates: tuple[str, ...]

    def word_list(self, key: str) -> tuple[str, ...]:
        """The words of list (or the keys of mapping) ``key``, in file order."""
        value = getattr(self, key)
        return tuple(value)


def _relative_period(reader: ResourceReader) -> RelativePeriod:
    return RelativePeriod(
        unit=cast(PeriodUnit, reader.choice("unit", ("week", "month", "year", "weekend"))),
        offset=reader.integer("offset"),
        part=cast(PeriodPart, reader.choice("part", ("whole", "to_anchor", "from_anchor"))),
    )


def _units(reader: ResourceReader) -> dict[str, Unit]:
    allowed = ("hour", "day", "week", "month", "year", "decade")
    units = reader.section("units")
    return {word: cast(Unit, units.choice(word, allowed)) for word in units.data}


def _role_cues(reader: ResourceReader) -> dict[RoleCue, tuple[str, ...]]:
    cues = reader.section("role_cues")
    return {role: cues.strings(role) for role in ROLE_CUES}


def _future_cues(reader: ResourceReader) -> FutureCues:
    cues = reader.section("future_cues")
    return FutureCues(cues.words("words"), cues.words("auxiliaries"), cues.words("governors"))


@lru_cache(maxsize=1)
def load_lexicon() -> DatesLexicon:
    """The vocabulary of ``resources/dates.json``, read and validated once.

    Raises:
        ResourceError: A key is missing or malformed.
    """
    res = ResourceReader.load(FILE)
    return DatesLexicon(
        version=res.integer("version"),
        months=res.integers("months"),
        month_abbreviations=res.integers("month_abbreviations"),
        weekdays=res.integers("weekdays"),
        weekday_abbreviations=res.integers("weekday_abbreviations"),
        weekday_name_prefixes=res.words("weekday_name_prefixes"),
        parts_of_day=res.strings("parts_of_day"),
        number_words=res.integers("number_words"),
        ordinal_words=res.integers("ordinal_words"),
        units=_units(res),
        relative_days=res.pairs("relative_days"),
        relative_day_parts=res.strings("relative_day_parts"),
        relative_periods={
            name: _relative_period(entry)
            for name, entry in res.sections("relative_periods").items()
        },
        as_of_phrases=res.strings("as_of_phrases"),
        narrative_relative=res.integers("narrative_relative"),
        seasons=res.pairs("seasons"),
        month_parts=res.pairs("month_parts"),
        duration_qualifiers=res.strings("duration_qualifiers"),
        time_words=res.strings("time_words"),
        month_relatives=res.strings("month_relatives"),
        bare_month_cues=res.strings("bare_month_cues"),
        year_cues=res.strings("year_cues"),
        weak_year_cues=res.strings("weak_year_cues"),
        year_parts=res.pairs("year_parts"),
        role_cues=_role_cues(res),
        duration_cues=res.strings("duration_cues"),
        future_cues=_future_cues(res),
        non_dates=res.strings("non_dates"),
    )
