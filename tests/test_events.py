"""claimwire_events_v1: the ontology and actor files, and events on sentences written here."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources

import pytest

from claimwire.components import events as ev
from claimwire.components import keys
from claimwire.components.dates import hits_of as dates_of

PUBLISHED = dt.date(2024, 6, 14)


@pytest.fixture(scope="module")
def nlp():
    """The full claimwire pipeline (events read figures, places, dates and claims)."""
    from claimwire.nlp.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="module")
def nlp_irrealis():
    """The same, keeping threatened, planned and negated events (flagged)."""
    from claimwire.nlp.pipeline import build_pipeline, load_model

    nlp = build_pipeline(load_model())
    nlp.replace_pipe(keys.EVENTS_FACTORY, keys.EVENTS_FACTORY, config={"keep_irrealis": True})
    return nlp


@pytest.fixture(scope="module")
def nlp_rules():
    """The same, without the learned filter of events (the status rules alone)."""
    from claimwire.nlp.pipeline import build_pipeline, load_model

    nlp = build_pipeline(load_model())
    nlp.replace_pipe(keys.EVENTS_FACTORY, keys.EVENTS_FACTORY, config={"specific_events": False})
    return nlp


def run(nlp, text: str, published: dt.date | None = PUBLISHED):
    doc = nlp.make_doc(text)
    doc.user_data[keys.PUBLISHED] = published
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def events(nlp, text: str, published: dt.date | None = PUBLISHED) -> list[ev.EventHit]:
    return ev.hits_of(run(nlp, text, published))


# ------------------------------------------------------------------ resources


def _resource(name: str) -> dict:
    path = resources.files("claimwire") / "resources" / name
    return json.loads(path.read_text(encoding="utf-8"))


def test_event_types_file_is_valid():
    data = _resource("event_types.json")
    assert isinstance(data["version"], int) and data["description"]
    types = set(data["types"])
    acled = [k for k, v in data["subtypes"].items() if v["acled"]]
    assert len(acled) == 25, "every ACLED sub-event type, no more"
    plover = {"AGREE", "ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT", "SANCTION", "ACCUSE"}
    for key, entry in data["subtypes"].items():
        assert entry["type"] in types, key
        assert entry["definition"] and entry["label"], key
        assert entry["plover"] in plover | {"OTHER"}, key
    for trigger in data["triggers"]:
        assert trigger["subtype"] in data["subtypes"], trigger
        assert trigger["match"] and all(m == m.lower() for m in trigger["match"]), trigger
        for key in ("requires", "forbids", "requires_object"):
            assert all(isinstance(w, str) for w in trigger.get(key, [])), trigger
        for phrase in trigger.get("requires_for", {}):
            assert phrase in trigger["match"], (phrase, trigger["match"])
    for cue in data["instruments"]:
        assert data["subtypes"][cue["subtype"]]["type"] == "Explosions/Remote violence"
    mapping = data["mappings"]["case2021_task2"]["labels"]
    assert set(mapping) == set(data["subtypes"])
    assert len(set(mapping.values())) == 30


def test_actors_file_is_valid():
    data = _resource("actors.json")
    assert isinstance(data["version"], int) and data["description"]
    ids = [a["id"] for a in data["actors"]] + [c["id"] for c in data["classes"]]
    assert len(ids) == len(set(ids))
    for actor in data["actors"]:
        assert actor["name"] and actor["side"] and actor["type"], actor
        assert actor["type"] in {"state_forces", "police", "militia", "rebel", "international"}
        for word in actor["aliases"] + actor["demonyms"] + actor["possessors"]:
            assert word == word.lower() and word.strip() == word, word
    aliases = [w for a in data["actors"] for w in a["aliases"]]
    assert len(aliases) == len(set(aliases)), "an alias names one actor"
    assert "peter the great" in data["historical"]


# ------------------------------------------------------------------ families

FAMILY_CASES = [
    # (sentence, expected sub-type of the first event)
    ("Rebels and government troops clashed near the town of Kidal on Tuesday.", "armed_clash"),
    ("Heavy fighting erupted between the army and militants in Marawi.", "armed_clash"),
    (
        "Taliban fighters attacked a police checkpoint in Kunduz, killing four officers.",
        "armed_clash",
    ),
    ("Israeli warplanes struck a house in Rafah overnight.", "air_drone_strike"),
    ("A drone strike hit a car in Marib on Sunday.", "air_drone_strike"),
    (
        "Russian forces shelled residential districts of Kharkiv on Thursday.",
        "shelling_artillery_missile_attack",
    ),
    ("Artillery fire hit the outskirts of Donetsk.", "shelling_artillery_missile_attack"),
    (
        "A roadside bomb exploded near a convoy in Helmand province.",
        "remote_explosive_landmine_ied",
    ),
    ("A car bomb went off outside a hotel in Mogadishu.", "remote_explosive_landmine_ied"),
    ("A suicide bomber blew himself up at a mosque in Peshawar.", "suicide_bomb"),
    ("A grenade was hurled at a bus stop in Manipur, wounding six people.", "grenade"),
    ("Government forces used chlorine gas in an attack on Douma.", "chemical_weapon"),
    (
        "Gunmen abducted 30 students from a school in Kaduna state.",
        "abduction_forced_disappearance",
    ),
    ("Soldiers raped women in the village of Tabit, witnesses said.", "sexual_violence"),
    ("Gunmen opened fire on worshippers at a church in Owo, killing 40 people.", "attack"),
    (
        "Thousands of protesters marched through Tbilisi against the foreign agents law.",
        "peaceful_protest",
    ),
    ("Police fired tear gas to disperse protesters in Nairobi.", "protest_with_intervention"),
    (
        "Security forces shot dead five protesters in Khartoum on Saturday.",
        "excessive_force_against_protesters",
    ),
    ("Protesters threw stones at police and set cars on fire in Dakar.", "violent_demonstration"),
    ("An angry mob lynched two men accused of theft in Ruhango.", "mob_violence"),
    ("Police arrested 12 opposition activists in Dhaka on Monday.", "arrests"),
    ("The warring parties agreed a 72-hour ceasefire in Jeddah.", "agreement"),
    ("Turkish forces set up a new military base near Afrin.", "headquarters_or_base_established"),
    ("Soldiers seized a large cache of weapons and explosives in Gao.", "disrupted_weapons_use"),
    ("Looters ransacked shops in the market of Port-au-Prince.", "looting_property_destruction"),
    ("Militants set fire to a school in the village of Yola.", "looting_property_destruction"),
    (
        "Al-Shabaab militants captured the town of Mahas after government troops fled.",
        "non_state_actor_overtakes_territory",
    ),
    ("The army retook the town of Bama from Boko Haram on Friday.", "government_regains_territory"),
    (
        "The SDF withdrew from the crossing and handed it over without resistance.",
        "non_violent_transfer_of_territory",
    ),
    (
        "M23 rebels seized control of Rubaya, a mining town in North Kivu.",
        "non_state_actor_overtakes_territory",
    ),
    (
        "The RSF shelled the market of El Fasher, killing 15 civilians.",
        "shelling_artillery_missile_attack",
    ),
    ("Junta jets bombed a monastery in Sagaing region on Sunday.", "air_drone_strike"),
    (
        "A landmine exploded under a minibus near Mopti, killing seven.",
        "remote_explosive_landmine_ied",
    ),
    (
        "Houthi forces fired a ballistic missile at the port of Mocha.",
        "shelling_artillery_missile_attack",
    ),
    (
        "Boko Haram fighters kidnapped 20 women from a village near Maiduguri.",
        "abduction_forced_disappearance",
    ),
    ("Israeli troops arrested 15 Palestinians in raids across the West Bank.", "arrests"),
    ("The government and the rebels signed a peace agreement in Addis Ababa.", "agreement"),
    ("Wagner fighters executed dozens of villagers in Moura, witnesses said.", "attack"),
    ("JNIM militants ambushed an army convoy near Djibo, killing 17 soldiers.", "armed_clash"),
    (
        "Hezbollah fighters clashed with Israeli soldiers near the border village of Aita.",
        "armed_clash",
    ),
    (
        "Rioters torched police vehicles and looted shops in Nairobi's suburbs.",
        "violent_demonstration",
    ),
    (
        "Myanmar resistance forces overran a junta outpost in Kachin state.",
        "non_state_actor_overtakes_territory",
    ),
    ("Gunmen assassinated a mayor outside his home in Guerrero state.", "attack"),
    ("Two journalists died in a shooting at a checkpoint in Gaza.", "attack"),
]


@pytest.mark.parametrize(("text", "subtype"), FAMILY_CASES)
def test_event_subtype(nlp, text, subtype):
    found = events(nlp, text)
    assert found, f"no event in {text!r}"
    assert found[0].subtype == subtype, [(e.subtype, text[e.start : e.end]) for e in found]
    assert found[0].type == ev.family(subtype)


NEGATIVES = [
    "Russia threatened to strike Kyiv if the talks fail.",
    "The army plans to launch an offensive in the spring.",
    "Hamas denied that its fighters attacked the kibbutz.",
    "The general warned that militants could attack the capital.",
    "Napoleon's invasion of Russia in the 19th century ended in disaster.",
    "He compared the campaign to Peter the Great's 18th century conquest of the Baltic.",
    "Prices fell by 5% according to the central bank.",
    "The minister will visit the border region next week.",
    "The company struck a deal with its suppliers.",
    "The fire brigade arrived an hour later.",
    "Ukraine said 1,200 Russian tanks had been destroyed since February.",
    "If the bridge is destroyed, the city will be cut off.",
    "The rebels vowed to capture the capital within weeks.",
    "Officials denied that troops had shelled the hospital.",
    "No fighting was reported in the city on Sunday.",
    "The minister said an offensive on Rafah could start soon.",
    "Analysts fear that the militia may seize the port.",
    "The 1994 genocide killed 800,000 people in the 20th century's darkest chapter.",
    "The team attacked in the second half and won the battle for the title.",
    "The senator attacked the president's budget plan on Twitter.",
    "The striker scored twice as United beat Chelsea.",
    "The former president died of cancer in a hospital in Caracas.",
    "The court sentenced him to death for the 2015 murders.",
    "ELN leaders said they would attack pipelines if talks collapsed.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_event(nlp, text):
    found = events(nlp, text)
    assert not found, [(e.subtype, text[e.start : e.end]) for e in found]


# ------------------------------------------------------------------ roles


ACTOR_CASES = [
    ("Russian forces shelled the village of Vovchansk.", "Armed Forces of Russia", "Russia"),
    ("Moscow's troops stormed the town of Avdiivka.", "Armed Forces of Russia", "Russia"),
    ("Putin's forces attacked the port of Odesa with drones.", "Armed Forces of Russia", "Russia"),
    ("Ukrainian troops recaptured the village of Robotyne.", "Armed Forces of Ukraine", "Ukraine"),
    (
        "Pro-Moscow separatists shelled Kramatorsk overnight.",
        "Luhansk People's Republic forces",
        "Russia",
    ),
    ("The RSF attacked the city of El Fasher on Friday.", "Rapid Support Forces", "RSF"),
    ("The Sudanese army bombed RSF positions in Omdurman.", "Sudanese Armed Forces", "Sudan (SAF)"),
    ("The IDF struck a school compound in Gaza City.", "Israel Defense Forces", "Israel"),
    ("Hamas fired rockets at Ashkelon on Saturday.", "Hamas", "Hamas"),
    (
        "Houthi rebels launched a missile attack on a ship in the Red Sea.",
        "Houthis (Ansar Allah)",
        "Houthis",
    ),
    (
        "The Tatmadaw bombed a village in Sagaing region.",
        "Military of Myanmar (Tatmadaw)",
        "Myanmar junta",
    ),
    (
        "JNIM fighters ambushed a convoy near Djibo.",
        "Jama'at Nusrat al-Islam wal-Muslimin (JNIM)",
        "JNIM",
    ),
    (
        "Salvadoran troops shelled a guerrilla camp in Chalatenango.",
        "Armed Forces of El Salvador",
        "El Salvador",
    ),
    (
        "ELN rebels bombed an oil pipeline in Arauca.",
        "National Liberation Army (ELN, Colombia)",
        "ELN",
    ),
    ("FARC dissidents attacked a police station in Cauca.", "FARC and dissidents", "FARC"),
]


@pytest.mark.parametrize(("text", "name", "side"), ACTOR_CASES)
def test_actor_alias(nlp, text, name, side):
    found = events(nlp, text)
    assert found, text
    actors = [(a.name, a.side) for e in found for a in e.actors]
    assert (name, side) in actors, actors


def test_passive_voice_agent_and_target(nlp):
    text = "Six civilians were killed by Russian shelling in Kherson on Tuesday."
    found = events(nlp, text)
    assert found and found[0].type == "Explosions/Remote violence"
    assert any(a.name == "Armed Forces of Russia" for e in found for a in e.actors)


def test_passive_target_and_place(nlp):
    text = "The bridge in Zaporizhzhia was destroyed by Russian missiles on Monday."
    hit = events(nlp, text)[0]
    assert hit.subtype == "shelling_artillery_missile_attack"
    assert text[hit.place_start : hit.place_end] == "Zaporizhzhia"
    assert [a.name for a in hit.actors] == ["Armed Forces of Russia"]
    assert any("bridge" in t.name for t in hit.targets)


def test_possessive_actor_and_on_target(nlp):
    text = "Hezbollah's attack on an Israeli army post in Metula wounded two soldiers."
    hit = events(nlp, text)[0]
    assert hit.actors[0].name == "Hezbollah"
    assert any(t.side == "Israel" or "post" in t.name for t in hit.targets)


def test_civilians_as_target(nlp):
    text = "Gunmen killed nine villagers in Zamfara state on Sunday."
    hit = events(nlp, text)[0]
    assert hit.subtype == "attack"
    assert [t.name for t in hit.targets] == ["Civilians"]


def test_participle_inherits_subject(nlp):
    text = "Israeli troops raided the camp of Jenin on Monday, killing three militants."
    found = events(nlp, text)
    assert all(a.side == "Israel" for e in found for a in e.actors)
    assert text[found[0].place_start : found[0].place_end] == "Jenin"


VICTIM_CASES = [
    # (sentence, a target the first violent event must have, an actor it must not have)
    ("Tamerlan Tsarnaev died after a gunfight with police in Watertown.", "Tamerlan", "Tamerlan"),
    ("A roadside IED killed a Russian general near Deir ez-Zor on Sunday.", "general", "IED"),
    (
        "The killing of three aid workers by militiamen in Darfur was condemned.",
        "aid workers",
        None,
    ),
    (
        "A car bomb exploded outside a hotel in Mogadishu, killing five guards.",
        "guards",
        "car bomb",
    ),
    ("The explosion wounded 12 shoppers at a market in Peshawar.", "shoppers", "explosion"),
]


@pytest.mark.parametrize(("text", "victim", "not_actor"), VICTIM_CASES)
def test_victims_and_non_actors(nlp, text, victim, not_actor):
    violent = [e for e in events(nlp, text) if e.type != "Strategic developments"]
    assert violent, text
    targets = [text[t.start : t.end] for e in violent for t in e.targets]
    actors = [text[a.start : a.end] for e in violent for a in e.actors]
    assert any(victim in t for t in targets), (targets, actors)
    assert not_actor is None or not any(not_actor in a for a in actors), actors


def test_toll_joins_the_event_of_its_sentence(nlp):
    text = "A landmine exploded under a minibus near Mopti, and seven passengers died."
    found = events(nlp, text)
    assert len(found) == 1, [(e.subtype, text[e.start : e.end]) for e in found]
    assert "died" in [text[start:end] for start, end in found[0].mentions]
    assert any("passengers" in text[t.start : t.end] for t in found[0].targets)


def test_toll_of_the_next_sentence_joins_the_event(nlp):
    text = "A car bomb exploded near a police station in Kirkuk on Monday. Seven policemen died."
    found = events(nlp, text)
    assert len(found) == 1, [(e.subtype, text[e.start : e.end]) for e in found]
    assert "died" in [text[start:end] for start, end in found[0].mentions]
    assert any("policemen" in text[t.start : t.end] for t in found[0].targets)


def test_performer_and_caused_toll(nlp):
    text = "The bombing, claimed by the Taliban, killed 12 people in Kabul."
    found = events(nlp, text)
    assert len(found) == 1, [(e.subtype, text[e.start : e.end]) for e in found]
    assert [a.name for a in found[0].actors] == ["Taliban"]
    assert "killed" in [text[start:end] for start, end in found[0].mentions]
    text = "The assassination of the mayor, perpetrated by ELN guerrillas, shocked Arauca."
    found = events(nlp, text)
    assert found and found[0].actors[0].name == "National Liberation Army (ELN, Colombia)"
    assert [text[t.start : t.end] for t in found[0].targets] == ["mayor"]


ANAPHORA_CASES = [
    # (text, canonical name of the actor of the last event)
    (
        "Fighters of the FMLN attacked a power station. The guerrillas later burned two buses.",
        "Farabundo Marti National Liberation Front (FMLN)",
    ),
    (
        "Al-Shabaab claimed the attack on the base. The militants stormed the gate at dawn.",
        "Al-Shabaab",
    ),
    (
        "Hamas and Islamic Jihad were blamed. The militants fired rockets at Sderot.",
        "Unidentified armed group",
    ),
    ("A group of militants attacked a checkpoint near Gao.", "Unidentified armed group"),
]


@pytest.mark.parametrize(("text", "name"), ANAPHORA_CASES)
def test_definite_generic_actor_refers_back(nlp, text, name):
    found = [e for e in events(nlp, text) if e.actors]
    assert found, text
    assert found[-1].actors[0].name == name, [
        (a.name, text[a.start : a.end]) for a in found[-1].actors
    ]


def test_agent_phrase_names_the_group(nlp):
    text = "Fifty peasants were kidnapped by guerrillas of the ELN in Arauca on Monday."
    hit = events(nlp, text)[0]
    assert hit.subtype == "abduction_forced_disappearance"
    assert hit.actors[0].name == "National Liberation Army (ELN, Colombia)"


def test_attacked_thing_is_no_instrument(nlp):
    text = "Rebels launched an attack on the headquarters of the air force in the capital."
    hit = events(nlp, text)[0]
    assert hit.subtype != "air_drone_strike"


# ------------------------------------------------------------------ status, merge, irrealis


def test_background_comparison(nlp_rules):
    # with "last month" in the sentence, the dates component dates the siege too
    text = "The siege echoed the fall of Bakhmut, when hundreds were trapped."
    found = events(nlp_rules, text)
    statuses = {text[e.start : e.end]: e.status for e in found}
    assert statuses == {"siege": "new", "fall": "background"}


def test_background_since_invasion(nlp_rules):
    text = "It is one of the worst attacks since they launched their invasion on Feb. 24."
    found = events(nlp_rules, text, published=dt.date(2022, 6, 14))
    invasion = [e for e in found if "invasion" in text[e.start : e.end]]
    assert invasion and invasion[0].status == "background"


def test_new_event_yesterday(nlp):
    text = "Russian forces shelled Nikopol on Monday."
    assert events(nlp, text)[0].status == "new"


def test_historical_comparison_makes_no_event(nlp):
    text = "The president likened the offensive to Napoleon's 19th century conquest of Spain."
    found = events(nlp, text)
    assert [text[e.start : e.end] for e in found] == ["offensive"]
    assert found[0].status == "new"


def test_later_sentence_elaborates_same_event(nlp):
    text = (
        "Russian troops stormed the city of Vuhledar on Tuesday. "
        "The fighting was fierce, a commander said. "
        "Russians continued to assault the town, pushing back Ukrainian soldiers."
    )
    found = events(nlp, text)
    battles = [e for e in found if e.type == "Battles"]
    assert len(battles) == 1
    assert len(battles[0].mentions) >= 2
    assert any(t.side == "Ukraine" for t in battles[0].targets)


def test_two_events_in_one_sentence(nlp):
    text = "Rebels attacked an army base in Mopti and kidnapped two aid workers on Friday."
    found = events(nlp, text)
    assert {e.type for e in found} >= {"Battles", "Violence against civilians"}


def test_irrealis_flags_when_kept(nlp_irrealis):
    found = events(nlp_irrealis, "Iran threatened to attack Israeli bases in the Golan.")
    assert found and found[0].hypothetical
    found = events(nlp_irrealis, "The army did not shell the village, a spokesman said.")
    assert found and found[0].negated


def test_offsets_index_the_text(nlp):
    text = "Militants ambushed a patrol near Menaka on Sunday, killing 12 soldiers."
    doc = run(nlp, text)
    for hit in ev.hits_of(doc):
        assert 0 <= hit.start < hit.end <= len(text)
        assert hit.evidence_start <= hit.start < hit.end <= hit.evidence_end
        for actor in [*hit.actors, *hit.targets]:
            assert text[actor.start : actor.end]
    labels = [span.label_ for span in doc.spans[keys.EVENTS_SPANS]]
    assert labels == [hit.subtype for hit in ev.hits_of(doc)]


def test_classify_doc_snippet(nlp):
    doc = nlp("Saudi warplanes bombed a market in Hajjah, killing 19 people.")
    best, scores = ev.classify_doc(doc)
    assert best == "air_drone_strike" and scores[best] > 0
    assert ev.classify_doc(nlp("The weather was pleasant in May."))[0] is None


# ------------------------------------------------------------------ claims


def test_if_true_hedge_links_the_claim(nlp):
    text = (
        "Israeli jets destroyed a weapons factory in Homs, according to the Syrian army. "
        "If true, it would be the deepest strike this year."
    )
    doc = run(nlp, text)
    strikes = [e for e in ev.hits_of(doc) if e.type == "Explosions/Remote violence"]
    assert strikes and strikes[0].claim_id is not None
    from claimwire.components.claims import hits_of as claim_hits_of

    claims = {c.id: c for c in claim_hits_of(doc)}
    assert claims[strikes[0].claim_id].hedge == "conditional"


# ------------------------------------------------------------------ contract


def test_full_pipeline_meets_the_events_contract():
    from claimwire.nlp.pipeline import build_pipeline, load_model

    problems = build_pipeline(load_model()).analyze_pipes()["problems"]
    assert problems[keys.EVENTS_FACTORY] == []


@pytest.mark.parametrize(
    "missing",
    [keys.FIGURES_FACTORY, keys.PLACES_FACTORY, keys.DATES_FACTORY, keys.CLAIMS_FACTORY],
)
def test_a_missing_input_is_reported_and_fails_loudly(nlp, missing):
    from claimwire.errors import MissingComponentError

    with nlp.select_pipes(disable=[missing]):
        assert nlp.analyze_pipes()["problems"][keys.EVENTS_FACTORY]
        with pytest.raises(MissingComponentError, match=missing):
            nlp("Russian forces shelled Kharkiv on Monday.")


def test_events_accessor_fails_when_the_component_did_not_run(nlp):
    from claimwire.errors import MissingComponentError

    doc = nlp.make_doc("Russian forces shelled Kharkiv on Monday.")
    with pytest.raises(MissingComponentError):
        ev.hits_of(doc)


def test_token_keys_are_kept_on_the_doc(nlp):
    doc = run(nlp, "The army retook the town of Bama on Friday.")
    token_keys = doc.user_data[keys.EVENT_TOKEN_KEYS]
    assert len(token_keys) == len(doc)
    assert "retake" in token_keys[2]  # an irregular form the lexicon lemmatizes


# ------------------------------------------------------------------ typed resources


def test_resources_load_as_typed_records():
    lexicon = ev.ontology()
    assert lexicon.family("armed_clash") == "Battles"
    assert all(isinstance(t, ev.lexicon.TriggerEntry) for t in lexicon.triggers)
    actors = ev.actor_dictionary()
    assert any(a.id == "ru_forces" for a in actors.actors)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["subtypes"]["armed_clash"].update(type="Skirmishes"), "subtypes.armed_clash"),
        (lambda d: d["triggers"][0].update(subtype="brawl"), "triggers[0].subtype"),
        (lambda d: d["triggers"][0].update(match="clash"), "triggers[0].match"),
        (lambda d: d["subtypes"].pop("other"), "triggers: Value error, ["),
        (lambda d: d.pop("casualty_lemmas"), "casualty_lemmas"),
        (lambda d: d["irrealis_cues"].pop("modals"), "irrealis_cues.modals"),
    ],
)
def test_a_malformed_lexicon_names_the_file_and_key(change, where, monkeypatch):
    from claimwire import resource
    from claimwire.errors import ResourceError

    data = _resource("event_types.json")
    change(data)
    monkeypatch.setattr(resource, "load_resource", lambda name: data)
    with pytest.raises(ResourceError, match=rf"event_types\.json: {re.escape(where)}"):
        resource.load_typed_resource("event_types.json", ev.lexicon.EventLexicon)


def test_a_malformed_actor_dictionary_names_the_file_and_key(monkeypatch):
    from claimwire import resource
    from claimwire.errors import ResourceError

    data = _resource("actors.json")
    data["actors"][3]["aliases"] = "the army"
    monkeypatch.setattr(resource, "load_resource", lambda name: data)
    with pytest.raises(ResourceError, match=r"actors\.json: actors\[3\]\.aliases"):
        resource.load_typed_resource("actors.json", ev.lexicon.ActorDictionary)


def test_argument_tokens_come_in_text_independent_fixed_order(nlp):
    """The trigger's own arguments come before its light verb's, on every run (a set of
    Tokens once ordered them by memory address, so the actors' order changed run to run)."""
    from claimwire.components.events.roles import _argument_tokens

    for _ in range(20):  # a new Doc each time: new hashes
        doc = nlp("Government troops launched an army offensive on Monday.")
        root = next(t for t in doc if t.text == "offensive")
        anchor = next(t for t in doc if t.text == "launched")
        agents, _patients = _argument_tokens(root, anchor)
        assert [t.text for t in agents] == ["army", "troops"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # the statement's day is not the day of what it reports
        (
            "The monitoring group reported on Monday that the shelling of Arvin "
            "happened on Saturday.",
            dt.date(2024, 6, 8),
        ),
        (
            "Gunmen attacked a bus near Tolo on Thursday, officials said on Friday.",
            dt.date(2024, 6, 6),
        ),
        # with no other day in the sentence, the statement's day is kept
        ("Officials said on Friday that gunmen attacked a bus near Tolo.", dt.date(2024, 6, 7)),
    ],
)
def test_event_date_is_not_the_statement_day(nlp_rules, text, day):
    doc = run(nlp_rules, text, published=dt.date(2024, 6, 10))
    dates = dates_of(doc)
    found = [e for e in ev.hits_of(doc) if e.date_index is not None]
    assert found, text
    assert dates[found[0].date_index].start_date == day, text
