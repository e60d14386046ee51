"""The public extraction functions: one article (`extract`) or a stream (`extract_many`)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..components import keys
from ..errors import ArticleError, MemoryLimitExceeded, TimeBudgetExceeded
from ..geo import get_gazetteer
from ..input.documents import make_document, parse_published, published_problems
from ..input.language import SUPPORTED
from ..input.sources import ArticleInput, InputFailure, looks_like_html
from ..models import Document, Problem, Provenance, Relevance, Result
from ..resource import resource_versions
from ..version import __version__
from . import convert
from .chunks import pipe_in_pieces
from .gate import GateDecision, gate
from .limits import (
    BATCH_CHARS,
    BATCH_SIZE,
    BYTES_PER_CHAR,
    CHUNK_CHARS,
    DEFAULT_MAX_CHARS,
    DEFAULT_MEMORY_LIMIT,
)
from .pipeline import allow_length, get_nlp, model_name, spacy_version

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failure:
    """An article that could not be processed at all, with the reason."""

    source: str
    problem: Problem


def extract(
    text_or_html: str | bytes,
    *,
    published: str | dt.date | None = None,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    language: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    full: bool = False,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
) -> Result:
    """Extract figures, claims, places, dates and events from one article.

    An article that is not in English keeps its document and gets an
    ``unsupported_language`` problem; nothing is extracted from it. An article the
    relevance gate (:mod:`claimwire.nlp.gate`) finds off-topic gets a light result: its
    document and its relevance (``method`` ``"gate"``), no facts; ``full=True`` runs the
    whole pipeline on every article.

    Args:
        text_or_html: The article as plain text or as an HTML page (bytes are decoded as
            UTF-8, else with the page's declared or a detected charset, recorded as a
            problem).
        published: Publication date (``YYYY-MM-DD`` or a date); relative dates resolve
            against it.
        url: The article's URL.
        outlet: The publishing outlet.
        title: The article's title.
        language: The article's language (an ISO 639 code such as ``"en"``); detected
            when None.
        max_chars: Longest text accepted, in characters.
        full: Run the whole pipeline even on an article the relevance gate finds
            off-topic.
        memory_limit: Bytes of memory the article may add to the process (see
            :func:`extract_many`); None for no limit.

    Returns:
        The result: the document, every fact with its evidence, problems and provenance.

    Raises:
        ArticleError: The article is empty, has no main text, is over ``max_chars``, or
            would take more than ``memory_limit`` (``memory_limit_exceeded``).
        InvalidOptionError: ``published`` is not an ISO date.
        ModelNotFoundError: No spaCy English pipeline is installed.
    """
    if isinstance(text_or_html, bytes):
        from ..input.sources import read_bytes

        (item,) = read_bytes(text_or_html, source="<bytes>")
        if isinstance(item, InputFailure):
            raise ArticleError(item.problem.code, item.problem.message)
        raw, problems = (item.html or item.text or ""), item.problems
    else:
        raw, problems = text_or_html, ()
    article = ArticleInput(
        source="<text>",
        text=None if looks_like_html(raw) else raw,
        html=raw if looks_like_html(raw) else None,
        title=title,
        outlet=outlet,
        url=url,
        language=language,
        problems=tuple(problems),
    )
    published_value = parse_published(published)
    document, found = make_document(article, max_chars=max_chars)
    if published_value is not None:
        document = document.model_copy(update={"published": published_value})
        found = [problem for problem in found if problem.code != "undated"]
        found.extend(published_problems(published_value, source=article.source))
    nlp = get_nlp()
    if not is_supported(document):
        return unprocessed_result(nlp, document, found, run_id=new_run_id())
    if not full:
        decision = gate(document.text)
        if not decision.passed:
            return gated_result(nlp, document, found, decision, run_id=new_run_id())
    allow_length(nlp, max_chars)
    estimate = memory_estimate(document.text)
    if memory_limit is not None and estimate > memory_limit:
        raise ArticleError("memory_limit_exceeded", memory_problem(memory_limit, estimate).message)
    try:
        (doc,) = _process(nlp, [make_doc(nlp, document)], None, memory_limit)
    except MemoryLimitExceeded as error:
        raise ArticleError("memory_limit_exceeded", memory_problem(memory_limit).message) from error
    return to_result(nlp, doc, document, found, run_id=new_run_id())


def extract_many(
    items: Iterable[ArticleInput | InputFailure | str],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    batch_size: int = BATCH_SIZE,
    time_budget: float | None = None,
    full: bool = False,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
) -> Iterator[Result | Failure]:
    """Extract from a stream of articles, in order, in batches of ``batch_size``.

    A bad article never stops the stream: it comes out as a :class:`Failure` in its place.
    A batch also closes when its texts reach :data:`~claimwire.nlp.limits.BATCH_CHARS`
    characters, so long articles go in smaller batches (memory stays bounded).

    Args:
        items: Articles as read by :mod:`claimwire.input.sources`, failures of reading (passed
            through), or plain strings.
        max_chars: Longest text accepted, in characters.
        batch_size: Articles per spaCy batch.
        time_budget: Seconds an article may take, checked between the pipeline's components
            and inside the components' long loops (a batch gets this times its size; an
            overrunning batch is run again one article at a time); an article over it
            becomes a ``time_budget_exceeded`` failure. None for no limit.
        full: Run the whole pipeline even on the articles the relevance gate finds
            off-topic (which otherwise get a light result, see :func:`extract`).
        memory_limit: Bytes of memory one article may add to the process: an article whose
            estimate (:data:`~claimwire.nlp.limits.BYTES_PER_CHAR` per character) is more is
            not processed, and one whose measured growth (the resident set, checked between
            the pipeline's components) passes it is stopped; either becomes a
            ``memory_limit_exceeded`` failure. None for no limit.

    Yields:
        One :class:`Result` or :class:`Failure` per item, in input order.
    """
    nlp = get_nlp()
    allow_length(nlp, max_chars)
    run_id = new_run_id()
    batch: list[ArticleInput | InputFailure] = []
    chars = 0
    for number, item in enumerate(items):
        if isinstance(item, str):
            item = ArticleInput(source=f"<item {number}>", text=item)
        batch.append(item)
        chars += text_length(item)
        if len(batch) >= batch_size or chars >= BATCH_CHARS:
            yield from _run_batch(nlp, batch, max_chars, run_id, time_budget, full, memory_limit)
            batch, chars = [], 0
    if batch:
        yield from _run_batch(nlp, batch, max_chars, run_id, time_budget, full, memory_limit)


def text_length(item: ArticleInput | InputFailure) -> int:
    """Characters of an input's text or HTML (0 for a failure): what a batch counts."""
    if isinstance(item, InputFailure):
        return 0
    return len(item.text or item.html or "")


def _run_batch(
    nlp: Language,
    batch: list[ArticleInput | InputFailure],
    max_chars: int,
    run_id: str,
    time_budget: float | None,
    full: bool,
    memory_limit: int | None = None,
) -> Iterator[Result | Failure]:
    prepared: list[Failure | tuple[Document, list[Problem]] | Result] = []
    for item in batch:
        if isinstance(item, InputFailure):
            prepared.append(Failure(item.source, item.problem))
            continue
        try:
            document, problems = make_document(item, max_chars=max_chars)
        except ArticleError as error:
            problem = Problem(
                code=error.problem_code, message=error.message, severity="error", source=item.source
            )
            prepared.append(Failure(item.source, problem))
            continue
        light = _light_result(nlp, document, problems, run_id, full)
        estimate = memory_estimate(document.text)
        if light is None and memory_limit is not None and estimate > memory_limit:
            problem = memory_problem(memory_limit, estimate).model_copy(
                update={"source": item.source}
            )
            prepared.append(Failure(item.source, problem))
            continue
        prepared.append(light or (document, problems))
    good = [entry for entry in prepared if isinstance(entry, tuple)]
    docs = iter(
        _pipe(nlp, [make_doc(nlp, document) for document, _ in good], time_budget, memory_limit)
    )
    for entry in prepared:
        if not isinstance(entry, tuple):
            yield entry
            continue
        document, problems = entry
        doc = next(docs)
        if isinstance(doc, Problem):
            yield Failure(document.source or document.id, doc)
            continue
        try:
            yield to_result(nlp, doc, document, problems, run_id=run_id)
        except Exception as error:  # a conversion bug loses this article, not the batch
            logger.exception("could not build the result of an article")
            yield Failure(
                document.source or document.id,
                Problem(
                    code="conversion_error",
                    message=f"the result could not be built: {type(error).__name__}: {error}",
                    severity="error",
                ),
            )


def _light_result(
    nlp: Language, document: Document, problems: list[Problem], run_id: str, full: bool
) -> Result | None:
    """The result of an article the pipeline does not run on, or None to run it."""
    if not is_supported(document):
        return unprocessed_result(nlp, document, problems, run_id=run_id)
    if full:
        return None
    decision = gate(document.text)
    if decision.passed:
        return None
    return gated_result(nlp, document, problems, decision, run_id=run_id)


def is_supported(document: Document) -> bool:
    """Whether the pipeline's English rules apply to ``document`` (its language is English)."""
    return document.language in SUPPORTED


def unprocessed_result(
    nlp: Language, document: Document, problems: Iterable[Problem], *, run_id: str
) -> Result:
    """The result of a document the pipeline does not run on (not in English): the document
    and its problems, no facts, and no component in the provenance."""
    return Result(
        document=document,
        problems=list(problems),
        provenance=provenance(nlp, run_id).model_copy(update={"components": []}),
    )


def gated_result(
    nlp: Language,
    document: Document,
    problems: Iterable[Problem],
    decision: GateDecision,
    *,
    run_id: str,
) -> Result:
    """The light result of an article the relevance gate found off-topic: the document,
    its relevance (decided by the gate) and its problems; no facts, and no component in
    the provenance."""
    return Result(
        document=document,
        relevance=Relevance(
            score=round(decision.score, 4), relevant=False, label="other", method="gate"
        ),
        problems=list(problems),
        provenance=provenance(nlp, run_id).model_copy(update={"components": []}),
    )


def make_doc(nlp: Language, document: Document) -> Doc:
    """The tokenized Doc of ``document``, carrying its publication date for the components.

    Components read the date as ``doc.user_data["claimwire.published"]`` (a date or None).
    """
    doc = nlp.make_doc(document.text)
    published = document.published
    if isinstance(published, dt.datetime):
        published = published.date()
    doc.user_data[keys.PUBLISHED] = published
    return doc


def _pipe(
    nlp: Language, docs: list[Doc], time_budget: float | None, memory_limit: int | None = None
) -> list[Doc | Problem]:
    """Run the pipeline over ``docs``; if a batch of several fails, retry one by one to
    isolate the article at fault (a single article is not run twice)."""
    try:
        if time_budget is None:
            return list(_process(nlp, docs, None, memory_limit))
        batch_deadline = time.monotonic() + time_budget * len(docs)
        return list(_process(nlp, docs, batch_deadline, memory_limit))
    except Exception as error:  # an extractor bug must not lose the rest of the batch
        if len(docs) == 1:
            return [_failure(error, time_budget, memory_limit)]
        logger.warning("a batch of %d articles failed (%s); isolating", len(docs), error)
    results: list[Doc | Problem] = []
    for doc in docs:
        fresh = nlp.make_doc(doc.text)  # the failed batch may have half-annotated ``doc``
        fresh.user_data[keys.PUBLISHED] = doc.user_data.get(keys.PUBLISHED)
        deadline = None if time_budget is None else time.monotonic() + time_budget
        try:
            results.extend(_process(nlp, [fresh], deadline, memory_limit))
        except Exception as error:  # recorded as the article's problem, batch goes on
            results.append(_failure(error, time_budget, memory_limit))
    return results


def _failure(error: Exception, time_budget: float | None, memory_limit: int | None) -> Problem:
    """The problem of one article the pipeline gave up on, logged."""
    if isinstance(error, TimeBudgetExceeded):
        logger.warning("an article overran its time budget of %g s", time_budget)
        return budget_problem(time_budget)
    if isinstance(error, MemoryLimitExceeded):
        logger.warning("an article passed its memory limit of %s bytes", memory_limit)
        return memory_problem(memory_limit)
    logger.error("pipeline failed on an article", exc_info=error)
    return Problem(
        code="pipeline_error",
        message=f"the pipeline failed on this article: {type(error).__name__}: {error}",
        severity="error",
    )


def _process(
    nlp: Language, docs: list[Doc], deadline: float | None, memory_limit: int | None = None
) -> list[Doc]:
    """The pipeline over ``docs``, in order: an article longer than
    :data:`~claimwire.nlp.limits.CHUNK_CHARS` goes through the model in pieces
    (:mod:`claimwire.nlp.chunks`), the others in one batch; stops at ``deadline``.

    Raises:
        TimeBudgetExceeded: ``time.monotonic()`` passed ``deadline``.
        MemoryLimitExceeded: The process grew by more than ``memory_limit`` bytes while
            processing a long article (checked between its pieces and components).
    """
    long = {index for index, doc in enumerate(docs) if len(doc.text) > CHUNK_CHARS}
    short = [doc for index, doc in enumerate(docs) if index not in long]
    check = _checker(deadline)  # short articles: their memory is bounded by the batch
    if check is None:
        done = iter(list(nlp.pipe(short)) if short else [])
    else:
        done = iter(_pipe_within(nlp, short, check, deadline) if short else [])
    results = []
    for index, doc in enumerate(docs):
        if index not in long:
            results.append(next(done))
            continue
        if deadline is not None:
            doc.user_data[keys.DEADLINE] = deadline
        joined = pipe_in_pieces(nlp, doc, CHUNK_CHARS, _checker(deadline, memory_limit))
        joined.user_data.pop(keys.DEADLINE, None)
        results.append(joined)
    return results


def _checker(
    deadline: float | None, memory_limit: int | None = None
) -> Callable[[str], None] | None:
    """The check run before each component: the time budget, and the memory the process
    has grown by since this check was made (None when neither applies)."""
    baseline = resident_bytes() if memory_limit is not None else None
    if deadline is None and baseline is None:
        return None

    def check(name: str) -> None:
        if deadline is not None and time.monotonic() > deadline:
            raise TimeBudgetExceeded(f"the time budget ran out before {name}")
        if baseline is not None and memory_limit is not None:
            grown = (resident_bytes() or 0) - baseline
            if grown > memory_limit:
                raise MemoryLimitExceeded(f"the article took {grown} bytes before {name}")

    return check


def resident_bytes() -> int | None:
    """The process's resident set now, in bytes (None where ``/proc`` cannot say)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def memory_estimate(text: str) -> int:
    """The memory, in bytes, an article of ``text`` may take through the pipeline."""
    return len(text) * BYTES_PER_CHAR


def memory_problem(memory_limit: int | None, estimate: int | None = None) -> Problem:
    """The problem of an article given up for taking more than ``memory_limit`` bytes."""
    limit = f"{(memory_limit or 0) / 2**20:,.0f} MB"
    found = f"would take about {estimate / 2**20:,.0f} MB" if estimate is not None else "took more"
    return Problem(
        code="memory_limit_exceeded",
        message=f"processing this article {found} than the memory limit of {limit} per "
        "article (raise memory_limit, or split the article); the article was skipped",
        severity="error",
    )


def _pipe_within(
    nlp: Language, docs: list[Doc], check: Callable[[str], None], deadline: float | None = None
) -> list[Doc]:
    """``nlp.pipe(docs)`` (the same batches, so the same output) that stops when ``check``
    raises (a time budget or a memory limit) before a component."""
    if deadline is not None:
        for doc in docs:
            doc.user_data[keys.DEADLINE] = deadline
    for name, proc in nlp.pipeline:
        check(name)
        pipe = getattr(proc, "pipe", None)
        if pipe is not None:
            docs = list(pipe(docs, batch_size=nlp.batch_size))
        else:
            docs = [proc(doc) for doc in docs]
    for doc in docs:
        doc.user_data.pop(keys.DEADLINE, None)
    return docs


def budget_problem(time_budget: float | None) -> Problem:
    """The problem of an article given up for taking longer than ``time_budget`` seconds."""
    return Problem(
        code="time_budget_exceeded",
        message=f"processing took longer than the time budget of {time_budget or 0.0:g} s "
        "per article (raise it with --time-budget); the article was skipped",
        severity="error",
    )


def to_result(
    nlp: Language, doc: Doc, document: Document, problems: Iterable[Problem], *, run_id: str
) -> Result:
    """Assemble the result of one processed document."""
    places = convert.places(doc)
    dates = convert.dates(doc)
    figures = convert.figures(doc, dates)
    claims, contradictions = convert.claims(doc)
    relevance = convert.relevance(doc)
    # An off-topic article reports no events: its figures and claims stay, marked by
    # its relevance.
    events = convert.events(doc, places, dates, figures) if relevance.relevant else []
    figures = convert.place_figures(doc, figures, places, events)
    claims, contradictions = convert.with_tolls(claims, contradictions, figures, dates, places)
    return Result(
        document=document,
        numbers=convert.numbers(doc),
        figures=figures,
        claims=claims,
        places=places,
        dates=dates,
        events=events,
        contradictions=contradictions,
        relevance=relevance,
        problems=list(problems),
        provenance=provenance(nlp, run_id),
    )


def provenance(nlp: Language, run_id: str) -> Provenance:
    """Provenance of a result produced by ``nlp`` in run ``run_id``."""
    return Provenance(
        claimwire_version=__version__,
        model=model_name(nlp),
        spacy_version=spacy_version(),
        components=[name for name in nlp.pipe_names if name.startswith("claimwire_")],
        gazetteer_version=_gazetteer_version(),
        resources=resource_versions(),
        run_id=run_id,
        created=dt.datetime.now(dt.UTC).replace(microsecond=0),
    )


@lru_cache(maxsize=1)
def _gazetteer_version() -> str | None:
    """The version of the process's gazetteer (opened by the places component)."""
    return get_gazetteer().meta().get("version")


def new_run_id() -> str:
    """A fresh random run id."""
    return uuid.uuid4().hex[:12]
