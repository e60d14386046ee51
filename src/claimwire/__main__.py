"""``python -m claimwire``: the ``claimwire`` command (same as ``python -m claimwire.cli``)."""

from .cli import main

main()
