"""Turning an input article into a :class:`~claimwire.models.Document` with frozen text.

HTML goes through trafilatura (main text, title, date, site name); text is normalized
(:func:`claimwire.input.text.normalize`), checked (empty, over the size limit), hashed,
and its language given or identified (:mod:`claimwire.input.language`).
"""

from __future__ import annotations

import datetime as dt
import logging

import trafilatura

from ..errors import ArticleError, InvalidOptionError
from ..models import Document, Problem
from .language import LanguageGuess, detect_language, given_language, unsupported_language
from .sources import ArticleInput
from .text import document_id, normalize

logger = logging.getLogger(__name__)


def parse_published(value: str | dt.date | None) -> dt.date | dt.datetime | None:
    """Parse a publication date: ``YYYY-MM-DD`` or an ISO 8601 datetime.

    Args:
        value: The date as given by a user or an input record.

    Returns:
        A date (or datetime when a time is given), or None for None.

    Raises:
        InvalidOptionError: The value is not an ISO date (or not a string or a date).
    """
    if value is None or isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InvalidOptionError(
            f"the publication date must be a YYYY-MM-DD string or a date, not "
            f"{type(value).__name__} {value!r}, e.g. '2022-06-14'"
        )
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidOptionError(
            f"cannot read the publication date {value!r}: use YYYY-MM-DD, e.g. 2022-06-14"
        ) from None


EARLIEST_PUBLISHED_YEAR = 1800
"""A publication date before this year is most likely a mistake (and so is one after next year)."""


def published_problems(published: dt.date | None, *, source: str | None) -> list[Problem]:
    """A ``date_out_of_range`` warning when ``published`` is before 1800 or after next year.

    The date is kept (it parses, and the store takes any date): the warning tells the user
    that relative dates were resolved against it.
    """
    if published is None:
        return []
    latest = dt.date.today().year + 1
    if EARLIEST_PUBLISHED_YEAR <= published.year <= latest:
        return []
    return [
        Problem(
            code="date_out_of_range",
            message=f"the publication date {published.isoformat()} is before "
            f"{EARLIEST_PUBLISHED_YEAR} or after {latest}: check it (relative dates are "
            "resolved against it)",
            source=source,
        )
    ]


NAVIGATION_TAGS = frozenset({"nav", "header", "footer", "aside", "menu"})
"""Page parts that are never an article's main text."""


def html_to_text(html: str, *, source: str) -> tuple[str, dict[str, str]]:
    """Take the main text and metadata of an HTML page with trafilatura.

    Returns:
        The main text (paragraphs separated by blank lines) and metadata
        (``title``, ``published``, ``outlet``, ``url`` when found).

    Raises:
        ArticleError: The page has no main text.
    """
    # Precise extraction first; trafilatura's fallbacks would return menus of empty pages.
    found = trafilatura.bare_extraction(
        html, with_metadata=True, include_tables=False, fast=True, favor_precision=True
    ) or trafilatura.bare_extraction(html, with_metadata=True, include_tables=False)
    body = getattr(found, "body", None)
    if body is not None and getattr(body, "tag", None) in NAVIGATION_TAGS:
        found = None
    text = getattr(found, "text", None) if found is not None else None
    if not text or not text.strip():
        raise ArticleError(
            "no_main_text", f"{source}: the HTML page has no main text that could be extracted"
        )
    blocks = [line.strip() for line in text.splitlines() if line.strip()]
    meta = {
        "title": getattr(found, "title", None),
        "published": getattr(found, "date", None),
        "outlet": getattr(found, "sitename", None),
        "url": getattr(found, "url", None),
    }
    return "\n\n".join(blocks), {key: value for key, value in meta.items() if value}


def make_document(article: ArticleInput, *, max_chars: int) -> tuple[Document, list[Problem]]:
    """Build the Document of one input article.

    Metadata given with the article wins over metadata found in its HTML.

    Args:
        article: The article as read.
        max_chars: Longest normalized text accepted.

    Returns:
        The document and the problems recorded on the way (invalid UTF-8, a bad date,
        ``unsupported_language`` for an article that is not in English).

    Raises:
        ArticleError: The article is empty, has no main text, or is over ``max_chars``.
    """
    problems = list(article.problems)
    meta: dict[str, str] = {}
    if article.html is not None:
        raw, meta = html_to_text(article.html, source=article.source)
    else:
        raw = article.text or ""
    text = normalize(raw)
    if not text:
        kind = "empty" if not raw else "whitespace only"
        raise ArticleError(
            "empty_text", f"{article.source}: the article is {kind}: nothing to extract"
        )
    if len(text) > max_chars:
        raise ArticleError(
            "too_large",
            f"{article.source}: the article has {len(text):,} characters, over the limit of "
            f"{max_chars:,}; raise it with --max-chars (CLI) or max_chars= (Python)",
        )
    published_text = article.published or meta.get("published")
    try:
        published = parse_published(published_text)
    except InvalidOptionError as error:
        problems.append(Problem(code="bad_published", message=error.message, source=article.source))
        published = None
    language = article_language(article, text, problems)
    if not language.supported:
        problems.append(unsupported_language(language, source=article.source))
    problems.extend(published_problems(published, source=article.source))
    if published is None and published_text is None:
        problems.append(
            Problem(
                code="undated",
                message="the article has no publication date (none was given and its page "
                "names none): relative dates such as 'on Tuesday' are left unresolved; give "
                "one with --published (CLI) or published= (Python)",
                severity="info",
                source=article.source,
            )
        )
    url = article.url or meta.get("url")
    document = Document(
        id=document_id(text, url),
        text=text,
        title=article.title or meta.get("title"),
        outlet=article.outlet or meta.get("outlet"),
        url=url,
        published=published,
        language=language.code,
        source=article.source,
        external_id=article.id,
    )
    return document, problems


def article_language(article: ArticleInput, text: str, problems: list[Problem]) -> LanguageGuess:
    """The language of an article: the one given with it wins, else the detected one.

    A given language that cannot be read adds a ``bad_language`` problem to ``problems``
    and the language is detected.
    """
    if article.language is not None:
        code = given_language(article.language)
        if code is not None:
            return LanguageGuess(code, None, "given")
        problems.append(
            Problem(
                code="bad_language",
                message=f"cannot read the language {article.language!r} (use an ISO 639 "
                "code such as 'en' or 'uk'); the language was detected instead",
                source=article.source,
            )
        )
    return detect_language(text)
