"""Every name claimwire gives a spaCy object, defined once.

The components talk to each other and to :mod:`claimwire.nlp.convert` only through these
names and the typed accessors of :mod:`claimwire.components._base`; no module spells one
of these strings itself.

- factories: the names of the registered component factories (``nlp.add_pipe(NAME)``);
  spaCy does not allow dots in factory names, so ``claimwire.figures.v1`` is
  ``claimwire_figures_v1``. A change of a component's output shape adds ``v2`` beside.
- span groups: ``doc.spans[KEY]``, one labelled span per hit, for display and spaCy users
  (``doc.ents`` stays the model's).
- extensions: ``doc._.NAME`` holds a component's typed hits; ``span._.NAME`` the parsed
  value of one span.
- user data: ``doc.user_data[KEY]``, what the caller tells the components about the
  article (its publication date, its outlet) and per-document caches.
"""

from __future__ import annotations

from typing import Final

# ---------------------------------------------------------------- factories
LINES_FACTORY: Final = "claimwire_lines_v1"
NUMBERS_FACTORY: Final = "claimwire_numbers_v1"
FIGURES_FACTORY: Final = "claimwire_figures_v1"
PLACES_FACTORY: Final = "claimwire_places_v1"
DATES_FACTORY: Final = "claimwire_dates_v1"
CLAIMS_FACTORY: Final = "claimwire_claims_v1"
EVENTS_FACTORY: Final = "claimwire_events_v1"
RELEVANCE_FACTORY: Final = "claimwire_relevance_v1"
ATTRIBUTES_FACTORY: Final = "claimwire_attributes_v1"
"""The model's attribute ruler and lemmatizer in one cached pass (same output, less time)."""

# ---------------------------------------------------------------- span groups
NUMBERS_SPANS: Final = "claimwire.numbers"
FIGURES_SPANS: Final = "claimwire.figures"
PLACES_SPANS: Final = "claimwire.places"
DATES_SPANS: Final = "claimwire.dates"
CLAIMS_SPANS: Final = "claimwire.claims"
EVENTS_SPANS: Final = "claimwire.events"
RELEVANCE_SPANS: Final = "claimwire.relevance"

# ---------------------------------------------------------------- Doc and Span extensions
FIGURES_EXTENSION: Final = "claimwire_figures"
PLACES_EXTENSION: Final = "claimwire_places"
DATES_EXTENSION: Final = "claimwire_dates"
CLAIMS_EXTENSION: Final = "claimwire_claims"
EVENTS_EXTENSION: Final = "claimwire_events"
RELEVANCE_EXTENSION: Final = "claimwire_relevance"
NUMBER_SPAN_EXTENSION: Final = "claimwire_number"
"""``span._.claimwire_number``: the parsed number of a span of ``NUMBERS_SPANS``."""
FIGURE_SPAN_EXTENSION: Final = "claimwire_figure"
"""``span._.claimwire_figure``: the figure hit of a span of ``FIGURES_SPANS``."""

# ---------------------------------------------------------------- user data
PUBLISHED: Final = "claimwire.published"
"""The article's publication date (a ``datetime.date`` or None), set by ``make_doc``."""
OUTLET: Final = "claimwire.outlet"
"""The outlet that published the article (a str or None)."""
FIGURES_VERBLESS_SENTENCES: Final = "claimwire.figures.verbless"
"""Per-document cache of the figures component: whether the sentence starting at each
token index has no verb."""
SENTENCE_STARTS: Final = "claimwire.sentence_starts"
"""Cache of :func:`claimwire.components._base.sentence_of`: the token index where each
sentence of the parsed Doc starts."""
ENTITY_STARTS: Final = "claimwire.entity_starts"
"""Cache of :func:`claimwire.components._base.entities_of`: the model's entities and their
start tokens, in order."""
ENTITY_CHARS: Final = "claimwire.entity_chars"
"""Cache of :func:`claimwire.components._base.entities_starting_in`: the character offset
where each of the model's entities starts, in order."""
PARSE_ORDER: Final = "claimwire.parse_order"
"""Cache of :func:`claimwire.components._base.governs`: each token's rank in a depth-first
walk of the parse, and the last rank of its subtree."""
SENTENCE_MEMO: Final = "claimwire.sentence_memo"
"""Cache of :func:`claimwire.components._base.per_sentence`: values computed once per
sentence, keyed by (name, sentence start)."""
DEADLINE: Final = "claimwire.deadline"
"""When processing the Doc must stop (a ``time.monotonic()`` value), set by the caller
when a time budget applies; see :func:`claimwire.components._base.check_deadline`."""
TEXT: Final = "claimwire.text"
"""Cache of ``doc.text`` (spaCy rebuilds it from the tokens on every access)."""
TOKEN_TEXTS: Final = "claimwire.token_texts"
"""Cache of :func:`claimwire.components._view.token_texts`: every token's text."""
TOKEN_LOWERS: Final = "claimwire.token_lowers"
"""Cache of :func:`claimwire.components._view.token_lowers`: every token's lower form."""
TOKEN_LEMMAS: Final = "claimwire.token_lemmas"
"""Cache of :func:`claimwire.components._view.token_lemmas`: every token's lower-case
lemma."""
EVENT_SEQUENCED: Final = "claimwire.events.sequenced"
"""Cache of the events component's coreference: whether each token (its index as a string)
is, or is introduced by, a word of sequence or cause."""
EVENT_TOKEN_KEYS: Final = "claimwire.events.token_keys"
"""Cache of the events component: the lemma and surface keys of every token of the Doc."""
