"""Language and encoding: non-English articles are recognised and left alone, declared and
undeclared charsets are honoured. Every text here is written for the test."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import claimwire
from claimwire.cli import main
from claimwire.corpus.ingest import ingest
from claimwire.input.documents import make_document
from claimwire.input.language import detect_language, given_language, language_name
from claimwire.input.sources import ArticleInput, read_bytes, read_path
from claimwire.input.text import declared_charset, decode
from claimwire.nlp.extract import Failure, extract_many
from claimwire.store import load_result, open_store

DAY = "2024-03-12"
"""A publication day for the inputs (an undated one also gets the ``undated`` note)."""

UKRAINIAN = (
    "Унаслідок ранкового обстрілу Харкова загинули п'ятеро цивільних, ще дванадцять людей "
    "дістали поранення, повідомив голова обласної військової адміністрації. Ворог випустив "
    "по місту три ракети, одна з них влучила в житловий будинок."
)
RUSSIAN = (
    "В результате ночного обстрела Белгорода погибли два человека, ещё семь получили "
    "ранения, сообщил губернатор области. По его словам, повреждены жилые дома и "
    "автомобили, на месте работают спасатели."
)
FRENCH = (
    "Cinq civils ont été tués mardi matin dans un bombardement russe sur Kharkiv, a indiqué "
    "le gouverneur de la région. Douze autres personnes ont été blessées et un immeuble "
    "d'habitation a été gravement endommagé."
)
ARABIC = (
    "قتل خمسة مدنيين وأصيب اثنا عشر آخرون في قصف استهدف حيا سكنيا في المدينة صباح اليوم، "
    "بحسب ما أعلن المحافظ في بيان، مضيفا أن فرق الإنقاذ ما زالت تبحث عن مفقودين."
)
ENGLISH = (
    "Russian shelling killed five civilians in Kharkiv on Tuesday morning and wounded "
    "twelve more, the regional governor said. Three missiles hit the city; one struck an "
    "apartment block."
)
ENGLISH_QUOTING_UKRAINIAN = (
    "Residents of Kharkiv spray-painted «Харків незламний» (Kharkiv is unbreakable) on the "
    "wall of the damaged school. The governor said five civilians were killed and twelve "
    "wounded in the morning strike, and that rescuers were still searching the rubble."
)


@pytest.mark.parametrize(
    ("text", "code"),
    [(UKRAINIAN, "uk"), (RUSSIAN, "ru"), (FRENCH, "fr"), (ARABIC, "ar"), (ENGLISH, "en")],
)
def test_language_of_a_paragraph(text: str, code: str) -> None:
    guess = detect_language(text)
    assert (guess.code, guess.method) == (code, "detected")
    assert guess.confidence is not None and guess.confidence > 0.9


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH_QUOTING_UKRAINIAN,
        "The minister said «мы не отступим» and left the room without further comment.",
        'Protesters chanted "Allahu akbar" and "الشعب يريد" outside the embassy on Friday.',
        "Shelling kills 5 in Kharkiv",  # headline only
        "Kostiantynivka, Pokrovsk, Myrnohrad, Druzhkivka: 4 killed",
        "Al-Shabaab attack in Mogadishu",
        "Zelensky: Bakhmut holds",
        "M23 seizes Goma",  # too few letters to tell
        "12 3 2024 17:00 55 12",  # no letters at all
        "Killed: 1,234; wounded: 2,345; missing: 345 (as of 12.03.2024, 18:00); 45 of 120 "
        "villages shelled; 3,456 homes damaged; 67 schools, 8 hospitals",
    ],
)
def test_english_stays_english(text: str) -> None:
    assert detect_language(text).code == "en"


LONG_ENGLISH = " ".join(
    [
        "The river ferry that links the two market towns stopped running on Sunday after the",
        "provincial council said its engines had failed an inspection. Traders who cross",
        "with their goods every morning told a local radio station that they would lose a",
        "week of sales, and that the council had known about the problem for months but had",
        "done nothing. A spokesman for the council said a replacement boat would be found",
        "within days. It was the third time this year that the service has been halted, and",
        "residents of the villages on the eastern bank, who have no bridge, said they were",
        "tired of promises. Their representative said that the council would meet them on",
        "Friday, and that a new timetable was being prepared with the operator.",
    ]
)
LONG_GERMAN = " ".join(
    [
        "Die Fähre zwischen den beiden Marktstädten am Fluss hat am Sonntag den Betrieb",
        "eingestellt, nachdem der Provinzrat mitgeteilt hatte, dass ihre Motoren bei einer",
        "Prüfung durchgefallen seien. Händler, die jeden Morgen mit ihren Waren übersetzen,",
        "sagten einem örtlichen Radiosender, sie würden eine Woche Umsatz verlieren und der",
        "Rat habe seit Monaten von dem Problem gewusst, aber nichts getan. Ein Sprecher des",
        "Rates sagte, innerhalb weniger Tage werde ein Ersatzboot gefunden. Es war das dritte",
        "Mal in diesem Jahr, dass der Dienst unterbrochen wurde, und die Bewohner der Dörfer",
        "am Ostufer, die keine Brücke haben, sagten, sie seien der Versprechen müde. Ihr",
        "Vertreter sagte, der Rat werde sie am Freitag treffen und ein neuer Fahrplan werde",
        "mit dem Betreiber vorbereitet.",
    ]
)


@pytest.mark.parametrize(
    ("text", "code", "method"),
    [
        (LONG_ENGLISH, "en", "english_words"),  # plainly English: the model is not asked
        (LONG_GERMAN, "de", "detected"),
        (ENGLISH, "en", "detected"),  # too few words to decide by function words
        (LONG_ENGLISH.upper(), "en", "english_words"),
    ],
)
def test_plainly_english_text_skips_the_model(text: str, code: str, method: str) -> None:
    guess = detect_language(text)
    assert (guess.code, guess.method) == (code, method)


def test_a_short_text_in_another_script_is_not_english() -> None:
    assert detect_language("Київ").code == "uk"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("en", "en"),
        ("en-GB", "en"),
        ("uk_UA", "uk"),
        ("fra", "fr"),
        ("French", "fr"),
        ("UK", "uk"),
        ("xx", None),
        ("Frenglish", None),
    ],
)
def test_given_language_codes(value: str, code: str | None) -> None:
    assert given_language(value) == code


def test_language_names() -> None:
    assert [language_name(code) for code in ("uk", "el", "ace", "qqq")] == [
        "Ukrainian",
        "Modern Greek",
        "Achinese",
        "qqq",
    ]


def test_a_non_english_document_gets_a_problem_naming_its_language() -> None:
    document, problems = make_document(
        ArticleInput(source="a.txt", text=UKRAINIAN, published=DAY), max_chars=10**5
    )
    assert document.language == "uk"
    (problem,) = problems
    assert problem.code == "unsupported_language"
    assert problem.message.startswith("article is in Ukrainian (uk, confidence 1.00); ")
    assert "extracts English only" in problem.message


def test_the_given_language_wins() -> None:
    english, problems = make_document(
        ArticleInput(source="a", text=ENGLISH, language="uk", published=DAY), max_chars=10**5
    )
    assert english.language == "uk"
    assert "as given with the input" in problems[0].message
    ukrainian, problems = make_document(
        ArticleInput(source="b", text=UKRAINIAN, language="en-US", published=DAY), max_chars=10**5
    )
    assert (ukrainian.language, problems) == ("en", [])


def test_an_unreadable_given_language_is_detected_with_a_problem() -> None:
    document, problems = make_document(
        ArticleInput(source="a", text=FRENCH, language="Frenglish", published=DAY), max_chars=10**5
    )
    assert document.language == "fr"
    assert [p.code for p in problems] == ["bad_language", "unsupported_language"]


def test_jsonl_records_carry_their_language(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": ENGLISH, "language": "fr"}) + "\n", encoding="utf-8")
    (item,) = read_path(path, max_bytes=10**6)
    assert isinstance(item, ArticleInput) and item.language == "fr"


# --- encoding -------------------------------------------------------------------------

WINDOWS_1252_PAGE = (
    '<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" '
    'content="text/html; charset=windows-1252"><title>Caf\u00e9 hit</title></head>'
    "<body><article><p>A caf\u00e9 in the town centre was hit by a drone on Tuesday, "
    "the mayor said. \u201cFive people were killed,\u201d he told reporters; "
    "the owner\u2019s son was among them.</p></article></body></html>"
).encode("cp1252")


def test_a_declared_windows_1252_page_is_decoded_with_its_charset() -> None:
    (item,) = read_bytes(WINDOWS_1252_PAGE, source="page.html")
    assert isinstance(item, ArticleInput) and item.html is not None
    assert "\ufffd" not in item.html
    assert "caf\u00e9" in item.html and "\u201cFive people were killed,\u201d" in item.html
    (problem,) = item.problems
    assert (problem.code, problem.severity) == ("non_utf8_charset", "info")
    assert "cp1252" in problem.message and "declares" in problem.message
    document, _ = make_document(item, max_chars=10**5)
    assert "the owner\u2019s son" in document.text and document.language == "en"


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="windows-1251">', "cp1251"),
        (b"<META CHARSET=koi8-r>", "koi8-r"),
        (b'<meta http-equiv="content-type" content="text/html;charset=ISO-8859-1">', "cp1252"),
        (b'<?xml version="1.0" encoding="windows-1256"?>', "cp1256"),
        (b'<meta charset="utf-8">', None),
        (b'<meta charset="no-such-charset">', None),
        (b"<p>no declaration</p>", None),
    ],
)
def test_declared_charsets(head: bytes, charset: str | None) -> None:
    assert declared_charset(b"<html><head>" + head + b"</head><body>x</body></html>") == charset


def test_valid_utf8_stays_utf8_whatever_the_page_declares() -> None:
    page = '<meta charset="windows-1252"><p>caf\u00e9 \u201cquoted\u201d</p>'.encode()
    assert decode(page) == (page.decode(), [])


def test_an_undeclared_cp1251_file_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    (item,) = read_path(path, max_bytes=10**6)
    assert isinstance(item, ArticleInput) and item.text == RUSSIAN
    assert [p.code for p in item.problems] == ["non_utf8_charset"]
    assert "cp1251" in item.problems[0].message


# --- through the pipeline, the CLI and the store ----------------------------------------


def test_nothing_is_extracted_from_a_non_english_article() -> None:
    result = claimwire.extract(UKRAINIAN, published="2024-03-12")
    assert result.document.language == "uk"
    assert [p.code for p in result.problems] == ["unsupported_language"]
    facts = (result.numbers, result.figures, result.claims, result.places, result.dates)
    assert facts == ([], [], [], [], []) and result.events == []
    assert result.provenance.components == []


def test_a_batch_processes_its_english_articles_only() -> None:
    outcomes = list(extract_many([ENGLISH, FRENCH, ARABIC, ENGLISH_QUOTING_UKRAINIAN]))
    assert not any(isinstance(outcome, Failure) for outcome in outcomes)
    languages = [outcome.document.language for outcome in outcomes]  # type: ignore[union-attr]
    assert languages == ["en", "fr", "ar", "en"]
    english, french, arabic, quoting = outcomes
    assert english.figures and quoting.figures  # type: ignore[union-attr]
    assert not french.figures and not arabic.places  # type: ignore[union-attr]


def test_cli_extract_of_an_undeclared_cp1251_file(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    result = CliRunner().invoke(
        main, ["extract", str(path), "--published", DAY], catch_exceptions=False
    )
    assert result.exit_code == 0
    output = json.loads(result.stdout)
    assert output["document"]["language"] == "ru"
    assert output["document"]["text"] == RUSSIAN
    assert [p["code"] for p in output["problems"]] == ["non_utf8_charset", "unsupported_language"]
    assert "article is in Russian (ru, confidence" in output["problems"][1]["message"]
    assert output["places"] == [] and output["numbers"] == []


def test_cli_extract_with_a_given_language(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--language", "fr"])
    output = json.loads(result.stdout)
    assert output["document"]["language"] == "fr" and output["figures"] == []


def test_ingest_stores_a_non_english_article_with_its_problem_and_no_facts(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "uk.txt").write_text(UKRAINIAN, encoding="utf-8")
    (folder / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "page.html").write_bytes(WINDOWS_1252_PAGE)
    db = tmp_path / "corpus.db"
    report = ingest([folder], db, jobs=1, metadata={"published": DAY})
    assert (report.progress.new, report.progress.failed) == (3, 0)
    connection = open_store(db, readonly=True)
    connection.row_factory = sqlite3.Row
    rows = connection.execute("SELECT id, source, language FROM documents ORDER BY source")
    documents = {Path(row["source"]).name: (row["id"], row["language"]) for row in rows}
    assert {name: language for name, (_, language) in documents.items()} == {
        "en.txt": "en",
        "page.html": "en",
        "uk.txt": "uk",
    }
    ukrainian_id = documents["uk.txt"][0]
    for table in ("figures", "claims", "places", "events"):
        count = connection.execute(
            f"SELECT count(*) FROM {table} WHERE document_id = ?", (ukrainian_id,)
        ).fetchone()[0]
        assert count == 0, table
    english_figures = connection.execute(
        "SELECT count(*) FROM figures WHERE document_id = ?", (documents["en.txt"][0],)
    ).fetchone()[0]
    assert english_figures > 0
    stored = load_result(connection, ukrainian_id)
    assert [p.code for p in stored.problems] == ["unsupported_language"]
    page = load_result(connection, documents["page.html"][0])
    assert [p.code for p in page.problems] == ["non_utf8_charset"]
    assert "caf\u00e9" in page.document.text
