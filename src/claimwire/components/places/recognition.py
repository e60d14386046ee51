"""Recognition: the passes that find place names in a document, in order.

Each pass works on the tokens still free (:class:`.reader.Reader`):

1. demonyms and country adjectives ('Ukrainian', 'Sri Lankan'): never locations; kept as
   modifiers and used as country context (:mod:`.demonyms`);
2. names of camps, before a camp noun ('the Nuseirat refugee camp', :mod:`.camps`);
   then the model's GPE, LOC and FAC entities, whole, by variant, by the names inside
   (:mod:`.entities`);
3. the gazetteer over the text: runs of capitalized tokens, guarded by the cues and vetoes
   of :mod:`.cues` (:mod:`.names`);
4. names the text already uses as places, names listed with them (:mod:`.discourse`);
5. streets and rivers the gazetteer lacks, variants and misspellings of notable places of
   the article's countries (:mod:`.unknown`);
6. upper-case initials of places named in full (:mod:`.discourse`);
7. region nouns ('Nyanza Province', 'Douglas and Sarpy counties', :mod:`.regions`); names of
   diseases and stray hamlets are dropped (:mod:`.filters`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...geo import Gazetteer
from .camps import camp_mentions
from .demonyms import demonym_mentions
from .discourse import initials_mentions, listed_mentions, repeated_mentions
from .entities import entity_mentions
from .filters import without_diseases, without_stray_hamlets
from .mention import Mention
from .names import ngram_mentions
from .priors import context_countries
from .reader import Reader
from .regions import regions_of_a_region_noun, with_region_noun
from .unknown import unknown_name_mentions, way_mentions


def find_mentions(
    doc: Doc, gazetteer: Gazetteer, dictionary: frozenset[str] = frozenset()
) -> list[Mention]:
    """Recognize place names in ``doc`` (see the module docstring), before resolution.

    Args:
        doc: A parsed document with the model's entities.
        gazetteer: Where names are looked up.
        dictionary: Lower-case English words (capitalized, they need more evidence).

    Returns:
        The mentions, in text order.
    """
    reader = Reader(doc, gazetteer, dictionary)
    mentions = demonym_mentions(reader)
    countries = context_countries(
        mentions
        + [
            Mention(ent, gazetteer.lookup(ent.text), "exact")
            for ent in doc.ents
            if ent.label_ == "GPE"
        ]
    )
    mentions += camp_mentions(reader, countries)
    mentions += entity_mentions(reader, countries)
    mentions += ngram_mentions(reader, 0, len(doc))
    mentions += repeated_mentions(reader, mentions)
    mentions += listed_mentions(reader, mentions)
    mentions += way_mentions(reader)
    mentions += unknown_name_mentions(reader, context_countries(mentions))
    mentions += initials_mentions(reader, mentions)
    mentions = [with_region_noun(reader, mention) for mention in mentions]
    mentions = without_diseases(mentions)
    mentions = without_stray_hamlets(mentions)
    mentions.sort(key=lambda mention: mention.span.start)
    return regions_of_a_region_noun(reader, mentions)
