"""``claimwire_events_v1``: what happened, who did it to whom, where and when.

Events are typed in claimwire's ontology (``resources/event_types.json``): ACLED's event
types and sub-event types, each mapped to a PLOVER event type, plus a few non-ACLED
"Other developments" (diplomacy, responsibility claims, crime, disasters) so that such
reports are not forced into a violent type. Actors and targets are canonicalized with the
actor dictionary ``resources/actors.json``.

How it works, per sentence:

1. **Trigger mentions.** Lemma sequences of the trigger lexicon ("shell", "air strike",
   "fall", "take control") are matched, with their required / forbidden context. Generic
   triggers ("attack", "kill", "bombing") are refined by instrument cues ("warplanes" ->
   air/drone strike, "grenade" -> grenade) and by their target (civilians -> attack on
   civilians, protesters -> excessive force). A protest in the sentence absorbs the
   arrests, killings and clashes around it (protest with intervention, excessive force,
   violent demonstration).
2. **Roles.** The actor is the subject of an active trigger verb (inherited from the
   governing verb for participles and ``continue to storm``), the ``by`` agent of a passive
   one, or the possessor / demonym of a nominal trigger ("Russia's assault", "Israeli
   strike"); targets are the object, the passive subject and ``on`` / ``against`` phrases
   (and the subject of "die", the "of" phrase of "the killing of"). Instruments are no
   actors ("the IED killed"); a definite generic actor ("the guerrillas") is the one named
   actor of its kind mentioned before, when there is exactly one.
3. **Place and date.** Taken from the places and dates components when they ran (else
   from the model's GPE/LOC/FAC and DATE entities): first what attaches to the trigger in
   the parse, then the nearest in the sentence not owned by another event, then the
   paragraph's. Undated events keep no date: converting them to the publication date is
   left to the reader of the record (``date_method`` says how a date was chosen).
4. **Status.** ``background`` when the date ends more than ``background_days`` before the
   publication date, when the trigger is inside a ``since`` clause, carries a relative past
   cue ("last month") or is the object of a comparison ("echoed the fall of X"). Events
   of the distant past (centuries, historical figures such as "Peter the Great") are
   dropped: they are comparisons, not events.
5. **Irrealis.** Threats, plans, modals, conditionals and negations are flagged
   (``hypothetical``, ``negated``) and left out unless ``keep_irrealis`` is set.
   Mentions that only name a kind of event ("post-bombing assessment", "casualties of
   attacks", "it is a battle for control"), tolls of another event ("killed by the
   invasion"), counted equipment losses ("1,432 tanks had been destroyed") and bare
   casualty reports with no doer, instrument or place of their own make no event; such
   a toll joins the violent event of its sentence ("a bomb exploded and seven died"),
   whose targets its victims become.
6. **Merging.** A mention merges into the latest earlier event of the same type family
   and status when their dates agree (or one is unknown) and their places agree: the
   same name, a country or first-level region and a place inside it (news only; the
   inner place then becomes the event's when it attaches to its trigger), a region and
   a place near it (coordinates from the places component), or one of them unknown. Two
   placeless mentions merge only within ``MAX_MERGE_DISTANCE`` sentences; background
   events merge only on an equal place or date. Several sentences (the headline and the
   lead among them) can so describe one event, and one sentence can hold several. A
   casualty participle ("hit a school, killing 11 children") is the toll of the event it
   follows, and counted totals since a start ("displaced since the war began") make no
   event. After merging, an armed clash whose only targets are civilians or civilian
   sites and that names at most one armed side becomes violence against civilians.

Decisions: an undated event gets no date (not the publication date): "Russian missiles
destroyed a depot" in a report does not say when, and the corpus layer can still bound it
by the publication date. A date found only in the paragraph is used with
``date_method="paragraph"``. Without the dates component, explicit month-days ("Feb. 24")
are roughly resolved against the publication date only to tell background from news and
to merge; they are never reported as resolved dates.

The lexicon and actor dictionary are loaded by :mod:`.event_lexicon`, roles are found by
:mod:`.event_roles` and places and dates chosen by :mod:`.event_context`; this module
finds and types the triggers, decides status and irrealis, and assembles the events.

Snippet-level typing (:func:`classify_doc`) scores every trigger mention, also those that
do not make an event (a generic plural, a compound modifier), and returns the best
sub-type; the case2021 bench uses it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ._base import ensure_extension, store_hits
from .event_context import (
    Located,
    choose,
    component_hits,
    dates_of,
    owner_of,
    paragraphs,
    places_of,
)
from .event_lexicon import (
    actor_dictionary,
    noun_keys,
    ontology,
    phrase_tokens,
    phrase_words,
    target_classes,
    toponym_like,
    trigger_index,
)
from .event_merge import MAX_MERGE_DISTANCE, Draft, family, merge
from .event_roles import (
    SUBJECT_DEPS,
    TARGET_PREPS,
    ActorSpan,
    Participant,
    find_actor_spans,
    inherited_subject,
    roles,
    unique_participants,
)

__all__ = [
    "EXTENSION",
    "FACTORY",
    "SPAN_KEY",
    "ActorSpan",
    "EventHit",
    "Events",
    "Mention",
    "Participant",
    "actor_dictionary",
    "classify_doc",
    "find",
    "find_actor_spans",
    "find_mentions",
    "make_events",
    "ontology",
    "typed_mentions",
]

SPAN_KEY = "claimwire.events"
EXTENSION = "claimwire_events"
FACTORY = "claimwire_events_v1"

LIGHT_VERBS = frozenset(
    {
        "launch", "carry", "conduct", "stage", "mount", "begin", "start", "unleash", "step",
        "intensify", "continue", "hold", "organize", "organise", "suffer", "face", "repel",
        "repulse", "witness", "resume", "escalate", "commit", "perpetrate", "execute",
    }
)  # fmt: skip
CHEMICAL = "chemical_weapon"
CLAUSE_DEPS = frozenset({"advcl", "xcomp", "conj", "ccomp", "pcomp", "acl", "relcl"})
OBJECT_PREPS = frozenset({"of", "over", "into", "to", "on", "from", "at", "out", "off", "back"})
PARTICLES = frozenset({"out", "down", "up", "back", "off", "over", "away"})
ARMED_TYPES = frozenset({"state_forces", "police", "militia", "rebel", "international"})
QUANTITY_WORDS = frozenset({"million", "thousand", "thousands", "hundreds", "millions", "tens"})


@dataclass(frozen=True)
class Mention:
    """One trigger of the lexicon found in a sentence, with its context checks done."""

    start: int
    end: int
    lemma: str
    subtype: str
    weight: float
    root: int
    """Token index of the trigger's syntactic head."""
    anchor: int
    """Token index that owns the trigger's arguments (a light verb for 'launched an attack')."""
    sentence: int
    """Index of the sentence in ``doc.sents``."""
    eventive: bool = True
    """False for mentions that type a text but make no event (modifiers, generic plurals)."""
    generic: bool = False
    """True for triggers whose sub-type comes from instrument and target cues ('attack')."""


