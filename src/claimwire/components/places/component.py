"""``claimwire_places_v1``: place names found, resolved to gazetteer entries, given a role.

:func:`find` recognizes the names (:mod:`.recognition`), scores their candidates
(:mod:`.resolution`), picks each one's best (:func:`.priors.best`) and gives it a role
(:mod:`.role`); :class:`PlaceFinder` stores the hits on the Doc. A mention without
candidates stays ``resolved=False``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...geo import Entry, Gazetteer, get_gazetteer
from .. import keys
from .._base import HitsComponent
from . import settings
from .hits import PlaceHit
from .mention import Mention
from .priors import best, confidence
from .recognition import find_mentions
from .resolution import resolve
from .role import place_role
from .tokens import trimmed


def _hit(mention: Mention, entry: Entry | None) -> PlaceHit:
    """The hit of ``mention`` read as ``entry`` (None: unresolved)."""
    span = trimmed(mention.span)
    score = 0.0
    if entry is not None:
        demonym = settings.MATCH_CONFIDENCE["demonym"]
        score = demonym if mention.demonym else confidence(mention, entry)
    return PlaceHit(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        name=entry.name if entry else None,
        gazetteer_id=entry.id if entry else None,
        lat=entry.lat if entry else None,
        lon=entry.lon if entry else None,
        feature_class=entry.feature_class if entry else None,
        feature_code=entry.feature_code if entry else None,
        admin1=entry.admin1 if entry else None,
        country=entry.country if entry else None,
        role=place_role(mention, entry),
        score=score,
        resolved=entry is not None,
        population=entry.population if entry else None,
        kind=entry.kind if entry else None,
        match=mention.match,
        admin2=entry.admin2 if entry else None,
    )


def find(
    doc: Doc, gazetteer: Gazetteer | None = None, dictionary: frozenset[str] = frozenset()
) -> list[PlaceHit]:
    """Find, resolve and give a role to every place mention of ``doc``.

    Args:
        doc: A parsed document with the model's entities.
        gazetteer: The gazetteer to use; default the process-wide one.
        dictionary: Lower-case English words (see :func:`english_words`).

    Returns:
        The place hits, in text order.
    """
    gazetteer = gazetteer or get_gazetteer()
    mentions = find_mentions(doc, gazetteer, dictionary)
    resolve(mentions)
    hits = []
    for mention in mentions:
        if mention.demonym:
            entries = gazetteer.lookup_country(mention.demonym)
            entry = entries[0] if entries else None
        else:
            entry = best(mention)
        hits.append(_hit(mention, entry))
    return hits


def english_words(nlp: Language) -> frozenset[str]:
    """Lower-case English words from the pipeline's lemmatizer tables (empty without them).

    Capitalized, such a word ("Reading", "Mobile") is taken as a place only on stronger
    evidence than an unknown word.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    words: set[str] = set()
    if lookups is not None and lookups.has_table("lemma_index"):
        for listed in lookups.get_table("lemma_index").values():
            words.update(listed)
    if lookups is not None and lookups.has_table("lemma_exc"):
        for forms in lookups.get_table("lemma_exc").values():
            words.update(forms)
    return frozenset(word for word in words if word.isalpha())


class PlaceFinder(HitsComponent[PlaceHit]):
    """The spaCy component: runs :func:`find` and stores its hits on the Doc, as spans
    labelled by role.

    Args:
        name: The component's name in the pipeline.
        dictionary: Lower-case English words (see :func:`english_words`).
    """

    extension = keys.PLACES_EXTENSION
    span_key = keys.PLACES_SPANS
    expand = False

    def __init__(
        self, name: str = keys.PLACES_FACTORY, dictionary: frozenset[str] = frozenset()
    ) -> None:
        super().__init__(name)
        self.dictionary = dictionary

    def find(self, doc: Doc) -> list[PlaceHit]:
        """The place hits of ``doc`` (see :func:`find`)."""
        return find(doc, dictionary=self.dictionary)

    def label(self, hit: PlaceHit) -> str:
        """A hit's span label: its role."""
        return hit.role


@Language.factory(
    keys.PLACES_FACTORY,
    assigns=[f"doc._.{keys.PLACES_EXTENSION}", "doc.spans"],
    requires=[
        "doc.ents",
        "token.ent_type",
        "token.tag",
        "token.dep",
        "token.head",
        "token.is_sent_start",
        "token.lemma",
    ],
)
def make_place_finder(nlp: Language, name: str) -> PlaceFinder:
    """Create the place component (spaCy factory ``claimwire_places_v1``), with the
    gazetteer's in-memory indexes loaded (once per process)."""
    get_gazetteer().load_indexes()
    return PlaceFinder(name, english_words(nlp))
