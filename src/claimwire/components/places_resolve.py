"""Resolution of place mentions: which gazetteer entry each recognized name stands for.

Every candidate entry of a mention gets a score (:func:`resolve`), the sum of

- a prior (:func:`_prior`): kind and population, national capital; a town found only
  under one of its alternate names ("Athens" for a town called otherwise) loses a little;
- local cues around the mention: "X, Y" and "X (Y)" containment, "X in Y", "the Ukrainian
  city of X", a region noun ("X region") or a settlement noun ("city of X", "the besieged X
  city" = the region);
- the article's context, from every *other* name of the text (one unit per distinct name,
  so five mentions of one town do not vote for themselves): the countries and first-level
  regions of their likely readings (soft, from their own scores), demonyms, and spatial
  coherence (other names with a reading within 100 km), and the second-level regions
  (counties) of their readings: "Paris" next to "Henry County" is Paris, Tennessee;
- the kind of the other names of its list ("Alberta, Manitoba, Ontario and New Brunswick"
  are provinces) and whether the article's other names are mostly regions of one country.

The mentions of one name share their local evidence (one reading per name and article).
Context and scores are refined over a few rounds. A hit's score is its best candidate's
softmax share, discounted for variant and fuzzy matches. The word lists are
``resources/places_rules.json`` (:func:`rules`).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from ..geo import Entry, distance_km, name_key, skeleton
from ..resource import load_resource

MATCH_CONFIDENCE = {"exact": 1.0, "variant": 0.85, "fuzzy": 0.7, "demonym": 0.9}
ROUNDS = 3
"""Rounds of context refinement."""
NEAR_KM = 100.0
"""Another name with a reading this close supports a candidate (spatial coherence)."""
ALTERNATE_NAME_PENALTY = 0.5
"""Prior lost by a town matched only by an alternate name of it."""
NAMESAKE_PENALTY = 0.6
"""Prior lost by a town named after a country, region or sea the name also is ('England,
Arkansas', 'Pacific, Missouri'): the town is the rarer reading."""
NAMESAKE_POPULATION = 100_000
MAJOR_POPULATION = 1_000_000
WIDE_KINDS = frozenset({"country", "admin1", "region", "water", "continent"})
COUNTRY_WEIGHT = 3.0
"""Bonus of a candidate whose country has all of the article's other names."""
REGION_WEIGHT = 2.0
"""Bonus of a candidate whose first-level region has half or more of the other names."""
PEER_REGION_WEIGHT = 2.0
"""Bonus of a first-level region among names that are mostly regions of its country ('Texas,
Kansas and New York' are states, and so is New York)."""
LIST_WEIGHT = 2.0
"""Bonus of a candidate of the kind the other names of its list are ('Alberta, Manitoba,
Ontario and New Brunswick' are provinces, not towns)."""
LIST_KINDS = frozenset({"country", "admin1", "admin2"})
"""Kinds a list makes likelier: a name among regions is a region, but a name among towns
keeps its own best reading (towns' priors already speak)."""
LIST_JOINERS = frozenset({",", "and", "or", "&", ";"})
"""Words between the names of one list."""
PEER_REGIONS = 2
"""Other names read as regions of one country that make a list of regions."""
COUNTY_WEIGHT = 3.0
"""Bonus of a candidate in (or being) the second-level region (county) another name likely is."""
NEAR_WEIGHT = 1.5
"""Bonus of a town with likely readings of other names within :data:`NEAR_KM`."""
POINT_KINDS = frozenset({"city", "facility"})
"""Kinds whose point is a real location (spatial coherence uses only those)."""


@dataclass
class Mention:
    """A recognized name before resolution: token span, candidates, how it was matched."""

    span: Span
    candidates: tuple[Entry, ...]
    match: str
    label: str | None = None
    demonym: str | None = None
    embedded: bool = False
    cued: bool = False
    scores: dict[str, float] = field(default_factory=dict)


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The word lists of ``resources/places_rules.json``, as sets, loaded once."""
    data = load_resource("places_rules.json")
    listed = {key: frozenset(value) for key, value in data.items() if isinstance(value, list)}
    return {
        **data,
        **listed,
        "demonym_keys": {name_key(k): v for k, v in data["demonyms"].items()},
        "region_demonym_keys": {name_key(k): v for k, v in data["region_demonyms"].items()},
    }


def prior(entry: Entry) -> float:
    """How likely an entry is before context: kind, size, capital."""
    if entry.kind == "country":
        return 3.2
    if entry.kind in {"continent", "region", "water", "facility"}:
        return 2.6
    if entry.kind == "admin1":
        return 1.8
    if entry.kind == "admin2":
        return 1.2
    value = math.log10(entry.population + 10) / 7 * 2.4
    return value + (0.6 if entry.feature_code == "PPLC" else 0.0)


def _words_after(span: Span, count: int = 2) -> list[Token]:
    doc = span.doc
    return [doc[i] for i in range(span.end, min(span.end + count, len(doc)))]


def _determined(span: Span) -> bool:
    """Tell whether a name stands after a determiner and adjectives: 'the besieged X city'."""
    doc = span.doc
    index = span.start - 1
    while index >= 0 and doc[index].tag_ in {"JJ", "JJR", "JJS", "VBN", "RB"}:
        index -= 1
    return index >= 0 and doc[index].pos_ == "DET"


def _cue_bonus(
    mention: Mention,
    entry: Entry,
    mentions_by_start: dict[int, Mention],
    mentions_by_end: dict[int, Mention],
) -> float:
    """Evidence from the words around a mention for one candidate."""
    span, doc = mention.span, mention.span.doc
    lists = rules()
    bonus = 0.0
    after = _words_after(span, 3)
    before = doc[span.start - 1] if span.start > 0 else None
    if after and after[0].lower_ in lists["region_nouns"]:
        bonus += 2.0 if entry.kind in {"admin1", "region"} else 0.0
    if after and after[0].lower_ in lists["settlement_nouns"]:
        if _determined(span) and entry.kind == "admin1":
            bonus += 2.0
        elif entry.kind == "city":
            bonus += 1.0
    if before is not None and before.lower_ == "of" and span.start > 1:
        noun = doc[span.start - 2]
        if noun.lower_ in lists["settlement_nouns"] and entry.kind == "city":
            bonus += 1.0
        if noun.lower_ in lists["region_nouns"] and entry.kind == "admin1":
            bonus += 2.0
    for container in _containers(span, mentions_by_start):
        for other in container.candidates:
            if other.kind == "admin1" and entry.admin1 and other.name == entry.admin1:
                bonus += 3.0
                break
            same_country = entry.country is not None and entry.country == other.country
            if other.kind == "admin1" and not entry.admin1 and same_country:
                bonus += 2.0
                break
            if other.kind == "country" and same_country:
                bonus += 2.0
                break
    # 'a Lebanon woman': a country's people take its demonym, a town's people its name
    resident = bool(after) and after[0].lower_ in lists["resident_nouns"]
    if resident and entry.kind == "city" and any(c.kind == "country" for c in mention.candidates):
        bonus += 1.0
    contained = None
    if span.start >= 2 and doc[span.start - 1].text == ",":
        contained = mentions_by_end.get(span.start - 1)
    if contained is not None and entry.kind in {"admin1", "country"}:
        for other in contained.candidates:
            inside = entry.kind == "admin1" and other.admin1 == entry.name
            if inside or (entry.kind == "country" and other.country == entry.country):
                bonus += 3.0 if inside else 2.0
                break
    return bonus


def _containers(span: Span, mentions_by_start: dict[int, Mention]) -> list[Mention]:
    """The names after 'X, ' or 'X (': 'Toronto, Ontario, Canada' -> Ontario, Canada."""
    doc = span.doc
    found: list[Mention] = []
    end = span.end
    while len(found) < 2 and end + 1 < len(doc) and doc[end].text in {",", "("}:
        container = mentions_by_start.get(end + 1)
        if container is None or not container.candidates:
            break
        found.append(container)
        end = container.span.end
    return found


def _containment_bonus(
    mention: Mention, entry: Entry, mentions_by_start: dict[int, Mention]
) -> float:
    """'Azovstal plant in Y', 'X, Y': a candidate inside the place named next to it."""
    doc = mention.span.doc
    end = mention.span.end
    if end + 1 < len(doc) and doc[end].lower_ in {"in", "near", "outside"}:
        other = mentions_by_start.get(end + 1)
        if other is not None and other.candidates:
            for container in other.candidates:
                same_parent = entry.parent and entry.parent == container.id
                same_region = (
                    container.kind in {"admin1", "city"}
                    and entry.admin1
                    and entry.admin1 == container.admin1
                )
                if same_parent or same_region:
                    return 2.0
                if container.kind == "country" and entry.country == container.country:
                    return 1.0
    return 0.0


def _demonym_before(mention: Mention) -> str | None:
    """'the Ukrainian city of X', 'the Syrian town X': the country the text gives X."""
    doc = mention.span.doc
    demonyms = rules()["demonym_keys"]
    for index in range(max(0, mention.span.start - 4), mention.span.start):
        code = demonyms.get(name_key(doc[index].text))
        if code:
            return str(code)
    return None


def _name_form(key: str, entry: Entry) -> float:
    """A town matched only by one of its alternate names is a weaker reading."""
    if entry.kind != "city" or key == _key(entry.name):
        return 0.0
    return 0.0 if _skeleton(key) == _skeleton(entry.name) else -ALTERNATE_NAME_PENALTY


@lru_cache(maxsize=50_000)
def _key(name: str) -> str:
    return name_key(name)


@lru_cache(maxsize=50_000)
def _skeleton(name: str) -> str:
    return skeleton(name)


def _major_rank(entry: Entry) -> int:
    """2 for a country, 1 for a national capital or a city of a million, else 0."""
    if entry.kind == "country":
        return 2
    major = entry.feature_code == "PPLC" or entry.population >= MAJOR_POPULATION
    return int(entry.kind == "city" and major)


def _small_town(entry: Entry) -> bool:
    """A town under :data:`NAMESAKE_POPULATION` (a namesake, not the place a region is named
    after or shares its name with, as New York or Puducherry)."""
    return entry.kind == "city" and entry.population < NAMESAKE_POPULATION


def _local_bonus(
    mention: Mention,
    entry: Entry,
    mentions_by_start: dict[int, Mention],
    mentions_by_end: dict[int, Mention],
) -> float:
    """Evidence from the mention's own words and neighbours, fixed over the rounds."""
    demonym = _demonym_before(mention)
    bonus = 2.0 if demonym and entry.country == demonym else 0.0
    bonus += _cue_bonus(mention, entry, mentions_by_start, mentions_by_end)
    return bonus + _containment_bonus(mention, entry, mentions_by_start)


@dataclass
class _Group:
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


def _groups(mentions: list[Mention]) -> list[_Group]:
    members: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.candidates:
            members[_key(mention.span.text)].append(mention)
    groups = []
    for found in members.values():
        candidates = {entry.id: entry for m in found for entry in m.candidates}
        groups.append(_Group(found, tuple(candidates.values()), float(min(len(found), 3))))
    return groups


def _link_lists(groups: list[_Group]) -> None:
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


def _may_contain(outer: _Group, inner: _Group) -> bool:
    """Tell whether a reading of ``outer`` is a region or country a town of ``inner`` lies in."""
    regions = {entry.name for entry in outer.candidates if entry.kind == "admin1"}
    countries = {entry.country for entry in outer.candidates if entry.kind == "country"}
    return any(
        entry.kind in POINT_KINDS | {"admin2"}
        and (entry.admin1 in regions or entry.country in countries)
        for entry in inner.candidates
    )


def _local_name(group: _Group) -> bool:
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


def _spatial_index(groups: list[_Group]) -> dict[tuple[int, int], list[tuple[int, Entry]]]:
    """Point candidates of every group by one-degree cell."""
    cells: dict[tuple[int, int], list[tuple[int, Entry]]] = defaultdict(list)
    for index, group in enumerate(groups):
        if not _local_name(group):
            continue
        for entry in group.candidates:
            if entry.kind in POINT_KINDS:
                cells[_cell(entry.lat, entry.lon)].append((index, entry))
    return cells


def _neighbours(
    index: int, entry: Entry, cells: dict[tuple[int, int], list[tuple[int, Entry]]]
) -> set[int]:
    """Other groups with a point candidate within :data:`NEAR_KM` of ``entry``."""
    lat, lon = _cell(entry.lat, entry.lon)
    found: set[int] = set()
    for dlat in (-1, 0, 1):
        for dlon in (-1, 0, 1):
            for other, point in cells.get((lat + dlat, lon + dlon), ()):
                if other == index or other in found:
                    continue
                if distance_km(entry.lat, entry.lon, point.lat, point.lon) <= NEAR_KM:
                    found.add(other)
    return found


def resolve(mentions: list[Mention]) -> None:
    """Score the candidates of every mention in place (see the module docstring)."""
    demonyms = Counter(mention.demonym for mention in mentions if mention.demonym)
    demonym_mass = {code: float(min(count, 3)) for code, count in demonyms.items()}
    groups = _groups(mentions)
    _link_lists(groups)
    fixed = _fixed_scores(mentions, groups)
    _pool_local_evidence(groups, fixed)
    cells = _spatial_index(groups)
    near = {
        (index, entry.id): _neighbours(index, entry, cells)
        for index, group in enumerate(groups)
        for entry in group.candidates
        if entry.kind in POINT_KINDS and len(group.candidates) > 1 and _local_name(group)
    }
    for _ in range(ROUNDS):
        for group in groups:
            group.update()
        countries: defaultdict[str, float] = defaultdict(float, demonym_mass)
        regions: defaultdict[str, float] = defaultdict(float)
        counties: defaultdict[tuple[str, str | None, str], float] = defaultdict(float)
        for group in groups:
            for code, share in group.countries.items():
                countries[code] += share
            for region, share in group.regions.items():
                regions[region] += share
            for county, share in group.counties.items():
                counties[county] += share
        region_readings = Counter(
            group.likeliest.country
            for group in groups
            if group.likeliest is not None and group.likeliest.kind == "admin1"
        )
        for index, group in enumerate(groups):
            context = _Context(groups, index, countries, regions, counties, region_readings, near)
            for entry in group.candidates:
                bonus = context.bonus(entry)
                for mention in group.mentions:
                    own = fixed[id(mention)]
                    if entry.id in own:
                        mention.scores[entry.id] = own[entry.id] + bonus


def _pool_local_evidence(groups: list[_Group], fixed: dict[int, dict[str, float]]) -> None:
    """One reading per name and article: every mention of a name takes, for each candidate,
    the strongest local evidence any of its mentions has ('Ontario Provincial Highway 11 in
    Stroud, Ontario, Canada': both are the province)."""
    for group in groups:
        if len(group.mentions) < 2:
            continue
        pooled: dict[str, float] = {}
        for mention in group.mentions:
            for key, value in fixed[id(mention)].items():
                pooled[key] = max(value, pooled.get(key, value))
        for mention in group.mentions:
            fixed[id(mention)] = {key: pooled[key] for key in fixed[id(mention)]}
            mention.scores = dict(fixed[id(mention)])


def _fixed_scores(mentions: list[Mention], groups: list[_Group]) -> dict[int, dict[str, float]]:
    """Prior, name form and local cues of every candidate: the part that context leaves
    alone (by ``id`` of the mention and candidate id); also the mentions' first scores."""
    by_start = {mention.span.start: mention for mention in mentions}
    by_end = {mention.span.end: mention for mention in mentions}
    fixed: dict[int, dict[str, float]] = {}
    for group in groups:
        for mention in group.mentions:
            key = _key(mention.span.text)
            wide = any(entry.kind in WIDE_KINDS for entry in mention.candidates)
            fixed[id(mention)] = {
                entry.id: prior(entry)
                + _name_form(key, entry)
                - (NAMESAKE_PENALTY if wide and _small_town(entry) else 0.0)
                + _local_bonus(mention, entry, by_start, by_end)
                for entry in mention.candidates
            }
            mention.scores = dict(fixed[id(mention)])
    return fixed


@dataclass
class _Context:
    """What the article's other names say about one group's candidates, in one round."""

    groups: list[_Group]
    index: int
    countries: dict[str, float]
    regions: dict[str, float]
    counties: dict[tuple[str, str | None, str], float]
    region_readings: Counter[str | None]
    """How many names read as a first-level region of each country, this round."""
    near: dict[tuple[int, str], set[int]]
    major: Entry | None = None

    def __post_init__(self) -> None:
        top = max(self.groups[self.index].candidates, key=_major_rank)
        self.major = top if _major_rank(top) > 0 else None

    def bonus(self, entry: Entry) -> float:
        """Country share, region share, county, peer regions and spatial support of ``entry``."""
        group = self.groups[self.index]
        context = 0.0
        total = sum(self.countries.values()) - group.weight
        if total > 0:
            code = entry.country or ""
            share = self.countries[code] - group.countries.get(code, 0.0)
            # a namesake of a country or world city needs more than the article's
            # country to win ('Moscow' in a US article is still Moscow)
            lesser = self.major is not None and entry is not self.major
            weight = COUNTRY_WEIGHT / 2 if lesser else COUNTRY_WEIGHT
            context += weight * max(share, 0.0) / total
        if entry.admin1 and len(self.groups) > 1:
            mass = self.regions[entry.admin1] - group.regions.get(entry.admin1, 0.0)
            context += REGION_WEIGHT * min(1.0, 2 * max(mass, 0.0) / (len(self.groups) - 1))
        if entry.admin2:
            voters = ("county", "town") if entry.kind == "admin2" else ("county",)
            mass = sum(
                self.counties[key] - group.counties.get(key, 0.0)
                for key in ((voter, entry.admin1, entry.admin2) for voter in voters)
            )
            context += COUNTY_WEIGHT * min(1.0, 2 * max(mass, 0.0))
        if entry.kind == "admin1" and len(self.groups) > 1:
            own = group.likeliest
            mine = own is not None and own.kind == "admin1" and own.country == entry.country
            peers = self.region_readings[entry.country] - mine
            if peers >= PEER_REGIONS:
                context += PEER_REGION_WEIGHT * min(1.0, 2 * peers / (len(self.groups) - 1))
        if group.mates and entry.kind in LIST_KINDS:
            alike = sum(
                1
                for other in group.mates
                if (likeliest := self.groups[other].likeliest) and likeliest.kind == entry.kind
            )
            context += LIST_WEIGHT * alike / len(group.mates)
        others = self.near.get((self.index, entry.id))
        if others:
            support = sum(
                self.groups[other].posterior.get(_nearest(entry, self.groups[other]), 0.0)
                for other in others
            )
            context += NEAR_WEIGHT * min(1.0, support + 0.25 * len(others))
        return context


def _nearest(entry: Entry, group: _Group) -> str:
    """The id of ``group``'s candidate nearest to ``entry``."""
    return min(
        (other for other in group.candidates if other.kind in POINT_KINDS),
        key=lambda other: distance_km(entry.lat, entry.lon, other.lat, other.lon),
    ).id


def best(mention: Mention) -> Entry | None:
    """The mention's best-scored candidate (by prior before :func:`resolve`), if any."""
    if not mention.candidates:
        return None
    if not mention.scores:
        return max(mention.candidates, key=prior)
    return max(mention.candidates, key=lambda entry: mention.scores.get(entry.id, 0.0))


def confidence(mention: Mention, entry: Entry) -> float:
    """The softmax share of ``entry`` among the mention's candidates, discounted for variant
    and fuzzy matches: the hit's honest score in [0, 1]."""
    values = [mention.scores.get(e.id, prior(e)) for e in mention.candidates]
    top = mention.scores.get(entry.id, prior(entry))
    share = 1.0 / sum(math.exp(value - top) for value in values)
    return round(max(0.0, min(1.0, share * MATCH_CONFIDENCE.get(mention.match, 0.8))), 3)
