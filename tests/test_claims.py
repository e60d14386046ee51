"""Tests of claimwire_claims_v1: attribution forms, speakers, hedges, contradictions."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from claimwire.components import keys
from claimwire.components.claims import (
    ClaimHit,
    claim_for_offset,
    cue_forms,
    find_quotes,
    hits_of,
    inflections,
)
from claimwire.vocab import HEDGE_STRENGTH


@pytest.fixture(scope="module")
def claims_nlp():
    """A fresh claimwire pipeline with the claims component (not the shared one)."""
    from claimwire.components import claims  # noqa: F401  (registers the factory)
    from claimwire.nlp.pipeline import build_pipeline, load_model

    nlp = build_pipeline(load_model())
    if keys.CLAIMS_FACTORY not in nlp.pipe_names:
        nlp.add_pipe(keys.CLAIMS_FACTORY)
    return nlp


def attributed(doc) -> list[ClaimHit]:
    """Claims somebody is said to make (not the outlet's, not nested partial quotes)."""
    return [hit for hit in hits_of(doc) if hit.form != "outlet" and hit.parent is None]


# (text, form, claimant name or part of it, hedge or None); form None = no attributed claim
PATTERNS = [
    ("The minister said the bridge was destroyed.", "indirect", "minister", "asserted"),
    ("John Smith said the town had fallen.", "indirect", "John Smith", "asserted"),
    ('"We will fight on," said John Smith.', "direct", "John Smith", "asserted"),
    ('"We will fight on," John Smith said.', "direct", "John Smith", "asserted"),
    ('"We will fight on,” John Smith said.', "direct", "John Smith", "asserted"),
    ('John Smith said: "We will fight on."', "direct", "John Smith", "asserted"),
    ('John Smith said:"We will fight on.”', "direct", "John Smith", "asserted"),
    ("John Smith told reporters that the town had fallen.", "indirect", "John Smith", None),
    ("The town had fallen, according to the army.", "according_to", "army", None),
    (
        "According to local officials, ten people died in the attack.",
        "according_to",
        "local officials",
        None,
    ),
    ("Kyiv said 20 drones were shot down overnight.", "indirect", "Government of Ukraine", None),
    (
        "Moscow claimed its forces had taken the village.",
        "indirect",
        "Government of Russia",
        "claimed",
    ),
    (
        "The Kremlin denied that its troops had shelled the city.",
        "indirect",
        "Government of Russia",
        "denied",
    ),
    ("The ministry did not say how many soldiers died.", "indirect", "ministry", "negated"),
    ("Officials said the road was closed.", "indirect", "officials", None),
    ("A source told Reuters that the talks had collapsed.", "indirect", "source", None),
    ("Witnesses said soldiers opened fire on the crowd.", "indirect", "witnesses", None),
    (
        "Pro-Russian separatists claimed the airport was under their control.",
        "indirect",
        "separatists",
        "claimed",
    ),
    ("Rebels said they had captured the town.", "indirect", "rebels", None),
    (
        "Khartoum said the paramilitaries had attacked the camp.",
        "indirect",
        "Government of Sudan",
        None,
    ),
    (
        "Washington warned that the strike would escalate the war.",
        "indirect",
        "Government of the United States",
        None,
    ),
    ("Beijing said the exercises were routine.", "indirect", "Government of China", None),
    ("The army said in a statement that the base had been hit.", "indirect", "army", None),
    ("The army issued a statement on the attack on Monday.", "reported", "army", None),
    ("The strike killed 12 people, the mayor said.", "indirect", "mayor", None),
    ("The report said 40 soldiers died in the ambush.", "reported", "report", None),
    ("Residents said the shelling lasted all night.", "indirect", "residents", None),
    (
        "The United Nations estimated that 2 million people had fled.",
        "indirect",
        "United Nations",
        None,
    ),
    ("Israel said the strike targeted militants.", "indirect", "Government of Israel", None),
    ("The spokesman insisted the troops had withdrawn.", "indirect", "spokesman", "claimed"),
    ("Defence Minister John Smith said the army was ready.", "indirect", "John Smith", None),
    ('"It is over," said Maria Gonzalez, the regional governor.', "direct", "Maria Gonzalez", None),
    ('"They said we must leave," Ana Lopez said.', "direct", "Ana Lopez", None),
    ('"We left. We had nothing," Ana Lopez said.', "direct", "Ana Lopez", None),
    (
        'Smith said the fighting was "relentless" and that troops were exhausted.',
        "indirect",
        "Smith",
        None,
    ),
    ("The general admitted that the offensive had stalled.", "indirect", "general", "asserted"),
    ("Police alleged that the men had planted the bomb.", "indirect", "police", "claimed"),
    (
        "The village was recaptured on Friday, officials told the BBC.",
        "indirect",
        "officials",
        None,
    ),
    (
        "The Pentagon confirmed that two soldiers were wounded.",
        "indirect",
        "Government of the United States",
        None,
    ),
    ("Hamas said 30 people were killed in the strike.", "indirect", "Hamas", None),
    (
        "Lt. Col. Anna Berg, a military spokeswoman, said the unit had withdrawn.",
        "indirect",
        "Anna Berg",
        None,
    ),
    ("The governor added that the power plant was damaged.", "indirect", "governor", None),
    (
        "The attack killed 5 people, according to the health ministry.",
        "according_to",
        "health ministry",
        None,
    ),
    ("Doctors said most of the victims were children.", "indirect", "doctors", None),
    ("Analysts warned the ceasefire might not hold.", "indirect", "analysts", None),
    (
        "Mr. Okafor wrote on social media that the convoy had been ambushed.",
        "indirect",
        "Okafor",
        None,
    ),
    ("The militia announced it had seized the border post.", "indirect", "militia", None),
    (
        'Authorities described the attack as "a massacre of civilians".',
        "partial",
        "authorities",
        None,
    ),
    ("One of the players said the team would not give up.", "indirect", "one of the players", None),
    (
        '"We will win," Ana Lopez, the head of the regional council and a veteran organizer of '
        "three campaigns, said on Monday.",
        "direct",
        "Ana Lopez",
        None,
    ),
    (
        "Residents, according to the survey, are afraid of losing their homes.",
        "according_to",
        "survey",
        None,
    ),
    (
        'Rival candidate Ana Lopez joked in her turn to answer the question, "It was a dream."',
        "direct",
        "Ana Lopez",
        None,
    ),
    (
        'In a statement, the agency gave no details but said "the law must be respected."',
        "direct",
        "agency",
        None,
    ),
    (
        '"We have no working system," according to Dr. Maria Gonzalez, a family doctor.',
        "direct",
        "Maria Gonzalez",
        "reported",
    ),
    ('"We never gave up," says her father, Ernie Blanc.', "direct", "Ernie Blanc", None),
    ("His agent, Danny Fritz, said the golfer was sore.", "indirect", "Danny Fritz", None),
    (
        "A study by the Senate Finance Committee said the program had no owner.",
        "reported",
        "Senate Finance Committee",
        None,
    ),
    (
        'A statement sent to reporters by the Red Cross said "the convoy was hit."',
        "direct",
        "Red Cross",
        None,
    ),
    (
        'Jordan Stewart leads the team. "He never let it show," Jordan said.',
        "direct",
        "Jordan Stewart",
        None,
    ),
    (
        '"It is very good," said the rookie defenceman, brother of Seth Jones.',
        "direct",
        "rookie defenceman",
        None,
    ),
    (
        'Retiree Doug Purdy, who lost "two belt loops" in May, says the program changed his life.',
        "indirect",
        "Doug Purdy",
        None,
    ),
    (
        "The storm hit.\nIt is very bad for our seniors if they have no backup. John Smith, mayor",
        "direct",
        "John Smith",
        None,
    ),
    (
        'John Smith, the town doctor, is more blunt: "We are running out of everything here."',
        "direct",
        "John Smith",
        None,
    ),
    # negatives
    ("John Smith said the bridge was closed. (Jane Roe/Reuters)", None, None, None),
    ("The fire claimed the lives of 20 people.", None, None, None),
    ("The so-called referendum was held on Sunday.", None, None, None),
    ("He claimed victory in the election.", None, None, None),
    ("They said goodbye at the station.", None, None, None),
    ("The weather was cold and wet.", None, None, None),
    ('The "special operation" began in February.', None, None, None),
    ("The bombing claimed 20 lives.", None, None, None),
    ("A cyclist rides past the shuttered homes of the district. Reuters", None, None, None),
    ("READ MORE: Minister says the budget will not be balanced until 2040", None, None, None),
    (
        "The town, which Kyiv says is the key to the region, was shelled.",
        "indirect",
        "Government of Ukraine",
        None,
    ),
    ("John Smith would not say what the message is.", "indirect", "John Smith", "negated"),
    ("He said a few words and then left the hall.", None, None, None),
    ("The claim that the town had fallen was false.", None, None, None),
]


@pytest.mark.parametrize(("text", "form", "name", "hedge"), PATTERNS)
def test_attribution_patterns(claims_nlp, text, form, name, hedge):
    doc = claims_nlp(text)
    found = attributed(doc)
    if form is None:
        assert found == []
        return
    described = [(h.form, h.claimant.name, h.hedge) for h in found]
    assert any(
        h.form == form
        and name.lower() in h.claimant.name.lower()
        and (hedge is None or h.hedge == hedge)
        for h in found
    ), described
    for hit in hits_of(doc):
        assert 0 <= hit.start < hit.end <= len(text)


def test_pattern_table_is_large_with_negatives():
    assert len(PATTERNS) >= 50
    assert sum(1 for case in PATTERNS if case[1] is None) >= 10


def test_direct_quote_content_excludes_marks(claims_nlp):
    text = 'John Smith said: "We will fight on."'
    (hit,) = attributed(claims_nlp(text))
    assert text[hit.start : hit.end] == "We will fight on."
    assert text[hit.cue_start : hit.cue_end] == "said"


def test_pronoun_resolves_to_latest_person(claims_nlp):
    text = (
        "Governor Jane Doe visited the ruined school on Monday.\n"
        "She said the damage was severe.\n"
        'She said: "We will rebuild it."'
    )
    found = attributed(claims_nlp(text))
    assert len(found) == 2
    assert {h.claimant.name for h in found} == {"Jane Doe"}


def test_parenthetical_cue_with_pronoun(claims_nlp):
    text = (
        "Mayor Ivan Petrov spoke on Tuesday.\n"
        "The city is surrounded, he said, and food is running out."
    )
    (hit,) = attributed(claims_nlp(text))
    assert hit.claimant.name == "Ivan Petrov"
    assert "food is running out" in text[hit.start : hit.end]


def test_role_noun_resolves_to_person_with_that_role(claims_nlp):
    text = (
        "Regional governor Olena Marchenko said the shelling continued.\n"
        "The governor said three villages were evacuated."
    )
    found = attributed(claims_nlp(text))
    assert [h.claimant.name for h in found] == ["Olena Marchenko", "Olena Marchenko"]
    assert found[0].claimant.role == "regional governor"


def test_two_spellings_are_one_speaker(claims_nlp):
    text = (
        "Ukrainian President Volodymyr Zelenskiy said the army would hold the line.\n"
        "Later, President Zelensky said more weapons were needed."
    )
    found = attributed(claims_nlp(text))
    assert len(found) == 2
    assert found[0].claimant == found[1].claimant
    assert found[0].claimant.side == "Ukraine"
    assert len(found[0].claimant.mentions) >= 2


def test_historical_figure_in_quote_is_not_a_speaker(claims_nlp):
    text = (
        "President Ann Lee spoke to parliament on Friday.\n"
        'She said: "Not Napoleon, but our own children."'
    )
    (hit,) = attributed(claims_nlp(text))
    assert hit.claimant.name == "Ann Lee"


def test_if_true_hedges_the_previous_sentence(claims_nlp):
    text = (
        "Missiles destroyed a fuel depot near the border, according to Moscow.\n"
        "If true, it marks a new phase of the campaign."
    )
    found = attributed(claims_nlp(text))
    assert [(h.form, h.hedge) for h in found] == [("according_to", "conditional")]
    assert found[0].claimant.name == "Government of Russia"


def test_unverified_claim_hedged(claims_nlp):
    text = "Rebels said they downed a helicopter. The claim could not be independently verified."
    (hit,) = attributed(claims_nlp(text))
    assert hit.hedge == "unconfirmed"


def test_reportedly_makes_a_claim_of_nobody_named(claims_nlp):
    doc = claims_nlp("Russian troops reportedly shelled the village, killing 4 people.")
    outlet, hedged = hits_of(doc)
    assert (outlet.form, outlet.hedge, outlet.claimant.type) == ("outlet", "reported", "outlet")
    assert (hedged.form, hedged.hedge, hedged.claimant.name) == (
        "reported",
        "reported",
        "unattributed",
    )
    assert claim_for_offset(hits_of(doc), doc.text.index("4")) == hedged


def test_outlet_claims_only_for_facts(claims_nlp):
    doc = claims_nlp("The weather was mild.\n300 people were evacuated on Monday.")
    assert [h.form for h in hits_of(doc)] == ["outlet"]
    assert hits_of(doc)[0].start == doc.text.index("300")


def test_never_closing_quote_runs_to_its_paragraph_and_continues(claims_nlp):
    text = (
        "Commander Petra Novak spoke by phone.\n"
        'She said: "The enemy keeps attacking, and we have pushed them back.\n'
        '"About 200 civilians remain in the shelter. We try to evacuate them.”\n'
        "The weather was cold."
    )
    doc = claims_nlp(text)
    found = attributed(doc)
    assert [h.form for h in found] == ["direct", "direct"]
    assert text[found[0].start : found[0].end].endswith("pushed them back.")
    assert text[found[1].start : found[1].end].startswith("About 200 civilians")
    assert {h.claimant.name for h in found} == {"Petra Novak"}
    assert found[1].cue_start is None
    figure = text.index("200")
    assert claim_for_offset(hits_of(doc), figure) == found[1]


def test_partial_quote_nested_in_indirect_speech(claims_nlp):
    text = 'Smith said the fighting was "relentless" and that troops were exhausted.'
    doc = claims_nlp(text)
    partial = [h for h in hits_of(doc) if h.form == "partial"]
    (outer,) = attributed(doc)
    assert len(partial) == 1
    assert text[partial[0].start : partial[0].end] == "relentless"
    assert partial[0].parent == outer.id
    assert claim_for_offset(hits_of(doc), text.index("relentless")) == partial[0]


def test_contradiction_between_claimants(claims_nlp):
    text = (
        "Rebels claimed the bridge had been destroyed.\nThe army said the bridge was still intact."
    )
    one, two = attributed(claims_nlp(text))
    assert one.contradicts == (two.id,)
    assert two.contradicts == (one.id,)
    assert one.reasons[0].referent == "bridge"


def test_no_contradiction_within_one_claimant(claims_nlp):
    text = "The army said the bridge was destroyed.\nThe army said the bridge remained open."
    assert all(h.contradicts == () for h in attributed(claims_nlp(text)))


def test_ids_are_in_text_order(claims_nlp):
    doc = claims_nlp('Kyiv said 5 drones were downed. "We hold," Anna Berg said. 10 tanks burned.')
    hits = hits_of(doc)
    assert [h.id for h in hits] == [f"c{k + 1}" for k in range(len(hits))]
    assert [h.start for h in hits] == sorted(h.start for h in hits)
    assert doc.spans[keys.CLAIMS_SPANS]


def test_claim_for_offset_outside_any_claim():
    assert claim_for_offset([], 3) is None


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        ('He said "yes" and "no".', ["yes", "no"]),
        ('She said:"Open straight, close curly.” Then left.', ["Open straight, close curly."]),
        ('"Across a\nline break," he said.', ["Across a\nline break,"]),
        ('He said: "Never closed.\nNext line.', ["Never closed."]),
        ('"One.\n\n"Two."', ["One.", "Two."]),
        ('A 12" screen.', []),
        ("‘’It is over,’’ he said.", ["It is over,"]),
        ("A 6'' pipe and Jones' ‘plan’.", []),
    ],
)
def test_find_quotes(text, contents):
    assert [text[q.start : q.end] for q in find_quotes(text)] == contents


