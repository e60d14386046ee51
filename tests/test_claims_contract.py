"""The claims component's contract: what it requires, how it is read, its checked lexicons."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from claimwire.components import keys
from claimwire.components.claims import claimants, cues, hits_of, lexicon
from claimwire.errors import MissingComponentError, ResourceError
from claimwire.vocab import HEDGE_STRENGTH, ClaimForm, values


@pytest.fixture(scope="module")
def without_numbers():
    """The English model with the claims component but not the numbers it reads."""
    import claimwire.components  # noqa: F401  (registers the factories)
    from claimwire.nlp.pipeline import load_model

    nlp = load_model()
    nlp.add_pipe(keys.CLAIMS_FACTORY)
    return nlp


def test_analyze_pipes_reports_the_missing_numbers_component(without_numbers):
    problems = without_numbers.analyze_pipes()["problems"]
    assert f"span._.{keys.NUMBER_SPAN_EXTENSION}" in problems[keys.CLAIMS_FACTORY]


def test_analyze_pipes_reports_nothing_for_claims_on_the_full_pipeline(nlp):
    assert nlp.analyze_pipes()["problems"][keys.CLAIMS_FACTORY] == []


def test_claims_fail_loudly_without_numbers(without_numbers):
    with pytest.raises(MissingComponentError, match=keys.NUMBERS_FACTORY):
        without_numbers("Three people were killed in the town on Monday.")


def test_hits_of_fails_loudly_when_claims_did_not_run(nlp):
    with pytest.raises(MissingComponentError, match=keys.CLAIMS_FACTORY):
        hits_of(nlp.make_doc("The minister said the bridge was destroyed."))


def test_hits_of_reads_the_claims(nlp):
    doc = nlp("The minister said the bridge was destroyed.")
    (hit,) = hits_of(doc)
    assert (hit.form, hit.claimant.name, hit.hedge) == ("indirect", "minister", "asserted")
    assert hits_of(doc) == doc._.get(keys.CLAIMS_EXTENSION)


def test_outlet_name_comes_from_the_user_data(nlp):
    doc = nlp.make_doc("Three people were killed in the town on Monday.")
    doc.user_data[keys.OUTLET] = "The Daily"
    for _, pipe in nlp.pipeline:
        doc = pipe(doc)
    assert [hit.claimant.name for hit in hits_of(doc)] == ["The Daily"]


def test_lexicons_are_typed():
    assert cues().verbs["deny"] == "denied"
    assert {phrase.form for phrase in cues().phrases} <= set(values(ClaimForm))
    assert all(marker.modality in HEDGE_STRENGTH for marker in cues().hedges)
    assert "kyiv" in {alias.lower() for g in claimants().governments for alias in g.aliases}


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """The claims lexicons loaded from data the test breaks; the real ones afterwards."""
    from claimwire import resource

    data = {
        name: resource.load_resource(name) for name in (lexicon.CUES_FILE, lexicon.CLAIMANTS_FILE)
    }
    monkeypatch.setattr(resource, "load_resource", lambda name: data[name])
    lexicon.cues.cache_clear()
    lexicon.claimants.cache_clear()
    yield data
    lexicon.cues.cache_clear()
    lexicon.claimants.cache_clear()


@pytest.mark.parametrize(
    ("file_name", "breaks", "names"),
    [
        (lexicon.CUES_FILE, lambda d: d.pop("verbs"), "verbs: Field required"),
        (lexicon.CUES_FILE, lambda d: d["verbs"].update(say="sure"), "verbs.say"),
        (lexicon.CUES_FILE, lambda d: d["hedges"][0].update(scope="page"), "hedges[0].scope"),
        (lexicon.CUES_FILE, lambda d: d.update(titles="mr"), "titles: Input should be a valid"),
        (lexicon.CUES_FILE, lambda d: d["contradiction"].pop("gone"), "contradiction"),
        (lexicon.CLAIMANTS_FILE, lambda d: d["first_names"].update(male=[1]), "first_names.male"),
    ],
)
def test_a_malformed_lexicon_names_the_file_and_key(broken, file_name, breaks, names):
    breaks(broken[file_name])
    load = lexicon.cues if file_name == lexicon.CUES_FILE else lexicon.claimants
    with pytest.raises(ResourceError) as error:
        load()
    assert file_name in str(error.value)
    assert names in str(error.value)
