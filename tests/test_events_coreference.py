"""claimwire_events_v1: one event per incident (linked mentions, re-mentions, headline and
lead) and the mentions that are no event (wars as a whole, campaigns, displacement)."""

from __future__ import annotations

import pytest

from claimwire.components import keys
from events_helpers import events


@pytest.fixture(scope="module")
def nlp_rules():
    """The full pipeline without the learned filter of events (the rules alone)."""
    from claimwire.nlp.pipeline import build_pipeline, load_model

    nlp = build_pipeline(load_model())
    nlp.replace_pipe(keys.EVENTS_FACTORY, keys.EVENTS_FACTORY, config={"specific_events": False})
    return nlp


def violent(found):
    return [
        e
        for e in found
        if e.type in {"Battles", "Explosions/Remote violence", "Violence against civilians"}
    ]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # a blow and its landing: one incident, typed by the remote weapon
        (
            "A government artillery strike hit the market of Kalemie on Tuesday.",
            "Explosions/Remote violence",
        ),
        # killing and kidnapping by the same raiders: one attack on civilians
        (
            "Gunmen killed eleven farmers and kidnapped four others near Gusau on Monday.",
            "Violence against civilians",
        ),
        # the killings happened during the assault: one incident
        (
            "Villagers said the killings took place during an assault by militiamen on Dorobo.",
            None,
        ),
    ],
)
def test_linked_mentions_are_one_incident(nlp, text, wanted):
    found = violent(events(nlp, text))
    assert len(found) == 1, [(e.subtype, text[e.start : e.end]) for e in found]
    if wanted:
        assert found[0].type == wanted


@pytest.mark.parametrize(
    "text",
    [
        # an assault and a bombardment: two kinds of violence, two incidents
        "Rebel troops stormed the town of Lodwar on Monday, shelling a school full of families.",
        # a sequence word parts them
        "A shell hit the market in Pibor, a day after gunmen killed ten traders there.",
    ],
)
def test_linked_kinds_stay_apart(nlp, text):
    found = events(nlp, text)
    assert len(found) >= 2, [(e.subtype, text[e.start : e.end]) for e in found]


def test_protest_against_violence_stays_a_protest(nlp):
    found = events(nlp, "Protests against the bombing were held in Tromso on Sunday.")
    assert [e.type for e in found] == ["Protests"]


@pytest.mark.parametrize(
    "text",
    [
        "An air strike hit a fuel depot in Gao on Friday, killing six guards. "
        "Residents said the attack set several trucks on fire.",
        "Fighters ambushed an army convoy near Tillaberi on Friday. "
        "Friday's raid was the third this month, a local official said.",
        "A car bomb exploded outside a hotel in Beledweyne on Friday. "
        "Police said the assault was planned by the group for weeks.",
    ],
)
def test_re_mentions_join_their_incident(nlp, text):
    found = violent(events(nlp, text))
    assert len(found) == 1, [(e.subtype, text[e.start : e.end]) for e in found]


@pytest.mark.parametrize(
    "text",
    [
        "Rebels stormed an army outpost near Karvina on Sunday, killing four soldiers, "
        "officials said. Witnesses said the rebels attacked the outpost before dawn.",
        "A drone strike killed seven people at a market in Ostrava on Tuesday. "
        "A local doctor said civilians were targeted as they queued for bread.",
    ],
)
def test_later_generic_blow_retells_the_incident(nlp, text):
    found = violent(events(nlp, text))
    assert len(found) == 1, [(e.subtype, text[e.start : e.end]) for e in found]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (
            "Rebels stormed an army post in Gardez on Friday, officials said. "
            "Residents said a sergeant was shot dead in Gardez.",
            1,
        ),
        (
            "Rebels stormed an army post in Gardez on Friday, officials said. "
            "Residents said a sergeant was shot dead in Khost.",
            2,
        ),
    ],
)
def test_later_casualty_in_the_same_place_retells_the_incident(nlp, text, count):
    found = violent(events(nlp, text))
    assert len(found) == count, [(e.place_name, text[e.start : e.end]) for e in found]


@pytest.mark.parametrize(
    "text",
    [
        "A drone strike killed seven people at a market in Ostrava on Tuesday. "
        "Rebels later launched attacks on police posts in the region.",
        "A drone strike killed seven people at a market in Ostrava on Tuesday. "
        "On Friday, gunmen attacked a bus near Brno.",
    ],
)
def test_later_attacks_of_their_own_stay_apart(nlp, text):
    assert len(violent(events(nlp, text))) == 2


def test_re_mention_with_its_own_place_stays_apart(nlp):
    text = (
        "A drone strike hit a market in Gao on Friday. "
        "The attack in Kidal on Monday killed three herders."
    )
    assert len(violent(events(nlp, text))) == 2


def test_named_earlier_event_is_no_re_mention(nlp_rules):
    text = "The siege echoed the fall of Sarajevo, when thousands were trapped."
    statuses = {text[e.start : e.end]: e.status for e in events(nlp_rules, text)}
    assert statuses.get("fall") == "background"


def test_headline_and_lead_of_two_types_are_one_event(nlp):
    """The lead's village lies in the headline's state. (A village the gazetteer places in
    another state, as it does the only "Kaura" it knows, is another incident's place.)"""
    text = (
        "Gunmen kill nine villagers in Zamfara\n\n"
        "Armed bandits stormed the village of Tsafe on Saturday, shooting dead nine "
        "residents, police said.\n\n"
        "The state governor called for calm."
    )
    found = violent(events(nlp, text))
    assert len(found) == 1, [(e.type, text[e.start : e.end]) for e in found]


@pytest.mark.parametrize(
    "text",
    [
        # the war as a whole
        "The fighting has killed tens of thousands and displaced millions across Sahelia.",
        "Thousands have died in the war that began in 2019.",
        "Government troops have been battling the rebels since 2016.",
        # campaigns and habits
        "The junta has doubled down on its strategy of bombing villages.",
        "The group has recently increased its attacks on police posts.",
        "The region is home to gangs who raid villages and steal cattle.",
        # displacement is a consequence, not an event of its own
        "More than 20,000 people have fled their homes in the district.",
        "The violence has led to widespread displacement in the valley.",
        # a count over a past period is a running total, not an incident
        "Health officials said 31 people were killed and 80 others wounded in the past "
        "24 hours across the province.",
        "Twelve people were killed and 40 injured during the past week in Mogadishu, the "
        "health ministry said.",
        # a deployment is a response to an incident, not one
        "Soldiers and police officers were deployed to Dogon Dawa on Saturday.",
        "The army dispatched reinforcements to the border town of Kelmo.",
    ],
)
def test_no_event(nlp, text):
    found = events(nlp, text)
    assert not found, [(e.subtype, text[e.start : e.end]) for e in found]


def test_incident_stays_when_forces_are_deployed_after_it(nlp):
    text = (
        "Gunmen killed four farmers in the village of Dogon Dawa on Friday. Soldiers and "
        "police officers were deployed to the area on Saturday, the governor said."
    )
    assert [e.type for e in events(nlp, text)] == ["Violence against civilians"]


def test_present_tense_headline_is_news(nlp):
    text = "Gunmen kill five at a checkpoint near Bunia\n\nThe army sent reinforcements."
    assert violent(events(nlp, text))