def test_inflections():
    assert {"said", "says", "saying"} <= inflections("say")
    assert {"denied", "denies"} <= inflections("deny")
    assert {"admitted", "admits"} <= inflections("admit")
    assert cue_forms()["told"] == "tell"


def test_cue_resource_is_valid():
    data = json.loads((files("claimwire") / "resources" / "claims_cues.json").read_text("utf-8"))
    assert data["version"] and data["description"]
    modalities = set(HEDGE_STRENGTH)
    assert set(data["verbs"].values()) <= modalities
    assert set(data["reporting_nouns"].values()) <= modalities
    for phrase in data["phrases"]:
        assert phrase["modality"] in modalities
        assert phrase["form"] in {"according_to", "reported"}
    for hedge in data["hedges"]:
        assert hedge["modality"] in modalities
        assert hedge["scope"] in {"sentence", "previous", "previous_or_sentence"}
        assert hedge["text"] == hedge["text"].lower()
    assert set(data["not_parenthetical"]) <= set(data["verbs"])
    assert set(data["pronouns"].values()) <= {"person", "plural", "organization"}
    for key in ("anonymous_sources", "role_nouns", "event_verbs", "publishing_verbs"):
        assert data[key] and all(word == word.lower() for word in data[key]), key
    assert all(name == name.lower() for name in data["credit_names"])
    contradiction = data["contradiction"]
    assert not set(contradiction["gone"]) & set(contradiction["persists"])


