"""The geographic layer: the offline gazetteer, its build, and place names.

Below the components: it imports nothing of :mod:`claimwire.components`,
:mod:`claimwire.nlp` or above (only the resources, models, errors and vocabulary).

- :mod:`.gazetteer`: reading the compiled file (:class:`Gazetteer`, :func:`get_gazetteer`);
- :mod:`.build`: compiling it from :class:`BuildInputs` (:mod:`.admin1`, :mod:`.admin2` for
  the regions, :mod:`.builder` for the rows);
- :mod:`.entry`: the record and distances; :mod:`.names`: lookup keys and skeletons;
- :mod:`.resources`: the typed ``places_curated/countries/variants.json``.
"""

from __future__ import annotations

from .build import build_gazetteer, build_version
from .entry import Entry, Located, contains, distance_km, is_notable
from .gazetteer import Gazetteer, cache_dir, get_gazetteer, open_gazetteer
from .inputs import BuildInputs, admin2_source
from .names import latin_key, name_key, skeleton

__all__ = [
    "BuildInputs",
    "Entry",
    "Gazetteer",
    "Located",
    "admin2_source",
    "build_gazetteer",
    "build_version",
    "cache_dir",
    "contains",
    "distance_km",
    "get_gazetteer",
    "is_notable",
    "latin_key",
    "name_key",
    "open_gazetteer",
    "skeleton",
]
