"""claimwire's version: the installed distribution's, recorded in every result's provenance.

A module of its own at the bottom of the layers, so that the pipeline and the web app can
name the version without importing the package root (``claimwire.__version__`` is this
same value, loaded on first use).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("claimwire")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