def test_claimant_resource_is_valid():
    data = json.loads((files("claimwire") / "resources" / "claimants.json").read_text("utf-8"))
    assert data["version"] and data["description"]
    seen: dict[str, str] = {}
    for name, entry in data["governments"].items():
        assert entry["side"] and entry["aliases"], name
        for alias in entry["aliases"]:
            assert seen.setdefault(alias.lower(), name) == name, alias
    assert all(word == word.lower() for word in data["group_nouns"])


def test_pronoun_skips_person_of_other_gender(claims_nlp):
    text = "John Smith met Maria Lopez in the village.\nShe said the road was closed."
    (hit,) = attributed(claims_nlp(text))
    assert hit.claimant.name == "Maria Lopez"


def test_pronoun_gender_learned_from_the_document(claims_nlp):
    # neither given name is in the list: the pronouns after each person tell their gender
    text = (
        "Robin Vale runs the shop. She opened it in 2010. Sasha Oakes works there too. "
        'He joined last year. "It is busy," she said.'
    )
    (hit,) = attributed(claims_nlp(text))
    assert hit.claimant.name == "Robin Vale"


def test_honorific_gender_is_not_overridden(claims_nlp):
    text = (
        "Ms. Robin Vale runs the shop. Sasha Oakes works there too. He joined last year. "
        '"It is busy," she said.'
    )
    (hit,) = attributed(claims_nlp(text))
    assert hit.claimant.name == "Robin Vale"


