"""The relevance gate: a cheap first pass on plain words, and the light result it gives."""

from __future__ import annotations

import pytest

import claimwire
from claimwire.nlp.extract import extract_many
from claimwire.nlp.gate import SHORT_WORDS, count_cues, gate, gate_lexicon

CAMPAIGN = """The governor's campaign released a new television advertisement on Tuesday, days
before the primary in the state, as polls show the race between the two candidates tightening.
The advertisement focuses on the budget and on taxes, and calls on voters to turn out early.
A spokeswoman for the campaign said the governor would hold a town hall with supporters in the
capital on Thursday and would debate his rival next week.
His opponent, a former senator, answered with a statement on tax policy and an interview with a
local newspaper. She told reporters that the legislation passed by the state assembly last
spring had raised costs for families and small businesses, and that she would propose a
simpler budget.
Both candidates are expected to attend the party convention in the summer, where delegates will
choose the nominee. Fundraising reports filed this week show the governor ahead among donors in
the cities, while his rival leads in small donations online."""

FIGHTING = """Heavy fighting broke out on Sunday around the northern town as government troops
tried to retake positions held by rebel fighters, residents and a military spokesman said.
At least 23 people were killed, including nine civilians, when artillery shells hit a market,
the local hospital director told reporters. Dozens more were wounded.
The rebels said their forces had shot down a helicopter and captured two armoured vehicles, a
claim the army denied. Thousands of residents fled towards the border overnight, aid agencies
said, and the United Nations called for a ceasefire.
The clashes are the worst since a truce collapsed in the spring. Both sides accuse each other
of attacking civilians, and a human rights group said it had documented the shelling of two
schools used as shelters for displaced families in the region."""


def test_lexicon_and_model_agree() -> None:
    lexicon = gate_lexicon()
    model = lexicon.model
    assert len(model.features) == len(model.weights) == len(model.means) == len(model.scales)
    groups = {name.split(":", 1)[1] for name in model.features if ":" in name} - {"words"}
    assert groups == set(lexicon.groups), "every group is a feature of the model"
    assert 0.0 < model.threshold < 1.0


@pytest.mark.parametrize(
    ("text", "group", "count"),
    [
        ("Two soldiers were killed and three wounded.", "violence", 2),
        ("The skillful killjoy", "violence", 0),  # whole words only
        ("Protesters marched; the protest grew.", "protest", 3),
        ("SHELLING AND AIRSTRIKES HIT THE TOWN", "weapons", 2),  # any case
        ("Gunmen kidnapped two traders; a man was stabbed.", "violence", 2),  # doubled consonant
        ("They went shopping.", "violence", 0),
    ],
)
def test_cue_words_match_whole_inflected_words(text: str, group: str, count: int) -> None:
    _, cues = count_cues(text)
    assert cues.get(group, 0) == count


def test_a_long_text_without_a_word_of_violence_or_its_actors_is_stopped() -> None:
    """Whatever its length feature gives: a list of numbers, a phrase repeated, a price list."""
    lexicon = gate_lexicon()
    for text in ("7, " * 400, "He said that " * 200, "Sales rose and prices fell. " * 60):
        decision = gate(text)
        assert decision.words >= SHORT_WORDS
        assert not lexicon.evidence_groups & decision.cues.keys()
        assert not decision.passed, text[:20]
    assert gate("Rebels attacked the town. " + "He said that " * 200).passed


def test_short_texts_always_pass() -> None:
    decision = gate("The minister opened a new bridge across the river on Friday.")
    assert decision.words < SHORT_WORDS
    assert decision.passed and decision.score == 1.0


def test_a_long_text_of_few_words_needs_a_cue_word() -> None:
    """Separators, symbols and digit tables: long in characters, short in words."""
    assert not gate("; -- / | ... " * 2_000).passed
    assert not gate("== ** ## 12.5 %% " * 1_000).passed
    table = "Casualties by district, killed and wounded:\n" + "| 12 | 4 | 7 |\n" * 1_000
    assert gate(table).passed


def test_conflict_report_passes_and_campaign_news_does_not() -> None:
    assert gate(FIGHTING).passed
    decision = gate(CAMPAIGN)
    assert decision.words >= SHORT_WORDS
    assert not decision.passed
    assert decision.score < gate_lexicon().model.threshold


def test_gated_article_gets_a_light_result() -> None:
    result = claimwire.extract(CAMPAIGN)
    assert result.relevance is not None
    assert result.relevance.method == "gate" and not result.relevance.relevant
    assert result.relevance.label == "other"
    assert result.figures == result.claims == result.events == result.numbers == []
    assert result.provenance.components == []
    assert result.document.text.startswith("The governor's campaign")


def test_full_runs_the_whole_pipeline_on_a_gated_article() -> None:
    result = claimwire.extract(CAMPAIGN, full=True)
    assert result.relevance is not None and result.relevance.method == "model"
    assert "claimwire_claims_v1" in result.provenance.components
    assert result.claims, "the full pipeline finds the spokeswoman's claim"


def test_stream_gates_article_by_article_in_order() -> None:
    results = list(extract_many([CAMPAIGN, FIGHTING, CAMPAIGN], batch_size=3))
    methods = [
        r.relevance.method for r in results if isinstance(r, claimwire.Result) and r.relevance
    ]
    assert methods == ["gate", "model", "gate"]
    fighting = results[1]
    assert isinstance(fighting, claimwire.Result) and fighting.figures
    full = list(extract_many([CAMPAIGN], full=True))
    assert isinstance(full[0], claimwire.Result) and full[0].relevance is not None
    assert full[0].relevance.method == "model"


def test_every_cue_word_is_in_one_group_once() -> None:
    seen: dict[str, str] = {}
    for group, words in gate_lexicon().groups.items():
        for word in words:
            assert word.lower() not in seen, f"{word!r} is in {seen.get(word.lower())} and {group}"
            seen[word.lower()] = group


def test_grouped_cue_pattern_matches_as_the_plain_alternation() -> None:
    import re

    from claimwire.nlp.gate import SUFFIXES, _matcher

    pattern, groups = _matcher()
    plain = "|".join(re.escape(word) for word in sorted(groups, key=len, reverse=True))
    doubled = r"(?:[bdgklmnprt](?=(?:ed|ing|ings|er|ers)\b))?"
    reference = re.compile(rf"\b({plain}){doubled}{SUFFIXES}\b", re.IGNORECASE)
    text = (
        FIGHTING
        + CAMPAIGN
        + "\nMilitiamen SHOT DEAD a guard; a cease-fire held after the air raids. Rioters"
        " were hacked to death, gunned down or kidnapped; peace talks stalled at the front line."
    )
    found = [(m.span(), m.group(1).lower()) for m in pattern.finditer(text)]
    assert found == [(m.span(), m.group(1).lower()) for m in reference.finditer(text)]
    assert len(found) > 20
