"""Contradictions inside one article: tolls of two sources, a claim and its denial.

Each kind, and each thing that is not a contradiction, with sentences written here.
"""

from __future__ import annotations

import datetime as dt

import pytest

import claimwire
from claimwire.components.claims.tolls import toll_contradictions
from claimwire.models import Claim, Claimant, DateMention, Figure, Place, Span, TimeRef


def _span(start: int, text: str = "x") -> Span:
    return Span(start=start, end=start + len(text), text=text)


def _claim(cid: str, name: str, start: int, form: str = "indirect") -> Claim:
    kind = "outlet" if form == "outlet" else "organization"
    return Claim(
        id=cid,
        claimant=Claimant(name=name, type=kind),  # type: ignore[arg-type]
        content=_span(start, "content"),
        form=form,  # type: ignore[arg-type]
    )


def _figure(fid: str, claim: str, start: int, value: float, **fields: object) -> Figure:
    base: dict[str, object] = {
        "measure": "killed",
        "category": "soldiers",
        "counted": _span(start + 3, "soldiers"),
    }
    base.update(fields)
    return Figure(id=fid, span=_span(start, str(value)), value=value, claim_id=claim, **base)  # type: ignore[arg-type]


CLAIMS = [
    _claim("c1", "army spokesman", 0),
    _claim("c2", "rebel commander", 100),
    _claim("c3", "army spokesman", 200),
    _claim("c4", "outlet", 300, form="outlet"),
]

# (case, first figure, second figure, contradiction expected)
TOLLS = [
    (
        "two exact tolls of two sources",
        _figure("f1", "c1", 10, 8),
        _figure("f2", "c2", 110, 19),
        True,
    ),
    (
        "an exact toll below an 'at least' toll",
        _figure("f1", "c1", 10, 4),
        _figure("f2", "c2", 110, 30, lower=30),
        True,
    ),
    (
        "'at least N' that the other number satisfies",
        _figure("f1", "c1", 10, 10, lower=10),
        _figure("f2", "c2", 110, 12),
        False,
    ),
    (
        "'as many as N' that the other number satisfies",
        _figure("f1", "c1", 10, 40, upper=40),
        _figure("f2", "c2", 110, 35),
        False,
    ),
    ("the same number repeated", _figure("f1", "c1", 10, 9), _figure("f2", "c2", 110, 9), False),
    (
        "one source updating its own toll",
        _figure("f1", "c1", 10, 14),
        _figure("f2", "c3", 210, 30),
        False,
    ),
    (
        "counts of different things",
        _figure("f1", "c1", 10, 6),
        _figure("f2", "c2", 110, 25, category="civilians", counted=_span(113, "civilians")),
        False,
    ),
    (
        "killed and wounded are different tolls",
        _figure("f1", "c1", 10, 6),
        _figure("f2", "c2", 110, 25, measure="injured"),
        False,
    ),
    (
        "a running total and a daily count",
        _figure("f1", "c1", 10, 7),
        _figure("f2", "c2", 110, 480, time=TimeRef(cumulative=True)),
        False,
    ),
    (
        "an earlier incident recalled",
        _figure("f1", "c1", 10, 7),
        _figure("f2", "c2", 110, 52, status="background"),
        False,
    ),
    (
        "the outlet's own figure",
        _figure("f1", "c1", 10, 7),
        _figure("f2", "c4", 310, 12),
        False,
    ),
    (
        "'about N' close to the other number",
        _figure("f1", "c1", 10, 40, approx=True),
        _figure("f2", "c2", 110, 44),
        False,
    ),
    (
        "'men' are not 'people'",
        _figure("f1", "c1", 10, 5, category="people", counted=_span(13, "men")),
        _figure("f2", "c2", 110, 12, category="people", counted=_span(113, "people")),
        False,
    ),
    (
        "'persons' are 'people'",
        _figure("f1", "c1", 10, 5, category="people", counted=_span(13, "persons")),
        _figure("f2", "c2", 110, 12, category="people", counted=_span(113, "people")),
        True,
    ),
    (
        "a death toll counts people",
        _figure("f1", "c1", 10, 9, category="people", counted=_span(13, "people")),
        _figure("f2", "c2", 110, 30, category="people", counted=_span(113, "the death toll")),
        True,
    ),
    (
        "an exact toll far below 'as many as N'",
        _figure("f1", "c1", 10, 14),
        _figure("f2", "c2", 110, 40, upper=40, qualifier="as many as"),
        True,
    ),
    (
        "an exact toll near 'as many as N'",
        _figure("f1", "c1", 10, 33),
        _figure("f2", "c2", 110, 40, upper=40, qualifier="as many as"),
        False,
    ),
    (
        "'up to N' against 'more than M' below N",
        _figure("f1", "c1", 10, 250, upper=250, qualifier="up to"),
        _figure("f2", "c2", 110, 200, lower=200, qualifier="more than"),
        False,
    ),
    (
        "an exact toll far below 'fewer than N' is no contradiction",
        _figure("f1", "c1", 10, 3),
        _figure("f2", "c2", 110, 10, upper=10, qualifier="fewer than"),
        False,
    ),
]


