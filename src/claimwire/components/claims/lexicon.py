"""The vocabulary of claims: cue verbs, hedges, reporting nouns, governments, given names.

Loaded once from ``resources/claims_cues.json`` (:func:`cues`) and
``resources/claimants.json`` (:func:`claimants`) into frozen, typed models, validated as
they are loaded: a missing key, a value of the wrong type or a hedge, form or scope outside
its vocabulary raises :class:`~claimwire.errors.ResourceError` naming the file and key.
Shared by the claims component, its speaker resolution and the benches.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Literal

from pydantic import field_validator

from ...resource import ResourceItem, ResourceModel, load_typed_resource
from ...vocab import ClaimForm, Hedge

CUES_FILE = "claims_cues.json"
CLAIMANTS_FILE = "claimants.json"

HedgeScope = Literal["sentence", "previous", "previous_or_sentence"]
"""Which claims a hedge marker hedges: its sentence's, the previous sentence's, or the
previous sentence's when its own has no attributed claim."""

PronounKind = Literal["person", "plural", "organization"]
"""What a pronoun can point back to."""


class CuePhrase(ResourceItem):
    """A multi-word cue before its source (``according to``) and what it makes a claim."""

    text: str
    form: ClaimForm
    modality: Hedge


class HedgeMarker(ResourceItem):
    """A hedge marker (``reportedly``, ``if true``): its hedge and which claims it hedges."""

    text: str
    modality: Hedge
    scope: HedgeScope


class Contradiction(ResourceItem):
    """The state words of contradictions (``contradiction`` in ``claims_cues.json``)."""

    description: str
    gone: frozenset[str]
    """State words saying a referent is gone (destroyed, captured)."""
    persists: frozenset[str]
    """State words saying a referent is still there (intact, held)."""
    generic_referents: frozenset[str]


class CueLexicon(ResourceModel):
    """``claims_cues.json``: what makes a claim and how sure it sounds.

    Word lists are lower-cased sets; mappings keep the file's order.
    """

    version: str
    description: str
    verbs: dict[str, Hedge]
    """Reporting-verb lemma -> the hedge it gives a claim ("claim" -> claimed)."""
    irregular: dict[str, tuple[str, ...]]
    """Written forms of a reporting verb that the regular inflection misses."""
    phrases: tuple[CuePhrase, ...]
    reporting_nouns: dict[str, Hedge]
    """Nouns that speak for a source ("statement", "figures") -> their hedge."""
    publishing_verbs: frozenset[str]
    estimate_objects: frozenset[str]
    """Objects a source puts at a number ("put the number of dead at 15")."""
    hedges: tuple[HedgeMarker, ...]
    anonymous_sources: frozenset[str]
    role_nouns: frozenset[str]
    pronouns: dict[str, PronounKind]
    not_cue_objects: frozenset[str]
    not_cue_following: frozenset[str]
    object_cues: dict[str, frozenset[str]]
    """Cue lemma -> how its object holds the claim: ``dobj`` or a preposition ("warn of")."""
    not_claim_objects: frozenset[str]
    claim_object_words: frozenset[str]
    """Nouns that make a speech act's noun object a claim ("the attack", "40 arrests")."""
    event_verbs: frozenset[str]
    not_parenthetical: frozenset[str]
    contradiction: Contradiction
    belief_verbs: frozenset[str]
    titles: frozenset[str]
    naming_verbs: frozenset[str]
    credit_names: frozenset[str]
    kicker_labels: tuple[str, ...]
    group_descriptions: frozenset[str]
    """Heads of "the group", "the monitor": the organisation named before."""
    unnamed_reports: frozenset[str]
    """Plural report nouns that name no source ("Reports suggest"): unattributed."""
    mute_sources: frozenset[str]
    """Heads of what shows but never says ("images", "footage", "drone"): grounds, no
    claimant."""
    state_words: frozenset[str]
    """Words of a state body's name, which "the group" never points to."""
    military_descriptions: frozenset[str]
    """Single nouns of "the army", "the military": the forces named before."""
    military_names: frozenset[str]
    """Last words of the name of a state's forces ("Freedonian military", "... Forces")."""

    @property
    def gone(self) -> frozenset[str]:
        """State words saying a referent is gone (destroyed, captured)."""
        return self.contradiction.gone

    @property
    def persists(self) -> frozenset[str]:
        """State words saying a referent is still there (intact, held)."""
        return self.contradiction.persists

    @property
    def generic_referents(self) -> frozenset[str]:
        """Referents too generic to contradict on."""
        return self.contradiction.generic_referents


class Government(ResourceItem):
    """A government, the side it belongs to, its aliases (capitals, seats) and demonyms."""

    name: str
    side: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]


class FirstNames(ResourceItem):
    """Given names by the gender they usually mark."""

    male: frozenset[str]
    female: frozenset[str]


class ClaimantLexicon(ResourceModel):
    """``claimants.json``: governments, group and organization nouns, given names."""

    version: str
    description: str
    governments: tuple[Government, ...]
    """In file order (the file keys each by its name)."""
    group_nouns: frozenset[str]
    organization_nouns: frozenset[str]
    side_prefixes: tuple[str, ...]
    first_names: FirstNames

    @field_validator("governments", mode="before")
    @classmethod
    def _named(cls, table: Any) -> Any:
        """The file's object of governments by name, as records carrying their name."""
        if not isinstance(table, dict):
            return table
        return [
            {"name": name, **entry} if isinstance(entry, dict) else entry
            for name, entry in table.items()
        ]

    @property
    def male_names(self) -> frozenset[str]:
        """Given names of men."""
        return self.first_names.male

    @property
    def female_names(self) -> frozenset[str]:
        """Given names of women."""
        return self.first_names.female


# ---------------------------------------------------------------- the lexicons, loaded once


@lru_cache(maxsize=1)
def cues() -> CueLexicon:
    """The cue lexicon of ``resources/claims_cues.json``, validated once.

    Raises:
        ResourceError: The file lacks a key, or a value has the wrong type or vocabulary
            (the message names the key).
    """
    return load_typed_resource(CUES_FILE, CueLexicon)


@lru_cache(maxsize=1)
def claimants() -> ClaimantLexicon:
    """The claimant vocabulary of ``resources/claimants.json``, validated once.

    Raises:
        ResourceError: The file lacks a key, or a value has the wrong type.
    """
    return load_typed_resource(CLAIMANTS_FILE, ClaimantLexicon)


def inflections(lemma: str) -> set[str]:
    """The usual written forms of a reporting verb (said, says, saying ...)."""
    forms = {lemma, *cues().irregular.get(lemma, ())}
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies", lemma + "ing"}
    else:
        forms |= {stem + "ed", stem + "ing"}
        forms.add(lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else "s"))
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@lru_cache(maxsize=1)
def cue_forms() -> dict[str, str]:
    """Written form of every reporting verb -> its lemma."""
    found: dict[str, str] = {}
    for lemma in cues().verbs:
        for form in inflections(lemma):
            found.setdefault(form, lemma)
    return found


@lru_cache(maxsize=1)
def government_aliases() -> dict[str, tuple[str, str]]:
    """Lower-cased alias of a government (capital, country, seat) -> (name, side)."""
    found: dict[str, tuple[str, str]] = {}
    for government in claimants().governments:
        for alias in [government.name, *government.aliases]:
            found[alias.lower()] = (government.name, government.side)
    return found


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Lower-cased demonym -> side ("ukrainian" -> "Ukraine")."""
    found: dict[str, str] = {}
    for government in claimants().governments:
        for demonym in government.demonyms:
            found[demonym.lower()] = government.side
    return found
