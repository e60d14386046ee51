"""Pass two: the speaker phrases of the candidates resolved to claimants, in text order.

The people of the article are registered first, so that a pronoun can point back to a
person named anywhere before it; then each speaker phrase is resolved in the order the
speakers are mentioned; nested partial quotes take their parent's claimant, and a quote
going on takes the speaker of the attributed claim before it.
"""

from __future__ import annotations

from .candidate import Candidate, mentioned_at
from .context import DocContext
from .names import owner_of
from .people import register_people
from .registry import Speakers
from .settings import QUOTE_CONTINUATION_MAX_CHARS
from .speakers import resolve_reporting, resolve_speaker


def nest(found: list[Candidate]) -> list[Candidate]:
    """Attach partial quotes to the claim they sit in; drop unattached ones later."""
    for candidate in found:
        if candidate.form != "partial":
            continue
        for outer in found:
            if outer is candidate or outer.form == "partial":
                continue
            if outer.start <= candidate.start and candidate.end <= outer.end:
                candidate.parent = outer
                candidate.speaker = outer.speaker
                candidate.cue = outer.cue
                candidate.hedge = outer.hedge
                break
    return found


def resolve(
    ctx: DocContext, speakers: Speakers, found: list[Candidate], captions: list[tuple[int, int]]
) -> None:
    """Resolve speaker phrases to claimants, in the order the speakers are mentioned.

    Args:
        ctx: The document.
        speakers: The document's claimants, filled in place.
        found: The candidates, nested; their ``resolved`` is set in place.
        captions: Character ranges of lines outside the story.
    """
    register_people(ctx, speakers, captions)
    for k in sorted(range(len(found)), key=lambda k: mentioned_at(found[k])):
        candidate = found[k]
        speaker = candidate.speaker
        if speaker is None or candidate.parent is not None:
            continue
        if candidate.reporting:
            tokens = list(speaker)
            owner = owner_of(tokens, speaker.root)
            candidate.resolved = resolve_reporting(speakers, tokens, owner, speaker.start_char)
        else:
            candidate.resolved = resolve_speaker(speakers, speaker)
    for k in sorted(range(len(found)), key=lambda k: found[k].start):
        candidate = found[k]
        if candidate.parent is not None:
            candidate.resolved = candidate.parent.resolved
        elif candidate.continuation:
            _continue_quote(ctx, found, candidate)


def _continue_quote(ctx: DocContext, found: list[Candidate], candidate: Candidate) -> None:
    """Give a quote going on the speaker of the closest earlier attributed claim.

    A quote that follows a quote in the same paragraph (``"A," said X. "B."``) belongs
    to the same attribution: it takes that attribution's cue and speaker phrase too.
    """
    best = _previous_speaker(found, candidate)
    if best is None:
        return
    candidate.resolved = best.resolved
    if best.quoted and "\n" not in ctx.text[best.end : candidate.start]:
        candidate.cue = best.cue
        candidate.speaker = best.speaker
        candidate.hedge = best.hedge


def _previous_speaker(found: list[Candidate], candidate: Candidate) -> Candidate | None:
    """The closest earlier attributed claim (whose speaker a quote going on takes)."""
    best: Candidate | None = None
    for other in found:
        if other.resolved is None or other.start >= candidate.start or other is candidate:
            continue
        if other.signed:  # a pull quote repeats a quote out of the flow of the text
            continue
        if best is None or other.start > best.start:
            best = other
    if best is None or candidate.start - best.end > QUOTE_CONTINUATION_MAX_CHARS:
        return None
    return best