@dataclass(frozen=True)
class EventHit:
    """An event found in a document (character offsets index ``doc.text``).

    Attributes:
        id: "e1", "e2"... in document order.
        start: Offset of the first trigger.
        end: Offset after the first trigger.
        evidence_start: Offset of the sentence of the first trigger.
        evidence_end: Offset after that sentence.
        type: ACLED event type (or "Other developments").
        subtype: Sub-type key of ``event_types.json`` ("air_drone_strike").
        plover: PLOVER event type ("ASSAULT").
        actors: Who did it.
        targets: Who or what it was done to.
        place_start: Offset of the place mention, or None.
        place_end: Offset after it, or None.
        place_name: Name of the place (canonical when the places component ran).
        place_index: Index into ``doc._.claimwire_places`` when the places component ran.
        date_start: Offset of the date mention, or None.
        date_end: Offset after it, or None.
        date_index: Index into ``doc._.claimwire_dates`` when the dates component ran.
        date_method: How the date was chosen: "attached", "sentence", "paragraph" or None.
        figures: Offsets (start, end) of linked figures (from the figures component).
        figure_indices: Their indices into ``doc._.claimwire_figures``.
        claim_id: Id of the claim that reports it (claims component), or None.
        status: "new" or "background".
        negated: The event is said not to have happened.
        hypothetical: Threatened, planned, conditional or modal.
        mentions: Offsets of every trigger merged into this event.
    """

    id: str
    start: int
    end: int
    evidence_start: int
    evidence_end: int
    type: str
    subtype: str
    plover: str
    actors: tuple[Participant, ...] = ()
    targets: tuple[Participant, ...] = ()
    place_start: int | None = None
    place_end: int | None = None
    place_name: str | None = None
    place_index: int | None = None
    date_start: int | None = None
    date_end: int | None = None
    date_index: int | None = None
    date_method: str | None = None
    figures: tuple[tuple[int, int], ...] = ()
    figure_indices: tuple[int, ...] = ()
    claim_id: str | None = None
    status: str = "new"
    negated: bool = False
    hypothetical: bool = False
    mentions: tuple[tuple[int, int], ...] = ()


# ---------------------------------------------------------------- small helpers


def _keys(token: Token) -> tuple[str, ...]:
    lower = token.lower_
    irregular = _irregular().get(lower)
    if irregular:
        return token.lemma_.lower(), lower, irregular
    return token.lemma_.lower(), lower


@lru_cache(maxsize=1)
def _irregular() -> dict[str, str]:
    """Inflected forms the small model's lemmatizer gets wrong ('retook', 'raped')."""
    return dict(ontology()["irregular_forms"])


_LAST_KEYS: list[Any] = [None, []]


def _doc_keys(doc: Doc) -> list[tuple[str, ...]]:
    """:func:`_keys` of every token of ``doc``, computed once per document."""
    if _LAST_KEYS[0] is not doc:
        _LAST_KEYS[0], _LAST_KEYS[1] = doc, [_keys(t) for t in doc]
    keys: list[tuple[str, ...]] = _LAST_KEYS[1]
    return keys


def _phrase_at(doc: Doc, i: int, words: tuple[str, ...], limit: int) -> bool:
    if i + len(words) <= limit and _consecutive(doc, i, words):
        return True
    return _separated_particle(doc, i, words)


def _consecutive(doc: Doc, i: int, words: tuple[str, ...]) -> bool:
    keys = _doc_keys(doc)
    return i + len(words) <= len(keys) and all(words[k] in keys[i + k] for k in range(len(words)))


def _separated_particle(doc: Doc, i: int, words: tuple[str, ...]) -> bool:
    """'drove the militants out', 'shot it down': a phrasal verb split by its object."""
    if len(words) != 2 or words[1] not in PARTICLES or words[0] not in _doc_keys(doc)[i]:
        return False
    return any(c.lower_ == words[1] and c.i > i + 1 for c in doc[i].children)


def _has_any(sent_words: set[str], sent_text: str, cues: Iterable[str]) -> bool:
    for cue in cues:
        if " " in cue or "-" in cue or "'" in cue:
            if cue in sent_text:
                return True
        elif cue in sent_words:
            return True
    return False


def _sentence_words(sent: Span) -> tuple[set[str], str]:
    words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    lemma_text = " ".join(t.lemma_.lower() for t in sent)
    return words, f"{sent.text.lower()} || {lemma_text}"


def _argument_tokens(token: Token) -> list[Token]:
    """Objects, passive subjects, prepositional objects and modifiers of a trigger."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass", "attr", "poss", "compound", "npadvmod", "oprd"}:
            found.append(child)
        elif child.dep_ in {"prep", "agent"} or child.dep_ == "prt":
            found.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "nsubj" and token.pos_ == "VERB":
            found.append(child)
    for arg in list(found):
        found.extend(c for c in arg.children if c.dep_ in {"compound", "amod", "conj"})
        found.extend(g for c in arg.children if c.dep_ == "prep" for g in c.children)
    return found


def _object_ok(
    doc: Doc, mention_tokens: list[Token], words: Sequence[str], forbidden: Sequence[str] = ()
) -> bool:
    """Whether the trigger's object phrase names one of ``words`` and none of ``forbidden``."""
    wanted, unwanted = set(words), set(forbidden)
    heads = _object_heads(mention_tokens)
    heads += [c for h in heads for c in h.children if c.dep_ in {"conj", "appos", "compound"}]
    if any(noun_keys(h) & unwanted for h in heads):
        return False  # the object itself, not a noun nested in its phrase
    found = False
    for part in _object_phrases(mention_tokens):
        keys = noun_keys(part)
        if keys & wanted or ("city" in wanted and part.dep_ != "compound" and toponym_like(part)):
            found = True
        elif "city" in wanted and part.dep_ == "dobj" and part.pos_ == "PROPN":
            found = True  # "recaptured Palmyra", whatever the model's entity label
    return found


