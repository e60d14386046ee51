"""The vocabulary of ``resources/dates.json``, read once into a typed, frozen record."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import StrictInt, field_validator

from ...resource import ResourceItem, ResourceModel, load_typed_resource

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


class RelativePeriod(ResourceItem):
    """A relative period: its unit, how many units from the anchor's, and which part."""

    unit: PeriodUnit
    offset: StrictInt
    part: PeriodPart


class FutureCues(ResourceItem):
    """What makes a verb speak of the future: words before the expression ("next"),
    auxiliaries ("will") and governing verbs ("plan to")."""

    words: frozenset[str]
    auxiliaries: frozenset[str]
    governors: frozenset[str]


Pair = tuple[StrictInt, StrictInt]
"""A ``[first, last]`` pair of integers."""


class DatesLexicon(ResourceModel):
    """Everything of ``dates.json`` the rules read (see the file's ``description``)."""

    version: StrictInt
    description: str
    months: dict[str, StrictInt]
    ambiguous_months: frozenset[str]
    month_abbreviations: dict[str, StrictInt]
    weekdays: dict[str, StrictInt]
    weekday_abbreviations: dict[str, StrictInt]
    weekday_name_prefixes: frozenset[str]
    parts_of_day: tuple[str, ...]
    number_words: dict[str, StrictInt]
    ordinal_words: dict[str, StrictInt]
    units: dict[str, Unit]
    relative_days: dict[str, Pair]
    relative_day_parts: tuple[str, ...]
    relative_periods: dict[str, RelativePeriod]
    as_of_phrases: tuple[str, ...]
    narrative_relative: dict[str, StrictInt]
    seasons: dict[str, Pair]
    month_parts: dict[str, Pair]
    duration_qualifiers: tuple[str, ...]
    time_words: tuple[str, ...]
    month_relatives: tuple[str, ...]
    bare_month_cues: tuple[str, ...]
    year_cues: tuple[str, ...]
    weak_year_cues: tuple[str, ...]
    year_parts: dict[str, Pair]
    role_cues: dict[RoleCue, tuple[str, ...]]
    """The cues of each role, in the order of :data:`ROLE_CUES`."""
    duration_cues: tuple[str, ...]
    future_cues: FutureCues
    non_dates: tuple[str, ...]

    @field_validator("role_cues")
    @classmethod
    def _every_role_in_order(
        cls, cues: dict[RoleCue, tuple[str, ...]]
    ) -> dict[RoleCue, tuple[str, ...]]:
        missing = [role for role in ROLE_CUES if role not in cues]
        if missing:
            raise ValueError(f"lacks the cues of {', '.join(missing)}")
        return {role: cues[role] for role in ROLE_CUES}

    def word_list(self, key: str) -> tuple[str, ...]:
        """The words of list (or the keys of mapping) ``key``, in file order."""
        value = getattr(self, key)
        return tuple(value)


@lru_cache(maxsize=1)
def load_lexicon() -> DatesLexicon:
    """The vocabulary of ``resources/dates.json``, validated once.

    Raises:
        ResourceError: A key is missing or malformed (the message names it).
    """
    return load_typed_resource(FILE, DatesLexicon)
