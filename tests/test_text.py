"""Decoding and normalization keep the text honest."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwire.input.text import decode, document_id, looks_binary, normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("\ufeffHello", "Hello"),
        ("soft\u00adhyphen and zero\u200bwidth", "softhyphen and zerowidth"),
        ("non\u00a0breaking\u202fspaces", "non breaking spaces"),
        ("  padded \n\n", "padded"),
        ("trailing   \nspace", "trailing\nspace"),
        ("bell\x07 and nul\x00", "bell and nul"),
        ("cafe\u0301", "café"),
        ("tab\tkept", "tab\tkept"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert "\r" not in once


def test_decode_invalid_utf8_is_replaced_and_recorded() -> None:
    # UTF-8 with two stray bytes: damaged UTF-8, not another charset
    text, problems = decode("Київ".encode() + b" \xff\xfe said", source="x.txt")
    assert text == "Київ \ufffd\ufffd said"
    assert [problem.code for problem in problems] == ["invalid_utf8"]
    assert "2 invalid" in problems[0].message


def test_decode_valid_utf8_has_no_problem() -> None:
    assert decode("Київ".encode()) == ("Київ", [])


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (b"plain text\n", False),
        (b"\x89PNG\r\n\x1a\n\x00\x00", True),
        (b"", False),
        (bytes(range(1, 32)) * 10, True),
        ("Zelensky’s office".encode(), False),
    ],
)
def test_looks_binary(data: bytes, binary: bool) -> None:
    assert looks_binary(data) is binary


def test_document_id_is_a_content_hash() -> None:
    assert document_id("text") == document_id("text")
    assert document_id("text") != document_id("text ")
    assert document_id("text", "https://a.example/1") != document_id("text")
    assert document_id("text").startswith("doc_")
