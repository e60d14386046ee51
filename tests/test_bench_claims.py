"""Tests of the claims bench: a tiny GenderGapTracker-like folder, and the seed scorer."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from claimwire.bench import claims as bench
from claimwire.components.claims import Claimant, ClaimHit
from claimwire.errors import InputNotFoundError

ARTICLE = (
    "Mayor Ana Lopez visited the flooded district on Sunday.\n\n"
    '"We will rebuild every house," Lopez said.\n\n'
    "She said the water had reached the second floor in places.\n\n"
    "The river rose two metres overnight."
)


def write_set(folder, text_in_rawtext: bool = True) -> None:
    quotations = [
        {
            "speaker": "Lopez",
            "verb": "said",
            "quote": '"We will rebuild every house,"',
            "quote_index": "(60,90)",
            "reference": "Ana Lopez",
        },
        {
            "speaker": "She",
            "verb": "said",
            "quote": "the water had reached the second floor in places",
            "quote_index": "(0,10)",
            "reference": "Ana Lopez",
        },
    ]
    record = {"id": "a1", "text": "stale copy", "quotations": quotations}
    (folder / "gold.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    if text_in_rawtext:
        (folder / "rawtext").mkdir()
        (folder / "rawtext" / "a1.txt").write_text(ARTICLE, encoding="utf-8")


def test_bench_on_a_tiny_set(tmp_path):
    write_set(tmp_path)
    report = bench.run(tmp_path)
    assert report.documents == 1
    quotes = report.sections["quotes@0.3"]
    assert (quotes.tp, quotes.fn, quotes.fp) == (2, 0, 0)
    assert report.sections["quotes@0.8"].tp == 2
    assert report.sections["speaker"].precision == 1.0
    assert report.sections["verb"].precision == 1.0
    assert report.extra["unanchored_gold_quotes"] == 0


def test_bench_counts_unfound_gold_as_missed(tmp_path):
    write_set(tmp_path, text_in_rawtext=False)  # the stale text holds neither quote
    report = bench.run(tmp_path)
    assert report.extra["unanchored_gold_quotes"] == 2
    assert report.sections["quotes@0.3"].fn == 2


def test_bench_without_files_raises(tmp_path):
    with pytest.raises(InputNotFoundError):
        bench.run(tmp_path)


def test_pieces_of_one_attribution_are_one_gold_quote(tmp_path):
    text = "The drugs have few uses, he says, and are meant for short use.\nRain fell."
    pieces = [
        {"quote": "The drugs have few uses", "speaker": "he", "reference": "Jo Bell"},
        {"quote": "and are meant for short use", "speaker": "he", "reference": "Jo Bell"},
        {"quote": "Rain fell", "speaker": "", "reference": "Jo Bell"},
    ]
    for quotation in pieces[:2]:
        quotation.update(speaker_index="(25,27)", verb_index="(28,32)")
    record = {"id": "a1", "text": text, "quotations": pieces}
    (tmp_path / "gold.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,) = bench.read_articles(tmp_path)
    joined, single = article.quotes
    assert joined is not None and single is not None
    assert [text[a:b] for a, b in joined.spans] == [
        "The drugs have few uses",
        "and are meant for short use",
    ]
    assert text[single.start : single.end] == "Rain fell"
    # one prediction over the whole sentence covers both pieces, cue excluded from the length
    assert bench.match_quotes([joined], [(0, 61)], 0.8) == [(0, 0)]
    assert bench.match_quotes([joined], [(0, 23)], 0.8) == []


def test_speaker_section_f1_is_the_accuracy():
    article = bench.Article(
        "a1",
        "x" * 40,
        (
            bench.GoldQuote(0, 10, "she", "Ana Lopez", ""),
            bench.GoldQuote(20, 30, "Bo Li", "Bo Li", ""),
        ),
    )
    hits = [hit("c1", 0, 10, "Ana Lopez", "person"), hit("c2", 20, 30, "Ana Lopez", "person")]
    report = bench.Report(task="claims", data="")
    bench.score_article(article, hits, report)
    speaker = report.sections["speaker"]
    assert (speaker.tp, speaker.fp, speaker.fn) == (1, 1, 1)
    assert speaker.f1 == speaker.precision == 0.5
    both = report.sections["quotes+speaker@0.3"]
    assert (both.tp, both.fp, both.fn) == (1, 1, 1)


def test_match_quotes_threshold_share_of_gold():
    gold = [bench.GoldQuote(0, 100, "", "", "")]
    assert bench.match_quotes(gold, [(0, 50)], 0.3) == [(0, 0)]
    assert bench.match_quotes(gold, [(0, 50)], 0.8) == []
    assert bench.match_quotes(gold, [(0, 40), (0, 90)], 0.3) == [(0, 1)]


@pytest.mark.parametrize(
    ("claimant", "reference", "surface", "right"),
    [
        (Claimant("Ana Lopez", "person"), "Ana Lopez", "she", True),
        (Claimant("Lopez", "person"), "Ana Lopez", "", True),
        (Claimant("Volodymyr Zelenskiy", "person"), "Volodymyr Zelensky", "", True),
        (Claimant("Ana Lopez", "person"), "Maria Lopez", "", False),
        (Claimant("Bob Stone", "person"), "Ana Lopez", "she", False),
        (Claimant("Health Canada", "organization"), "Health Canada", "", True),
        (
            Claimant("IRCC", "organization"),
            "Immigration, Refugees and Citizenship Canada",
            "",
            True,
        ),
        (
            Claimant("IRC", "organization"),
            "Immigration, Refugees and Citizenship Canada",
            "",
            False,
        ),
    ],
)
def test_speaker_matches(claimant, reference, surface, right):
    assert bench.speaker_matches(claimant, reference, surface) is right


def hit(ident, start, end, name, kind, form="indirect", hedge="asserted", contradicts=()):
    return ClaimHit(
        ident, start, end, start, start + 1, form, hedge, Claimant(name, kind), contradicts
    )


def test_score_seed_claims():
    text = "Kyiv said one thing.\nRebels claimed a bridge fell.\nMoscow said it stands."
    expected = [
        {"id": "C1", "source": "Kyiv (government)", "kind": "indirect", "cue": "said", "line": 1},
        {"id": "C2", "source": "rebels", "kind": "indirect", "cue": "claimed", "line": 2},
        {
            "id": "C3",
            "source": "Moscow",
            "kind": "indirect",
            "cue": "said",
            "line": 3,
            "contradicts": "C2",
        },
    ]
    line2, line3 = text.index("Rebels"), text.index("Moscow")
    hits = [
        hit("c1", 0, 5, "Government of Ukraine", "government"),
        hit("c2", line2, line2 + 5, "rebels", "group", hedge="claimed", contradicts=("c3",)),
        hit("c3", line3, line3 + 5, "Government of Russia", "government", contradicts=("c2",)),
        hit("c4", line3, line3 + 5, "outlet", "outlet", form="outlet"),
    ]
    report = bench.score_seed_claims(expected, hits, text)
    assert report.sections["claims"].f1 == 1.0
    assert report.sections["claim_contradictions"].f1 == 1.0
    wrong_hedge = [hits[0], hit("c2", line2, line2 + 5, "rebels", "group"), hits[2]]
    report = bench.score_seed_claims(expected, wrong_hedge, text)
    assert report.sections["claims"].tp == 2
    assert report.sections["claim_contradictions"].fn == 1


@pytest.mark.parametrize(
    ("source", "name", "right"),
    [
        ("Ukraine (government)", "Government of Ukraine", True),
        ("Kyiv (government of Ukraine)", "Government of Russia", False),
        ("President Zelensky's office", "Volodymyr Zelenskiy's office", True),
        ("pro-Moscow separatists", "pro-Moscow separatists", True),
        ("Sergio Gad, regional governor", "Sergio Gad", True),
    ],
)
def test_claimant_named(source, name, right):
    assert bench.claimant_named(source, Claimant(name, "person")) is right


POLNEAR_TEXT = "Officials said the bridge was closed. The weather was cold.\n"


def write_polnear(folder) -> None:
    (folder / "dev" / "text").mkdir(parents=True)
    (folder / "dev" / "attributions").mkdir(parents=True)
    (folder / "dev" / "text" / "story.txt").write_text(POLNEAR_TEXT, encoding="utf-8")
    ann = (
        "T1\tSource 0 9\tOfficials\n"
        "T2\tCue 10 14\tsaid\n"
        "T3\tContent 15 36\tthe bridge was\nclosed\n"
        "T4\tAttribution 10 14\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "#1\tAnnotatorNotes T1\tbookkeeping\n"
    )
    (folder / "dev" / "attributions" / "story_ab12.ann").write_text(ann, encoding="utf-8")
    (folder / "dev" / "attributions" / "story_ff00.ann").write_text("", encoding="utf-8")


def test_attribution_bench_on_a_tiny_set(tmp_path):
    from claimwire.bench import attribution

    write_polnear(tmp_path)
    report = attribution.run(tmp_path)
    assert report.documents == 1
    for role in attribution.ROLES:
        assert report.sections[f"{role} (partial)"].tp == 1, role
        assert report.sections[f"{role} (exact)"].tp == 1, role
    assert report.sections["speaker"].precision == 1.0


def test_attribution_reads_multiline_spans_and_first_annotator(tmp_path):
    from claimwire.bench import attribution

    write_polnear(tmp_path)
    ((text, ann),) = attribution.annotated_texts(tmp_path)
    assert ann.name == "story_ab12.ann"
    article = attribution.read_article(text, ann)
    (gold,) = article.attributions
    assert gold.content == ((15, 36),)
    assert gold.source == ((0, 9),)


def test_attribution_bench_without_files_raises(tmp_path):
    from claimwire.bench import attribution

    with pytest.raises(InputNotFoundError):
        attribution.run(tmp_path)


def test_attribution_speaker_f1_is_the_accuracy():
    from claimwire.bench import attribution

    gold = (
        attribution.Attribution(((15, 36),), ((10, 14),), ((0, 9),)),
        attribution.Attribution(((38, 59),), (), ((0, 9),)),
    )
    article = attribution.Article("story", POLNEAR_TEXT, gold)
    right = replace(hit("c1", 15, 36, "officials", "anonymous"), speaker_start=0, speaker_end=9)
    wrong = replace(hit("c2", 38, 59, "weather", "anonymous"), speaker_start=42, speaker_end=49)
    report = bench.Report(task="attribution", data="")
    attribution.score_article(article, [right, wrong], report)
    speaker = report.sections["speaker"]
    assert (speaker.tp, speaker.fp, speaker.fn) == (1, 1, 1)
    assert speaker.f1 == 0.5
