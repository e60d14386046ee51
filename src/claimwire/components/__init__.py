"""claimwire's spaCy components, one module each; importing this registers their factories."""

from . import claims, dates, events, figures, lines, numbers, places

__all__ = ["claims", "dates", "events", "figures", "lines", "numbers", "places"]
