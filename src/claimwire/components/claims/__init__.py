"""``claimwire_claims_v1``: who says what, how sure they sound, and where sources disagree.

Attribution in the forms news uses, each a :class:`ClaimHit` with character offsets:

- direct quotes, found on the characters and attributed by the words around them
  (:mod:`.quote_marks`, :mod:`.direct`, :mod:`.pull_quotes`; forms ``direct`` and
  ``partial``);
- indirect speech from the parse (:mod:`.indirect`; ``indirect``, ``reported``);
- ``according to X`` and publications (:mod:`.according`; ``according_to``, ``reported``);
- the outlet's own claims (:mod:`.outlet`; ``outlet``).

Speaker phrases are resolved to claimants by :mod:`.speakers` over the people of the
article (:mod:`.people`, :mod:`.registry`, :mod:`.names`); hedges come from the cue and
from markers around the claim (:mod:`.hedges`); claims of different claimants stating
opposite states are linked (:mod:`.contradictions`). :mod:`.find` runs the passes;
:mod:`.component` is the spaCy component. Vocabulary lives in ``resources/claims_cues.json``
and ``resources/claimants.json`` (:mod:`.lexicon`), thresholds in :mod:`.settings`.

Other modules read the claims of a document only through :func:`hits_of`.
"""

from .component import Claims, make_claims
from .find import find
from .hits import (
    Claimant,
    ClaimHit,
    Contradiction,
    FigureFacts,
    claim_for_offset,
    claim_lookup,
    claims_of_repeats,
    hits_of,
)
from .lexicon import (
    ClaimantLexicon,
    CueLexicon,
    claimants,
    cue_forms,
    cues,
    government_aliases,
    inflections,
)
from .pull_quotes import SignedLine, find_signed_lines
from .quote_marks import QUOTE_MARKS, Quote, find_quotes

__all__ = [
    "QUOTE_MARKS",
    "ClaimHit",
    "Claimant",
    "ClaimantLexicon",
    "Claims",
    "Contradiction",
    "CueLexicon",
    "FigureFacts",
    "Quote",
    "SignedLine",
    "claim_for_offset",
    "claim_lookup",
    "claimants",
    "claims_of_repeats",
    "cue_forms",
    "cues",
    "find",
    "find_quotes",
    "find_signed_lines",
    "government_aliases",
    "hits_of",
    "inflections",
    "make_claims",
]