@pytest.mark.parametrize(("case", "first", "second", "expected"), TOLLS, ids=[t[0] for t in TOLLS])
def test_toll_contradictions(case: str, first: Figure, second: Figure, expected: bool) -> None:
    found = toll_contradictions([first, second], CLAIMS, [])
    assert bool(found) is expected, case
    if expected:
        (contradiction,) = found
        assert contradiction.claim_ids == [first.claim_id, second.claim_id]
        assert contradiction.figure_ids == [first.id, second.id]


def test_tolls_of_two_different_days_do_not_contradict() -> None:
    dates = [
        DateMention(id="d1", span=_span(50, "Tuesday")),
        DateMention(id="d2", span=_span(150, "Saturday")),
    ]
    first = _figure("f1", "c1", 10, 3, time=TimeRef(relation="on", date_id="d1"))
    second = _figure("f2", "c2", 110, 40, time=TimeRef(relation="on", date_id="d2"))
    assert toll_contradictions([first, second], CLAIMS, dates) == []
    same_day = [
        DateMention(id="d1", span=_span(50, "Tuesday"), start=dt.date(2024, 3, 5)),
        DateMention(id="d2", span=_span(150, "March 5"), start=dt.date(2024, 3, 5)),
    ]
    assert len(toll_contradictions([first, second], CLAIMS, same_day)) == 1


def _pairs(text: str) -> list[tuple[str, str]]:
    result = claimwire.extract(text)
    content = {claim.id: claim.content.text for claim in result.claims}
    return [(content[x.claim_ids[0]], content[x.claim_ids[1]]) for x in result.contradictions]