def _object_phrases(mention_tokens: list[Token]) -> list[Token]:
    """Tokens of the object phrases of a trigger (no doer, no embedded clause)."""
    return [t for head in _object_heads(mention_tokens) for t in phrase_tokens(head)]


def _object_heads(mention_tokens: list[Token]) -> list[Token]:
    """Head nouns of the objects of a trigger: object, passive subject, 'of'/'over' objects."""
    found: list[Token] = []
    for token in mention_tokens:
        for child in token.children:
            heads: list[Token] = []
            if child.dep_ in {"dobj", "nsubjpass", "attr", "oprd"} or (
                child.dep_ == "nsubj" and token.pos_ != "VERB"
            ):
                heads.append(child)
            elif child.dep_ in {"prep", "prt"} and child.lower_ in OBJECT_PREPS:
                heads.extend(g for g in child.children if g.dep_ == "pobj")
                heads.extend(
                    g
                    for c in child.children
                    if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS
                    for g in c.children
                    if g.dep_ == "pobj"
                )
            elif child.dep_ == "nsubj" and not any(c.dep_ == "dobj" for c in token.children):
                heads.append(child)  # "the city fell"
            found.extend(heads)
    return found


# ---------------------------------------------------------------- trigger mentions


def _entry_applies(
    entry: dict[str, Any],
    phrase: str,
    tokens: list[Token],
    root: Token,
    context: tuple[set[str], str],
) -> bool:
    words, text = context
    if root.ent_type_ in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"}:
        return False  # "26 March" is a date, not a march
    allowed: list[str] = entry.get("pos") or []
    single = len(tokens) == 1
    proper_noun = root.pos_ == "PROPN" and bool(allowed) and "NOUN" in allowed
    if single and allowed and root.pos_ not in allowed and not proper_noun:
        return False
    if single and entry.get("tags") and root.tag_ not in entry["tags"]:
        return False
    if entry.get("requires") and not _has_any(words, text, entry["requires"]):
        return False
    if entry.get("forbids") and _has_any(words, text, entry["forbids"]):
        return False
    extra = entry.get("requires_for", {}).get(phrase)
    if extra and not _has_any(words, text, extra):
        return False
    extra = entry.get("forbids_for", {}).get(phrase)
    if extra and _has_any(words, text, extra):
        return False
    if entry.get("requires_object"):
        return _object_ok(
            root.doc, [*tokens, root], entry["requires_object"], entry.get("forbids_object", ())
        )
    if entry.get("property"):
        return _property_target(tokens, root)
    return True


def _property_target(tokens: list[Token], root: Token) -> bool:
    """Destruction counts as an event when property is hit, not a tally of lost equipment."""
    property_words = _class_words("property")
    for token in [*tokens, root]:
        for arg in _argument_tokens(token):
            if arg.lemma_.lower() in property_words and not _counted(arg):
                return True
    return False


@lru_cache(maxsize=8)
def _class_words(name: str) -> frozenset[str]:
    return frozenset(ontology()["target_classes"][name])


def _counted(token: Token) -> bool:
    return token.pos_ == "NUM" or any(c.dep_ == "nummod" for c in token.children)


def _anchor(root: Token) -> Token:
    """The token owning a trigger's arguments: a light verb for 'launched an attack'."""
    if root.pos_ in {"NOUN", "PROPN"} and root.dep_ in {"dobj", "nsubjpass"}:
        head = root.head
        if head.lemma_.lower() in LIGHT_VERBS:
            return head
    return root


def find_mentions(doc: Doc, sents: Sequence[Span] | None = None) -> list[Mention]:
    """Every trigger of the lexicon in ``doc`` that passes its context checks.

    Args:
        doc: A parsed document.

    Returns:
        Mentions in document order, one per trigger (the longest and heaviest match wins).
    """
    index = trigger_index()
    found: list[Mention] = []
    for s_index, sent in enumerate(sents if sents is not None else doc.sents):
        context = _sentence_words(sent)
        stopped = _stopped(doc, sent)
        i = sent.start
        while i < sent.end:
            if i in stopped:
                i += 1
                continue
            best: Mention | None = None
            length = 1
            for key in dict.fromkeys(_doc_keys(doc)[i]):
                for words, entry in index.get(key, ()):
                    if not _phrase_at(doc, i, words, sent.end):
                        continue
                    size = len(words) if _consecutive(doc, i, words) else 1
                    tokens = list(doc[i : i + size])
                    root = doc[i : i + size].root
                    phrase = " ".join(words)
                    if not _entry_applies(entry, phrase, tokens, root, context):
                        continue
                    weight = float(entry.get("weight", 1)) + 0.01 * len(words)
                    if best is None or weight > best.weight:
                        length = size
                        best = Mention(
                            start=doc[i].idx,
                            end=doc[i + size - 1].idx + len(doc[i + size - 1]),
                            lemma=phrase,
                            subtype=entry["subtype"],
                            weight=weight,
                            root=root.i,
                            anchor=_anchor(root).i,
                            sentence=s_index,
                            eventive=_eventive(root, entry),
                            generic=bool(entry.get("generic")),
                        )
            if best is not None:
                found.append(best)
                i += length
            else:
                i += 1
    return found


@lru_cache(maxsize=1)
def _stop_phrases() -> tuple[tuple[str, ...], ...]:
    return tuple(phrase_words(p) for p in ontology()["stop_phrases"])


def _stopped(doc: Doc, sent: Span) -> set[int]:
    """Token indices inside phrases that are never triggers ("according to")."""
    index = _stop_index()
    keys = _doc_keys(doc)
    found: set[int] = set()
    for i in range(sent.start, sent.end):
        for key in keys[i]:
            for words in index.get(key, ()):
                if _consecutive(doc, i, words) and i + len(words) <= sent.end:
                    found.update(range(i, i + len(words)))
    return found


@lru_cache(maxsize=1)
def _stop_index() -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for words in _stop_phrases():
        index.setdefault(words[0], []).append(words)
    return index


