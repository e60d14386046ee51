"""The base every claimwire component that stores hits builds on.

A component finds typed hits (small frozen dataclasses with character offsets into the
document text) in a pure ``find(doc)``, and ``set_annotations(doc, found)`` is its only
mutation: the hits go in a Doc extension (``doc._.<extension>``) and one labelled span per
hit in ``doc.spans[<span group>]``; ``doc.ents`` is never touched. Other components and
the converter read the hits only through the owner's typed accessor, built on
:func:`hits_of`, which fails loudly when the component did not run.
"""

from __future__ import annotations

import bisect
import datetime as dt
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from spacy.tokens import Doc, Span, Token

from ..errors import InvalidOptionError, MissingComponentError, TimeBudgetExceeded
from . import keys

HitT = TypeVar("HitT")
T = TypeVar("T")


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins every token on each access of ``doc.text``."""
    text = doc.user_data.get(keys.TEXT)
    if text is None:
        text = doc.user_data[keys.TEXT] = doc.text
    return str(text)


def publication_date(doc: Doc) -> dt.date | None:
    """The article's publication date from ``doc.user_data[keys.PUBLISHED]``, as a date.

    The value may be a date, a datetime (its day is used) or an ISO string ("2022-06-14",
    "2022-06-14T10:00:00Z"), as a spaCy user would set it.

    Raises:
        InvalidOptionError: The value is something else, or a string that is no ISO date.
    """
    value = doc.user_data.get(keys.PUBLISHED)
    if value is None or isinstance(value, dt.datetime):
        return value.date() if value is not None else None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise InvalidOptionError(
        f"doc.user_data[{keys.PUBLISHED!r}] must be a date, a datetime or a YYYY-MM-DD "
        f"string, not {type(value).__name__} {value!r}"
    )


def sentence_of(item: Span | Token) -> Span:
    """The sentence holding ``item`` (of a span: the sentence of its first token).

    The same as spaCy's ``span.sent`` and ``token.sent``, which walk the sentence token by
    token on every call: once per number or cue of a sentence of thousands of tokens, that
    made whole components quadratic. The sentence starts are indexed once per Doc (on the
    first call, after the parser has set them) and found by bisection.
    """
    doc = item.doc
    index = item.i if isinstance(item, Token) else item.start
    starts: list[int] | None = doc.user_data.get(keys.SENTENCE_STARTS)
    if starts is None:
        starts = doc.user_data[keys.SENTENCE_STARTS] = [t.i for t in doc if t.is_sent_start]
    k = bisect.bisect_right(starts, index) - 1
    start = starts[k] if k >= 0 else 0
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return doc[start:end]


def entities_of(sent: Span) -> list[Span]:
    """The model's entities inside ``sent`` (as spaCy's ``sent.ents``, which reads every
    entity of the Doc on each call: quadratic when each number of a long sentence asks).
    The entities are indexed once per Doc and found by bisection."""
    doc = sent.doc
    # Plain lists of ints and labels, so the cache serializes with the Doc (DocBin, n_process).
    cached: list[list[Any]] | None = doc.user_data.get(keys.ENTITY_STARTS)
    if cached is None:
        ents = list(doc.ents)
        cached = doc.user_data[keys.ENTITY_STARTS] = [
            [e.start for e in ents],
            [e.end for e in ents],
            [e.label_ for e in ents],
        ]
    starts, ends, labels = cached
    first = bisect.bisect_left(starts, sent.start)
    last = bisect.bisect_left(starts, sent.end)
    return [
        Span(doc, starts[k], ends[k], label=labels[k])
        for k in range(first, last)
        if ends[k] <= sent.end
    ]


def entities_starting_in(doc: Doc, start_char: int, end_char: int) -> list[Span]:
    """The model's entities that start at a character in ``start_char:end_char``, in order
    (found by bisection: a scan of ``doc.ents`` per mention is quadratic in a long text)."""
    entities_of(doc[0:0])  # builds the entity index
    chars: list[int] | None = doc.user_data.get(keys.ENTITY_CHARS)
    if chars is None:
        chars = doc.user_data[keys.ENTITY_CHARS] = [e.start_char for e in doc.ents]
    starts, ends, labels = doc.user_data[keys.ENTITY_STARTS]
    first = bisect.bisect_left(chars, start_char)
    last = bisect.bisect_left(chars, end_char)
    return [Span(doc, starts[k], ends[k], label=labels[k]) for k in range(first, last)]


class Ranges:
    """Character ranges (they may overlap), found by position without reading them all:
    a lookup per figure or sentence over every claim of the document was quadratic."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        self.ranges = list(ranges)
        order = sorted(range(len(self.ranges)), key=lambda k: self.ranges[k][0])
        self._order = order
        self._starts = [self.ranges[k][0] for k in order]
        self._longest = max((end - start for start, end in self.ranges), default=0)

    def overlapping(self, start: int, end: int) -> list[int]:
        """The indices (in order) of the ranges that share a character with ``start:end``."""
        low = bisect.bisect_left(self._starts, start - self._longest + 1)
        high = bisect.bisect_left(self._starts, end)
        return sorted(k for k in self._order[low:high] if self.ranges[k][1] > start)

    def covering(self, offset: int) -> list[int]:
        """The indices (in order) of the ranges that hold character ``offset``."""
        return self.overlapping(offset, offset + 1)


