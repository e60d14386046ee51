"""What the events component reads from the components before it, in one place.

Figures (linked to events), places and dates (an event's place and date) and claims (the
claim that reports an event) are read through the owners' accessors; each raises
:class:`claimwire.errors.MissingComponentError` when its component did not process the
document, so a pipeline without them fails loudly instead of yielding poorer events.
"""

from __future__ import annotations

from ..claims import claim_for_offset, claim_lookup
from ..claims import hits_of as claims_of
from ..dates import hits_of as dates_of
from ..figures import hits_of as figures_of
from ..places import hits_of as places_of

__all__ = ["claim_for_offset", "claim_lookup", "claims_of", "dates_of", "figures_of", "places_of"]