def _eventive(root: Token, entry: dict[str, Any]) -> bool:
    """Whether a trigger occurrence reports an event rather than naming a kind of one."""
    if root.dep_ == "compound" and root.head.pos_ in {"NOUN", "PROPN"}:
        return False  # "post bombing assessment", "the strike force"
    if root.dep_ == "amod" or (root.dep_ == "acl" and root.tag_ == "VBN"):
        return False  # "wounded soldiers", "children injured and killed in attacks"
    if root.dep_ == "attr" and root.head.lemma_ == "be":
        return False  # "it is a battle for control": a characterization
    if root.pos_ == "NOUN" and root.tag_ in {"NNS", "NNPS"}:
        determined = any(c.dep_ in {"det", "poss", "nummod"} for c in root.children)
        specific = any(c.dep_ == "prep" and c.lower_ in {"in", "on", "at"} for c in root.children)
        if not determined and not specific and not entry.get("protest"):
            return False  # "casualties of attacks": a generic plural
    return True


# ---------------------------------------------------------------- typing


def _instrument(tokens: Iterable[Token], near: int | None = None) -> str | None:
    """The sub-type of the instrument cue among ``tokens`` nearest to character ``near``.

    Ties (and ``near=None``) go to the order of ``instruments`` in the ontology.
    """
    tokens = sorted(tokens, key=lambda t: t.i)
    if not tokens:
        return None
    keys = _doc_keys(tokens[0].doc)
    index = _instrument_index()
    best: tuple[int, int, str] | None = None
    for k, token in enumerate(tokens):
        for key in keys[token.i]:
            for words, rank, subtype in index.get(key, ()):
                if k + len(words) > len(tokens) or not all(
                    words[j] in keys[tokens[k + j].i] for j in range(1, len(words))
                ):
                    continue
                distance = 0 if near is None else abs(token.idx - near)
                if best is None or (distance, rank) < best[:2]:
                    best = (distance, rank, subtype)
    return best[2] if best else None


@lru_cache(maxsize=1)
def _instrument_index() -> dict[str, list[tuple[tuple[str, ...], int, str]]]:
    index: dict[str, list[tuple[tuple[str, ...], int, str]]] = {}
    for rank, cue in enumerate(ontology()["instruments"]):
        for phrase in cue["match"]:
            words = phrase_words(phrase)
            index.setdefault(words[0], []).append((words, rank, str(cue["subtype"])))
    return index


def _target_class(doc: Doc, mention: Mention) -> str | None:
    """The class of what the trigger is done to: protesters, civilians, forces, property."""
    classes = target_classes()
    tokens = [doc[mention.anchor], doc[mention.root]]
    on_phrases = [
        g
        for t in tokens
        for c in t.children
        if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
        for g in c.children
        if g.dep_ == "pobj"
    ]
    phrase = _object_phrases(tokens) + [p for g in on_phrases for p in phrase_tokens(g)]
    for token in phrase:
        kind = classes.get(token.lemma_.lower())
        if kind in {"protesters", "civilians", "forces", "property"}:
            return kind
    return None


def _refine(doc: Doc, mention: Mention, sent: Span) -> str:
    """The sub-type of a mention after instrument, target and territory cues."""
    entries = ontology()["subtypes"]
    subtype = mention.subtype
    generic = _generic(mention)
    anchor = doc[mention.anchor]
    own = range(mention.start, mention.end)
    if not generic and subtype in ontology()["instrumental_subtypes"]:
        subjects = [c for c in anchor.children if c.dep_ in SUBJECT_DEPS or c.dep_ == "agent"]
        found = _instrument((t for c in subjects for t in c.subtree), mention.start)
        if found:
            return found
    explosive = family(subtype) == "Explosions/Remote violence" and not generic
    if explosive and _instrument(t for t in anchor.subtree if t.idx not in own) == CHEMICAL:
        return CHEMICAL  # "shelled with mortars filled with chlorine"
    if generic:
        # what was attacked is no instrument: "an attack on the air force headquarters"
        heads = _target_heads(anchor) + _target_heads(doc[mention.root])
        skip = set(own) | {t.idx for head in heads for t in head.subtree}
        found = _instrument((t for t in anchor.subtree if t.idx not in skip), mention.start)
        if found is None and doc[mention.root].pos_ != "VERB":
            found = _instrument((t for t in sent if t.idx not in skip), mention.start)
        if found:
            return found
        if entries[subtype]["type"] == "Explosions/Remote violence":
            return subtype
        target = _target_class(doc, mention)
        if target == "protesters":
            return "excessive_force_against_protesters"
        if target == "property" and not _has_any(
            *_sentence_words(sent), ontology()["protest_cues"]["excessive_force"]
        ):
            return "looting_property_destruction"  # property hit, nobody hurt
        if target in {"civilians", "property"}:
            return "attack"
        if target == "forces":
            return "armed_clash"
        if _one_sided_agent(anchor):
            return "attack"
    return subtype


def _target_heads(anchor: Token) -> list[Token]:
    """Heads of the phrases naming what a trigger is done to: ``on`` / ``against`` phrases
    and an object of a target class ("attacked the air force base"; not "detonated a
    suicide vest", whose object is the instrument)."""
    classes = target_classes()
    found = [c for c in anchor.children if c.dep_ == "dobj" and c.lemma_.lower() in classes]
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
            found.extend(g for g in child.children if g.dep_ == "pobj")
    return found


def _one_sided_agent(anchor: Token) -> bool:
    """'Gunmen opened fire', 'a shooting': violence that names no armed opponent."""
    cues = set(ontology()["one_sided_cues"])
    subjects = [c for c in anchor.children if c.dep_ in SUBJECT_DEPS] + [
        c for c in anchor.children if c.dep_ in {"compound", "amod"}
    ]
    return any(t.lemma_.lower() in cues or t.lower_ in cues for c in subjects for t in c.subtree)


def _generic(mention: Mention) -> bool:
    return mention.generic


def _territory(mention: Mention, actors: list[Participant]) -> str:
    """Government regains vs non-state actor overtakes, from the actor when known."""
    kinds = {a.type for a in actors}
    if kinds & {"state_forces", "police"}:
        return "government_regains_territory"
    if kinds & {"rebel", "militia"}:
        return "non_state_actor_overtakes_territory"
    return mention.subtype


def _protest_subtype(sent: Span) -> str:
    """Violent demonstration, excessive force, intervention or peaceful (see protest_cues)."""
    cues = ontology()["protest_cues"]
    context = _sentence_words(sent)
    if _has_any(*context, cues["violent_phrases"]) or _protesters_act_violently(sent):
        return "violent_demonstration"
    if _has_any(*context, cues["excessive_force"]):
        return "excessive_force_against_protesters"
    if _has_any(*context, cues["intervention"]):
        return "protest_with_intervention"
    return "peaceful_protest"


