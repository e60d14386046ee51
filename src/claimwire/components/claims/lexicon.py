"""The vocabulary of claims: cue verbs, hedges, reporting nouns, governments, given names.

Loaded once from ``resources/claims_cues.json`` and ``resources/claimants.json``; shared by
the claims component, its speaker resolution and the benches.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ...resource import load_resource


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    """The cue lexicon of ``resources/claims_cues.json``, loaded once."""
    return load_resource("claims_cues.json")


@lru_cache(maxsize=1)
def claimant_lexicon() -> dict[str, Any]:
    """The claimant vocabulary of ``resources/claimants.json``, loaded once."""
    return load_resource("claimants.json")


def inflections(lemma: str) -> set[str]:
    """The usual written forms of a reporting verb (said, says, saying ...)."""
    forms = {lemma, *cues()["irregular"].get(lemma, [])}
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
    for lemma in cues()["verbs"]:
        for form in inflections(lemma):
            found.setdefault(form, lemma)
    return found


@lru_cache(maxsize=1)
def government_aliases() -> dict[str, tuple[str, str]]:
    """Lower-cased alias of a government (capital, country, seat) -> (name, side)."""
    found: dict[str, tuple[str, str]] = {}
    for name, entry in claimant_lexicon()["governments"].items():
        for alias in [name, *entry["aliases"]]:
            found[alias.lower()] = (name, entry["side"])
    return found


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Lower-cased demonym -> side ("ukrainian" -> "Ukraine")."""
    found: dict[str, str] = {}
    for entry in claimant_lexicon()["governments"].values():
        for demonym in entry["demonyms"]:
            found[demonym.lower()] = entry["side"]
    return found


@lru_cache(maxsize=1)
def word_sets() -> dict[str, frozenset[str]]:
    """The single-word lists of both resources, as lower-cased sets."""
    data, people = cues(), claimant_lexicon()
    return {
        "anonymous": frozenset(data["anonymous_sources"]),
        "roles": frozenset(data["role_nouns"]),
        "reporting": frozenset(data["reporting_nouns"]),
        "publishing": frozenset(data["publishing_verbs"]),
        "not_objects": frozenset(data["not_cue_objects"]),
        "titles": frozenset(data["titles"]),
        "naming": frozenset(data["naming_verbs"]),
        "not_parenthetical": frozenset(data["not_parenthetical"]),
        "event_verbs": frozenset(data["event_verbs"]),
        "groups": frozenset(people["group_nouns"]),
        "organizations": frozenset(people["organization_nouns"]),
        "gone": frozenset(data["contradiction"]["gone"]),
        "persists": frozenset(data["contradiction"]["persists"]),
        "generic": frozenset(data["contradiction"]["generic_referents"]),
        "credits": frozenset(data["credit_names"]),
    }