def per_sentence(name: str, sent: Span, compute: Callable[[Span], T]) -> T:
    """``compute(sent)``, computed once per sentence of the Doc and then remembered: for
    what depends on the sentence alone, asked again by each number or cue in it."""
    # String keys and the plain values the callers compute, so the memo serializes too.
    memo: dict[str, Any] = sent.doc.user_data.setdefault(keys.SENTENCE_MEMO, {})
    key = f"{name}:{sent.start}"
    if key not in memo:
        memo[key] = compute(sent)
    return memo[key]  # type: ignore[no-any-return]


def bounded_subtree(token: Token, cap: int) -> list[Token]:
    """The tokens of ``token``'s subtree, but at most ``cap`` on each side of it.

    A cue search over a whole subtree is linear per mention, so quadratic over a sentence
    of thousands of tokens (a text without full stops) whose every mention governs most of
    it. A news sentence is far shorter than ``cap``: for it this is ``token.subtree``; a
    longer subtree is cut to the tokens between its edges within ``cap`` of ``token``.
    """
    left, right = token.left_edge.i, token.right_edge.i
    if right - left <= 2 * cap:
        return list(token.subtree)
    low, high = max(left, token.i - cap), min(right, token.i + cap)
    return list(token.doc[low : high + 1])  # the subtree, the parse being projective


def governs(ancestor: Token, token: Token) -> bool:
    """Whether ``ancestor`` is one of ``token``'s ancestors in the parse.

    The same as ``ancestor.is_ancestor(token)`` or ``ancestor in token.ancestors``, which
    walk up from ``token`` on every call: once per mention of a sentence of thousands of
    tokens chained one under the other, that is quadratic. The parse is walked once per Doc
    (depth first: an ancestor is ranked before its descendants, which follow it in one run)
    and each question is two comparisons.
    """
    doc = token.doc
    order: list[list[int]] | None = doc.user_data.get(keys.PARSE_ORDER)
    if order is None:
        order = doc.user_data[keys.PARSE_ORDER] = _parse_order(doc)
    rank, last = order
    return rank[ancestor.i] < rank[token.i] <= last[ancestor.i]


def _parse_order(doc: Doc) -> list[list[int]]:
    """[rank, last]: each token's rank in a depth-first walk of ``doc``'s parse, and the
    greatest rank in its subtree."""
    children: list[list[int]] = [[] for _ in range(len(doc))]
    roots = []
    for token in doc:
        head = token.head.i
        if head == token.i:
            roots.append(token.i)
        else:
            children[head].append(token.i)
    rank, last = [0] * len(doc), [0] * len(doc)
    counter = 0
    for root in roots:
        stack = [(root, False)]
        while stack:
            i, done = stack.pop()
            if done:
                last[i] = counter - 1
                continue
            rank[i] = counter
            counter += 1
            stack.append((i, True))
            stack.extend((child, False) for child in reversed(children[i]))
    return [rank, last]


