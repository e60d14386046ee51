"""Decoding and normalization of article text.

Bytes are UTF-8 when they are valid UTF-8, whatever a page declares. Bytes that are not
are decoded with the charset the page declares (``<meta charset>``, an ``http-equiv``
content type, an XML declaration), else with the one charset-normalizer detects, and the
charset used is recorded as an ``info`` problem; only when neither works are the bad
bytes replaced (``invalid_utf8``).

The normalized text is what :attr:`claimwire.models.Document.text` holds and what every
offset refers to. Normalization only makes the text cleaner to read and to parse; it never
happens after offsets are taken.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from typing import Final

from ..models import Problem

_LINE_ENDS = re.compile(r"\r\n?|\u2028|\u2029|\x85")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")

BINARY_SAMPLE = 8192
REPLACEMENT: Final = "\ufffd"

DECLARATION_BYTES: Final = 4096
"""Bytes at the start of a page searched for a declared charset (the HTML standard's
pre-scan reads 1,024; generous heads of pages push a late ``<meta>`` past that)."""

_DECLARED = re.compile(
    rb"""<\?xml[^>]{0,200}?encoding\s*=\s*\\?["']([\w.:-]+)"""
    rb"""|<meta[^>]{0,500}?charset\s*=\s*\\?["']?\s*([\w.:-]+)""",
    re.IGNORECASE,
)

LEGACY_CHARSETS: Final = (
    *("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257"),
    *("iso8859_2", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_15"),
    *("koi8_r", "koi8_u", "cp866", "mac_roman"),
    *("gb18030", "big5", "shift_jis", "euc_jp", "euc_kr"),
)
"""The charsets an undeclared page is tried in: those of news sites that are not UTF-8.
Left free, charset-normalizer picks rare code pages (cp1006, cp1125) for a text with
a handful of non-ASCII bytes."""

WEB_LABELS: Final = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254"}
"""Declared charsets that web pages mean as a superset (the HTML standard's encoding
labels): a page that says ``iso-8859-1`` is decoded as windows-1252."""


def looks_binary(data: bytes) -> bool:
    """Tell whether raw bytes are a binary file rather than text.

    Args:
        data: The first bytes of the file (a few kilobytes are enough).

    Returns:
        True when the bytes hold a NUL byte anywhere (one rule for the whole file: a NUL
        after the first kilobytes was once dropped silently), or when their first
        ``BINARY_SAMPLE`` bytes are mostly control bytes. UTF-16 and UTF-32 text, full of
        NUL bytes, is told apart by its byte-order mark before this is asked.
    """
    sample = data[:BINARY_SAMPLE]
    if not sample:
        return False
    if b"\x00" in data:
        return True
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 13))
    return control / len(sample) > 0.1


WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM starts it
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""Byte-order marks of the UTF-16 and UTF-32 encodings, and the codec that reads each."""


def wide_encoding(data: bytes) -> str | None:
    """``utf-16`` or ``utf-32`` when ``data`` starts with the byte-order mark of one, else None.

    Such text is full of NUL bytes; its mark tells it from a binary file.
    """
    return next((codec for bom, codec in WIDE_BOMS if data.startswith(bom)), None)


def decode(data: bytes, *, source: str | None = None) -> tuple[str, list[Problem]]:
    """Decode an article's bytes: UTF-16 or UTF-32 when they start with its byte-order
    mark, UTF-8 when valid (a BOM is dropped), else the declared or detected charset.

    Args:
        data: Raw bytes of an article.
        source: Where the bytes come from, for the problem record.

    Returns:
        The decoded string and the problems of decoding: ``non_utf8_charset`` (info)
        naming the charset used, or ``invalid_utf8`` when bytes were replaced.
    """
    wide = wide_encoding(data)
    encoding = wide or "utf-8-sig"
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError as error:
        first_bad = error.start
    replaced = data.decode(encoding, errors="replace")
    found = None if wide or damaged_utf8(replaced) else decode_other_charset(data)
    if found is not None:
        text, message = found
        return text, [
            Problem(code="non_utf8_charset", message=message, severity="info", source=source)
        ]
    problem = Problem(
        code="invalid_utf8",
        message=(
            f"input is not valid {encoding.removesuffix('-sig').upper()} "
            f"(first bad byte at offset {first_bad}); "
            f"{replaced.count(REPLACEMENT)} invalid sequence(s) replaced with U+FFFD"
        ),
        source=source,
    )
    return replaced, [problem]


def decode_other_charset(data: bytes) -> tuple[str, str] | None:
    """``data`` decoded with its declared charset, else the detected one, with a message
    naming the charset; None when neither decodes every byte."""
    declared = declared_charset(data)
    if declared is not None and (text := decode_strictly(data, declared)) is not None:
        return text, f"input is not UTF-8; decoded as {declared}, the charset the page declares"
    detected = detected_charset(data)
    if detected is not None and (text := decode_strictly(data, detected)) is not None:
        return text, (
            f"input is not UTF-8 and declares no charset; decoded as {detected}, "
            "the charset charset-normalizer detected"
        )
    return None


def damaged_utf8(replaced: str) -> bool:
    """Whether text decoded as UTF-8 (bad bytes replaced) is UTF-8 with a few bad bytes
    rather than another charset: it has at least as many valid non-ASCII characters as
    bad bytes (in windows-1252 or cp1251 text a valid UTF-8 sequence happens only by
    chance)."""
    bad = replaced.count(REPLACEMENT)
    valid = sum(1 for char in replaced if char > "\x7f") - bad
    return valid > 0 and valid >= bad


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes, as a Python codec name.

    Reads ``<meta charset="...">``, ``<meta http-equiv="Content-Type" content="...;
    charset=...">`` and ``<?xml ... encoding="..."?>``. Returns None when nothing is
    declared, the name is unknown, or it is UTF-8 (whose bad bytes are replaced).
    """
    found = _DECLARED.search(data[:DECLARATION_BYTES])
    if found is None:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii", "replace")
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.startswith("utf"):
        return None
    return WEB_LABELS.get(name, name)


def detected_charset(data: bytes) -> str | None:
    """The charset charset-normalizer finds for ``data``, as a Python codec name, or None."""
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_CHARSETS)).best()
    if best is None or best.encoding.startswith("utf"):
        return None
    return codecs.lookup(best.encoding).name


def decode_strictly(data: bytes, charset: str) -> str | None:
    """``data`` decoded with ``charset``, or None if it holds a byte the charset lacks."""
    try:
        return data.decode(charset)
    except UnicodeDecodeError:
        return None


def normalize(text: str) -> str:
    """Normalize article text: one line-end form, plain spaces, no invisible characters.

    Line breaks are kept (a single break inside a sentence is handled by the pipeline),
    Unicode is composed (NFC), trailing spaces and surrounding blank lines are removed.

    Args:
        text: Decoded article text.

    Returns:
        The text every offset of a result refers to.
    """
    text = _LINE_ENDS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("\n", text)
    return text.strip()


def document_id(text: str, url: str | None = None) -> str:
    """Content-hash id of a document: the same text and URL always give the same id.

    Args:
        text: Normalized text.
        url: Canonical URL, if known.

    Returns:
        ``"doc_"`` followed by 20 hex digits of a SHA-256.
    """
    digest = hashlib.sha256()
    digest.update(text.encode("utf-8"))
    digest.update(b"\x00")
    digest.update((url or "").encode("utf-8"))
    return "doc_" + digest.hexdigest()[:20]
