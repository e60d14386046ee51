"""Where a person entity of the model holds a person's name, and where it holds more."""

from __future__ import annotations

from spacy.tokens import Span

from .lexicon import rules


def personal_names(ent: Span) -> list[Span]:
    """The parts of a person entity of the model that read as a person's name.

    A verb, a possessive or a word of an organization, a building or a region never stands
    in a name: the entity is cut there, and the runs of two or more words left are names
    ('Charles Webb' of 'Charles Webb Center'); a lone word left is not ('Jordan Elementary
    School', 'Alexandria Police', 'Rethinking Egypt', 'Serbia's Mitrovica').
    """
    lists = rules()
    words = lists.non_name_words | lists.local_institution_words
    names, start = [], ent.start
    for token in [*ent, None]:
        if (
            token is None
            or token.text in words
            or token.tag_.startswith("VB")
            or token.tag_ == "POS"
        ):
            end = ent.end if token is None else token.i
            if end - start > 1:
                names.append(ent.doc[start:end])
            start = end + 1
    return names


def in_person_name(span: Span, owner: Span) -> bool:
    """Tell whether ``span`` lies in a person's name of the model's entity ``owner`` (not in
    a person entity that is an institution's name: 'Anderson County Sheriff Greg Taylor')."""
    if owner.label_ != "PERSON":
        return False
    if len(owner) == 1:
        return True
    names = personal_names(owner)
    return any(name.start <= span.start and span.end <= name.end for name in names)