def check_deadline(doc: Doc) -> None:
    """Stop the work on ``doc`` when its time budget is spent (a long loop calls this).

    Raises:
        TimeBudgetExceeded: The caller's deadline (``doc.user_data[keys.DEADLINE]``) passed.
    """
    deadline = doc.user_data.get(keys.DEADLINE)
    if deadline is not None and time.monotonic() > deadline:
        raise TimeBudgetExceeded("the article's time budget is spent")


def ensure_extension(extension: str) -> None:
    """Register the Doc extension ``extension`` (default None) if it is not yet."""
    if not Doc.has_extension(extension):
        Doc.set_extension(extension, default=None)


def has_run(doc: Doc, extension: str) -> bool:
    """Whether the component that owns ``doc._.<extension>`` processed ``doc``."""
    return Doc.has_extension(extension) and doc._.get(extension) is not None


def hits_of(doc: Doc, extension: str, factory: str) -> list[Any]:
    """The hits a component stored in ``doc._.<extension>``.

    Owners wrap this in a typed accessor (``figures.hits_of(doc) -> list[FigureHit]``).

    Args:
        doc: A processed document.
        extension: The component's Doc extension (a name of :mod:`.keys`).
        factory: The component's factory, named in the error.

    Returns:
        A new list of the hits, in the component's order.

    Raises:
        MissingComponentError: The component did not process ``doc``.
    """
    if not has_run(doc, extension):
        raise MissingComponentError(
            f"doc._.{extension} is not set: add the component {factory!r} to the pipeline "
            "before the components that read it"
        )
    return list(doc._.get(extension))


def store_hits(
    doc: Doc,
    found: Sequence[Any],
    *,
    extension: str,
    span_key: str,
    label: Callable[[Any], str],
    expand: bool = True,
) -> None:
    """Store ``found`` in ``doc._.<extension>`` and as spans in ``doc.spans[span_key]``.

    Args:
        doc: The document.
        found: Hits with ``start`` and ``end`` character offsets.
        extension: Name of the Doc extension that holds the list.
        span_key: Span group of the hits.
        label: The label of a hit's span.
        expand: Widen offsets inside a token to the whole token (else such hits get no span).
    """
    doc._.set(extension, list(found))
    mode = "expand" if expand else "strict"
    spans = []
    for hit in found:
        span = doc.char_span(hit.start, hit.end, label=label(hit), alignment_mode=mode)
        if span is not None:
            spans.append(span)
    doc.spans[span_key] = spans


class HitsComponent(Generic[HitT]):
    """Base of a component that finds hits and stores them on the Doc.

    A subclass sets ``extension`` and ``span_key`` (names of :mod:`.keys`) and implements
    the pure ``find`` and ``label``; calling the component runs ``find`` and stores what it
    found with :func:`store_hits`. Per-document state lives in local variables or on the
    Doc, never on the component or in a module global.
    """

    extension: ClassVar[str]
    span_key: ClassVar[str]
    expand: ClassVar[bool] = True
    """Widen hits that end inside a token to the whole token in the span group."""

    def __init__(self, name: str) -> None:
        self.name = name
        ensure_extension(self.extension)

    def __call__(self, doc: Doc) -> Doc:
        """Find the hits of ``doc`` and store them."""
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[HitT]:
        """The hits of ``doc``, without changing it."""
        raise NotImplementedError

    def label(self, hit: HitT) -> str:
        """The label of a hit's span in the span group."""
        raise NotImplementedError

    def set_annotations(self, doc: Doc, found: Sequence[HitT]) -> None:
        """Store ``found`` on ``doc``: the component's only mutation."""
        store_hits(
            doc,
            found,
            extension=self.extension,
            span_key=self.span_key,
            label=self.label,
            expand=self.expand,
        )
