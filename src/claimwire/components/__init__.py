"""claimwire's spaCy components, one module each; importing this registers their factories."""

from . import lines, numbers

__all__ = ["lines", "numbers"]
