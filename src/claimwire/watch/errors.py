"""The exceptions of ``claimwire watch`` (codes E12x)."""

from __future__ import annotations

from ..errors import ClaimwireError


class SourcesFileError(ClaimwireError):
    """The sources file cannot be read, or a source in it is wrong (the message names it)."""

    code = "E120"


class WatchSetupError(ClaimwireError):
    """What ``claimwire watch`` needs is missing (the ``watch`` extra)."""

    code = "E121"
