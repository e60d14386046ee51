"""The sources file of ``claimwire watch``: what to follow, and how politely.

A TOML file (read with :mod:`tomllib`, written with ``tomli_w``)::

    [watch]                      # optional; the defaults are shown
    host_delay = 0.25            # seconds between two requests to one host
    host_concurrency = 2         # requests in flight to one host
    timeout = 20.0               # seconds for connecting, and between two reads
    retries = 2                  # tries again after a timeout, a 5xx or a 429
    backoff = 1.0                # first wait before trying again (doubles, with jitter)
    max_bytes = 5000000          # largest page or feed read
    max_redirects = 5
    fetch_workers = 8            # pages fetched at once (all hosts)

    [[source]]
    name = "example-news"
    kind = "feed"                # feed (RSS or Atom) | sitemap | folder
    url = "https://news.example/rss.xml"   # a folder gives path = "/srv/articles" instead
    outlet = "Example News"
    language = "en"
    interval = 900               # seconds between two polls
    tags = ["ukraine"]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from .errors import SourcesFileError, WatchSetupError

SourceKind = Literal["feed", "sitemap", "folder"]
SOURCE_KINDS: tuple[SourceKind, ...] = ("feed", "sitemap", "folder")
DEFAULT_INTERVAL = 900
"""Seconds between two polls of a source (GDELT refreshes every 15 minutes)."""
MIN_INTERVAL = 1
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass(frozen=True)
class Source:
    """One source to follow: a feed, a sitemap or a folder."""

    name: str
    kind: SourceKind
    url: str | None = None
    """The feed's or sitemap's URL (http or https; None for a folder)."""
    path: str | None = None
    """The folder (None for a feed or sitemap)."""
    outlet: str | None = None
    language: str | None = None
    interval: float = DEFAULT_INTERVAL
    tags: tuple[str, ...] = ()

    @property
    def location(self) -> str:
        """Where the source is: its URL or its folder."""
        return self.url if self.url is not None else str(self.path)


@dataclass(frozen=True)
class WatchSettings:
    """How the watcher fetches: politeness, limits and retries (the ``[watch]`` table)."""

    host_delay: float = 0.25
    host_concurrency: int = 2
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    fetch_workers: int = 8
    max_attempts: int = 5
    """Fetches of one page before it is given up (failed for good)."""
    webhook: str | None = None
    """A URL to POST what changed to (as ``/api/changes`` gives it) after each stored
    batch; off when None."""
    webhook_min_value: float = 10.0
    """Figures below this value are left out of the webhook's changes."""
    allow_private_pages: bool = False
    """Fetch pages on loopback, private and link-local addresses even when no source of the
    sources file is on their host (off: a feed cannot point the watcher at this machine's
    or this network's services)."""


@dataclass(frozen=True)
class SourcesFile:
    """The sources file: settings and sources, in file order."""

    settings: WatchSettings = field(default_factory=WatchSettings)
    sources: tuple[Source, ...] = ()

    def source(self, name: str) -> Source:
        """The source called ``name``.

        Raises:
            SourcesFileError: There is none.
        """
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(source.name for source in self.sources) or "none"
        raise SourcesFileError(f"no source called {name!r} (the sources are: {known})")


def load_sources(path: str | Path) -> SourcesFile:
    """Read a sources file; a missing file is an empty one.

    Raises:
        SourcesFileError: The file is not valid TOML, or a source or setting is wrong.
    """
    path = Path(path)
    if not path.exists():
        return SourcesFile()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SourcesFileError(f"cannot read the sources file {path}: {error}") from None
    unknown = set(data) - {"watch", "source"}
    if unknown:
        raise SourcesFileError(
            f"{path}: unknown table(s) {', '.join(sorted(unknown))}; use [watch] and [[source]]"
        )
    settings = _settings(data.get("watch", {}), path)
    raw_sources = data.get("source", [])
    if not isinstance(raw_sources, list):
        raise SourcesFileError(f"{path}: sources are [[source]] tables")
    sources = tuple(_source(raw, path, number) for number, raw in enumerate(raw_sources, 1))
    names = [source.name for source in sources]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise SourcesFileError(f"{path}: source names must differ: {', '.join(twice)}")
    return SourcesFile(settings=settings, sources=sources)


def _settings(raw: Any, path: Path) -> WatchSettings:
    if not isinstance(raw, dict):
        raise SourcesFileError(f"{path}: [watch] must be a table")
    defaults = WatchSettings()
    values: dict[str, Any] = {}
    for item in fields(WatchSettings):
        if item.name not in raw:
            continue
        value = raw[item.name]
        if item.name == "webhook":
            if not isinstance(value, str) or urlsplit(value).scheme not in ("http", "https"):
                raise SourcesFileError(f"{path}: [watch] webhook must be an http(s) URL")
            values[item.name] = value
            continue
        default = getattr(defaults, item.name)
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise SourcesFileError(f"{path}: [watch] {item.name} must be true or false")
            values[item.name] = value
            continue
        if isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        else:
            ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
        if not ok:
            raise SourcesFileError(
                f"{path}: [watch] {item.name} must be a number >= 0, not {value!r}"
            )
        values[item.name] = value
    unknown = set(raw) - {item.name for item in fields(WatchSettings)}
    if unknown:
        raise SourcesFileError(f"{path}: unknown [watch] setting(s) {', '.join(sorted(unknown))}")
    settings = replace(defaults, **values)
    if settings.host_concurrency < 1 or settings.fetch_workers < 1:
        raise SourcesFileError(f"{path}: host_concurrency and fetch_workers must be at least 1")
    return settings