def test_said_inside_a_quote_is_not_a_cue(claims_nlp):
    text = 'John Smith said: "They said the town had fallen, but I did not believe it."'
    (hit,) = attributed(claims_nlp(text))
    assert (hit.form, hit.claimant.name) == ("direct", "John Smith")


def test_noun_named_like_a_cue_is_not_one(claims_nlp):
    text = (
        '"Forget the rest," John Smith said. And here was the big reveal: '
        '"My second largest investment is in the company."'
    )
    hits = attributed(claims_nlp(text))
    assert [(h.form, h.claimant.name) for h in hits] == [("direct", "John Smith")] * 2


def test_quote_going_on_in_its_paragraph_keeps_the_attribution(claims_nlp):
    text = (
        '"We will rebuild," said John Smith. "It will take years."\n\n'
        '"A new paragraph goes on here."'
    )
    first, second, third = attributed(claims_nlp(text))
    assert text[second.start : second.end] == "It will take years."
    assert (second.cue_start, second.speaker_start) == (first.cue_start, first.speaker_start)
    assert second.claimant.name == third.claimant.name == "John Smith"
    assert third.cue_start is None and third.speaker_start is None  # a new paragraph


def test_reported_clause_after_the_cue_is_the_content(claims_nlp):
    text = "In the report released on Monday, John Smith said the board had failed the city."
    (hit,) = attributed(claims_nlp(text))
    assert text[hit.start : hit.end] == "the board had failed the city"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # a second reporting verb ends the first claim
        ("The army denied that civilians had been targeted and said troops had been attacked.",
         "civilians had been targeted"),
        # a clause with a subject of its own goes on with what the speaker said
        ("The mayor said the shelter is full, but it is safe.",
         "the shelter is full, but it is safe"),
    ],
)  # fmt: skip
def test_reported_clause_ends_where_the_speaker_stops(claims_nlp, text, content):
    hit = attributed(claims_nlp(text))[0]
    assert text[hit.start : hit.end] == content


