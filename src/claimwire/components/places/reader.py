"""What recognition knows of one document besides its text, and which tokens are taken."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ...geo import Gazetteer
from .kinds import OTHER_NAME_LABELS
from .mention import Mention
from .person_names import personal_names


def _entity_of(doc: Doc) -> list[Span | None]:
    owner: list[Span | None] = [None] * len(doc)
    for ent in doc.ents:
        for index in range(ent.start, ent.end):
            owner[index] = ent
    return owner


@dataclass
class Reader:
    """The state of recognition on one document: gazetteer, entities, taken tokens.

    Attributes:
        doc: The document.
        gazetteer: Where names are looked up.
        dictionary: Lower-case English words (capitalized, they need more evidence).
        owner: The model's entity of each token, if any.
        person_words: The words of people's full names in the text ('Lincoln' of
            'Abraham Lincoln').
        other_words: The words of the model's entities that are not places.
        taken: Tokens already in a recognized name.
    """

    doc: Doc
    gazetteer: Gazetteer
    dictionary: frozenset[str]
    owner: list[Span | None] = field(default_factory=list)
    person_words: frozenset[str] = frozenset()
    other_words: frozenset[str] = frozenset()
    taken: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.owner = _entity_of(self.doc)
        self.person_words = frozenset(
            token.text
            for ent in self.doc.ents
            if ent.label_ == "PERSON" and len(ent) > 1
            for name in personal_names(ent)
            for token in name
        )
        self.other_words = frozenset(
            token.text for ent in self.doc.ents if ent.label_ in OTHER_NAME_LABELS for token in ent
        )

    def free(self, span: Span) -> bool:
        """Tell whether no token of ``span`` is in a recognized name yet."""
        return not any(index in self.taken for index in range(span.start, span.end))

    def take(self, mention: Mention) -> Mention:
        """Mark the tokens of ``mention`` taken; return it."""
        self.taken.update(range(mention.span.start, mention.span.end))
        return mention