# (case, article, words of one side, words of the other side); None = no contradiction
DENIALS = [
    (
        "an accusation and the accused's denial",
        "Human Rights Watch said the navy shelled a fishing harbour near Velsk on Friday. "
        "The navy denied carrying out the attack.",
        "shelled a fishing harbour",
        "carrying out the attack",
    ),
    (
        "a denial naming whose allegation it rejects",
        "The province said two of its guards died in a clash with Nordland troops.\n\n"
        "The Nordland defence ministry rejected the province's allegations that its troops "
        "crossed the river and killed the two guards.",
        "guards died",
        "rejected the province",
    ),
    (
        "a party saying it had nothing to do with what another says it did",
        "The mayor said the militia set fire to the market in Dorun.\n\n"
        'The militia said in a statement: "The fire was an accident and has nothing to do '
        'with the militia."',
        "set fire to the market",
        "nothing to do with the militia",
    ),
    (
        "a denial told in a relative clause of the accusation",
        "The Osland foreign minister said Varne agents poisoned a retired judge in Tarsk, "
        "an accusation that Varne denies.",
        "Varne agents poisoned",
        "an accusation",
    ),
    (
        "a denial by a party nobody accused",
        "Local doctors said nine people were wounded in the blast in Osterby. "
        "The transport ministry denied that the bridge had been closed.",
        None,
        None,
    ),
    (
        "a party's own statement is not its accusation",
        "The navy said its ships patrolled the coast near Velsk on Friday. "
        "The navy denied carrying out any strike.",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("case", "text", "one", "other"), DENIALS, ids=[d[0] for d in DENIALS])
def test_denials(case: str, text: str, one: str | None, other: str | None) -> None:
    pairs = _pairs(text)
    if one is None or other is None:
        assert pairs == [], case
        return
    assert any((one in a and other in b) or (one in b and other in a) for a, b in pairs), (
        case,
        pairs,
    )


def test_a_joint_denial_speaks_for_each_party_of_its_subject() -> None:
    pairs = _pairs(
        "Osland and the Varne navy deny ferry sunk in border raid\n\n"
        "A fishermen's union said a ferry was sunk by the Varne navy on Sunday. "
        "The Osland defence ministry said the raid, carried out with Varne ships, "
        "killed 20 smugglers."
    )
    assert any("sunk by the Varne navy" in a or "sunk by the Varne navy" in b for a, b in pairs)
    # a denier's own ministry naming its partner is not the accusation it denies
    assert not any("20 smugglers" in a or "20 smugglers" in b for a, b in pairs), pairs


def test_two_tolls_of_two_sources_end_to_end() -> None:
    text = (
        "Gunmen attacked a police post in Harrow Creek on Sunday. "
        "A police spokesman said 6 officers were killed. "
        "The insurgent group said its fighters killed 25 officers."
    )
    result = claimwire.extract(text)
    found = [x for x in result.contradictions if x.figure_ids]
    assert len(found) == 1
    claims = {claim.id: claim for claim in result.claims}
    first, second = found[0].claim_ids
    assert second in claims[first].contradicts and first in claims[second].contradicts


def test_some_killed_and_others_remaining_is_no_contradiction() -> None:
    text = (
        "The governor said 30 residents were killed in the raid on Kestrel. "
        "Aid workers said thousands of residents remain in the town."
    )
    assert _pairs(text) == []


def _region(pid: str, name: str, code: str, country: str, admin1: str | None = None) -> Place:
    return _place(pid, name, f"geonames:{name}").model_copy(
        update={"feature_code": code, "country": country, "admin1": admin1}
    )


def test_a_town_and_its_region_contradict_only_when_the_part_exceeds_the_whole():
    """'9 wounded in the province' (one source) and '14 wounded in its main town' (another)
    cannot both hold; '14 in the province' and '9 in the town' can."""
    places = [
        _region("p1", "Northprovince", "ADM1", "ZZ", "07"),
        _region("p2", "Rivertown", "PPLA", "ZZ", "07"),
        _region("p3", "Othertown", "PPL", "ZZ", "03"),
        _region("p4", "Zedland", "PCLI", "ZZ"),
        _place("p5", "Smallvillage", None),
    ]
    places[4] = places[4].model_copy(update={"resolved": False})

    def pair(first: float, first_place: str, second: float, second_place: str) -> bool:
        one = _figure("f1", "c1", 10, first, place_ids=[first_place])
        other = _figure("f2", "c2", 110, second, place_ids=[second_place])
        return bool(toll_contradictions([one, other], CLAIMS, [], places))

    assert pair(9, "p1", 14, "p2")  # the town's toll above the province's
    assert not pair(14, "p1", 9, "p2")  # the province's toll includes the town's
    assert not pair(9, "p1", 14, "p3")  # a town of another province: other tolls
    assert pair(9, "p4", 14, "p3")  # a town above its country's toll
    assert pair(9, "p4", 14, "p5")  # a place the gazetteer does not know, in the country
    assert not pair(9, "p2", 14, "p5")  # a known town and an unknown place: apart


def _place(pid: str, name: str, gazetteer_id: str | None) -> Place:
    return Place(id=pid, span=_span(0, name), name=name, resolved=True, gazetteer_id=gazetteer_id)


def test_tolls_of_two_places_are_no_contradiction():
    """'3 killed in a strike on Tyre' (one source) and '18 killed in Rafah' (another)."""
    places = [_place("p1", "Tyre", "geonames:1"), _place("p2", "Rafah", "geonames:2")]
    one = _figure("f1", "c1", 10, 3, place_ids=["p1"])
    other = _figure("f2", "c2", 110, 18, place_ids=["p2"])
    assert toll_contradictions([one, other], CLAIMS, [], places) == []  # type: ignore[arg-type]
    same = _figure("f2", "c2", 110, 18, place_ids=["p1"])
    assert toll_contradictions([one, same], CLAIMS, [], places)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("case", "text"),
    [
        (
            "a total of several incidents and one incident's toll",
            "Seven rebels were killed in two explosions in Tarsa province, the provincial "
            "police said.\n\nFour rebels were killed in the nearby Olum district when their "
            "truck hit a mine, a separate statement said.",
        ),
        (
            "a toll that counts the gunman and one that counts his victims",
            "A gunman killed five people at a mall, police said.\n\nSix people died in the "
            "rampage, including the gunman, the mayor said.",
        ),
        (
            "a government's denial and its own ministry's account of the same strike",
            "The Osland government denied reports that a Varne air strike killed farmers "
            "near Tarsk. The Osland defence ministry said the strike, carried out with "
            "Varne jets, killed about 20 smugglers.",
        ),
        (
            "a person standing somewhere is no thing still standing",
            "The boy was standing on a corner when he was shot, police said.\n\n"
            '"The boy was shot in the back and later died," his aunt Mary Cole said.',
        ),
    ],
)
def test_what_only_looks_like_a_contradiction(case: str, text: str) -> None:
    assert _pairs(text) == [], case


def test_a_contradiction_points_at_where_a_source_first_gives_its_toll() -> None:
    text = (
        "Gunmen on motorcycles raided the village of Doka, shooting dead 16 residents, "
        "according to police spokesman Musa Bello.\n\n"
        '"The attackers killed 16 people and fled before our officers arrived," Bello said.'
        "\n\nHowever, local media put the death toll at 40."
    )
    pairs = _pairs(text)
    assert len(pairs) == 1, pairs
    assert any("16 residents" in side for side in pairs[0]), pairs
