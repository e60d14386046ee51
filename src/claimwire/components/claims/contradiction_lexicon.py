"""The words of contradictions inside one article (``resources/contradictions.json``).

Loaded once into a frozen, typed model; a malformed file raises
:class:`~claimwire.errors.ResourceError` naming the file and key.
"""

from __future__ import annotations

from functools import lru_cache

from ...resource import ResourceModel, load_typed_resource

CONTRADICTIONS_FILE = "contradictions.json"


class ContradictionLexicon(ResourceModel):
    """``contradictions.json``: denial verbs and phrases, party words, people nouns."""

    version: int
    description: str
    denial_verbs: frozenset[str]
    """Lemmas of verbs whose subject denies (deny, reject)."""
    denial_phrases: tuple[str, ...]
    """Phrases rejecting a part in what others say ("has nothing to do with")."""
    party_generic: frozenset[str]
    """Words of a claimant's name that tell no party from another (ministry, spokesman)."""
    people_nouns: frozenset[str]
    """Counted nouns meaning people in general."""
    maximal_qualifiers: frozenset[str]
    """Qualifiers putting a toll near its upper bound ("as many as", "up to")."""
    incident_nouns: tuple[str, ...]
    """Plural nouns of incidents ("attacks", "blasts"): a toll of several is a total."""
    perpetrator_nouns: frozenset[str]
    """Who a toll "including the gunman" counts besides the victims."""
    posture_verbs: frozenset[str]
    """Verbs of a body's posture ("standing on a corner"), no state of a thing."""


@lru_cache(maxsize=1)
def contradiction_words() -> ContradictionLexicon:
    """The contradictions lexicon, loaded and validated once.

    Raises:
        ResourceError: ``contradictions.json`` is malformed.
    """
    return load_typed_resource(CONTRADICTIONS_FILE, ContradictionLexicon)