def _protesters_act_violently(sent: Span) -> bool:
    """A violent verb ('threw', 'torched', 'clashed') whose subject names protesters."""
    cues = ontology()["protest_cues"]
    verbs, people = set(cues["violent_verbs"]), set(cues["protester_words"])
    for token in sent:
        if token.pos_ != "VERB" or token.lemma_.lower() not in verbs:
            continue
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if not subjects:
            subjects = inherited_subject(token)
        if any(noun_keys(t) & people for c in subjects for t in c.subtree):
            return True
    return False


def _protest_context(doc: Doc, mention: Mention, sent: Span) -> bool:
    """Whether the sentence reports the protest itself, not arrests before or about one."""
    cues = ontology()["protest_cues"]
    if _has_any(*_sentence_words(sent), cues["not_at_protest"]):
        return False
    return not any(t.dep_ == "relcl" for t in doc[mention.root].ancestors)


PROTEST_ABSORBS = frozenset(
    {"arrests", "armed_clash", "attack", "looting_property_destruction", "change_to_group_activity"}
)


def _type_sentence(doc: Doc, mentions: list[Mention], sent: Span) -> list[Mention]:
    """Refine the sub-types of one sentence's mentions; a protest absorbs its repression."""
    protest = [m for m in mentions if m.subtype in {"peaceful_protest", "violent_demonstration"}]
    typed: list[Mention] = []
    if protest and any(_protest_context(doc, m, sent) for m in protest):
        kind = _protest_subtype(sent)
        if any(m.subtype == "violent_demonstration" for m in protest) and kind in {
            "peaceful_protest",
            "protest_with_intervention",
        }:
            kind = "violent_demonstration"
        for m in mentions:
            if m.subtype in {"peaceful_protest", "violent_demonstration"}:
                typed.append(replace(m, subtype=kind))
            elif m.subtype in PROTEST_ABSORBS or _generic(m):
                continue
            else:
                typed.append(m)
        return typed
    typed = [replace(m, subtype=_refine(doc, m, sent)) for m in mentions]
    if any(m.subtype in {"natural_disaster", "man_made_disaster"} for m in typed):
        casualties = set(ontology()["casualty_lemmas"])
        typed = [m for m in typed if m.lemma not in casualties]  # the toll of the disaster
    if protest:  # an anticipated or past protest, not this one
        starts = {m.start for m in protest}
        typed = [replace(m, eventive=False) if m.start in starts else m for m in typed]
    withdrawal = set(ontology()["withdrawal_lemmas"])
    if any(m.lemma in withdrawal and not any(_irrealis(doc, m)) for m in typed):
        # "IS seized Palmyra after the army pulled out": territory changed hands unopposed
        typed = [
            replace(m, subtype="non_violent_transfer_of_territory") if _is_territory(m) else m
            for m in typed
        ]
    kinds = {m.subtype for m in typed}
    if "disrupted_weapons_use" in kinds:
        # "explosive devices were found / defused": the weapons did not go off
        typed = [
            m
            for m in typed
            if family(m.subtype) != "Explosions/Remote violence"
            or (doc[m.root].pos_ == "VERB" and doc[m.root].dep_ not in {"amod", "acl"})
        ]
    if "responsibility_claim" in kinds:
        # "IS claimed responsibility for the bombing": the claim is the news
        top = max(_salience(doc[m.root]) for m in typed if m.subtype == "responsibility_claim")
        typed = [
            m
            for m in typed
            if not (
                _violent(m.subtype) and doc[m.root].pos_ == "NOUN" and _salience(doc[m.root]) <= top
            )
        ]
    return typed


def _violent(subtype: str) -> bool:
    return family(subtype) in {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
    }


# ---------------------------------------------------------------- status and irrealis


def _clause_tokens(doc: Doc, mention: Mention) -> list[Token]:
    anchor = doc[mention.anchor]
    return [anchor, *anchor.ancestors][:4]


def _irrealis(doc: Doc, mention: Mention) -> tuple[bool, bool]:
    """(negated, hypothetical) of a mention, from its clause and the verbs above it."""
    cues = ontology()["irrealis_cues"]
    modals = set(cues["modals"]) | set(cues["future"])
    plans = set(cues["plan_verbs"])
    negated = hypothetical = False
    chain = _clause_tokens(doc, mention)
    for depth, token in enumerate(chain):
        children = list(token.children)
        if depth <= 1 and any(c.dep_ == "neg" for c in children):
            negated = True
        if depth == 0 and any(c.dep_ == "det" and c.lower_ == "no" for c in children):
            negated = True  # "no fighting was reported"
        if token.lemma_.lower() in cues["denial_verbs"] and depth > 0:
            negated = True
        if any(c.dep_ == "aux" and c.lower_ in modals for c in children) and depth <= 1:
            hypothetical = True
        if depth > 0 and token.lemma_.lower() in plans:
            hypothetical = True
        if any(c.dep_ == "mark" and c.lower_ in cues["conditional"] for c in children):
            hypothetical = True
        if token.dep_ not in CLAUSE_DEPS and depth > 0:
            break
    return negated, hypothetical


def _background_cue(doc: Doc, mention: Mention) -> bool:
    cues = ontology()["background_cues"]
    anchor = doc[mention.anchor]
    root = doc[mention.root]
    path = [anchor, *list(anchor.ancestors)[:2]]
    for k, token in enumerate(path):
        if any(c.dep_ in {"mark", "prep"} and c.lower_ in cues["since"] for c in token.children):
            return True
        if not k or root.pos_ not in {"NOUN", "PROPN"}:
            continue
        lemma, below = token.lemma_.lower(), path[k - 1]
        if lemma in cues["comparison_verbs"]:
            return below.dep_ not in {"nsubj", "nsubjpass", "csubj"}
        if lemma in cues["comparison_to_verbs"] and below.dep_ == "prep":
            return below.lower_ in {"to", "with"}
    sub = list(anchor.subtree)
    text = " ".join(t.lower_ for t in sub)
    return any(cue in text for cue in cues["relative"])


def _historical(doc: Doc, mention: Mention, date: Located | None) -> bool:
    if date is not None and date.granularity in {"century", "decade"}:
        return True
    anchor = doc[mention.anchor]
    words = [t.lower_ for t in anchor.subtree]
    for k, word in enumerate(words):
        if word in {"century", "centuries"} and k and words[k - 1][:1].isdigit():
            return True
    return False


