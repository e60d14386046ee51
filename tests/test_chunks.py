"""Long articles go through the model in pieces; offsets stay exact and facts are found."""

from __future__ import annotations

import pytest

import claimwire
from claimwire.nlp import chunks, extract


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("First paragraph here.\n\nSecond one, a bit longer.\n\nThird.", 30),
        ("one line\nanother line\nand a third line of words", 15),
        ("words without any break at all but spaces between them", 12),
        ("x" * 50, 16),  # no space at all: cut where it must
        ("short", 100),
    ],
)
def test_pieces_join_back_and_fit(text: str, size: int) -> None:
    pieces = chunks.split_text(text, size)
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= size for piece in pieces)


def test_pieces_end_at_paragraph_breaks() -> None:
    text = "Alpha beta gamma.\n\nDelta epsilon.\nZeta eta theta iota.\n\nKappa."
    pieces = chunks.split_text(text, 40)
    assert pieces[0].endswith("\n\n")


PARAGRAPH = (
    "Shelling killed 12 civilians in the town of Karlsburg on Monday, the regional governor "
    "said. Rescue teams were still searching the rubble of two apartment blocks.\n\n"
)


def test_long_article_in_pieces_keeps_offsets_and_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    text = PARAGRAPH * 12
    whole = claimwire.extract(text, full=True)
    monkeypatch.setattr(extract, "CHUNK_CHARS", 600)
    pieced = claimwire.extract(text, full=True)
    assert len(text) > 3 * 600
    for span in pieced.spans():
        assert text[span.start : span.end] == span.text
    found = [(f.span.start, f.value, f.measure) for f in pieced.figures]
    assert found == [(f.span.start, f.value, f.measure) for f in whole.figures]
    assert len(found) == 12
