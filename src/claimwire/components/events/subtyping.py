"""Typing: the sub-type of each trigger mention, refined in its sentence.

Generic triggers ("attack", "kill", "bombing") are refined by instrument cues
("warplanes" -> air/drone strike, "grenade" -> grenade) and by their target (civilians
-> attack on civilians, protesters -> excessive force). A protest in the sentence absorbs
the arrests, killings and clashes around it (protest with intervention, excessive force,
violent demonstration). Territory changes follow their actor (government regains vs
non-state actor overtakes) and a withdrawal makes them non-violent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ...vocab import EventSubtype
from .._base import bounded_subtree
from . import subtypes as st
from .actors import Participant
from .indexes import instrument_index, target_classes
from .lexicon import family, ontology
from .roles import SUBJECT_DEPS, TARGET_PREPS, inherited_subject
from .settings import SUBTREE_CAP
from .status import irrealis
from .syntax import (
    doc_token_keys,
    has_any,
    noun_keys,
    object_phrases,
    phrase_tokens,
    salience,
    sentence_words,
)
from .triggers import Mention, find_mentions, is_territory


def typed_mentions(doc: Doc, sents: Sequence[Span] | None = None) -> list[Mention]:
    """Every trigger mention of ``doc`` with its sub-type refined in its sentence.

    Unlike :func:`claimwire.components.events.find`, nothing is merged or dropped for
    being generic, irrealis or past: this is the trigger-level view the benches score.

    Args:
        doc: A parsed document.
        sents: ``list(doc.sents)``, when the caller has it already.

    Returns:
        The typed mentions, in document order.
    """
    sents = list(doc.sents) if sents is None else sents
    mentions = find_mentions(doc, sents)
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    typed: list[Mention] = []
    for s_index, sent in enumerate(sents):
        in_sentence = by_sentence.get(s_index)
        if in_sentence:
            typed.extend(_type_sentence(doc, in_sentence, sent))
    return typed


def violent(subtype: EventSubtype) -> bool:
    """Whether a sub-type is one of political violence (battles, explosions, attacks)."""
    return family(subtype) in st.VIOLENT_TYPES


def territory(mention: Mention, actors: list[Participant]) -> EventSubtype:
    """Government regains vs non-state actor overtakes, from the actor when known."""
    kinds = {a.type for a in actors}
    if kinds & {"state_forces", "police"}:
        return st.GOVERNMENT_REGAINS
    if kinds & {"rebel", "militia"}:
        return st.NON_STATE_OVERTAKES
    return mention.subtype


def instrument(tokens: Iterable[Token], near: int | None = None) -> EventSubtype | None:
    """The sub-type of the instrument cue among ``tokens`` nearest to character ``near``.

    Ties (and ``near=None``) go to the order of ``instruments`` in the ontology.
    """
    tokens = sorted(tokens, key=lambda t: t.i)
    if not tokens:
        return None
    token_keys = doc_token_keys(tokens[0].doc)
    index = instrument_index()
    best: tuple[int, int, EventSubtype] | None = None
    for k, token in enumerate(tokens):
        for key in token_keys[token.i]:
            for words, rank, subtype in index.get(key, ()):
                if k + len(words) > len(tokens) or not all(
                    words[j] in token_keys[tokens[k + j].i] for j in range(1, len(words))
                ):
                    continue
                distance = 0 if near is None else abs(token.idx - near)
                if best is None or (distance, rank) < best[:2]:
                    best = (distance, rank, subtype)
    return best[2] if best else None


def _type_sentence(doc: Doc, mentions: list[Mention], sent: Span) -> list[Mention]:
    """Refine the sub-types of one sentence's mentions; a protest absorbs its repression."""
    protest = [m for m in mentions if m.subtype in st.PROTEST_TRIGGERS]
    if protest and any(_protest_context(doc, m, sent) for m in protest):
        return _protest_sentence(mentions, protest, sent)
    typed = [replace(m, subtype=_refine(doc, m, sent)) for m in mentions]
    if any(m.subtype in st.DISASTERS for m in typed):
        casualties = set(ontology().casualty_lemmas)
        typed = [m for m in typed if m.lemma not in casualties]  # the toll of the disaster
    if protest:  # an anticipated or past protest, not this one
        starts = {m.start for m in protest}
        typed = [replace(m, eventive=False) if m.start in starts else m for m in typed]
    withdrawal = set(ontology().withdrawal_lemmas)
    if any(m.lemma in withdrawal and not any(irrealis(doc, m)) for m in typed):
        # "IS seized Palmyra after the army pulled out": territory changed hands unopposed
        typed = [
            replace(m, subtype=st.NON_VIOLENT_TRANSFER) if is_territory(m) else m for m in typed
        ]
    kinds = {m.subtype for m in typed}
    if st.DISRUPTED_WEAPONS_USE in kinds:
        # "explosive devices were found / defused": the weapons did not go off
        typed = [
            m
            for m in typed
            if family(m.subtype) != st.EXPLOSIONS
            or (doc[m.root].pos_ == "VERB" and doc[m.root].dep_ not in {"amod", "acl"})
        ]
    if st.RESPONSIBILITY_CLAIM in kinds:
        # "IS claimed responsibility for the bombing": the claim is the news
        top = max(salience(doc[m.root]) for m in typed if m.subtype == st.RESPONSIBILITY_CLAIM)
        typed = [
            m
            for m in typed
            if not (
                violent(m.subtype) and doc[m.root].pos_ == "NOUN" and salience(doc[m.root]) <= top
            )
        ]
    return typed


