"""The relevance gate on long articles, and its optional word features (``--words``)."""

from __future__ import annotations

import pytest

from claimwire.nlp.gate import (
    SHORT_WORDS,
    count_cues,
    features,
    gate,
    gate_lexicon,
    score,
    vocabulary_words,
)

MARCH = """Thousands of people marched through the centre of the capital on Saturday to demand
the release of opposition leaders arrested last week, and riot police fired tear gas and rubber
bullets to break up the crowd outside the interior ministry, witnesses said.
Organisers said at least forty protesters were injured and more than a hundred detained; the
police said eleven officers were hurt by stones and bottles thrown at them. A doctor at the main
hospital said two of the wounded were in a serious condition.
The demonstration was the largest since the disputed vote in the autumn. Rights groups accused
the security forces of beating people who had already been detained and called for an inquiry.
The government said the march had not been authorised and blamed the unrest on agitators paid
from abroad. Opposition parties called for a general strike on Monday and for new protests in
every provincial town until the detained leaders are freed."""

BOMBING = """A car bomb exploded near a busy bus station in the eastern city on Tuesday morning,
killing at least seventeen people and wounding dozens more, according to the provincial health
department. Most of the dead were passengers waiting for buses to the surrounding villages.
No group immediately claimed the attack, but officials blamed insurgents who have carried out a
string of bombings in the province since the spring, and the army said it had arrested three
suspects at a checkpoint outside the city later in the day.
Witnesses described a huge blast that shattered windows hundreds of metres away and set fire to
several minibuses. Rescue workers pulled survivors from the rubble of a small restaurant next to
the station. The prime minister condemned the attack and ordered security to be tightened at
markets, schools and transport hubs across the region, while the regional governor declared
three days of mourning."""


@pytest.mark.parametrize(
    ("text", "passed"),
    [
        (MARCH, True),  # protest and policing
        (BOMBING, True),  # an attack and its toll
    ],
)
def test_the_gate_decides_long_articles_by_their_words(text: str, passed: bool) -> None:
    decision = gate(text)
    assert decision.words >= SHORT_WORDS
    assert decision.passed is passed, decision.score


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Troops SHELLED the Town", {"troops", "shelled", "the", "town"}),
        ("Up 12% in Q3, 2024's best", {"best"}),  # no digits, no word under three letters
        ("l'armée a tiré", {"armée", "tiré"}),  # letters of any script
        ("", set()),
    ],
)
def test_vocabulary_words_are_distinct_lower_case_words_of_three_letters(
    text: str, words: set[str]
) -> None:
    assert vocabulary_words(text) == words


def test_a_model_with_a_vocabulary_adds_the_weights_of_the_words_present(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``train_gate.py --words`` writes such a model; the sum is the same in any order."""
    from claimwire.nlp import gate as gate_module

    lexicon = gate_lexicon()
    weights = {"bomb": 0.75, "station": 0.125, "earnings": -2.0, "investors": -0.5}
    model = lexicon.model.model_copy(update={"words": weights})
    patched = lexicon.model_copy(update={"model": model})
    values = features(*count_cues(BOMBING))
    plain = score(values)
    monkeypatch.setattr(gate_module, "gate_lexicon", lambda: patched)
    present = vocabulary_words(BOMBING)
    assert {"bomb", "station"} <= present and not {"earnings", "investors"} & present
    with_words = score(values, present)
    assert with_words > plain
    assert score(values, set(sorted(present, reverse=True))) == with_words
    assert score(values, {"earnings", "investors"}) < plain
    assert gate(BOMBING).score == with_words
