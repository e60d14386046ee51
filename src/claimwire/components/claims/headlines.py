"""Attribution in titles and standfirsts, where the source stands apart from the claim.

- ``Provincial governor: floods cut off 3 towns`` (the source, then a colon);
- ``Floods cut off 3 towns: UN report`` and ``Floods cut off 3 towns - governor`` (the
  source after a colon or a dash at the end of a short line).

The phrase must name a source (a person or an organization the NER labels, or a head noun
of a role, an anonymous source, a report, an organization or a group); a place before a
colon is a dateline ("LAGOS: ..."), never a source. The claim is the rest of the line.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from .candidate import Candidate
from .context import DocContext
from .lexicon import claimants, cues
from .settings import HEADLINE_MAX_TOKENS, HEADLINE_SOURCE_MAX_WORDS

LEADING = re.compile(r"^[ \t]*(?P<source>[^:\n]{2,60}?):[ \t]+(?P<claim>\S[^\n]*)$", re.MULTILINE)
"""``Source: claim``, one line."""
TRAILING = re.compile(
    r"^[ \t]*(?P<claim>\S[^\n]*?)(?::|[ \t][-–—])[ \t]+"
    r"(?P<source>[^:\n\-–—]{2,60}?)[ \t]*\.?[ \t]*$",
    re.MULTILINE,
)
"""``claim: source`` or ``claim - source``, one line."""
SOURCE_ENTITIES = frozenset({"PERSON", "ORG"})
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})


def headline_candidates(ctx: DocContext) -> list[Candidate]:
    """Claims of short lines whose source stands before a colon or after a colon or dash."""
    found = []
    for pattern in (LEADING, TRAILING):
        for match in pattern.finditer(ctx.text):
            candidate = _candidate(ctx, match)
            if candidate is not None:
                found.append(candidate)
    return found


def _candidate(ctx: DocContext, match: re.Match[str]) -> Candidate | None:
    """The claim of one matched line, when its source phrase names a source."""
    line = ctx.doc.char_span(*match.span(), alignment_mode="expand")
    if line is None or len(line) > HEADLINE_MAX_TOKENS or ctx.in_quote(match.start()):
        return None
    source = ctx.doc.char_span(*match.span("source"), alignment_mode="expand")
    claim = ctx.doc.char_span(*match.span("claim"), alignment_mode="expand")
    if source is None or claim is None or not names_source(source):
        return None
    first, last = ctx.strip(claim.start, claim.end - 1)
    if last <= first or not any(t.pos_ in ("VERB", "AUX") for t in claim):
        return None  # "Winner: Best Film of the Year" claims nothing
    start, end = ctx.chars(first, last)
    hedge = cues().reporting_nouns.get(source[-1].lower_, "asserted")
    return Candidate(start, end, None, "indirect", hedge, source)


def names_source(phrase: SpacySpan) -> bool:
    """Whether a short phrase apart from a title's claim names who says it.

    Args:
        phrase: The words before a title's colon or after its closing colon or dash.
    """
    words = [t for t in phrase if not (t.is_punct or t.is_space)]
    if not words or len(words) > HEADLINE_SOURCE_MAX_WORDS:
        return False
    if any(t.pos_ in ("VERB", "AUX") or t.like_num for t in words):
        return False
    ents = list(phrase.ents)
    if ents and all(e.label_ in PLACE_ENTITIES for e in ents) and len(ents[0]) == len(words):
        return False  # a dateline
    if any(e.label_ in SOURCE_ENTITIES for e in ents):
        return True
    lexicon, kinds = cues(), claimants()
    head = words[-1].lower_
    return (
        head in lexicon.anonymous_sources
        or head in lexicon.role_nouns
        or head in lexicon.reporting_nouns
        or head in kinds.organization_nouns
        or head in kinds.group_nouns
    )