def _protest_sentence(mentions: list[Mention], protest: list[Mention], sent: Span) -> list[Mention]:
    """The mentions of a sentence that reports a protest: one kind for its protest
    triggers, and the repression and clashes around it absorbed."""
    kind = _protest_subtype(sent)
    if any(m.subtype == st.VIOLENT_DEMONSTRATION for m in protest) and kind in {
        st.PEACEFUL_PROTEST,
        st.PROTEST_WITH_INTERVENTION,
    }:
        kind = st.VIOLENT_DEMONSTRATION
    typed: list[Mention] = []
    for m in mentions:
        if m.subtype in st.PROTEST_TRIGGERS:
            typed.append(replace(m, subtype=kind))
        elif m.subtype in st.PROTEST_ABSORBS or m.generic:
            continue
        else:
            typed.append(m)
    return typed


def _refine(doc: Doc, mention: Mention, sent: Span) -> EventSubtype:
    """The sub-type of a mention after instrument, target and territory cues."""
    subtype = mention.subtype
    anchor = doc[mention.anchor]
    own = range(mention.start, mention.end)
    if not mention.generic and subtype in ontology().instrumental_subtypes:
        subjects = [c for c in anchor.children if c.dep_ in SUBJECT_DEPS or c.dep_ == "agent"]
        found = instrument(
            (t for c in subjects for t in bounded_subtree(c, SUBTREE_CAP)), mention.start
        )
        if found:
            return found
    explosive = family(subtype) == st.EXPLOSIONS and not mention.generic
    if (
        explosive
        and instrument(t for t in bounded_subtree(anchor, SUBTREE_CAP) if t.idx not in own)
        == st.CHEMICAL_WEAPON
    ):
        return st.CHEMICAL_WEAPON  # "shelled with mortars filled with chlorine"
    if mention.generic:
        return _refine_generic(doc, mention, sent)
    return subtype


def _refine_generic(doc: Doc, mention: Mention, sent: Span) -> EventSubtype:
    """A generic trigger ('attack', 'kill') typed by its instrument, else its target."""
    anchor = doc[mention.anchor]
    own = range(mention.start, mention.end)
    # what was attacked is no instrument: "an attack on the air force headquarters"
    heads = _target_heads(anchor) + _target_heads(doc[mention.root])
    skip = set(own) | {t.idx for head in heads for t in bounded_subtree(head, SUBTREE_CAP)}
    near = bounded_subtree(anchor, SUBTREE_CAP)
    found = instrument((t for t in near if t.idx not in skip), mention.start)
    if found is None and doc[mention.root].pos_ != "VERB":
        window = doc[
            max(sent.start, anchor.i - SUBTREE_CAP) : min(sent.end, anchor.i + SUBTREE_CAP)
        ]
        found = instrument((t for t in window if t.idx not in skip), mention.start)
    if found:
        return found
    if family(mention.subtype) == st.EXPLOSIONS:
        return mention.subtype
    target = _target_class(doc, mention)
    if target == "protesters":
        return st.EXCESSIVE_FORCE
    if target == "property" and not has_any(
        *sentence_words(sent), ontology().protest_cues.excessive_force
    ):
        return st.LOOTING_PROPERTY_DESTRUCTION  # property hit, nobody hurt
    if target in {"civilians", "property"}:
        return st.ATTACK
    if target == "forces":
        return st.ARMED_CLASH
    if _one_sided_agent(anchor):
        return st.ATTACK
    return mention.subtype


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
    phrase = object_phrases(tokens) + [p for g in on_phrases for p in phrase_tokens(g)]
    for token in phrase:
        kind = classes.get(token.lemma_.lower())
        if kind in {"protesters", "civilians", "forces", "property"}:
            return kind
    return None


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
    cues = set(ontology().one_sided_cues)
    subjects = [c for c in anchor.children if c.dep_ in SUBJECT_DEPS] + [
        c for c in anchor.children if c.dep_ in {"compound", "amod"}
    ]
    return any(t.lemma_.lower() in cues or t.lower_ in cues for c in subjects for t in c.subtree)


def _protest_subtype(sent: Span) -> EventSubtype:
    """Violent demonstration, excessive force, intervention or peaceful (see protest_cues)."""
    cues = ontology().protest_cues
    context = sentence_words(sent)
    if has_any(*context, cues.violent_phrases) or _protesters_act_violently(sent):
        return st.VIOLENT_DEMONSTRATION
    if has_any(*context, cues.excessive_force):
        return st.EXCESSIVE_FORCE
    if has_any(*context, cues.intervention):
        return st.PROTEST_WITH_INTERVENTION
    return st.PEACEFUL_PROTEST


def _protesters_act_violently(sent: Span) -> bool:
    """A violent verb ('threw', 'torched', 'clashed') whose subject names protesters."""
    cues = ontology().protest_cues
    verbs, people = set(cues.violent_verbs), set(cues.protester_words)
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
    if has_any(*sentence_words(sent), ontology().protest_cues.not_at_protest):
        return False
    return not any(t.dep_ == "relcl" for t in doc[mention.root].ancestors)
