"""Every tuning threshold, window and weight of the place component, in one place.

Recognition (which capitalized words are places), then resolution (which gazetteer entry
each name stands for: the prior, the local cues, the article's context). Changing a value
changes the output: run ``claimwire bench places`` and ``claimwire bench seed`` after.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from ...vocab import PlaceMatch

# ---------------------------------------------------------------- recognition
MAX_TOKENS: Final = 5
"""Longest run of tokens looked up as one name."""
LIST_NAME_WORDS: Final = 3
"""Longest proper name taken from a list ('Moonbi, Parkes, Berry and Wyong') or before a
way word ('Neches River')."""
ETHNIC_GROUP_WORDS: Final = 3
"""Longest name of an ethnic group a demonym may stand in ('Native Americans')."""
ROAD_NUMBER_CHARS: Final = 5
"""Longest road number a road word takes ('County Road 43')."""
CONTAINER_WORDS: Final = 3
"""Longest region or country name after 'X, ' that places X ('Lombard, Ill.')."""
CONTAINED_MAX_CANDIDATES: Final = 20
"""A name with this many candidates or more is too common to be placed by 'X, Country'."""
DATELINE_MIN_CHARS: Final = 4
"""Shortest upper-case dateline name ('BEIRUT:'); shorter ones are acronyms."""
ACRONYM_MAX_CHARS: Final = 4
"""Upper-case words up to this long are acronyms: only a country or region is taken."""

BIG_POPULATION: Final = 100_000
"""Least population of a town taken on its name alone where the name is ambiguous: a
sentence-initial or dictionary word, a lone word the model calls an organization, a town
inside an organization's name."""
LONE_NAME_POPULATION: Final = 5_000
"""Least population of a town taken from a lone capitalized word outside any entity."""
MULTIWORD_POPULATION: Final = 500
"""Least population of a town taken from a name of several words outside place entities."""
ENTITY_POPULATION: Final = 1_000
"""Least population of a town inside the model's place entity, on a dateline or before a
local body's word ('Torrington Fire Department')."""
DISEASE_WINDOW: Final = 2
"""Words after a name searched for a disease word ('Marburg hemorrhagic fever')."""
HAMLET_POPULATION: Final = 1_000
"""A lone word whose only candidates are towns below this, in countries no other name of
the text points to, is no place ('Titan', 'Tanya')."""

FUZZY_MIN_CHARS: Final = 6
"""Shortest unknown name tried as a misspelling."""
FUZZY_LONG_CHARS: Final = 10
"""Names at least this long may be misspelt by :data:`FUZZY_LONG_EDITS` edits."""
FUZZY_EDITS: Final = 1
"""Edits (optimal string alignment) allowed between a misspelling and a notable name."""
FUZZY_LONG_EDITS: Final = 2
"""Edits allowed for long names."""

# ---------------------------------------------------------------- resolution: prior
PRIOR_COUNTRY: Final = 3.2
"""Prior of a country."""
PRIOR_WIDE: Final = 2.6
"""Prior of a continent, curated region, sea or facility."""
PRIOR_ADMIN1: Final = 1.8
"""Prior of a first-level region."""
PRIOR_ADMIN2: Final = 1.2
"""Prior of a second-level region (county)."""
TOWN_PRIOR_MAX: Final = 2.4
"""Prior of a town of ten million (``log10(population + 10) / 7`` of it)."""
TOWN_PRIOR_DECADES: Final = 7
"""Decades of population over which a town's prior grows to :data:`TOWN_PRIOR_MAX`."""
CAPITAL_PRIOR: Final = 0.6
"""Prior gained by a national capital."""
ALTERNATE_NAME_PENALTY: Final = 0.5
"""Prior lost by a town matched only by an alternate name of it."""
NAMESAKE_PENALTY: Final = 0.6
"""Prior lost by a town named after a country, region or sea the name also is ('England,
Arkansas', 'Pacific, Missouri'): the town is the rarer reading."""
LARGER_COUNTRY_BONUS: Final = 0.2
"""Prior won by the more populous of two countries of one name ('Congo': the Democratic
Republic, by far the likelier in news) when the article's other names do not decide."""
NAMESAKE_POPULATION: Final = 100_000
"""Towns below this are namesakes, not the place a region is named after ('New York')."""
MAJOR_POPULATION: Final = 1_000_000
"""Towns this large are major: a namesake needs more than the article's country to win."""
NAME_CACHE_SIZE: Final = 50_000
"""Lookup keys and skeletons of names remembered per process."""

