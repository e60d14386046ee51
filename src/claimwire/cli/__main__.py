"""``python -m claimwire.cli``: the ``claimwire`` command."""

from . import main

main()
