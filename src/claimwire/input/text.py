"""Decoding and normalization of article text.

The normalized text is what :attr:`claimwire.models.Document.text` holds and what every
offset refers to. Normalization only makes the text cleaner to read and to parse; it never
happens after offsets are taken.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata

from ..models import Problem

_LINE_ENDS = re.compile(r"\r\n?|\u2028|\u2029|\x85")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")

BINARY_SAMPLE = 8192


def looks_binary(data: bytes) -> bool:
    """Tell whether raw bytes are a binary file rather than text.

    Args:
        data: The first bytes of the file (a few kilobytes are enough).

    Returns:
        True when the sample holds NUL bytes or mostly control bytes.
    """
    sample = data[:BINARY_SAMPLE]
    if not sample:
        return False
    if b"\x00" in sample:
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
    """Decode bytes as UTF-8 (a BOM is dropped), replacing invalid sequences; UTF-16 and
    UTF-32 when the bytes start with their byte-order mark.

    Args:
        data: Raw bytes of an article.
        source: Where the bytes come from, for the problem record.

    Returns:
        The decoded string and, when bytes were replaced, one ``invalid_utf8`` problem.
    """
    encoding = wide_encoding(data) or "utf-8-sig"
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError as error:
        text = data.decode(encoding, errors="replace")
        replaced = text.count("\ufffd")
        problem = Problem(
            code="invalid_utf8",
            message=(
                f"input is not valid {encoding.removesuffix('-sig').upper()} "
                f"(first bad byte at offset {error.start}); "
                f"{replaced} invalid sequence(s) replaced with U+FFFD"
            ),
            source=source,
        )
        return text, [problem]


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