def _is_past(value: Any, published: Any) -> bool:
    start, end = value if isinstance(value, tuple) else (None, None)
    last = end or start
    if last is None or published is None:
        return False
    days = ontology()["background_cues"]["background_days"]
    return bool((published - last).days > days)


# ---------------------------------------------------------------- assembling events


def find(doc: Doc, *, keep_irrealis: bool = False) -> list[EventHit]:
    """The events of a parsed document.

    Args:
        doc: A document processed by the English pipeline (and, optionally, by the
            figures, places, dates and claims components).
        keep_irrealis: Keep threatened, planned, conditional and negated events (flagged).

    Returns:
        Events in document order, with ids "e1", "e2"...
    """
    sents = list(doc.sents)
    typed = typed_mentions(doc, sents)
    typed, caused = _absorb_caused(doc, [m for m in typed if _conflict_relevant(m)])
    typed = [m for m in typed if m.eventive and not _tally(doc, m) and not _running_total(doc, m)]
    drafts = _drafts(doc, typed, sents, keep_irrealis=keep_irrealis, caused=caused)
    return _finish(doc, _against_civilians(merge(drafts)), sents)


def _tally(doc: Doc, mention: Mention) -> bool:
    """'1,432 tanks had been destroyed', '178 of the helicopters were blown up': a loss count."""
    classes = target_classes()
    root = doc[mention.root]
    for child in root.children:
        if child.dep_ not in {"nsubjpass", "dobj", "nsubj"} or not _counted(child):
            continue
        heads = [child, *(g for c in child.children if c.dep_ == "prep" for g in c.children)]
        if any(classes.get(h.lemma_.lower()) == "equipment" for h in heads):
            return True
    return False


def _running_total(doc: Doc, mention: Mention) -> bool:
    """'12 million people have been displaced since the war broke out': a total counted
    since a start, not an event of the report."""
    root = doc[mention.root]
    if mention.lemma not in {*ontology()["casualty_lemmas"], *ontology()["total_lemmas"]}:
        return False
    counted = any(
        c.dep_ in {"nsubj", "nsubjpass"} and (_counted(c) or c.lemma_.lower() in QUANTITY_WORDS)
        for c in root.children
    )
    since = any(
        c.lower_ == "since" and c.dep_ in {"prep", "mark"}
        for t in (root, *(c for c in root.children if c.dep_ == "advcl"))
        for c in t.children
    )
    return counted and since


def _conflict_relevant(mention: Mention) -> bool:
    return bool(ontology()["subtypes"][mention.subtype]["acled"])


def _absorb_caused(doc: Doc, mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """'killed by the invasion', 'the bombing killed 12': the killing is a toll of the other
    event, not an event. Returns (the other mentions, the tolls)."""
    roots = {m.root for m in mentions}
    eventive_roots = {m.root for m in mentions if m.eventive}
    kept, caused = [], []
    for m in mentions:
        root = doc[m.root]
        agent_events = [
            g.i
            for c in root.children
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in {"by", "in"})
            for g in c.children
            if g.dep_ in {"pobj", "pcomp"} and g.i in roots
        ]
        if m.lemma in ontology()["casualty_lemmas"]:  # "the bombing killed 12"
            agent_events += [
                c.i
                for c in root.children
                if c.dep_ in SUBJECT_DEPS and c.i in eventive_roots and c.pos_ == "NOUN"
            ]
        if _generic(m) and (agent_events or _participle_toll(root, m, mentions)):
            caused.append(m)
            continue
        kept.append(m)
    return kept, caused


def _participle_toll(root: Token, mention: Mention, mentions: list[Mention]) -> bool:
    """'an air strike hit a school, killing 11 children': a casualty participle of a
    violent event's verb reports that event's toll, not an event of its own."""
    if mention.lemma not in ontology()["casualty_lemmas"] or root.tag_ != "VBG":
        return False
    if any(c.dep_ in SUBJECT_DEPS for c in root.children):
        return False
    if root.dep_ == "conj" and root.head.tag_ == "VBG":  # '..., killing one and wounding two'
        root = root.head
    if root.dep_ not in {"advcl", "xcomp"}:
        return False
    head = root.head.i
    return any(
        head in {m.root, m.anchor} and m.eventive and _violent(m.subtype)
        for m in mentions
        if m is not mention
    )


def _drafts(
    doc: Doc,
    mentions: list[Mention],
    sents: list[Span],
    *,
    keep_irrealis: bool,
    caused: Sequence[Mention] = (),
) -> list[Draft]:
    actors = find_actor_spans(doc)
    paragraph_of = paragraphs(doc, sents)
    sentence_of = _sentence_lookup(sents)
    anchors = {m.anchor: k for k, m in enumerate(mentions)}
    anchors.update({m.root: k for k, m in enumerate(mentions)})
    actor_tokens = frozenset(k for a in actors for k in range(a.start, a.end))
    places = [
        (p, owner_of(doc, p.start, anchors), sentence_of(p.start))
        for p in places_of(doc, actor_tokens)
    ]
    dates = [(d, owner_of(doc, d.start, anchors), sentence_of(d.start)) for d in dates_of(doc)]
    published = doc.user_data.get("claimwire.published")
    drafts: list[Draft] = []
    tolls = [(m, *_toll_roles(doc, m, actors)) for m in caused]
    for k, mention in enumerate(mentions):
        ancestors = {anchors[t.i] for t in doc[mention.anchor].ancestors if t.i in anchors}
        found_actors, targets, historical = roles(doc, mention.root, mention.anchor, actors)
        cued = _background_cue(doc, mention)
        place = choose(k, mention.start, mention.sentence, places, ancestors, paragraph_of)
        date = choose(k, mention.start, mention.sentence, dates, ancestors, paragraph_of)
        if cued and date is not None and date[1] != "attached" and doc[mention.root].pos_ == "NOUN":
            date = _attached_in_clause(doc, mention, dates, date)
        if historical or _historical(doc, mention, date[0] if date else None):
            continue
        negated, hypothetical = _irrealis(doc, mention)
        if (negated or hypothetical) and not keep_irrealis:
            continue
        if _bare_casualty(mention, found_actors, place):
            tolls.append((mention, targets, []))
            continue
        if mention.lemma in _country_scope():
            place = _country_place(place, [p for p, owner_of, _s in places])
        subtype = mention.subtype
        if _is_territory(mention):
            subtype = _territory(mention, found_actors)
        status = "new"
        if cued or (date and _is_past(date[0].value, published)):
            status = "background"
        draft = Draft(
            mention=mention,
            subtype=subtype,
            actors=found_actors,
            targets=targets,
            status=status,
            negated=negated,
            hypothetical=hypothetical,
            mentions=[mention],
            sentences={mention.sentence},
            paragraph=paragraph_of[mention.sentence],
        )
        if place:
            located, how = place
            draft.place = (located.start, located.end, located.name, located.index)
            draft.place_info = located
            draft.place_attached = how == "attached"
        if date:
            located, how = date
            draft.date = (located.start, located.end, located.index, how)
            draft.date_value = located.value if located.value is not None else located.name
        drafts.append(draft)
    _absorb_tolls(drafts, tolls, paragraph_of)
    return drafts


