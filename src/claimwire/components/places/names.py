"""The gazetteer over the text: runs of capitalized name tokens looked up whole.

Runs of up to :data:`.settings.MAX_TOKENS` tokens starting with a capital, longest first,
each judged by :func:`.cues.accept` (capitalized common words, English dictionary words,
parts of longer names, sentence-initial words, abbreviations and acronyms need more
evidence; a notable place inside an organization's name is a modifier).
"""

from __future__ import annotations

from spacy.tokens import Span

from .._base import doc_text
from . import settings
from .cues import accept
from .kinds import LOWER_END_KINDS
from .lexicon import name_connectors
from .mention import Mention
from .reader import Reader
from .tokens import DASHES, is_capitalized, name_token, with_final_dot


def ngram_mentions(reader: Reader, start: int, end: int) -> list[Mention]:
    """Gazetteer names among tokens ``start:end``, longest first, left to right; the tokens
    of each are taken."""
    doc = reader.doc
    text = doc_text(doc)
    connectors = name_connectors()
    found: list[Mention] = []
    index = start
    while index < end:
        token = doc[index]
        if index in reader.taken or not is_capitalized(token) or not name_token(token):
            index += 1
            continue
        matched = None
        for size in range(_name_run(reader, index, end, connectors), 0, -1):
            last = doc[index + size - 1]
            if last.text in DASHES:
                continue
            # The span's text, without building the span (most runs are no place).
            entries = reader.gazetteer.lookup(text[token.idx : last.idx + len(last)])
            if last.is_lower and size > 1:
                entries = tuple(e for e in entries if e.kind in LOWER_END_KINDS)
            if not entries:
                continue
            span = doc[index : index + size]
            verdict = accept(reader, span, entries)
            if verdict is not None:
                span = with_final_dot(span)
                matched = Mention(
                    span,
                    entries,
                    "exact",
                    embedded=verdict == "embedded",
                    cued=verdict == "cued",
                )
                break
        if matched is None:
            index += 1
            continue
        found.append(reader.take(matched))
        index = matched.span.end
    return found


def _name_run(reader: Reader, index: int, end: int, connectors: frozenset[str]) -> int:
    """How many tokens from ``index`` (at most :data:`.settings.MAX_TOKENS`) may form one
    name: free name tokens, capitalized or connectors after the first, on one line and one
    sentence."""
    doc = reader.doc
    size = 1
    previous = doc[index]
    while size < settings.MAX_TOKENS and index + size < end:
        token = doc[index + size]
        if token.i in reader.taken or not name_token(token) or token.is_sent_start:
            break
        if "\n" in previous.text_with_ws:
            break
        previous = token
        if not is_capitalized(token) and token.lower_ not in connectors and token.text != "-":
            break
        size += 1
    return size


def longer_name(reader: Reader, span: Span) -> Span | None:
    """The longest gazetteer name that starts with ``span`` and goes on after it, if any:
    'Trinidad' of 'Trinidad and Tobago'."""
    doc = reader.doc
    connectors = name_connectors()
    for size in range(min(settings.MAX_TOKENS, len(doc) - span.start), len(span), -1):
        longer = doc[span.start : span.start + size]
        if not all(is_capitalized(t) or t.lower_ in connectors for t in longer[1:]):
            continue
        if not is_capitalized(longer[-1]) or not reader.free(longer):
            continue
        if any(t.is_sent_start or "\n" in t.text_with_ws for t in longer[1:]):
            continue
        if reader.gazetteer.lookup(longer.text):
            return longer
    return None
