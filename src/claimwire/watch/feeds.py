"""What a source lists: the entries of an RSS or Atom feed, of a sitemap, of a folder.

Feeds are parsed by feedparser; sitemaps (``urlset``, ``sitemapindex``, Google News
sitemaps, gzipped or not) by the standard XML parser behind defusedxml, which refuses
entity expansion and external entities. A folder lists its article files with the
SHA-256 of their content, so a changed file is seen as new.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from ..input.sources import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES

logger = logging.getLogger(__name__)

FOLDER_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MAX_CHILD_SITEMAPS = 50
"""Child sitemaps of a sitemap index read per poll."""


class FeedError(Exception):
    """A feed or sitemap that cannot be read; ``reason`` is short and stable."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Entry:
    """One article a source lists: its URL and what the source says about it."""

    url: str
    title: str | None = None
    published: str | None = None
    """ISO 8601 date or datetime."""
    outlet: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Listing:
    """What one read of a feed or sitemap gave: its entries and child sitemaps."""

    entries: tuple[Entry, ...]
    sitemaps: tuple[str, ...] = ()


def parse_feed(body: bytes, *, url: str) -> Listing:
    """The entries of an RSS or Atom feed (links made absolute against ``url``).

    Raises:
        FeedError: The document is not a feed (malformed XML with no entries, or HTML).
    """
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    entries = []
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            continue
        entries.append(Entry(url=link, title=item.get("title") or None, published=_feed_date(item)))
    if not entries and parsed.get("bozo"):
        error = parsed.get("bozo_exception")
        raise FeedError(f"malformed_feed: {type(error).__name__}: {error}"[:300])
    if not entries and not parsed.get("version"):
        raise FeedError("not_a_feed: no RSS or Atom document")
    return Listing(entries=tuple(entries))


def _feed_date(item: object) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = getattr(item, "get", lambda _key: None)(key)
        if value:
            year, month, day, hour, minute, second = value[:6]
            return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC).isoformat()
    return None


def parse_sitemap(body: bytes, *, max_bytes: int) -> Listing:
    """The pages and child sitemaps of a sitemap (gzipped or not).

    Raises:
        FeedError: Malformed XML, forbidden XML (entities), or not a sitemap.
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body, max_bytes=max_bytes)
    try:
        root = fromstring(body)
    except DefusedXmlException as error:
        raise FeedError(f"forbidden_xml: {type(error).__name__}") from None
    except ParseError as error:
        raise FeedError(f"malformed_sitemap: {error}"[:300]) from None
    kind = _local(root.tag)
    if kind == "sitemapindex":
        children = [_text(node, "loc") for node in root if _local(node.tag) == "sitemap"]
        return Listing(entries=(), sitemaps=tuple(child for child in children if child))
    if kind != "urlset":
        raise FeedError(f"not_a_sitemap: the root element is <{kind}>")
    entries = []
    for node in root:
        if _local(node.tag) != "url":
            continue
        loc = _text(node, "loc")
        if loc:
            entries.append(_sitemap_entry(node, loc))
    return Listing(entries=tuple(entries))


def _sitemap_entry(node: Element, loc: str) -> Entry:
    news = _child(node, "news")
    if news is None:
        return Entry(url=loc, published=_text(node, "lastmod"))
    publication = _child(news, "publication")
    return Entry(
        url=loc,
        title=_text(news, "title"),
        published=_text(news, "publication_date") or _text(node, "lastmod"),
        outlet=_text(publication, "name") if publication is not None else None,
        language=_text(publication, "language") if publication is not None else None,
    )


def _gunzip(body: bytes, *, max_bytes: int) -> bytes:
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = decompressor.decompress(body, max_bytes + 1)
    except zlib.error:
        raise FeedError("malformed_sitemap: broken gzip data") from None
    if len(data) > max_bytes:
        raise FeedError(f"too_large: the unzipped sitemap is over {max_bytes:,} bytes")
    return data


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(node: Element, name: str) -> Element | None:
    for child in node:
        if _local(child.tag) == name:
            return child
    return None


def _text(node: Element | None, name: str) -> str | None:
    child = _child(node, name) if node is not None else None
    if child is None or child.text is None:
        return None
    return child.text.strip() or None


@dataclass(frozen=True)
class FolderFile:
    """An article file of a watched folder, with the hash of its content."""

    path: Path
    url: str
    """Its ``file://`` URL: the item's key."""
    content_hash: str
    body: bytes | None
    """The content; None when the file is over the size limit."""


def scan_folder(folder: Path, *, max_bytes: int) -> list[FolderFile]:
    """The article files of ``folder`` (recursively; hidden files and folders left out).

    Raises:
        FeedError: The folder does not exist or cannot be read.
    """
    if not folder.is_dir():
        raise FeedError(f"no_folder: {folder} is not a folder")
    found = []
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            path = Path(root) / name
            if name.startswith(".") or path.suffix.lower() not in FOLDER_SUFFIXES:
                continue
            found.append(_folder_file(path, max_bytes=max_bytes))
    return [item for item in found if item is not None]


def _folder_file(path: Path, *, max_bytes: int) -> FolderFile | None:
    url = path.resolve().as_uri()
    try:
        if path.stat().st_size > max_bytes:
            return FolderFile(path, url, "", None)
        body = path.read_bytes()
    except OSError as error:  # vanished or unreadable: seen at the next poll, if still there
        logger.info("cannot read %s: %s", path, error)
        return None
    return FolderFile(path, url, hashlib.sha256(body).hexdigest(), body)
