"""Resolution of place mentions: which gazetteer entry each recognized name stands for.

Every candidate entry of a mention gets a score (:func:`resolve`), the sum of

- a prior (:func:`.priors.prior`): kind and population, national capital; a town found only
  under one of its alternate names ("Athens" for a town called otherwise) loses a little;
  of two countries of one name ("Congo") the more populous wins a little;
- local cues around the mention (:mod:`.local`): "X, Y" and "X (Y)" containment, "X in Y",
  "the Ukrainian city of X", a region noun ("X region") or a settlement noun ("city of X",
  "the besieged X city" = the region);
- the article's context (:mod:`.context`), from every *other* name of the text (one unit
  per distinct name, so five mentions of one town do not vote for themselves): the
  countries and first-level regions of their likely readings (soft, from their own scores),
  demonyms, spatial coherence (other names with a reading within 100 km), and the
  second-level regions (counties) of their readings: "Paris" next to "Henry County" is
  Paris, Tennessee;
- the kind of the other names of its list ("Alberta, Manitoba, Ontario and New Brunswick"
  are provinces) and whether the article's other names are mostly regions of one country.

The mentions of one name share their local evidence (one reading per name and article).
Context and scores are refined over :data:`.settings.ROUNDS` rounds. The weights are in
:mod:`.settings`.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ...geo import Entry
from . import settings
from .context import Context, Group, groups_of, link_lists, local_name, neighbours, spatial_index
from .kinds import NAMESAKE_KINDS, POINT_KINDS
from .local import local_bonus
from .mention import Mention
from .priors import key_of, name_form, prior, small_town


def resolve(mentions: list[Mention]) -> None:
    """Score the candidates of every mention in place (see the module docstring).

    Args:
        mentions: The document's recognized mentions; their ``scores`` are filled.
    """
    demonyms = Counter(mention.demonym for mention in mentions if mention.demonym)
    demonym_mass = {code: float(min(count, settings.MAX_VOTES)) for code, count in demonyms.items()}
    groups = groups_of(mentions)
    link_lists(groups)
    fixed = _fixed_scores(mentions, groups)
    _pool_local_evidence(groups, fixed)
    cells = spatial_index(groups)
    near = {
        (index, entry.id): neighbours(index, entry, cells)
        for index, group in enumerate(groups)
        for entry in group.candidates
        if entry.kind in POINT_KINDS and len(group.candidates) > 1 and local_name(group)
    }
    for _ in range(settings.ROUNDS):
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
            context = Context(groups, index, countries, regions, counties, region_readings, near)
            for entry in group.candidates:
                bonus = context.bonus(entry)
                for mention in group.mentions:
                    own = fixed[id(mention)]
                    if entry.id in own:
                        mention.scores[entry.id] = own[entry.id] + bonus


def _pool_local_evidence(groups: list[Group], fixed: dict[int, dict[str, float]]) -> None:
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


def _larger_country(mention: Mention) -> Entry | None:
    """The most populous country among the mention's candidates when it has several."""
    countries = [entry for entry in mention.candidates if entry.kind == "country"]
    if len(countries) < 2:
        return None
    return max(countries, key=lambda entry: entry.population)


def _fixed_scores(mentions: list[Mention], groups: list[Group]) -> dict[int, dict[str, float]]:
    """Prior, name form and local cues of every candidate: the part that context leaves
    alone (by ``id`` of the mention and candidate id); also the mentions' first scores."""
    by_start = {mention.span.start: mention for mention in mentions}
    by_end = {mention.span.end: mention for mention in mentions}
    fixed: dict[int, dict[str, float]] = {}
    for group in groups:
        for mention in group.mentions:
            key = key_of(mention.span.text)
            wide = any(entry.kind in NAMESAKE_KINDS for entry in mention.candidates)
            larger = _larger_country(mention)
            fixed[id(mention)] = {
                entry.id: prior(entry)
                + name_form(key, entry)
                + (settings.LARGER_COUNTRY_BONUS if entry is larger else 0.0)
                - (settings.NAMESAKE_PENALTY if wide and small_town(entry) else 0.0)
                + local_bonus(mention, entry, by_start, by_end)
                for entry in mention.candidates
            }
            mention.scores = dict(fixed[id(mention)])
    return fixed
