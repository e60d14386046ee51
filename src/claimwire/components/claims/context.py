"""What every attribution finder reads of one document, computed once per document."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .._base import doc_text
from .quote_marks import Quote, find_quotes

T = TypeVar("T")


@dataclass(frozen=True)
class DocContext:
    """One document's text, sentences and direct quotes, with lookups by character offset.

    Built by :meth:`of` for each document and passed to the finders; nothing in it
    outlives the document.
    """

    doc: Doc
    text: str
    sents: list[SpacySpan]
    sent_starts: list[int]
    token_starts: list[int]
    quotes: list[Quote]
    quote_starts: list[int]
    cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """Indexes a finder builds once for the document (:meth:`memo`)."""

    def memo(self, name: str, compute: Callable[[], T]) -> T:
        """``compute()``, computed on the first call for ``name`` and then remembered."""
        if name not in self.cache:
            self.cache[name] = compute()
        return self.cache[name]  # type: ignore[no-any-return]

    @classmethod
    def of(cls, doc: Doc) -> DocContext:
        """The context of ``doc`` (a parsed document)."""
        text = doc_text(doc)
        sents = list(doc.sents)
        quotes = find_quotes(text)
        return cls(
            doc=doc,
            text=text,
            sents=sents,
            sent_starts=[sent.start_char for sent in sents],
            token_starts=[token.idx for token in doc],
            quotes=quotes,
            quote_starts=[quote.start for quote in quotes],
        )

    def sent_index(self, offset: int) -> int:
        """Index of the sentence holding character ``offset``."""
        return max(bisect.bisect_right(self.sent_starts, offset) - 1, 0)

    def sent_at(self, offset: int) -> SpacySpan:
        """The sentence holding character ``offset``."""
        return self.sents[self.sent_index(offset)]

    def in_quote(self, offset: int) -> bool:
        """Whether ``offset`` lies inside the content of a direct quote."""
        index = bisect.bisect_right(self.quote_starts, offset) - 1
        return index >= 0 and offset < self.quotes[index].end

    def token_from(self, offset: int) -> Token | None:
        """The first non-space token starting at or after ``offset``."""
        index = bisect.bisect_left(self.token_starts, offset)
        while index < len(self.doc) and self.doc[index].is_space:
            index += 1
        return self.doc[index] if index < len(self.doc) else None

    def chars(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets from the start of token ``first`` to the end of token ``last``."""
        return self.doc[first].idx, self.doc[last].idx + len(self.doc[last])

    def strip_end(self, first: int, last: int) -> int:
        """``last`` moved left past punctuation and spaces (not past ``first``)."""
        while last > first and (self.doc[last].is_punct or self.doc[last].is_space):
            last -= 1
        return last

    def strip(self, first: int, last: int) -> tuple[int, int]:
        """Token indices ``first..last`` without punctuation and spaces at either end."""
        while first < last and (self.doc[first].is_punct or self.doc[first].is_space):
            first += 1
        return first, self.strip_end(first, last)


def strip_chars(text: str, start: int, end: int) -> tuple[int, int]:
    """Characters ``start:end`` of ``text`` without white space at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