# ---------------------------------------------------------------- resolution: local cues
CUE_WINDOW: Final = 3
"""Words after a name read for a region or settlement noun."""
DEMONYM_WINDOW: Final = 4
"""Words before a name searched for a demonym ('the Ukrainian city of X')."""
MAX_CONTAINERS: Final = 2
"""Names read after 'X, ' or 'X (' as places containing X ('Toronto, Ontario, Canada')."""
REGION_NOUN_BONUS: Final = 2.0
"""'X region', 'the province of X': bonus of a region."""
SETTLEMENT_NOUN_BONUS: Final = 1.0
"""'X city', 'the town of X': bonus of a town."""
CITY_OF_REGION_BONUS: Final = 2.0
"""'the besieged X city': bonus of the first-level region named after the city."""
CONTAINER_REGION_BONUS: Final = 3.0
"""'X, Y' with Y a first-level region: bonus of the readings of X in Y (and of Y)."""
CONTAINER_COUNTRY_BONUS: Final = 2.0
"""'X, Y' with Y a country: bonus of the readings of X in Y (and of Y)."""
RESIDENT_TOWN_BONUS: Final = 1.0
"""'a Lebanon woman': bonus of the town of a name that is also a country."""
IN_PLACE_BONUS: Final = 2.0
"""'X in Y': bonus of a reading of X in (or under) a reading of Y."""
IN_COUNTRY_BONUS: Final = 1.0
"""'X in Y' with Y a country: bonus of a reading of X in Y."""
DEMONYM_BONUS: Final = 2.0
"""'the Ukrainian city of X': bonus of a reading of X in that country."""

# ---------------------------------------------------------------- resolution: context
ROUNDS: Final = 3
"""Rounds of context refinement."""
MAX_VOTES: Final = 3
"""Most votes of one name (or one demonym) however often the text repeats it."""
NEAR_KM: Final = 100.0
"""Another name with a reading this close supports a candidate (spatial coherence)."""
COUNTRY_WEIGHT: Final = 3.0
"""Bonus of a candidate whose country has all of the article's other names."""
LESSER_COUNTRY_WEIGHT: Final = COUNTRY_WEIGHT / 2
"""The country bonus of a namesake of a country or major city among its name's readings
('Moscow' in a US article is still Moscow)."""
REGION_WEIGHT: Final = 2.0
"""Bonus of a candidate whose first-level region has half or more of the other names."""
MAJORITY: Final = 2
"""A share of the other names this many times over makes a full bonus (half of them)."""
PEER_REGION_WEIGHT: Final = 2.0
"""Bonus of a first-level region among names that are mostly regions of its country ('Texas,
Kansas and New York' are states, and so is New York)."""
PEER_REGIONS: Final = 2
"""Other names read as regions of one country that make a list of regions."""
LIST_WEIGHT: Final = 2.0
"""Bonus of a candidate of the kind the other names of its list are ('Alberta, Manitoba,
Ontario and New Brunswick' are provinces, not towns)."""
COUNTY_WEIGHT: Final = 3.0
"""Bonus of a candidate in (or being) the second-level region (county) another name likely is."""
NEAR_WEIGHT: Final = 1.5
"""Bonus of a town with likely readings of other names within :data:`NEAR_KM`."""
NEIGHBOUR_SUPPORT: Final = 0.25
"""Support each nearby name gives a town, besides the likelihood of its near reading."""

# ---------------------------------------------------------------- confidence
MATCH_CONFIDENCE: Final[Mapping[PlaceMatch, float]] = {
    "exact": 1.0,
    "variant": 0.85,
    "fuzzy": 0.7,
    "demonym": 0.9,
}
"""A hit's score is its candidate's share times this, by how the name was matched."""
