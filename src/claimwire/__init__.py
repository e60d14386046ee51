"""claimwire: sourced, geocoded, time-resolved figures, claims and events from news reports.

Typical use::

    import claimwire
    result = claimwire.extract(text, published="2022-06-14")
    for figure in result.figures:
        print(figure.span.text, figure.value, figure.category, figure.measure)

    corpus = claimwire.Corpus("claimwire.db")   # the store of many articles

The names below are loaded on first use (PEP 562), so that ``import claimwire`` and the
command line's ``--help`` do not load spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .corpus.corpus import Corpus
    from .errors import ClaimwireError
    from .models import SCHEMA_VERSION, Document, Problem, Result
    from .nlp.extract import Failure, extract, extract_many
    from .nlp.pipeline import load
    from .version import __version__

_PUBLIC = {
    "SCHEMA_VERSION": "claimwire.models",
    "ClaimwireError": "claimwire.errors",
    "Corpus": "claimwire.corpus.corpus",
    "Document": "claimwire.models",
    "Failure": "claimwire.nlp.extract",
    "Problem": "claimwire.models",
    "Result": "claimwire.models",
    "__version__": "claimwire.version",
    "extract": "claimwire.nlp.extract",
    "extract_many": "claimwire.nlp.extract",
    "load": "claimwire.nlp.pipeline",
}
"""Each public name and the module that defines it."""

__all__ = [
    "SCHEMA_VERSION",
    "ClaimwireError",
    "Corpus",
    "Document",
    "Failure",
    "Problem",
    "Result",
    "__version__",
    "extract",
    "extract_many",
    "load",
]


def __getattr__(name: str) -> Any:
    """Load a public name on first use and keep it as an attribute of the package."""
    if name not in _PUBLIC:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_PUBLIC[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The package's attributes, public names included before they are loaded."""
    return sorted({*globals(), *__all__})
