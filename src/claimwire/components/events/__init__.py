"""``claimwire_events_v1``: what happened, who did it to whom, where and when.

Events are typed in claimwire's ontology (``resources/event_types.json``): ACLED's event
types and sub-event types, each mapped to a PLOVER event type, plus a few non-ACLED
"Other developments" (diplomacy, responsibility claims, crime, disasters) so that such
reports are not forced into a violent type. Actors and targets are canonicalized with the
actor dictionary ``resources/actors.json``. The component reads the figures, places,
dates and claims of the components before it and fails loudly when one did not run.

How it works, per sentence, one module per step:

1. **Trigger mentions** (:mod:`.triggers`): lemma sequences of the trigger lexicon
   ("shell", "air strike", "fall", "take control") with their required / forbidden
   context.
2. **Typing** (:mod:`.subtyping`): generic triggers refined by instrument and target
   cues; a protest absorbs the repression around it.
3. **Roles** (:mod:`.actors`, :mod:`.roles`): actors and targets from the parse and the
   actor dictionary.
4. **Place and date** (:mod:`.context`): from the places and dates components, first
   what attaches to the trigger in the parse, then the nearest in the sentence not owned
   by another event, then the paragraph's. Undated events keep no date: converting them
   to the publication date is left to the reader of the record.
5. **Status and irrealis** (:mod:`.status`): background events, events of the distant
   past (dropped), threats, plans, modals, conditionals and negations (flagged, and left
   out unless ``keep_irrealis`` is set).
6. **Tolls** (:mod:`.tolls`): casualty reports that are the toll of another event join
   it; tallies and running totals make no event.
7. **Merging** (:mod:`.merge`): mentions of one event across sentences become one event.
8. **Learned typing** (:mod:`.learned`): a model trained on labelled development data
   re-types a merged event among the sub-types its own triggers were given, when its
   probability is high enough (``learned_types=False`` keeps the rules' types).
9. **Learned filter** (:mod:`.specific`): a model trained on the development gold drops
   the events it finds generic, unrealised or told again (``specific_events=False``
   keeps every event of the rules).

:mod:`.assemble` runs the steps, :mod:`.component` is the spaCy component, and
:func:`classify_doc` (:mod:`.classify`) types a whole snippet. Word lists are loaded by
:mod:`.lexicon` (typed records), thresholds live in :mod:`.settings`, and everything
read from other components goes through :mod:`.inputs`.
"""

from __future__ import annotations

from .actors import ActorSpan, Participant, find_actor_spans
from .assemble import find
from .classify import classify_doc
from .component import Events, make_events
from .hits import EventHit, hits_of
from .lexicon import ActorDictionary, EventLexicon, actor_dictionary, family, ontology
from .subtyping import typed_mentions
from .triggers import Mention, find_mentions

__all__ = [
    "ActorDictionary",
    "ActorSpan",
    "EventHit",
    "EventLexicon",
    "Events",
    "Mention",
    "Participant",
    "actor_dictionary",
    "classify_doc",
    "family",
    "find",
    "find_actor_spans",
    "find_mentions",
    "hits_of",
    "make_events",
    "ontology",
    "typed_mentions",
]