def test_reported_clause_misread_as_an_object(claims_nlp):
    text = "Ana Lopez said poverty and lost income due to the war have broad effects on families."
    (hit,) = attributed(claims_nlp(text))
    assert text[hit.start : hit.end] == (
        "poverty and lost income due to the war have broad effects on families"
    )


def test_bare_institution_noun_points_to_the_organization_that_spoke(claims_nlp):
    text = (
        "The Red Cross said the convoy was hit on Monday. "
        '"We stand by our account of the attack," the agency said.'
    )
    hits = attributed(claims_nlp(text))
    assert [h.claimant.name for h in hits] == ["Red Cross", "Red Cross"]


def test_epithet_points_back_to_the_person(claims_nlp):
    text = (
        "Maria Gonzalez opened the shop in 2010. "
        '"It is months of work," says the self-taught Cambridge resident.'
    )
    (hit,) = attributed(claims_nlp(text))
    assert hit.claimant.name == "Maria Gonzalez"


def test_pronoun_points_to_the_person_just_introduced(claims_nlp):
    # John Smith is the last subject, but David Baker was just introduced
    text = (
        "John Smith says the program helped. Exercise also helped accountant David Baker, 50. "
        '"I had a membership," he says.'
    )
    hit = attributed(claims_nlp(text))[-1]
    assert hit.form == "direct"
    assert hit.claimant.name == "David Baker"


def test_surname_the_ner_calls_a_place_is_the_person(claims_nlp):
    # the small model often labels a bare surname GPE or ORG
    text = (
        "John Smith met Maria Gonzalez in 2011. Gonzalez said she was late. "
        'Smith looked at his watch. "I am sorry," she said.'
    )
    hit = attributed(claims_nlp(text))[-1]
    assert hit.claimant.name == "Maria Gonzalez"


def test_first_name_resource_has_no_overlap():
    data = json.loads((files("claimwire") / "resources" / "claimants.json").read_text("utf-8"))
    male, female = set(data["first_names"]["male"]), set(data["first_names"]["female"])
    assert male and female and not male & female


def test_quoted_as_saying(claims_nlp):
    text = 'Mayor Ivan Petrov spoke on Tuesday.\n"We will hold," he was quoted as saying.'
    (hit,) = attributed(claims_nlp(text))
    assert (hit.form, hit.claimant.name) == ("direct", "Ivan Petrov")
    assert text[hit.speaker_start : hit.speaker_end] == "he"


# Speech acts beyond "say" and attributions in titles (issue 15): text, claimant (part of its
# name) or None for no attributed claim, hedge or None, a word the claim's content holds.
SPEECH_ACTS = [
    ("The army confirmed a heavy clash near the ford in which 9 rebels died.", "army", None, "9"),
    ("The Front claimed responsibility for the ambush.", "Front", "claimed", "ambush"),
    ("The monitor reported 48 arrests and 3 deaths.", "monitor", "reported", "48"),
    ("The killings were confirmed by hospital sources.", "hospital sources", None, "killings"),
    ("The ministry accuses Kenya of arming the fighters.", "ministry", "claimed", "arming"),
    ("The rebels urged residents to leave the town.", "rebels", None, "leave"),
    ("The agency warned of a fuel shortage in the camps.", "agency", None, "fuel"),
    ("A colonel put the number of dead at 27.", "colonel", None, "27"),
    (  # a participle after the cue's object gives grounds, not what it reports
        "The monitor reported the deaths of 31 villagers since Monday, citing beatings.",
        "monitor",
        None,
        "31",
    ),
    ("Kenya health ministry says nine killed in rebel raid", "ministry", None, "nine"),
    ("Rescuers say 12 dead in shelling of market", "Rescuers", None, "12"),
    ("Bandits kill 30 in northwest, activists say\nIt began at dawn.", "activists", None, "30"),
    ("Gunmen kill 8 farmers in central Mali: UN mission\nThey died.", "UN mission", None, "8"),
    ("Drone attack kills two in southern town - mayor\nIt hit a house.", "mayor", None, "two"),
    ("Provincial police chief: bomb blast kills 6 near mosque\nIt was Friday.", "chief", None, "6"),
    ("Mortar fire kills 5 near the port: ISPR.\nThe port is closed.", "ISPR", None, "5"),
    # a speech act in a relative clause: its own subject claims the noun it describes
    ("A nurse said six died in the raid, which the rebels claimed.", "rebels", "claimed", "raid"),
    ("Witnesses described an attack that the navy later denied.", "navy", "denied", "attack"),
    # negatives
    ("No group has claimed responsibility for the two bombings.", None, None, None),
    ("The guards denied access to the reporters.", None, None, None),
    ("LAGOS: Gunmen set fire to a market on Monday", None, None, None),
    ("Nigeria: Floods wash away 40 homes in the north", None, None, None),
    ("The team won the final - again", None, None, None),
    ("Kabul: a city of 5 million", None, None, None),
    ("It is a group that documents abuses in the region.", None, None, None),
    ("The council passed the budget, which the mayor announced.", None, None, None),
]