def _toll_roles(
    doc: Doc, mention: Mention, actors: list[ActorSpan]
) -> tuple[list[Participant], list[Participant]]:
    """(victims, doers) of a toll; its doers only from its own subject ('X kill 12 in an
    attack'), never from a reporting verb above it ('the army said four were wounded')."""
    doers, victims, _historical = roles(doc, mention.root, mention.anchor, actors)
    if not any(c.dep_ == "nsubj" for c in doc[mention.root].children):
        doers = []
    return victims, doers


def _absorb_tolls(
    drafts: list[Draft],
    tolls: list[tuple[Mention, list[Participant], list[Participant]]],
    paragraph_of: list[int],
) -> None:
    """'A bomb exploded, killing three soldiers', '... Seven people died.': a toll joins the
    violent event of its sentence, else the latest one of its paragraph at most
    ``MAX_MERGE_DISTANCE`` sentences before; its victims become that event's targets, and
    its doers the actors of an event that names none (it makes no event of its own)."""
    for mention, victims, doers in tolls:
        here = mention.sentence
        candidates = [
            d
            for d in drafts
            if _violent(d.subtype)
            and d.paragraph == paragraph_of[here]
            and 0 <= here - min(d.sentences) <= MAX_MERGE_DISTANCE
            and (here in d.sentences or max(d.sentences) < here)
        ]
        same = [d for d in candidates if here in d.sentences]
        owner = same[0] if same else max(candidates, key=lambda d: max(d.sentences), default=None)
        if owner is not None:
            owner.mentions.append(mention)
            owner.sentences.add(here)
            owner.targets = unique_participants([*owner.targets, *victims])
            if not owner.actors:  # 'RSF fighters kill dozens in attack on a camp'
                owner.actors = [d for d in doers if d.name not in {v.name for v in victims}]


def _attached_in_clause(
    doc: Doc,
    mention: Mention,
    dates: list[tuple[Located, int | None, int]],
    chosen: tuple[Located, str],
) -> tuple[Located, str] | None:
    """For a nominal in a comparison ('echoed the fall of X last month'), only a date of the
    comparing clause counts: the sentence's other dates belong to the news of the day."""
    head = doc[mention.anchor].head
    inside = {t.idx for t in head.subtree}
    own = [d for d, owner_of, _s in dates if d.start in inside]
    if chosen[0] in own:
        return chosen
    return None


def _bare_casualty(
    mention: Mention, actors: list[Participant], place: tuple[Located, str] | None
) -> bool:
    """'hundreds were wounded': a toll with no actor, instrument or own place is a figure."""
    if mention.lemma not in ontology()["casualty_lemmas"] or actors:
        return False
    if family(mention.subtype) == "Explosions/Remote violence":
        return False
    return place is None or place[1] != "attached"


@lru_cache(maxsize=1)
def _country_scope() -> frozenset[str]:
    return frozenset(
        " ".join(phrase_words(p))
        for e in ontology()["triggers"]
        if e.get("scope") == "country"
        for p in e["match"]
    )


def _country_place(
    place: tuple[Located, str] | None, candidates: list[Located]
) -> tuple[Located, str] | None:
    """An invasion happens in a country: its own 'of X', else the country of nearby places.

    The country's own mention in the article is used when there is one ("west Ukraine"),
    so the event points at a place record; else the event has the country's name only.
    """
    if place is None or place[1] == "attached":
        return place
    code = place[0].country
    if not code:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    name = getattr(country, "common_name", None) or country.name
    for candidate in candidates:
        if candidate.country == code and candidate.name.lower() in {
            name.lower(),
            country.name.lower(),
        }:
            return candidate, "country"
    return Located(-1, -1, name, None, country=code), "country"  # no mention of its own


@lru_cache(maxsize=1)
def _territory_lemmas() -> frozenset[str]:
    entries = [e for e in ontology()["triggers"] if e.get("territory")]
    return frozenset(" ".join(phrase_words(p)) for e in entries for p in e["match"])


def _is_territory(mention: Mention) -> bool:
    return mention.lemma in _territory_lemmas() and mention.subtype in {
        "government_regains_territory",
        "non_state_actor_overtakes_territory",
    }


