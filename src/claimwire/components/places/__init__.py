"""The place component (``claimwire_places_v1``): place names, their gazetteer entries, roles.

Recognition finds the names (:mod:`.recognition` and its passes), the cues and vetoes of
:mod:`.cues` and :mod:`.vetoes` tell a place from a person's or an organization's name,
resolution scores each name's candidate entries (:mod:`.resolution`, with :mod:`.priors`,
:mod:`.local` and :mod:`.context`), and :mod:`.role` tells a location from an actor ('Kyiv
said') or a modifier ('Ukrainian forces'). Word lists live in
``resources/places_rules.json`` (:mod:`.lexicon`), thresholds and weights in
:mod:`.settings`, the gazetteer in :mod:`claimwire.geo`.

Other modules read the component's results only through :func:`hits_of`.
"""

from __future__ import annotations

from .component import PlaceFinder, english_words, find, make_place_finder
from .hits import PlaceHit, hits_of
from .mention import Mention
from .recognition import find_mentions
from .resolution import resolve
from .role import place_role

__all__ = [
    "Mention",
    "PlaceFinder",
    "PlaceHit",
    "english_words",
    "find",
    "find_mentions",
    "hits_of",
    "make_place_finder",
    "place_role",
    "resolve",
]