def _source(raw: Any, path: Path, number: int) -> Source:
    where = f"{path}: source {number}"
    if not isinstance(raw, dict):
        raise SourcesFileError(f"{where} must be a table")
    known = {item.name for item in fields(Source)}
    unknown = set(raw) - known
    if unknown:
        raise SourcesFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("name", "kind", "url", "path", "outlet", "language"):
        if key in raw and not isinstance(raw[key], str):
            raise SourcesFileError(f"{where}: {key} must be a string, not {raw[key]!r}")
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise SourcesFileError(f"{where}: tags must be a list of strings")
    interval = raw.get("interval", DEFAULT_INTERVAL)
    if not isinstance(interval, int | float) or isinstance(interval, bool):
        raise SourcesFileError(f"{where}: interval must be a number of seconds")
    try:
        return make_source(
            name=raw.get("name", ""),
            kind=raw.get("kind", ""),
            url=raw.get("url"),
            path=raw.get("path"),
            outlet=raw.get("outlet"),
            language=raw.get("language"),
            interval=interval,
            tags=tuple(tags),
        )
    except SourcesFileError as error:
        raise SourcesFileError(f"{where}: {error.message}") from None


def make_source(
    *,
    name: str,
    kind: str,
    url: str | None = None,
    path: str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    interval: float = DEFAULT_INTERVAL,
    tags: tuple[str, ...] = (),
) -> Source:
    """A checked source.

    Raises:
        SourcesFileError: The name, kind, URL, folder or interval is wrong.
    """
    if not _NAME.match(name):
        raise SourcesFileError(
            f"the source name {name!r} must be 1 to 64 letters, digits, '.', '_' or '-'"
        )
    if kind not in SOURCE_KINDS:
        raise SourcesFileError(f"kind must be one of {', '.join(SOURCE_KINDS)}, not {kind!r}")
    if kind == "folder":
        if not path or url:
            raise SourcesFileError("a folder source gives path = FOLDER (and no url)")
    else:
        if not url or path:
            raise SourcesFileError(f"a {kind} source gives url = URL (and no path)")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise SourcesFileError(f"the URL {url!r} must be an http:// or https:// URL")
    if interval < MIN_INTERVAL:
        raise SourcesFileError(f"interval must be at least {MIN_INTERVAL} second(s)")
    checked_kind = SOURCE_KINDS[SOURCE_KINDS.index(kind)]
    return Source(
        name=name,
        kind=checked_kind,
        url=url,
        path=path,
        outlet=outlet,
        language=language,
        interval=interval,
        tags=tags,
    )


def save_sources(path: str | Path, sources_file: SourcesFile) -> None:
    """Write a sources file (settings that differ from the defaults, then the sources).

    Raises:
        WatchSetupError: ``tomli_w`` is not installed (the ``watch`` extra).
        SourcesFileError: The file cannot be written.
    """
    try:
        import tomli_w
    except ImportError:
        raise WatchSetupError(
            "editing the sources file needs tomli-w: pip install 'claimwire[watch]'"
        ) from None
    defaults = asdict(WatchSettings())
    settings = {
        key: value
        for key, value in asdict(sources_file.settings).items()
        if value != defaults[key] and value is not None
    }
    data: dict[str, Any] = {}
    if settings:
        data["watch"] = settings
    data["source"] = [_source_table(source) for source in sources_file.sources]
    path = Path(path)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(tomli_w.dumps(data), encoding="utf-8")
        temporary.replace(path)
    except OSError as error:
        raise SourcesFileError(f"cannot write the sources file {path}: {error}") from None


def _source_table(source: Source) -> dict[str, Any]:
    table: dict[str, Any] = {"name": source.name, "kind": source.kind}
    for key in ("url", "path", "outlet", "language"):
        value = getattr(source, key)
        if value is not None:
            table[key] = value
    interval = source.interval
    table["interval"] = int(interval) if float(interval).is_integer() else interval
    if source.tags:
        table["tags"] = list(source.tags)
    return table


def add_source(sources_file: SourcesFile, source: Source) -> SourcesFile:
    """``sources_file`` with ``source`` added.

    Raises:
        SourcesFileError: A source of that name is there already.
    """
    if any(known.name == source.name for known in sources_file.sources):
        raise SourcesFileError(
            f"there is a source called {source.name!r} already; remove it first or pick "
            "another name"
        )
    return replace(sources_file, sources=(*sources_file.sources, source))


def remove_source(sources_file: SourcesFile, name: str) -> SourcesFile:
    """``sources_file`` without the source called ``name``.

    Raises:
        SourcesFileError: There is none.
    """
    sources_file.source(name)
    return replace(sources_file, sources=tuple(s for s in sources_file.sources if s.name != name))
