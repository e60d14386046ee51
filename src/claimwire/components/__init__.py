"""claimwire's spaCy components, a package per extractor; importing this registers them.

Importing it also teaches spaCy's serializer the components' hits
(:mod:`claimwire.components.serialize`), so docs survive ``DocBin`` and ``n_process``.
"""

from . import (
    attributes,
    claims,
    dates,
    events,
    figures,
    lines,
    numbers,
    places,
    relevance,
    serialize,
)

serialize.register()

__all__ = [
    "attributes",
    "claims",
    "dates",
    "events",
    "figures",
    "lines",
    "numbers",
    "places",
    "relevance",
    "serialize",
]