def test_a_participle_after_an_object_that_claims_nothing_is_still_the_claim(claims_nlp):
    text = (
        "Justice Ann Roe said the ban was unfair. Still, she denied Mr. Kell's request for "
        'the files, calling that demand excessive. "This fight is bitter," she wrote.'
    )
    found = {text[h.start : h.end]: h.claimant.name for h in attributed(claims_nlp(text))}
    assert found.get("calling that demand excessive") == "Ann Roe", found
    assert found.get("This fight is bitter,") == "Ann Roe", found


def test_a_denial_hung_on_a_person_claims_nothing_of_its_own(claims_nlp):
    # the parser hangs "which" on the last noun: "his son" is not what Osland denies
    text = "Varne accuses Osland of holding a judge and his son, which Osland denies."
    assert [h.claimant.name for h in attributed(claims_nlp(text))] == ["Varne"]


@pytest.mark.parametrize(("text", "name", "hedge", "word"), SPEECH_ACTS)
def test_speech_acts_and_titles(claims_nlp, text, name, hedge, word):
    found = attributed(claims_nlp(text))
    if name is None:
        assert found == [], [(h.claimant.name, text[h.start : h.end]) for h in found]
        return
    described = [(h.claimant.name, h.hedge, text[h.start : h.end]) for h in found]
    assert any(
        name.lower() in h.claimant.name.lower()
        and (hedge is None or h.hedge == hedge)
        and word in text[h.start : h.end]
        and "\n" not in text[h.start : h.end]
        for h in found
    ), described


# A description or a title names a claimant the article names elsewhere (issue 15): text, the
# claimant of the claim holding `word` (part of its name), or None where it must stay apart.
DESCRIPTIONS = [
    (
        "The Northern Front claimed the ambush. The group said it had killed 12 guards.",
        "12",
        "Northern Front",
    ),
    (
        "Fighters of the Lake Brigade (LKB) raided a depot on Monday.\n"
        "The militant group said 4 guards died.",
        "4",
        "Lake Brigade",
    ),
    (
        "The regional governor said 7 people were hurt. Later, Governor Ivana Petrova said "
        "the power was back.",
        "7",
        "Ivana Petrova",
    ),
    ("Port Mayor Tomas Reyes told reporters that 3 boats sank.", "3", "Tomas Reyes"),
    (
        "A district official, speaking on condition of anonymity, said 6 huts burned. "
        '"We could not reach them," the source said.',
        "could not",
        "district official",
    ),
    (
        "Heavy rain hit the city of Marowa on Friday. The group said the roads were closed.",
        "roads",
        None,
    ),
    ("The army said on Monday that the group had 40 fighters. The group said 9 died.", "9", None),
    (  # "the army" names again the forces the article named last
        "Ruritania's army said it shelled a depot near Dovra. "
        '"Only rockets were stored there," the military said.',
        "rockets",
        "Ruritania's army",
    ),
    (  # where a group sits is neither its name nor its side
        "More than 40 people were killed in the province, according to the Levant Rights "
        "Observatory (LRO). The British-based monitoring group reported that 300 civilians "
        "were killed.",
        "300",
        "Levant Rights Observatory",
    ),
]


def test_the_army_with_no_forces_named_before_stays_the_army(claims_nlp):
    text = "The rebels said 4 fishermen died. The army said the boats carried guns."
    holding = [h for h in attributed(claims_nlp(text)) if "boats" in text[h.start : h.end]]
    assert [h.claimant.name for h in holding] == ["army"]


@pytest.mark.parametrize(("text", "word", "name"), DESCRIPTIONS)
def test_descriptions_name_the_claimant(claims_nlp, text, word, name):
    doc = claims_nlp(text)
    holding = [h for h in attributed(doc) if word in text[h.start : h.end]]
    assert holding, [(h.claimant.name, text[h.start : h.end]) for h in attributed(doc)]
    claimant = holding[0].claimant
    if name is None:
        assert claimant.name.lower() in ("group", "the group"), claimant
        return
    assert name.lower() in claimant.name.lower(), claimant
    if claimant.type != "person":
        assert claimant.type in ("organization", "group"), claimant


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Police arrested 12 men on Friday, citing local officials.", "local officials"),
        ("Troops withdrew from the town, citing Reuters.", "Reuters"),
        ("The monitor counted 40 dead in the valley, citing executions and looting.", None),
        ("The mayor closed the schools, citing a lack of fuel.", None),
    ],
)
def test_citing_names_a_source_not_the_grounds(claims_nlp, text, source):
    doc = claims_nlp(text)
    cited = [h for h in attributed(doc) if h.form == "according_to"]
    if source is None:
        assert not cited, [(h.claimant.name, h.claimant.type) for h in cited]
        return
    assert [h.claimant.name for h in cited] == [source]