def _sentence_lookup(sents: list[Span]) -> Any:
    starts = [s.start_char for s in sents]

    def sentence_of(offset: int) -> int:
        low, high = 0, len(starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low

    return sentence_of


def _against_civilians(drafts: list[Draft]) -> list[Draft]:
    """'Fighters stormed a displacement camp, killing 40 civilians': an armed clash needs
    two armed sides; one whose only targets are civilians or civilian sites (camps,
    schools, markets: ``civilian_sites``), and that names at most one armed actor, is
    violence against civilians. Done after merging, on all the event's participants."""
    for draft in drafts:
        targets = draft.targets
        if (
            draft.subtype == "armed_clash"
            and draft.mention.lemma not in _country_scope()  # an invasion: a war of states
            and targets
            and all(map(_civilian_target, targets))
            and len({a.name for a in draft.actors if a.type in ARMED_TYPES}) < 2
        ):
            draft.subtype = "attack"
    return drafts


def _civilian_target(target: Participant) -> bool:
    if target.type == "civilians":
        return True
    name = target.name.lower()
    return any(name == site or name.endswith(" " + site) for site in ontology()["civilian_sites"])


def _finish(doc: Doc, drafts: list[Draft], sents: list[Span]) -> list[EventHit]:
    subtypes = ontology()["subtypes"]
    figures = component_hits(doc, "figures") or []
    measures = set(ontology()["figure_measures"])
    claims = component_hits(doc, "claims")
    claim_for_offset = _claim_lookup() if claims else None
    hits: list[EventHit] = []
    for number, draft in enumerate(drafts, start=1):
        first = draft.mention
        sent = sents[first.sentence]
        spans = [(sents[k].start_char, sents[k].end_char) for k in draft.sentences]
        linked = [
            (i, f)
            for i, f in enumerate(figures)
            if getattr(f, "measure", None) in measures and any(a <= f.start < b for a, b in spans)
        ]
        claim_id = None
        if claim_for_offset is not None:
            claim = claim_for_offset(claims, first.start)
            claim_id = getattr(claim, "id", None) if claim is not None else None
        place = draft.place
        date = draft.date
        hits.append(
            EventHit(
                id=f"e{number}",
                start=first.start,
                end=first.end,
                evidence_start=sent.start_char,
                evidence_end=sent.end_char,
                type=subtypes[draft.subtype]["type"],
                subtype=draft.subtype,
                plover=subtypes[draft.subtype]["plover"],
                actors=tuple(draft.actors),
                targets=tuple(draft.targets),
                place_start=place[0] if place and place[0] >= 0 else None,
                place_end=place[1] if place and place[1] >= 0 else None,
                place_name=place[2] if place else None,
                place_index=place[3] if place else None,
                date_start=date[0] if date else None,
                date_end=date[1] if date else None,
                date_index=date[2] if date else None,
                date_method=date[3] if date else None,
                figures=tuple((f.start, f.end) for _, f in linked),
                figure_indices=tuple(i for i, _ in linked),
                claim_id=claim_id,
                status=draft.status,
                negated=draft.negated,
                hypothetical=draft.hypothetical,
                mentions=tuple((m.start, m.end) for m in draft.mentions),
            )
        )
    return hits


def _claim_lookup() -> Any:
    """``claims.claim_for_offset`` when the claims component is installed, else None."""
    from importlib import import_module
    from importlib.util import find_spec

    if find_spec("claimwire.components.claims") is None:
        return None
    return getattr(import_module("claimwire.components.claims"), "claim_for_offset", None)


# ---------------------------------------------------------------- snippet typing


def typed_mentions(doc: Doc, sents: Sequence[Span] | None = None) -> list[Mention]:
    """Every trigger mention of ``doc`` with its sub-type refined in its sentence.

    Unlike :func:`find`, nothing is merged or dropped for being generic, irrealis or
    past: this is the trigger-level view the benches score.

    Args:
        doc: A parsed document.
        sents: ``list(doc.sents)``, when the caller has it already.
    """
    sents = list(doc.sents) if sents is None else sents
    mentions = find_mentions(doc, sents)
    typed: list[Mention] = []
    for s_index, sent in enumerate(sents):
        in_sentence = [m for m in mentions if m.sentence == s_index]
        if in_sentence:
            typed.extend(_type_sentence(doc, in_sentence, sent))
    return typed


def classify_doc(doc: Doc) -> tuple[str | None, dict[str, float]]:
    """The most likely sub-type of a short text (a snippet), and the score of each.

    Every trigger mention counts, weighted by the lexicon, with the first sentence
    counting half again as much: snippets open with their main event.

    Args:
        doc: A parsed document.

    Returns:
        (best sub-type or None when no trigger matched, scores by sub-type).
    """
    typed = typed_mentions(doc)
    actors = find_actor_spans(doc) if any(_is_territory(m) for m in typed) else []
    scores: dict[str, float] = {}
    for m in typed:
        subtype = m.subtype
        if _is_territory(m):
            subtype = _territory(m, roles(doc, m.root, m.anchor, actors)[0])
        factor = (1.5 if m.sentence == 0 else 1.0) * _salience(doc[m.root])
        if not m.eventive:
            factor *= NON_EVENTIVE_FACTOR
        scores[subtype] = scores.get(subtype, 0.0) + m.weight * factor
    if not scores:
        found = _instrument(doc, None)
        return found, ({found: 1.0} if found else {})
    scores = _one_protest_kind(scores)
    # ties go to the more specific sub-type: an armed clash is the default reading
    return max(scores, key=lambda k: (round(scores[k], 6), k != "armed_clash")), scores


PROTEST_SEVERITY = (
    "violent_demonstration",
    "excessive_force_against_protesters",
    "protest_with_intervention",
    "peaceful_protest",
)


def _one_protest_kind(scores: dict[str, float]) -> dict[str, float]:
    """A snippet reports one protest: its sentences' protest kinds pool into the gravest."""
    kinds = [k for k in PROTEST_SEVERITY if k in scores]
    if len(kinds) < 2:
        return scores
    pooled = dict(scores)
    total = sum(pooled.pop(k) for k in kinds)
    pooled[kinds[0]] = total
    return pooled


def _salience(token: Token) -> float:
    """Main-clause triggers count more than ones buried in modifiers ('scene of an attack')."""
    depth = 0
    while token.head is not token and depth < 4:
        if token.dep_ not in {"conj", "xcomp", "aux", "ccomp"}:
            depth += 1
        token = token.head
    return SALIENCE[min(depth, len(SALIENCE) - 1)]


SALIENCE = (2.0, 1.5, 1.0, 0.6, 0.5)
NON_EVENTIVE_FACTOR = 0.5
"""Weight of a trigger that names a kind of event ('chemical weapons facilities')."""


# ---------------------------------------------------------------- the component


class Events:
    """Finds events and stores them in ``doc._.claimwire_events`` and ``doc.spans``."""

    def __init__(self, name: str = FACTORY, *, keep_irrealis: bool = False) -> None:
        self.name = name
        self.keep_irrealis = keep_irrealis
        ensure_extension(EXTENSION)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, find(doc, keep_irrealis=self.keep_irrealis))
        return doc

    def set_annotations(self, doc: Doc, found: list[EventHit]) -> None:
        """Store the events and a span per trigger labelled with the sub-type."""
        store_hits(
            doc, found, extension=EXTENSION, span_key=SPAN_KEY, label=lambda hit: hit.subtype
        )


@Language.factory(
    FACTORY,
    assigns=[f"doc._.{EXTENSION}", "doc.spans"],
    requires=["token.dep", "token.lemma", "doc.sents"],
    default_config={"keep_irrealis": False},
)
def make_events(nlp: Language, name: str, keep_irrealis: bool) -> Events:
    """Create the events component (spaCy factory ``claimwire_events_v1``)."""
    return Events(name, keep_irrealis=keep_irrealis)
