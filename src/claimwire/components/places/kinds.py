"""The sets of the model's entity labels and of gazetteer kinds the rules test."""

from __future__ import annotations

from typing import Final

from ...geo import Entry

PLACE_LABELS: Final = frozenset({"GPE", "LOC", "FAC"})
"""The model's entity labels of places."""
SETTLEMENT_LABELS: Final = frozenset({"GPE", "LOC"})
"""The model's entity labels of towns and regions (a transliteration of a village is taken
only under one of them)."""
OTHER_NAME_LABELS: Final = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
"""The model's entity labels of names that are not places."""

WIDE_KINDS: Final = frozenset({"country", "admin1"})
"""Places wide enough to name things inside them ('the Ohio Supreme Court', 'Ukraine's
regions') and to stand in the middle of a place entity ('North Georgia')."""
ACRONYM_KINDS: Final = frozenset({"country", "admin1", "region"})
"""Places an upper-case acronym or abbreviation may stand for ('UK', 'Ill.')."""
REGION_KINDS: Final = frozenset({"admin1", "admin2", "region"})
"""Regions: the readings a region noun ('X Province', 'X and Y counties') keeps."""
LOWER_END_KINDS: Final = frozenset({"facility", "region", "water"})
"""Places whose names may end in a lower-case word ('Azovstal steel plant')."""
FEATURE_KINDS: Final = frozenset({"continent", "region", "water", "facility"})
"""Continents, curated regions, seas and facilities: one prior for all."""
NAMESAKE_KINDS: Final = frozenset({"country", "admin1", "region", "water", "continent"})
"""Places a small town may be named after ('England, Arkansas', 'Pacific, Missouri')."""
POINT_KINDS: Final = frozenset({"city", "facility"})
"""Kinds whose point is a real location (spatial coherence uses only those)."""
LIST_KINDS: Final = frozenset({"country", "admin1", "admin2"})
"""Kinds a list makes likelier: a name among regions is a region, but a name among towns
keeps its own best reading (towns' priors already speak)."""


def notable(entries: tuple[Entry, ...], population: int) -> bool:
    """Tell whether some entry is not a town, or a town of at least ``population``."""
    return any(entry.kind != "city" or entry.population >= population for entry in entries)
