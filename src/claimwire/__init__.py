"""claimwire: sourced, geocoded, time-resolved figures, claims and events from news reports.

Typical use::

    import claimwire
    result = claimwire.extract(text, published="2022-06-14")
    for figure in result.figures:
        print(figure.span.text, figure.value, figure.category, figure.measure)

    corpus = claimwire.Corpus("claimwire.db")   # the store of many articles
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("claimwire")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

from .corpus.corpus import Corpus
from .errors import ClaimwireError
from .models import SCHEMA_VERSION, Document, Problem, Result
from .nlp.extract import Failure, extract, extract_many

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
]
