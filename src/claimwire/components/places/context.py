"""The article's context for resolution: what the other names say of each candidate.

The mentions of one name form a :class:`Group` with one reading per article; every other
group votes (one unit per distinct name) with the countries, first-level regions and
counties of its likely readings, the kinds of its list's mates and its nearby points
(:class:`Context`).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ...geo import Entry, distance_km
from . import settings
from .kinds import LIST_KINDS, POINT_KINDS
from .lexicon import LIST_JOINERS
from .mention import Mention
from .priors import key_of, major_rank, prior


@dataclass
class Group:
    """The mentions of one name (by lookup key) and its current reading of the article."""

    mentions: list[Mention]
    candidates: tuple[Entry, ...]
    weight: float
    posterior: dict[str, float] = field(default_factory=dict)
    countries: dict[str, float] = field(default_factory=dict)
    regions: dict[str, float] = field(default_factory=dict)
    counties: dict[tuple[str, str | None, str], float] = field(default_factory=dict)
    likeliest: Entry | None = None
    mates: set[int] = field(default_factory=set)
    """Indexes of the groups named in one list with this one."""

    def update(self) -> None:
        """Posterior over candidates from the members' mean scores (softmax)."""
        means = {
            entry.id: sum(m.scores.get(entry.id, prior(entry)) for m in self.mentions)
            / len(self.mentions)
            for entry in self.candidates
        }
        top = max(means.values())
        weights = {key: math.exp(value - top) for key, value in means.items()}
        total = sum(weights.values())
        self.posterior = {key: value / total for key, value in weights.items()}
        self.countries, self.regions, self.counties = defaultdict(float), {}, defaultdict(float)
        for entry in self.candidates:
            self.countries[entry.country or ""] += self.posterior[entry.id] * self.weight
            if entry.admin2:
                # a town votes for its county only, a county for its towns too
                kind = "county" if entry.kind == "admin2" else "town"
                self.counties[(kind, entry.admin1, entry.admin2)] += self.posterior[entry.id]
        likeliest = max(self.candidates, key=lambda entry: self.posterior[entry.id])
        self.likeliest = likeliest
        if likeliest.admin1:
            self.regions[likeliest.admin1] = self.posterior[likeliest.id]


def groups_of(mentions: list[Mention]) -> list[Group]:
    """The mentions with candidates, grouped by name (lookup key) in order of appearance."""
    members: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.candidates:
            members[key_of(mention.span.text)].append(mention)
    groups = []
    for found in members.values():
        candidates = {entry.id: entry for m in found for entry in m.candidates}
        weight = float(min(len(found), settings.MAX_VOTES))
        groups.append(Group(found, tuple(candidates.values()), weight))
    return groups


def link_lists(groups: list[Group]) -> None:
    """Fill each group's list mates: names joined only by commas, 'and', 'or'; a town and
    a region or country it may lie in ('Paris, Texas') are not a list."""
    order = sorted(
        (mention.span.start, mention.span.end, index)
        for index, group in enumerate(groups)
        for mention in group.mentions
    )
    if not order:
        return
    doc = groups[order[0][2]].mentions[0].span.doc
    for (_, end, one), (start, _, other) in itertools.pairwise(order):
        between = [token.lower_ for token in doc[end:start]]
        if one == other or not between or any(word not in LIST_JOINERS for word in between):
            continue
        if between == [","] and _may_contain(groups[other], groups[one]):
            continue
        groups[one].mates.add(other)
        groups[other].mates.add(one)


def _may_contain(outer: Group, inner: Group) -> bool:
    """Tell whether a reading of ``outer`` is a region or country a town of ``inner`` lies in."""
    regions = {entry.name for entry in outer.candidates if entry.kind == "admin1"}
    countries = {entry.country for entry in outer.candidates if entry.kind == "country"}
    return any(
        entry.kind in POINT_KINDS | {"admin2"}
        and (entry.admin1 in regions or entry.country in countries)
        for entry in inner.candidates
    )


def local_name(group: Group) -> bool:
    """Tell whether a name can only be a town or facility, not a country, region or capital.

    Only such names take part in spatial coherence: towns named after countries and capitals
    ("Mexico", "China", "Norway" in Maine) would otherwise pull each other away.
    """
    return all(
        entry.kind in POINT_KINDS | {"admin2"} and entry.feature_code != "PPLC"
        for entry in group.candidates
    )


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat), math.floor(lon)


def spatial_index(groups: list[Group]) -> dict[tuple[int, int], list[tuple[int, Entry]]]:
    """Point candidates of every group by one-degree cell."""
    cells: dict[tuple[int, int], list[tuple[int, Entry]]] = defaultdict(list)
    for index, group in enumerate(groups):
        if not local_name(group):
            continue
        for entry in group.candidates:
            if entry.kind in POINT_KINDS:
                cells[_cell(entry.lat, entry.lon)].append((index, entry))
    return cells