# The source after the claim, where the parser misreads it (issue 15): text, the claimant
# (part of its name), a word of the claim.
POSTPOSED = [
    (
        "Shells hit the port of Kessa on Monday and wounded 14 dockers, said a nurse, "
        "a member of the clinic staff.",
        "nurse",
        "14",
    ),
    (
        "One of the rockets struck a school, while the second hit homes near by, army "
        "sources said.",
        "army sources",
        "school",
    ),
    (
        "At least four guards were killed and 9 wounded by a grenade thrown at the gate, "
        "hospital and police sources told AFP on Friday.",
        "sources",
        "four",
    ),
    (
        "Gunmen stormed Lodo village, killing three farmers, an officer from the district "
        "police told the radio on condition of anonymity.",
        "officer",
        "three",
    ),
    (
        "A village elder, Musa Kante, told AFP by phone that the fighting lasted two hours.",
        "Musa Kante",
        "fighting",
    ),
    (
        "Colonel Ada Obi, head of the garrison, told the radio that two trucks burned.",
        "Ada Obi",
        "trucks",
    ),
]


@pytest.mark.parametrize(("text", "name", "word"), POSTPOSED)
def test_postposed_sources(claims_nlp, text, name, word):
    found = attributed(claims_nlp(text))
    described = [(h.claimant.name, text[h.start : h.end]) for h in found]
    assert any(
        name.lower() in h.claimant.name.lower() and word in text[h.start : h.end] for h in found
    ), described
    assert all(h.claimant.name not in ("AFP", "radio") for h in found), described


@pytest.mark.parametrize(
    ("text", "word", "outside"),
    [
        ("Ten guards were reportedly killed in the raid.", "Ten", None),
        (
            "Police found six men, who were allegedly abducted by bandits near Daru.",
            "bandits",
            "six",
        ),
        ("The depot is said to hold 40 tanks.", "40", None),
    ],
)
def test_passive_hedges_claim_for_nobody(claims_nlp, text, word, outside):
    found = [h for h in attributed(claims_nlp(text)) if h.form == "reported"]
    assert [h.claimant.name for h in found] == ["unattributed"], found
    content = text[found[0].start : found[0].end]
    assert word in content
    assert outside is None or outside not in content


def test_a_hedged_sentence_with_a_source_keeps_it(claims_nlp):
    found = attributed(claims_nlp("The mayor said 4 houses were reportedly burned."))
    assert [(h.claimant.name, h.hedge) for h in found] == [("mayor", "reported")]


@pytest.mark.parametrize(
    ("text", "claimant", "nth"),
    [
        (
            "Six killed in raid on northern depot\nSix guards were killed in the raid, "
            "a police spokesman told the radio.",
            "police spokesman",
            0,
        ),
        (  # two sources give the number: the title takes the first, the lead's
            "Six killed in raid on northern depot\nSix guards were killed, police said. "
            "Six guards were killed, the rebels said.",
            "police",
            0,
        ),
        (  # a lead's toll takes the source that gives it further on
            "Nine farmers were killed in a raid on Monday. The raid began at dawn. "
            '"The toll is nine dead," said Amadou Keita, the district mayor.',
            "Amadou Keita",
            0,
        ),
        (  # a source that gave the number before does not claim the later sentence
            "Police said nine farmers were killed on Monday. Nine farmers were killed in "
            "a raid on Monday.",
            None,
            -1,
        ),
        (  # a twin that counts other people is not a source
            "Nine farmers were killed in a raid on Monday. The army said nine soldiers "
            "were killed in a second raid.",
            None,
            0,
        ),
    ],
)
def test_a_title_or_lead_figure_takes_its_source(text, claimant, nth):
    from claimwire import extract

    result = extract(text)
    first = sorted(result.figures, key=lambda figure: figure.span.start)[nth]
    claim = next((c for c in result.claims if c.id == first.claim_id), None)
    if claimant is None:
        assert claim is None or claim.form == "outlet", claim
    else:
        assert claim is not None and claimant in claim.claimant.name, claim


@pytest.mark.parametrize(
    ("text", "claimants"),
    [
        (
            "The port authority said the convoy was hit near Dalby, according to satellite images.",
            ["port authority"],
        ),
        ("According to drone footage, the depot near Dalby was destroyed on Tuesday.", []),
        ("The identities of the guards were confirmed by drone, the navy said.", ["navy"]),
        # a person or a body that confirms stays the claimant
        ("The deaths of four guards were confirmed by hospital staff.", ["hospital staff"]),
    ],
)
def test_what_shows_but_never_says_is_no_claimant(claims_nlp, text, claimants):
    found = attributed(claims_nlp(text))
    assert [h.claimant.name for h in found] == claimants, found


