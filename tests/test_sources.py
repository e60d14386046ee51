"""Reading inputs: every kind of article source, and every kind of bad input."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from claimwire.errors import ArticleError, InputNotFoundError, InvalidOptionError
from claimwire.input.documents import make_document, parse_published
from claimwire.input.sources import ArticleInput, InputFailure, read_path, read_sources

LIMIT = 4_000_000


def read(*paths: Path | str, stdin: bytes | None = None) -> list[ArticleInput | InputFailure]:
    stream = io.BytesIO(stdin) if stdin is not None else None
    return list(read_sources([str(p) for p in paths], stdin=stream, max_bytes=LIMIT))


def test_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Shelling killed three people in the town on Sunday.", encoding="utf-8")
    (item,) = read(path)
    assert isinstance(item, ArticleInput)
    assert item.text.startswith("Shelling") and item.html is None and item.source == str(path)


def test_stdin() -> None:
    (item,) = read("-", stdin=b"Two soldiers were wounded.")
    assert isinstance(item, ArticleInput) and item.source == "stdin"


def test_html_is_detected_by_content(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<!DOCTYPE html><html><body><p>Hi</p></body></html>", encoding="utf-8")
    (item,) = read(path)
    assert item.html is not None and item.text is None


def test_jsonl_with_one_broken_line_keeps_the_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    lines = [
        json.dumps({"text": "First article text.", "id": "a1", "outlet": "Wire"}),
        '{"text": "unterminated',
        "",
        json.dumps({"html": "<html><body><p>Second.</p></body></html>", "published": "2024-01-02"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no body"}),
        json.dumps({"text": 42, "url": ["x"]}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    assert [type(item).__name__ for item in items] == [
        "ArticleInput",
        "InputFailure",
        "ArticleInput",
        "InputFailure",
        "InputFailure",
        "InputFailure",
    ]
    assert items[0].id == "a1" and items[0].outlet == "Wire" and items[0].source.endswith(":1")
    assert items[2].published == "2024-01-02" and items[2].html is not None
    failures = [item for item in items if isinstance(item, InputFailure)]
    assert [f.problem.line for f in failures] == [2, 5, 6, 7]
    assert all(f.problem.code == "broken_record" for f in failures)
    assert "invalid JSON" in failures[0].problem.message
    assert "no 'text' or 'html'" in failures[2].problem.message
    assert "must be a string" in failures[3].problem.message


def test_directory_reads_article_files_recursively(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("B text.", encoding="utf-8")
    (tmp_path / "sub" / "a.html").write_text("<html><body><p>A</p></body></html>", "utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": "C"}) + "\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x,y", encoding="utf-8")
    items = read(tmp_path)
    assert [Path(item.source.split(":")[0]).name for item in items] == [
        "b.txt",
        "c.jsonl",
        "a.html",
    ]


def test_binary_file_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (item,) = read(path)
    assert isinstance(item, InputFailure) and item.problem.code == "binary_input"


def test_invalid_utf8_is_decoded_with_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes("Caf\xe9 bombed in Kharkiv.".encode() + b" \xff")
    (item,) = read(path)
    assert isinstance(item, ArticleInput)
    assert item.text == "Caf\xe9 bombed in Kharkiv. \ufffd"
    assert [p.code for p in item.problems] == ["invalid_utf8"]


def test_latin1_file_is_decoded_with_its_charset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 bombed in Kharkiv.".encode("latin-1"))
    (item,) = read(path)
    assert isinstance(item, ArticleInput)
    assert item.text == "Caf\xe9 bombed in Kharkiv."
    assert [(p.code, p.severity) for p in item.problems] == [("non_utf8_charset", "info")]


def test_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 1000)
    (item,) = list(read_sources([str(path)], max_bytes=100))
    assert isinstance(item, InputFailure) and item.problem.code == "too_large"
    assert "--max-chars" in item.problem.message


def test_missing_path_raises_before_reading(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match="no such file"):
        read(tmp_path / "nope.txt")


@pytest.mark.parametrize(("raw", "kind"), [("", "empty"), (" \n\t\n ", "whitespace only")])
def test_empty_article_is_an_article_error(raw: str, kind: str) -> None:
    with pytest.raises(ArticleError, match=kind) as caught:
        make_document(ArticleInput(source="x", text=raw), max_chars=100)
    assert caught.value.problem_code == "empty_text"


def test_article_over_max_chars_is_refused() -> None:
    with pytest.raises(ArticleError, match="over the limit of 10") as caught:
        make_document(ArticleInput(source="x", text="a" * 11), max_chars=10)
    assert caught.value.problem_code == "too_large"


def test_html_without_main_text_is_an_article_error() -> None:
    page = "<html><head><title>t</title></head><body><div></div></body></html>"
    with pytest.raises(ArticleError) as caught:
        make_document(ArticleInput(source="p.html", html=page), max_chars=10_000)
    assert caught.value.problem_code == "no_main_text"


def test_html_main_text_and_metadata() -> None:
    page = (
        "<html><head><title>Strike on depot - Example News</title>"
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2023-03-05T08:00:00Z"></head>'
        "<body><nav>Home | World</nav><article><h1>Strike on depot</h1>"
        "<p>Missiles struck a fuel depot near the city overnight, regional officials said "
        "on Sunday, adding that no one was hurt in the attack.</p>"
        "<p>The officials said firefighters had put out the blaze by the morning and that "
        "the damage was still being assessed.</p></article></body></html>"
    )
    document, problems = make_document(ArticleInput(source="p.html", html=page), max_chars=10_000)
    assert "Missiles struck a fuel depot" in document.text
    assert "Home | World" not in document.text
    assert "\n\n" in document.text
    assert document.outlet == "Example News"
    assert str(document.published) == "2023-03-05"
    assert problems == []


def test_bad_published_in_a_record_is_a_problem_not_a_failure() -> None:
    article = ArticleInput(source="f.jsonl:3", text="Text.", published="next Tuesday")
    document, problems = make_document(article, max_chars=100)
    assert document.published is None
    assert [p.code for p in problems] == ["bad_published"]


@pytest.mark.parametrize("value", ["2022-13-01", "14/06/2022", "yesterday", "2022-6-1x"])
def test_parse_published_rejects_non_iso(value: str) -> None:
    with pytest.raises(InvalidOptionError, match="YYYY-MM-DD"):
        parse_published(value)


@pytest.mark.parametrize("value", [20220614, 2022.5, ["2022-06-14"]])
def test_parse_published_names_a_wrong_type(value: object) -> None:
    """An int from a script or a JSON record is a clear error, not an AttributeError."""
    with pytest.raises(InvalidOptionError, match="YYYY-MM-DD string or a date"):
        parse_published(value)  # type: ignore[arg-type]


def test_jsonl_record_with_a_numeric_date_keeps_the_article_with_a_problem() -> None:
    article = ArticleInput(source="feed.jsonl:1", text="Two people died.", published=20220614)  # type: ignore[arg-type]
    document, problems = make_document(article, max_chars=100)
    assert document.published is None
    assert [p.code for p in problems] == ["bad_published"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2022-06-14", "2022-06-14"), ("2022-06-14T10:00:00Z", "2022-06-14 10:00:00+00:00")],
)
def test_parse_published_accepts_iso(value: str, expected: str) -> None:
    assert str(parse_published(value)) == expected


def test_a_file_name_that_is_not_utf8_is_read_and_named_printably(tmp_path):
    (tmp_path / "good.txt").write_text("Shelling killed two people.", encoding="utf-8")
    bad = os.fsencode(tmp_path) + b"/bad\xff.txt"
    with open(bad, "wb") as handle:
        handle.write(b"Shelling killed three people.")
    found = list(read_path(tmp_path, max_bytes=10_000))
    assert [type(item).__name__ for item in found] == ["ArticleInput", "ArticleInput"]
    assert found[0].source.endswith("bad\\xff.txt")
    found[0].source.encode("utf-8")  # storable: no lone surrogate


def test_an_unreadable_file_is_reported_and_the_rest_is_read(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Shelling killed two people.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Shelling killed three people.", encoding="utf-8")
    real = Path.read_bytes

    def locked(path: Path) -> bytes:
        if path.name == "a.txt":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", locked)
    found = list(read_path(tmp_path, max_bytes=10_000))
    assert isinstance(found[0], InputFailure)
    assert found[0].problem.code == "unreadable_input"
    assert "Permission denied" in found[0].problem.message
    assert isinstance(found[1], ArticleInput) and found[1].text.startswith("Shelling")