def neighbours(
    index: int, entry: Entry, cells: dict[tuple[int, int], list[tuple[int, Entry]]]
) -> set[int]:
    """Other groups with a point candidate within :data:`.settings.NEAR_KM` of ``entry``."""
    lat, lon = _cell(entry.lat, entry.lon)
    found: set[int] = set()
    for dlat in (-1, 0, 1):
        for dlon in (-1, 0, 1):
            for other, point in cells.get((lat + dlat, lon + dlon), ()):
                if other == index or other in found:
                    continue
                if distance_km(entry.lat, entry.lon, point.lat, point.lon) <= settings.NEAR_KM:
                    found.add(other)
    return found


@dataclass
class Context:
    """What the article's other names say about one group's candidates, in one round."""

    groups: list[Group]
    index: int
    countries: dict[str, float]
    regions: dict[str, float]
    counties: dict[tuple[str, str | None, str], float]
    region_readings: Counter[str | None]
    """How many names read as a first-level region of each country, this round."""
    near: dict[tuple[int, str], set[int]]
    major: Entry | None = None

    def __post_init__(self) -> None:
        top = max(self.groups[self.index].candidates, key=major_rank)
        self.major = top if major_rank(top) > 0 else None

    def bonus(self, entry: Entry) -> float:
        """Country share, region share, county, peer regions, list and spatial support of
        ``entry`` (the terms are added in this order)."""
        context = 0.0
        context += self._country(entry)
        context += self._region(entry)
        context += self._county(entry)
        context += self._peer_regions(entry)
        context += self._list(entry)
        return context + self._near(entry)

    def _country(self, entry: Entry) -> float:
        """The share of the other names' country readings that ``entry``'s country has."""
        group = self.groups[self.index]
        total = sum(self.countries.values()) - group.weight
        if total <= 0:
            return 0.0
        code = entry.country or ""
        share = self.countries[code] - group.countries.get(code, 0.0)
        # a namesake of a country or world city needs more than the article's
        # country to win ('Moscow' in a US article is still Moscow); two countries
        # of one name ('Congo') are equals
        lesser = self.major is not None and major_rank(entry) < major_rank(self.major)
        weight = settings.LESSER_COUNTRY_WEIGHT if lesser else settings.COUNTRY_WEIGHT
        return weight * max(share, 0.0) / total

    def _region(self, entry: Entry) -> float:
        """The other names read in ``entry``'s first-level region (full from half of them)."""
        if not entry.admin1 or len(self.groups) <= 1:
            return 0.0
        group = self.groups[self.index]
        mass = self.regions[entry.admin1] - group.regions.get(entry.admin1, 0.0)
        others = len(self.groups) - 1
        return settings.REGION_WEIGHT * min(1.0, settings.MAJORITY * max(mass, 0.0) / others)

    def _county(self, entry: Entry) -> float:
        """The other names read as (or in) ``entry``'s county."""
        if not entry.admin2:
            return 0.0
        group = self.groups[self.index]
        voters = ("county", "town") if entry.kind == "admin2" else ("county",)
        mass = sum(
            self.counties[key] - group.counties.get(key, 0.0)
            for key in ((voter, entry.admin1, entry.admin2) for voter in voters)
        )
        return settings.COUNTY_WEIGHT * min(1.0, settings.MAJORITY * max(mass, 0.0))

    def _peer_regions(self, entry: Entry) -> float:
        """Other names read as first-level regions of ``entry``'s country, when enough."""
        if entry.kind != "admin1" or len(self.groups) <= 1:
            return 0.0
        own = self.groups[self.index].likeliest
        mine = own is not None and own.kind == "admin1" and own.country == entry.country
        peers = self.region_readings[entry.country] - mine
        if peers < settings.PEER_REGIONS:
            return 0.0
        others = len(self.groups) - 1
        return settings.PEER_REGION_WEIGHT * min(1.0, settings.MAJORITY * peers / others)

    def _list(self, entry: Entry) -> float:
        """The share of the group's list mates read as ``entry``'s kind."""
        group = self.groups[self.index]
        if not group.mates or entry.kind not in LIST_KINDS:
            return 0.0
        alike = sum(
            1
            for other in group.mates
            if (likeliest := self.groups[other].likeliest) and likeliest.kind == entry.kind
        )
        return settings.LIST_WEIGHT * alike / len(group.mates)

    def _near(self, entry: Entry) -> float:
        """Support of ``entry`` by other names with a likely reading near it."""
        others = self.near.get((self.index, entry.id))
        if not others:
            return 0.0
        support = sum(
            self.groups[other].posterior.get(_nearest(entry, self.groups[other]), 0.0)
            for other in others
        )
        nearby = settings.NEIGHBOUR_SUPPORT * len(others)
        return settings.NEAR_WEIGHT * min(1.0, support + nearby)


def _nearest(entry: Entry, group: Group) -> str:
    """The id of ``group``'s candidate nearest to ``entry``."""
    return min(
        (other for other in group.candidates if other.kind in POINT_KINDS),
        key=lambda other: distance_km(entry.lat, entry.lon, other.lat, other.lon),
    ).id