@pytest.mark.parametrize(
    "text",
    [
        "The Health Ministry in Bolivia said 30 people were killed. Bolivia's Health Ministry "
        "said 50 people were wounded.",
        "The Defence Ministry of Norland said 9 tanks were hit. Norland's Defence Ministry "
        "said 4 jets were downed.",
        "Peru's interior ministry said 9 people were arrested. The interior ministry in "
        "Peru said 3 people were hurt.",
    ],
)
def test_one_office_spelt_two_ways_is_one_claimant(claims_nlp, text):
    found = attributed(claims_nlp(text))
    assert len(found) == 2 and found[0].claimant == found[1].claimant, found


@pytest.mark.parametrize(
    ("name", "other", "same"),
    [
        ("General Staff of Norland", "Norland's General Staff", True),
        ("the Health Ministry in Velsk", "Velsk’s health ministry", True),
        ("Norland defence ministry", "Velsk defence ministry", False),
        ("Ministry of Health", "Ministry of Defence", False),
    ],
)
def test_name_keys(name, other, same):
    from claimwire.components.claims.registry import name_key

    assert (name_key(name) == name_key(other)) is same


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Reports suggest that dozens of families have fled the town.", "unattributed"),
        ("Unconfirmed reports said 12 people were killed.", "unattributed"),
        ("Local media reports said 12 people were killed.", "local media reports"),
        # a report with an owner is its owner's
        ("The group's reports say 12 people were killed.", "Velsk Rifles"),
    ],
)
def test_unnamed_reports_are_nobody_named_before(claims_nlp, text, claimant):
    found = attributed(claims_nlp("The Velsk Rifles said they took the bridge. " + text))
    assert [h.claimant.name for h in found] == ["Velsk Rifles", claimant], found


@pytest.mark.parametrize(
    ("text", "claimants"),
    [
        (  # the apposition says the name is a group: "the group" then points back to it
            "The Dalby Healers, a group that treats the wounded in Peru, reported on Monday "
            "that 12 people were killed. The group added that dozens more were wounded.",
            [("Dalby Healers", "organization"), ("Dalby Healers", "organization")],
        ),
        (  # a person's apposition keeps the person
            "Maria Lopez, a nurse at the clinic, said 12 people were killed.",
            [("Maria Lopez", "person")],
        ),
    ],
)
def test_a_name_set_beside_a_group_noun_is_a_group(claims_nlp, text, claimants):
    found = attributed(claims_nlp(text))
    assert [(h.claimant.name, h.claimant.type) for h in found] == claimants, found


@pytest.mark.parametrize(
    ("text", "claimants"),
    [
        (  # "state" of "state-run" is no cue: the quotes are the source's, not the agency's
            'A source close to the militia confirmed that one of the dead was "a commander" '
            'and the other was "a farmer".\n\nThe state-run radio said the drone hit a car.',
            ["source close to the militia", "state-run radio"],
        ),
        (  # a cue in the next paragraph does not attribute the quote before it
            'The raid left the market "in ruins".\n\nThe police said nine were arrested.',
            ["police"],
        ),
    ],
)
def test_a_cue_word_in_a_compound_or_the_next_paragraph_is_not_the_quotes(
    claims_nlp, text, claimants
):
    found = attributed(claims_nlp(text))
    assert [h.claimant.name for h in found] == claimants, found


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (  # "who" is the chief's, past the participle phrase
            "The raid was confirmed by a village chief, speaking on condition of anonymity, "
            "who gave a death toll of at least nine farmers.",
            "village chief",
        ),
        ("A nurse who treated the wounded said eight people died.", "nurse"),
    ],
)
def test_who_after_a_participle_phrase_is_the_noun_before_it(claims_nlp, text, claimant):
    names = {h.claimant.name for h in attributed(claims_nlp(text))}
    assert names == {claimant}, names


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (  # "it" of a joined clause is the first clause's institution
            "The Chadian army has not commented on the raids, but last week it announced "
            "that it had struck rebel camps near the border.",
            "Chadian army",
        ),
        (  # a thing is no speaker: "it" is not the storm
            "The storm has not weakened, but it warned that floods would come.",
            "unidentified",
        ),
    ],
)
def test_it_of_a_joined_clause_is_its_subject(claims_nlp, text, claimant):
    names = [h.claimant.name for h in attributed(claims_nlp(text))]
    assert names == [claimant], names


@pytest.mark.parametrize(
    ("text", "claimants"),
    [
        (  # "the statement" met before is the army's, a group's as much as a ministry's
            "The soldiers were ambushed near the river, the army said in a statement. "
            "Troops were sent to search for the attackers, the statement added.",
            ["army", "army"],
        ),
        (  # an indefinite report is no statement met before
            "The soldiers were ambushed near the river, the army said. "
            "A report said troops were sent to search for the attackers.",
            ["army", "report"],
        ),
    ],
)
def test_the_statement_is_its_author_s(claims_nlp, text, claimants):
    found = attributed(claims_nlp(text))
    assert [h.claimant.name for h in found] == claimants, found
