"""Finding the claims of one document: the passes, in order.

1. candidates: direct quotes (:mod:`.direct`), indirect speech (:mod:`.indirect`),
   publications and ``according to`` (:mod:`.according`), pull quotes; a parse claim
   repeating an attributed quote is dropped, and so is everything on a caption line;
2. partial quotes nested in the claim they sit in, speakers resolved (:mod:`.resolution`);
3. the outlet's own claims (:mod:`.outlet`) and the hedge markers (:mod:`.hedges`);
4. ids in text order, claimants frozen, contradictions linked (:mod:`.contradictions`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from .._base import check_deadline
from .according import according_candidates, published_candidate
from .candidate import Candidate, repeats_quote
from .captions import caption_lines, inside
from .context import DocContext
from .contradictions import link_contradictions
from .direct import quote_candidates, signed_candidates
from .headlines import headline_candidates
from .hedges import apply_hedges, unattributed
from .hits import Claimant, ClaimHit
from .indirect import speech_candidate
from .lexicon import cues
from .outlet import outlet_candidates, outlet_name
from .registry import Speakers
from .resolution import nest, resolve
from .syntax import cue_lemma


def find(doc: Doc) -> list[ClaimHit]:
    """Every claim of ``doc``, in text order, ids ``c1``..``cN``.

    Args:
        doc: A parsed document (tagger, parser, NER and the numbers component have run).

    Returns:
        The claims, with character offsets into ``doc.text``.

    Raises:
        MissingComponentError: The numbers component did not process ``doc``.
    """
    ctx = DocContext.of(doc)
    speakers = Speakers()
    captions = caption_lines(ctx.text)
    found = [c for c in candidates(ctx) if not inside(c.start, captions)]
    found.sort(key=lambda c: (c.start, -c.end))
    found = nest(found)
    resolve(ctx, speakers, found, captions)
    found = [
        c for c in found if c.form != "partial" or c.parent is not None or c.resolved is not None
    ]
    found.extend(outlet_candidates(ctx, found, captions))
    found = unattributed(ctx, found, captions)
    found.sort(key=lambda c: (c.start, -c.end))
    apply_hedges(ctx, found)
    return link_contradictions(doc, _number(doc, speakers, found))


def candidates(ctx: DocContext) -> list[Candidate]:
    """Every attribution of the document, speakers still as phrases."""
    found: list[Candidate] = []
    for quote in ctx.quotes:
        found.extend(quote_candidates(ctx, quote))
    publishing = cues().publishing_verbs
    for token in ctx.doc:
        check_deadline(ctx.doc)
        if ctx.in_quote(token.idx):
            continue
        lemma = cue_lemma(token)
        if lemma is not None:
            candidate = speech_candidate(ctx, token, lemma)
            if candidate is not None and not repeats_quote(candidate, found):
                found.append(candidate)
        elif token.lemma_.lower() in publishing:
            candidate = published_candidate(ctx, token)
            if candidate is not None:
                found.append(candidate)
    found.extend(c for c in according_candidates(ctx) if not repeats_quote(c, found))
    found.extend(c for c in signed_candidates(ctx) if not repeats_quote(c, found))
    found.extend(c for c in headline_candidates(ctx) if not _overlaps_any(c, found))
    return found


def _overlaps_any(candidate: Candidate, found: list[Candidate]) -> bool:
    """Whether a claim found another way already covers part of ``candidate``."""
    return any(c.start < candidate.end and candidate.start < c.end for c in found)


def _number(doc: Doc, speakers: Speakers, found: list[Candidate]) -> list[ClaimHit]:
    """The candidates as claims: ids in text order, claimants frozen."""
    ids = {id(c): f"c{k + 1}" for k, c in enumerate(found)}
    claimants = [speaker.freeze() for speaker in speakers.entries]
    outlet = Claimant(outlet_name(doc), "outlet")
    unknown = Claimant("unidentified", "anonymous")
    nobody = Claimant("unattributed", "anonymous")
    hits = []
    for candidate in found:
        if candidate.form == "outlet":
            claimant = outlet
        elif candidate.form == "reported" and candidate.speaker is None:
            claimant = nobody
        elif candidate.resolved is None:
            claimant = unknown
        else:
            claimant = claimants[candidate.resolved]
        parent = ids.get(id(candidate.parent)) if candidate.parent is not None else None
        cue = candidate.cue
        phrase = candidate.speaker if candidate.parent is None else None
        hits.append(
            ClaimHit(
                ids[id(candidate)],
                candidate.start,
                candidate.end,
                cue[0] if cue else None,
                cue[1] if cue else None,
                candidate.form,
                candidate.hedge,
                claimant,
                parent=parent,
                speaker_start=phrase.start_char if phrase is not None else None,
                speaker_end=phrase.end_char if phrase is not None else None,
            )
        )
    return hits
