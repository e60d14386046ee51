"""claimwire_relevance_v1: its data files, its decision on texts written here, its contract."""

from __future__ import annotations

import math

import pytest

from claimwire.components import keys
from claimwire.components import relevance as rel
from claimwire.components.relevance.lexicon import relevance_lexicon, relevance_model

RELEVANT = [
    # (text, label)
    (
        "Militants fired mortar rounds at an army base near Tessalit on Tuesday, killing four "
        "soldiers, the defence ministry said.",
        "armed_conflict",
    ),
    ("A car bomb exploded outside a police station in Kandahar, killing nine people.", None),
    (
        "Gunmen stormed the village of Kaduna Gari overnight, abducting 30 residents and "
        "torching homes, local officials said.",
        None,
    ),
    (
        "Thousands of protesters marched on parliament in Lilongwe on Friday and police fired "
        "tear gas to disperse the crowd.",
        "protest",
    ),
]
"""Texts about armed conflict, political violence or protest, with the label when it is
clear-cut (None: any relevant label)."""

OFF_TOPIC = [
    "Heavy rains triggered landslides that killed 23 people in three hill villages of Sabah, "
    "officials said on Sunday, and rescuers were still searching the rubble for survivors.",
    "The supermarket chain fired the first shot in a price war with its rivals on Monday, "
    "cutting the price of bread and milk, and its shares rose 4 percent.",
    "Rovers won the battle for the league title on Saturday: their striker scored twice and "
    "the coach praised a squad that had fought back from a goal down.",
    "The film recreates the beach landings with stunning aerial shots; the director and his "
    "actors make the battle scenes feel real, though the plot drags in the second hour.",
    "A jury found the man guilty of murdering his neighbour after a three-week trial, and the "
    "judge will sentence him next month, prosecutors said.",
]
"""Texts that use the words of conflict news about something else."""


@pytest.fixture(scope="module")
def nlp():
    """The full claimwire pipeline."""
    from claimwire.nlp.pipeline import get_nlp

    return get_nlp()


# ------------------------------------------------------------------ data files


def test_the_model_covers_exactly_the_features_the_code_computes():
    model = relevance_model()
    assert model.features == rel.feature_names()
    assert 0.0 < model.threshold < 1.0
    assert model.cross_validation.folds >= 5


def test_every_lexicon_phrase_is_lower_case_and_in_one_group_only():
    seen: dict[str, str] = {}
    for group, phrases in relevance_lexicon().groups.items():
        for phrase in phrases:
            assert phrase == phrase.lower().strip()
            assert phrase not in seen, f"{phrase!r} in {seen.get(phrase)} and {group}"
            seen[phrase] = group


def test_a_malformed_model_is_refused():
    from pydantic import ValidationError

    from claimwire.components.relevance.lexicon import RelevanceModel

    data = relevance_model().model_dump()
    data["weights"] = data["weights"][:-1]
    with pytest.raises(ValidationError, match="same length"):
        RelevanceModel.model_validate(data)


# ------------------------------------------------------------------ decisions


@pytest.mark.parametrize(("text", "label"), RELEVANT)
def test_conflict_text_is_relevant_and_keeps_its_events(text, label):
    from claimwire import extract

    result = extract(text)
    assert result.relevance is not None
    assert result.relevance.relevant, result.relevance
    assert result.relevance.label != "other"
    if label is not None:
        assert result.relevance.label == label
    assert result.events, "a single sentence about violence keeps its event"


@pytest.mark.parametrize("text", OFF_TOPIC)
def test_off_topic_text_yields_no_event(text):
    from claimwire import extract

    result = extract(text)
    assert result.relevance is not None
    assert not result.relevance.relevant, result.relevance
    assert result.relevance.label == "other"
    assert result.events == []


def test_an_off_topic_article_keeps_its_figures_and_claims():
    from claimwire import extract

    result = extract(OFF_TOPIC[0])
    assert result.events == []
    assert any(f.measure == "killed" and f.value == 23 for f in result.figures)
    assert result.claims


def test_evidence_points_at_the_text():
    from claimwire import extract

    for text in (RELEVANT[0][0], OFF_TOPIC[2]):
        result = extract(text)
        assert result.relevance is not None
        assert result.relevance.evidence
        for evidence in result.relevance.evidence:
            assert evidence.spans
            sign = 1 if result.relevance.relevant else -1
            assert evidence.contribution * sign > 0
            for span in evidence.spans:
                assert result.document.text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "relevant"), [(text, True) for text, _ in RELEVANT] + [(t, False) for t in OFF_TOPIC]
)
def test_the_component_decides(nlp, text, relevant):
    hit = rel.relevance_of(nlp(text))
    assert hit.relevant is relevant, hit
    assert (hit.label == "other") is (not relevant)
    assert 0.0 <= hit.score <= 1.0


def test_features_count_what_the_pipeline_found(nlp):
    doc = nlp("Insurgents ambushed a convoy near Mopti, killing six soldiers.")
    features = rel.extract_features(doc)
    assert features.values["figure:casualties"] == pytest.approx(math.log1p(1))
    assert features.values["figure:military"] > 0
    assert features.values["words:sport"] == 0
    assert features.values["text:short"] == 1.0
    start, end = features.spans["figure:casualties"][0]
    assert doc.text[start:end] == "six"


@pytest.mark.parametrize(
    ("values", "label"),
    [
        ({"event:protests": math.log1p(2), "words:protest": math.log1p(5)}, "protest"),
        ({"event:explosions": math.log1p(1), "words:weapons": math.log1p(2)}, "armed_conflict"),
        ({"event:violence_against_civilians": math.log1p(2)}, "political_violence"),
        (
            {"event:riots": math.log1p(1), "event:battles": math.log1p(3)},
            "armed_conflict",
        ),
    ],
)
def test_the_label_of_a_relevant_article(values, label):
    features = rel.Features(values=values, spans={})
    assert rel.model.label_of(features) == label


def test_nothing_found_is_off_topic():
    features = rel.Features(
        values=dict.fromkeys(rel.feature_names(), 0.0),
        spans={},
    )
    hit = rel.decide(features)
    assert not hit.relevant
    assert hit.label == "other"
    assert hit.evidence == ()


# ------------------------------------------------------------------ contract


def test_full_pipeline_meets_the_relevance_contract(nlp):
    assert nlp.pipe_names[-1] == keys.RELEVANCE_FACTORY
    assert nlp.analyze_pipes()["problems"][keys.RELEVANCE_FACTORY] == []


def test_without_events_the_component_fails_loudly(nlp):
    from claimwire.errors import MissingComponentError

    with nlp.select_pipes(disable=[keys.EVENTS_FACTORY]):
        assert nlp.analyze_pipes()["problems"][keys.RELEVANCE_FACTORY]
        with pytest.raises(MissingComponentError, match=keys.EVENTS_FACTORY):
            nlp("Rebels shelled the town on Monday.")


def test_the_accessor_fails_when_the_component_did_not_run(nlp):
    from claimwire.errors import MissingComponentError

    doc = nlp.make_doc("Rebels shelled the town on Monday.")
    with pytest.raises(MissingComponentError):
        rel.relevance_of(doc)


def test_a_result_without_relevance_still_loads(example_result):
    from claimwire.models import Result

    data = example_result.model_dump(mode="json")
    data.pop("relevance")
    assert Result.model_validate(data).relevance is None
