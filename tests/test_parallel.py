"""extract_parallel: same results as in-process, in order, and a time budget per article
(small inputs go to the process's one shared worker)."""

from __future__ import annotations

from claimwire.input.sources import ArticleInput, InputFailure
from claimwire.models import Problem
from claimwire.nlp.extract import Failure, extract_many
from claimwire.nlp.parallel import extract_parallel

ARTICLES = [
    "Shelling killed 3 civilians in the port on Monday, officials said.",
    "About 500 people are sheltering in the plant.",
    "",
    "Rebels said they captured 12 soldiers.",
    "Police detained at least 40 protesters.",
]


def items():
    found = [ArticleInput(source=f"a{n}", text=text) for n, text in enumerate(ARTICLES)]
    found.insert(1, InputFailure("broken.jsonl:2", Problem(code="broken_record", message="bad")))
    return found


def summary(outcomes):
    return [
        ("failure", o.problem.code)
        if isinstance(o, Failure)
        else (o.document.id, [n.value for n in o.numbers])
        for o in outcomes
    ]


def test_parallel_matches_in_process_and_keeps_order():
    expected = summary(extract_many(items()))
    assert summary(extract_parallel(items(), jobs=2, batch_size=2, pool_threshold=0)) == expected
    assert [kind for kind, _ in expected].count("failure") == 2


def test_an_article_over_its_time_budget_is_reported_and_the_run_goes_on():
    outcomes = list(
        extract_parallel(
            [ArticleInput(source="slow", text=ARTICLES[0])],
            jobs=1,
            time_budget=0.001,
            pool_threshold=0,
        )
    )
    (failure,) = outcomes
    assert isinstance(failure, Failure) and failure.source == "slow"
    assert failure.problem.code == "time_budget_exceeded"
    assert "--time-budget" in failure.problem.message


def test_small_inputs_run_in_one_shared_worker():
    assert summary(extract_parallel(items(), jobs=2)) == summary(extract_many(items()))
