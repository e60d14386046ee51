"""claimwire's spaCy components, a package per extractor; importing this registers them."""

from . import claims, dates, events, figures, lines, numbers, places, relevance

__all__ = ["claims", "dates", "events", "figures", "lines", "numbers", "places", "relevance"]
