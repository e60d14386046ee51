"""Recognized names dropped at the end: diseases and stray hamlets.

'West Nile virus' names a disease, and so does the same name elsewhere in the text unless
a locative preposition stands before it; a lone word whose only candidates are hamlets in
countries no other name points to is no place ('Titan', 'Tanya').
"""

from __future__ import annotations

from spacy.tokens import Span

from ...geo import Entry
from . import settings
from .lexicon import rules
from .mention import Mention
from .priors import context_countries


def _hamlet(entry: Entry) -> bool:
    """Tell whether ``entry`` is a town under :data:`.settings.HAMLET_POPULATION`."""
    return entry.kind == "city" and entry.population < settings.HAMLET_POPULATION


def without_stray_hamlets(mentions: list[Mention]) -> list[Mention]:
    """The mentions but lone words whose only candidates are hamlets (towns under
    :data:`.settings.HAMLET_POPULATION` people) in countries no other name of the text points
    to: 'Titan' (an Afghan hamlet) is the company, 'Tanya' a person."""
    kept = []
    for mention in mentions:
        span, entries = mention.span, mention.candidates
        stray = len(span) == 1 and entries and not mention.cued and mention.match == "exact"
        if stray and all(_hamlet(entry) for entry in entries):
            others = [other for other in mentions if other.span.text != span.text]
            countries = context_countries(others)
            stray = not any(entry.country in countries for entry in entries)
        else:
            stray = False
        if not stray:
            kept.append(mention)
    return kept


def _names_a_disease(span: Span) -> bool:
    """'West Nile virus', 'Marburg hemorrhagic fever', 'Reston ebolavirus': the name is
    followed by a disease word, maybe after a disease modifier."""
    doc = span.doc
    lists = rules()
    for token in doc[span.end : span.end + settings.DISEASE_WINDOW]:
        if token.lower_ in lists.disease_heads:
            return True
        if token.is_lower and token.lower_.endswith("virus"):
            return True
        if token.lower_ not in lists.disease_modifiers:
            return False
    return False


def without_diseases(mentions: list[Mention]) -> list[Mention]:
    """The mentions but the names of diseases: a name followed by a disease word names the
    disease, and so does the same name elsewhere in the text ('an isolated case of imported
    Marburg') unless a locative preposition stands before it ('in Reston')."""
    diseases = {mention.span.text for mention in mentions if _names_a_disease(mention.span)}
    locatives = rules().locative_prepositions
    kept = []
    for mention in mentions:
        span = mention.span
        if span.text in diseases:
            before = span.doc[span.start - 1] if span.start > 0 else None
            if _names_a_disease(span) or before is None or before.lower_ not in locatives:
                continue
        kept.append(mention)
    return kept
