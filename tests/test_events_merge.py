"""claimwire_events_v1 with the full pipeline: mentions of one event across sentences."""

from __future__ import annotations

import pytest

from events_helpers import events


def test_headline_and_lead_are_one_event(nlp):
    text = (
        "Drone strike on Ethiopia market kills nine, residents say\n\n"
        "An army drone strike hit a market in the town of Bahir Dar on Friday, "
        "killing at least nine people, residents said.\n\n"
        "The government did not comment."
    )
    found = [e for e in events(nlp, text) if e.type == "Explosions/Remote violence"]
    assert len(found) == 1, [(e.subtype, text[e.start : e.end]) for e in found]
    strike = found[0]
    words = [text[start:end] for start, end in strike.mentions]
    assert len(words) >= 3 and "killing" in words, words
    assert strike.place_name == "Bahir Dar"  # the town, more precise than the country
    assert not [e for e in events(nlp, text) if e.type == "Violence against civilians"]


def test_shootout_is_a_battle_its_re_mention_joins(nlp):
    text = (
        "Police confirmed a long shootout in the northern town of Culiacan, where nine gang "
        "members died after ambushing an army patrol on Monday. In the aftermath of the "
        "clash, soldiers found two hostages."
    )
    found = events(nlp, text)
    assert [(e.type, e.subtype) for e in found] == [("Battles", "armed_clash")]
    assert "shootout" in [text[start:end] for start, end in found[0].mentions]


@pytest.mark.parametrize(
    "text",
    [
        "A drone strike hit a market in Bahir Dar on Monday. "
        "On Wednesday, a drone strike hit a school in Gondar.",
        "Drone strikes hit Ukraine on Monday. A drone strike hit a depot in Belgorod on Monday.",
    ],
)
def test_distinct_strikes_stay_apart(nlp, text):
    found = [e for e in events(nlp, text) if e.type == "Explosions/Remote violence"]
    assert len(found) == 2, [(e.place_name, text[e.start : e.end]) for e in found]


def test_attack_on_civilians_only_is_no_battle(nlp):
    text = "Militia fighters stormed a refugee camp near Kutum on Monday, killing 20 civilians."
    found = [e for e in events(nlp, text) if e.type != "Strategic developments"]
    assert [(e.type, e.subtype) for e in found] == [("Violence against civilians", "attack")]
    text = "Militia fighters stormed an army base near Kutum on Monday, killing 20 soldiers."
    assert events(nlp, text)[0].subtype == "armed_clash"


def test_its_fighters_are_the_claimant(nlp):
    text = "The Karen National Union said its fighters seized an army outpost near Myawaddy."
    found = events(nlp, text)
    assert found and found[0].actors[0].name.startswith("Karen National Union")


def test_event_noun_is_no_target(nlp):
    text = "Protests against the shelling were held in Lviv on Sunday."
    found = [e for e in events(nlp, text) if e.type == "Protests"]
    assert found and not found[0].targets


def test_displacement_total_since_the_war_is_no_event(nlp):
    text = "More than two million people have been displaced since the conflict began in 2021."
    assert not events(nlp, text)


def test_clash_with_two_armed_sides_stays_a_battle(nlp):
    text = "Army troops and rebels clashed in a village near Kutum, killing 20 civilians."
    found = events(nlp, text)
    assert found and found[0].subtype == "armed_clash"


def test_both_casualty_participles_are_the_toll(nlp):
    text = "Gunmen attacked a police post near Gao on Monday, killing one officer and wounding two."
    found = events(nlp, text)
    assert len(found) == 1, [(e.subtype, text[e.start : e.end]) for e in found]
    words = [text[s:e] for s, e in found[0].mentions]
    assert "killing" in words and "wounding" in words


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "The Patriotic Liberation Front attacked a police post in Gao.",
            "Patriotic Liberation Front",
            "rebel",
        ),
        (
            "The Mountain Lions Militia ambushed an army convoy near Gao.",
            "Mountain Lions Militia",
            "militia",
        ),
    ],
)
def test_named_organization_outside_the_dictionary(nlp, text, name, kind):
    found = events(nlp, text)
    assert found and (found[0].actors[0].name, found[0].actors[0].type) == (name, kind)


def test_its_air_force_is_the_army_named_before(nlp):
    text = (
        "Fighting between the Sudanese army and the RSF went on in Darfur. "
        "The army said its air force had struck RSF positions in Nyala overnight."
    )
    strikes = [e for e in events(nlp, text) if e.subtype == "air_drone_strike"]
    assert strikes and strikes[0].actors[0].name == "Sudanese Armed Forces"


def test_doers_of_the_toll_perform_the_attack(nlp):
    text = "Al-Shabaab fighters kill 12 in attack on Mogadishu hotel, police say"
    found = events(nlp, text)
    assert found and found[0].actors and found[0].actors[0].name == "Al-Shabaab"


def test_storming_is_no_storm(nlp):
    text = "At least 30 villagers were killed when gunmen stormed a market near Kutum on Friday."
    found = events(nlp, text)
    assert found and any(t.name == "Civilians" for t in found[0].targets)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a town the country's phrase describes is the event's place
        (
            "A series of drone strikes around the town of Kosti in eastern Sudan have killed "
            "at least nine people, the mayor said Friday.",
            "Kosti",
        ),
        # a town of the statement, not of the event, is not
        ("Gunmen killed nine people in eastern Sudan on Friday, officials in Kosti said.", "Sudan"),
    ],
)
def test_town_inside_the_country_named_with_it(nlp, text, place):
    found = events(nlp, text)
    assert found, text
    assert found[0].place_name == place, [(e.place_name, text[e.start : e.end]) for e in found]


@pytest.mark.parametrize(
    "text",
    [
        # a later sentence that names no place of its own is not told apart by the place
        # of the statement before it
        "Rebels ambushed an army convoy near Beni on Monday, killing five soldiers. The "
        "governor of North Kivu spoke in Goma on Tuesday. Three civilians were wounded by "
        "gunfire during an ambush by rebels on Monday.",
        # a headline repeated in the body is the same incident
        "Soldiers killed in rebel ambush\n\n"
        "Rebels ambushed an army convoy near Beni on Monday, killing five soldiers, the army "
        "said in Goma.\n\n"
        "Soldiers killed in rebel ambush\n\n"
        "The army has sent reinforcements.",
    ],
)
def test_borrowed_place_does_not_split_an_incident(nlp, text):
    found = [e for e in events(nlp, text) if e.type == "Battles"]
    assert [e.place_name for e in found] == ["Beni"], [
        (e.place_name, text[e.start : e.end]) for e in found
    ]
