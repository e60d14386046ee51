"""The place component: recognition, resolution, roles, guards, offsets."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from claimwire.components import keys, places
from claimwire.components.places.person_names import personal_names
from claimwire.errors import MissingComponentError
from claimwire.nlp.pipeline import build_pipeline, load_model


@pytest.fixture(scope="module")
def nlp():
    """The English model with the place component at the end."""
    model = load_model()
    model.add_pipe(keys.PLACES_FACTORY)
    return model


def hits_of(nlp, text):
    doc = nlp(text)
    found = places.hits_of(doc)
    for hit in found:
        assert doc.text[hit.start : hit.end] == hit.text
        assert 0.0 <= hit.score <= 1.0
    return found


def hit(hits, text):
    found = [h for h in hits if h.text == text]
    assert found, f"{text!r} not found in {[h.text for h in hits]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Kyiv said the bridge had been destroyed.", "Kyiv", "actor"),
        ("Moscow's troops advanced on the town overnight.", "Moscow", "actor"),
        ("Washington announced new sanctions on Tuesday.", "Washington", "actor"),
        ("Ukraine claimed that the attack had failed.", "Ukraine", "actor"),
        ("Missiles hit a depot in west Ukraine, officials said.", "Ukraine", "location"),
        ("Several missiles struck Kyiv overnight.", "Kyiv", "location"),
        ("According to Moscow, the depot was destroyed.", "Moscow", "actor"),
        ("Russia's total troop losses passed 30,000.", "Russia", "actor"),
        ("Shells fell on Russia's border regions overnight.", "Russia", "location"),
        # the first part of an adjectival compound is no place of the event
        ("Tehran-backed militias shelled the airport overnight.", "Tehran", "modifier"),
        ("A Nairobi-based rights group counted the dead.", "Nairobi", "modifier"),
        ("The Damascus-led offensive stalled near the river.", "Damascus", "modifier"),
        ("Troops seized US-made rifles in a raid.", "US", "modifier"),
        ("Fighting flared along the Sudan-Chad border.", "Sudan", "location"),
        ("Fighting flared along the Sudan-Chad border.", "Chad", "location"),
    ],
)
def test_metonymy(nlp, text, name, role):
    assert hit(hits_of(nlp, text), name).role == role


def test_demonym_is_a_modifier_and_gives_context(nlp):
    hits = hits_of(nlp, "Troops entered the Ukrainian city of Kharkiv on Monday.")
    assert hit(hits, "Ukrainian").role == "modifier"
    kharkiv = hit(hits, "Kharkiv")
    assert kharkiv.role == "location" and kharkiv.country == "UA"
    assert kharkiv.feature_class == "P"


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        (
            "Shelling continued in Severodonetsk, the governor said.",
            "Severodonetsk",
            "Siverskodonetsk",
        ),
        ("Heavy fighting was reported near Kharkov and Lugansk.", "Kharkov", "Kharkiv"),
        ("Heavy fighting was reported near Kharkov and Lugansk.", "Lugansk", "Luhansk"),
    ],
)
def test_transliterations(nlp, text, mention, name):
    found = hit(hits_of(nlp, text), mention)
    assert found.resolved and found.name == name and found.country == "UA"


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian forces held out as shells hit the besieged Luhanks city again.",
        "Troops entered Lysychansk at dawn. Fighting in the battered Luhanks city went on.",
    ],
)
def test_misspelling_with_context_resolves_to_the_region(nlp, text):
    found = hit(hits_of(nlp, text), "Luhanks")
    assert found.match == "fuzzy"
    assert found.name == "Luhansk Oblast" and found.country == "UA"
    assert found.score < 0.8


def test_misspelling_without_context_is_not_guessed(nlp):
    hits = hits_of(nlp, "The report was written by Mr Bellast and checked twice.")
    assert not [h for h in hits if h.text == "Bellast"]


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Voters in Atlanta and Savannah, Georgia, waited for hours.", "Georgia", "US"),
        ("Russian troops entered Georgia in 2008 and shelled Tbilisi.", "Georgia", "GE"),
        ("The band played in Paris, Texas, last weekend.", "Paris", "US"),
        ("Protesters marched in Paris and Lyon on Saturday.", "Paris", "FR"),
        ("Henry County deputies said the fire in Paris started at noon.", "Paris", "US"),
    ],
)
def test_ambiguous_names_follow_the_context(nlp, text, mention, country):
    assert hit(hits_of(nlp, text), mention).country == country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Rebels advanced on Bunia in Ituri as fighting spread across eastern Congo.", "CD"),
        ("Congo's government in Brazzaville denied the report on Friday.", "CG"),
        ("Heavy rains flooded several districts of Congo last week.", "CD"),
    ],
)
def test_a_country_sharing_its_name_follows_the_context_else_the_larger(nlp, text, country):
    found = hit(hits_of(nlp, text), "Congo")
    assert found.kind == "country" and found.country == country


def test_a_village_spelt_another_way_is_found_in_the_articles_country(nlp):
    found = hit(hits_of(nlp, "Drones struck Ohrimivka and Kupiansk overnight."), "Ohrimivka")
    assert found.match == "variant" and found.name == "Okhrimivka" and found.country == "UA"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Two homes in the town Vuhledar were destroyed.", "Vuhledar"),
        (
            "Power in the regional capital Mykolaiv was cut, and the regional capital Sumy "
            "was hit too.",
            "Mykolaiv",
        ),
        ("A third of the village Novoselivka burned overnight.", "Novoselivka"),
    ],
)
def test_a_settlement_noun_before_a_name_makes_it_a_place(nlp, text, name):
    found = hit(hits_of(nlp, text), name)
    assert found.role == "location" and found.country == "UA"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Drone strikes on Fano positions killed nine in Amhara.", "Fano"),
        ("Government troops pushed Fano out of Lalibela.", "Fano"),
        ("The M23 took control of two more villages, a spokesman said.", "M23"),
        ("The rebels claim to protect the Tutsi minority from the FDLR.", "Tutsi"),
        ("Residents of Najaf heard a Katyusha strike the base.", "Katyusha"),
        ("The state agency SANA said a convoy was hit near Homs.", "SANA"),
        ("A mob attacked Alawites and Druze in Homs on Sunday.", "Alawites"),
    ],
)
def test_names_of_groups_peoples_agencies_and_weapons_are_not_places(nlp, text, name):
    assert name not in [h.text for h in hits_of(nlp, text)]


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Shelling hit homes in the Nuseirat refugee camp on Monday.", "Nuseirat", "PS"),
        ("Residents of Kakuma refugee camp protested the ration cuts.", "Kakuma", "KE"),
        ("Displaced families reached the Abu Shouk displacement camp in Sudan.", "Abu Shouk", None),
    ],
)
def test_a_name_before_a_camp_noun_is_a_camp(nlp, text, mention, country):
    found = hit(hits_of(nlp, text), mention)
    assert found.role == "location" and found.country == country


@pytest.mark.parametrize(
    "text", ["The Harris camp said it would respond.", "Recruits trained at a Wagner camp."]
)
def test_a_camp_of_supporters_or_of_a_group_is_no_place(nlp, text):
    assert [h.text for h in hits_of(nlp, text) if h.role == "location"] == []


def test_a_group_name_made_a_place_by_a_settlement_noun_stays_a_place(nlp):
    text = "Tourists filled the beaches of the town of Fano on the Adriatic coast."
    found = hit(hits_of(nlp, text), "Fano")
    assert found.country == "IT"


@pytest.mark.parametrize(
    "text",
    [
        "She said it was a nice day in March.",
        "Mobile networks were down across the region.",
        "Reading the report, officials said nothing more.",
    ],
)
def test_common_words_are_not_places(nlp, text):
    assert [h for h in hits_of(nlp, text) if h.role == "location"] == []


def test_facility_in_a_town_is_the_curated_facility(nlp):
    hits = hits_of(nlp, "About 500 civilians sheltered in the Azot plant in Severodonetsk.")
    azot = hit(hits, "Azot plant")
    assert azot.gazetteer_id == "curated:azot-sievierodonetsk" and azot.kind == "facility"


def test_curated_region(nlp):
    donbas = hit(hits_of(nlp, "The battle for the eastern Donbas region goes on."), "Donbas")
    assert donbas.gazetteer_id == "curated:donbas" and donbas.resolved


def test_unknown_place_entity_stays_unresolved(nlp):
    doc = nlp("Fighting spread to Qwzxrtown on Friday.")
    doc.ents = [Span(doc, 3, 4, label="GPE")]
    found = [h for h in places.find(doc) if h.text == "Qwzxrtown"]
    assert found and not found[0].resolved and found[0].gazetteer_id is None
    assert found[0].score == 0.0


def test_an_unknown_name_is_not_the_place_of_its_first_word(nlp):
    # "Abu" alone is a town in India; "Abu Qwzxr" is one name the gazetteer lacks
    doc = nlp("Gunmen attacked the Abu Qwzxr camp near Nyala in Sudan on Friday.")
    doc.ents = [Span(doc, 3, 5, label="GPE"), Span(doc, 7, 8, label="GPE")]
    texts = {h.text: h for h in places.find(doc)}
    assert "Abu" not in texts
    assert "Abu Qwzxr" in texts and not texts["Abu Qwzxr"].resolved
    assert texts["Nyala"].country == "SD"


def test_annotations_go_to_the_extension_and_span_group(nlp):
    doc = nlp("Kyiv said Russian shells hit Mariupol.")
    spans = doc.spans[keys.PLACES_SPANS]
    assert [(span.text, span.label_) for span in spans] == [
        ("Kyiv", "actor"),
        ("Russian", "modifier"),
        ("Mariupol", "location"),
    ]
    assert len(places.hits_of(doc)) == 3
    assert all(ent.label_ != "actor" for ent in doc.ents)


def test_state_abbreviation_and_containment(nlp):
    hits = hits_of(nlp, "The plant near Charleston, W.Va., closed on Friday.")
    state = hit(hits, "W.Va.")
    assert state.name == "West Virginia" and state.feature_code == "ADM1"
    assert hit(hits, "Charleston").admin1 == "West Virginia"


def test_place_inside_an_organization_is_a_modifier(nlp):
    hits = hits_of(nlp, "He asked the Ohio Supreme Court to delay the ruling.")
    ohio = hit(hits, "Ohio")
    assert ohio.role == "modifier" and ohio.country == "US"


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        ("An official of the exiled Democratic Unity Council spoke.", "Unity", False),
        ("Members of the Coastal Delta Workers Union marched on Friday.", "Delta", False),
        ("The Bank of Georgia raised its rates on Monday.", "Georgia", True),
        ("Fighters of the Kurdistan Workers' Party clashed with troops.", "Kurdistan", True),
        # a place's name starting a newspaper's name is the paper's
        ("Three soldiers died in the ambush, The Toronto Star reported.", "Toronto", False),
        ("He told the Nairobi Post that the road was closed.", "Nairobi", False),
        ("The Boston Symphony Orchestra played on.", "Boston", True),
    ],
)
def test_words_of_organizations_and_newspapers_named_like_places_are_no_places(
    nlp, text, name, kept
):
    doc = nlp(text)
    found = places.find(doc, dictionary=places.english_words(nlp))
    assert any(h.text == name for h in found) is kept


@pytest.mark.parametrize(
    ("text", "name", "country", "kind"),
    [
        # a country's name that is also a first-level region of the article's country
        ("Herders were attacked in Niger State, police in Minna said.", "Niger", "NG", "admin1"),
        (
            "Gunmen raided two villages in Niger, the Zamfara police commissioner said.",
            "Niger",
            "NG",
            "admin1",
        ),
        (
            "Soldiers were ambushed in Niger, near the border with Burkina Faso.",
            "Niger",
            "NE",
            "country",
        ),
        (
            "Voters in Georgia lined up outside polling stations in Savannah.",
            "Georgia",
            "US",
            "admin1",
        ),
        (
            "Tanks rolled through Georgia on their way from Russia towards Gori.",
            "Georgia",
            "GE",
            "country",
        ),
        ("Farmers in Punjab blocked the highway to Amritsar.", "Punjab", "IN", "admin1"),
        ("Floods hit Punjab, officials in Lahore said.", "Punjab", "PK", "admin1"),
    ],
)
def test_homonyms_of_countries_and_regions_follow_the_article(nlp, text, name, country, kind):
    found = hit(hits_of(nlp, text), name)
    assert (found.country, found.kind) == (country, kind)


def test_street_names_are_not_split_into_towns(nlp):
    hits = hits_of(nlp, "The fire started at a house on Orchard Street in Alexandria, Louisiana.")
    assert not [h for h in hits if h.text in {"Orchard", "Street"}]
    assert hit(hits, "Alexandria").admin1 == "Louisiana"


def test_disease_names_are_not_places(nlp):
    hits = hits_of(nlp, "Cases of West Nile virus rose in Texas this summer.")
    assert [h.text for h in hits] == ["Texas"]


def test_multiword_name_with_connector(nlp):
    hits = hits_of(nlp, "Ships crossed the Sea of Azov towards Mariupol.")
    assert hit(hits, "Sea of Azov").gazetteer_id == "curated:sea-of-azov"


def test_place_spans_never_end_in_a_line_break(nlp):
    doc = nlp("He compared the campaign to Russian\nemperors who ruled Ukraine.")
    hits = doc._.claimwire_places
    assert hits and all(hit.text == hit.text.strip() for hit in hits)
    assert all(doc.text[hit.start : hit.end] == hit.text for hit in hits)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Ferries sail from British Columbia to Alaska.", "British Columbia", "CA"),
        ("Pilgrims flew to Saudi Arabia last week.", "Saudi Arabia", "SA"),
    ],
)
def test_a_demonym_starting_a_longer_name_leaves_it_whole(nlp, text, name, country):
    hits = hits_of(nlp, text)
    assert hit(hits, name).country == country
    assert not [h for h in hits if h.match == "demonym"]


def test_dashes_stay_outside_place_spans(nlp):
    hits = hits_of(nlp, "The France-based group and an Egyptian-American doctor met.")
    assert all(not h.text.endswith("-") and not h.text.startswith("-") for h in hits)


def test_a_capitalized_region_word_joins_the_name(nlp):
    hits = hits_of(nlp, "Fighting spread across Kunar Province and into Hubei province.")
    assert hit(hits, "Kunar Province").kind == "admin1"
    assert hit(hits, "Hubei").kind == "admin1"


@pytest.mark.parametrize(
    "text", ["Coach Ripley said the team was ready.", "A reading by Mrs. Lincoln opened the day."]
)
def test_no_place_after_a_persons_title(nlp, text):
    assert [h for h in hits_of(nlp, text) if h.text in {"Ripley", "Lincoln"}] == []


def test_words_around_a_town_make_it_a_place_and_later_mentions_follow(nlp):
    text = (
        "A body was found near the lake in Laconia on Monday. The Laconia man had been "
        "missing since March, and Laconia police asked for help."
    )
    found = [h for h in hits_of(nlp, text) if h.text == "Laconia"]
    assert len(found) == 3 and all(h.admin1 == "New Hampshire" for h in found)


def test_towns_named_after_countries_do_not_pull_together(nlp):
    hits = hits_of(nlp, "Flights from Mexico, China and Norway landed in Paris.")
    assert {hit(hits, name).kind for name in ("Mexico", "China", "Norway")} == {"country"}


def test_repeated_name_does_not_vote_for_itself(nlp):
    text = (
        "Alexandria police arrested a man in Alexandria, Va., on Sunday. Alexandria officials "
        "said the Alexandria case was closed."
    )
    assert {h.admin1 for h in hits_of(nlp, text) if h.text == "Alexandria"} == {"Virginia"}


def test_region_demonyms_are_modifiers_resolved_to_their_region(nlp):
    hits = hits_of(nlp, "European ministers met Central American envoys in Brussels.")
    assert hit(hits, "European").name == "Europe" and hit(hits, "European").role == "modifier"
    assert hit(hits, "Central American").name == "Central America"


def test_streets_and_rivers_the_gazetteer_lacks_are_unresolved_places(nlp):
    hits = hits_of(nlp, "The crash closed Bearkat Boulevard, and water rose along Neches River.")
    for name in ("Bearkat Boulevard", "Neches River"):
        found = hit(hits, name)
        assert found.role == "location" and not found.resolved


def test_a_town_name_speaking_is_a_person(nlp):
    text = "Officer Roy Nelson was called. Nelson said the tenant was cooperative."
    assert [h for h in hits_of(nlp, text) if h.text == "Nelson"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tamil Nadu said it had written to the government.", "Tamil Nadu"),
        ("The minister said Trinidad and Tobago failed to attend.", "Trinidad and Tobago"),
    ],
)
def test_whole_names_at_sentence_start_and_past_the_models_entity(nlp, text, name):
    assert hit(hits_of(nlp, text), name).resolved


def test_a_county_and_a_town_in_it_choose_each_other(nlp):
    hits = hits_of(nlp, "Walker County commissioners met in Huntsville on Monday.")
    county, town = hit(hits, "Walker County"), hit(hits, "Huntsville")
    assert county.admin1 == town.admin1 == "Texas"


@pytest.mark.parametrize(
    ("text", "mention", "kind"),
    [
        (
            "Cases were reported in British Columbia, Alberta, Manitoba, Ontario and New "
            "Brunswick last week.",
            "Ontario",
            "admin1",
        ),
        (
            "California has 13 cases, Texas three, Kansas two and Ohio one. New York has "
            "confirmed 28.",
            "New York",
            "admin1",
        ),
        ("He flew from Paris to New York on Monday.", "New York", "city"),
        ("The band played in Buffalo, New York, on Friday.", "Buffalo", "city"),
    ],
)
def test_a_name_among_regions_is_a_region(nlp, text, mention, kind):
    assert hit(hits_of(nlp, text), mention).kind == kind


def test_region_names_carry_no_code_brackets(nlp):
    found = hit(hits_of(nlp, "Flooding hit Wales and Scotland overnight."), "Wales")
    assert found.name == "Wales" and "[" not in (found.admin1 or "")


def test_every_mention_of_a_name_takes_the_evidence_of_the_others(nlp):
    text = (
        "Police in Bradford pulled him over on Ontario Provincial Highway 11 in Stroud, "
        "Ontario, Canada."
    )
    ontario = [h for h in hits_of(nlp, text) if h.text == "Ontario"]
    assert len(ontario) == 2
    assert {h.kind for h in ontario} == {"admin1"} and {h.country for h in ontario} == {"CA"}


@pytest.mark.parametrize(
    ("words", "tags", "names"),
    [
        (["Roy", "A.", "Nelson"], ["NNP", "NNP", "NNP"], ["Roy A. Nelson"]),
        (["Charles", "Webb", "Center"], ["NNP", "NNP", "NNP"], ["Charles Webb"]),
        (["Jordan", "Elementary", "School"], ["NNP", "NNP", "NNP"], []),
        (["Alexandria", "Police"], ["NNP", "NNP"], []),
        (["Historic", "Dublin"], ["NNP", "NNP"], []),
        (["Rethinking", "Egypt"], ["VBG", "NNP"], []),
        (["Serbia", "’s", "Mitrovica"], ["NNP", "POS", "NNP"], []),
        (
            ["Anna", "Petrova", "’s", "Ivan", "Sokolov"],
            ["NNP", "NNP", "POS", "NNP", "NNP"],
            ["Anna Petrova", "Ivan Sokolov"],
        ),
    ],
)
def test_a_person_entity_holds_a_name_only_where_no_other_word_stands(words, tags, names):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    doc = Doc(Vocab(), words=words, tags=tags)
    found = personal_names(Span(doc, 0, len(doc), label="PERSON"))
    assert [span.text for span in found] == names


@pytest.mark.parametrize(
    "text",
    [
        "Alexandria Police arrested two men. Alexandria officials set bail at $5,000.",
        "Rethinking Egypt-US relations. Since then, Egypt has changed.",
    ],
)
def test_a_place_in_an_entity_that_is_no_persons_name_is_still_a_place(nlp, text):
    assert [h for h in hits_of(nlp, text) if h.start > text.index(".")]


@pytest.mark.parametrize(
    ("text", "whole", "part"),
    [
        ("Six students in Ilocos Sur, Philippines tested positive.", "Ilocos Sur", "Sur"),
        ("He died at his home near Fort Hood military base.", "Fort Hood", "Hood"),
        ("Bay Area lawmakers continue to resurrect old bills.", "Bay Area", "Area"),
    ],
)
def test_a_town_name_inside_a_longer_place_name_is_not_split_off(nlp, text, whole, part):
    hits = hits_of(nlp, text)
    assert hit(hits, whole).role == "location"
    assert [h for h in hits if h.text == part] == []


def test_a_place_after_a_direction_word_is_still_found(nlp):
    assert hit(hits_of(nlp, "Rain brought relief to North Georgia on Monday."), "Georgia").resolved


def test_a_numbered_road_keeps_its_number(nlp):
    text = "The culvert is west of County Road 15, southwest of Brandon."
    assert not hit(hits_of(nlp, text), "County Road 15").resolved


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Authorities said Rebecca Sears, 41, of Grovetown, planned the trip.", "Grovetown"),
        ("The driver, Theresa Pilkington of Jeannette, was taken to hospital.", "Jeannette"),
        ("The company is a Northbrook-based retailer of furniture.", "Northbrook"),
    ],
)
def test_residence_and_based_make_a_town_a_place(nlp, text, name):
    assert hit(hits_of(nlp, text), name).resolved


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Sales tax is booming in Texas. Paris and Roxton continue to reap the benefits.",
            ["Paris", "Roxton"],
        ),
        ("Cases were found in Moonbi, Parkes, Berry and Wyong.", ["Parkes", "Berry", "Wyong"]),
    ],
)
def test_names_listed_with_a_place_are_places(nlp, text, names):
    hits = hits_of(nlp, text)
    assert all(hit(hits, name).resolved for name in names)


def test_an_acronym_listed_with_a_place_is_not_a_town(nlp):
    hits = hits_of(nlp, "Troops from France and NATO arrived on Monday.")
    assert [h for h in hits if h.text == "NATO"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Ebola and the related Marburg hemorrhagic fever infect humans. Marburg kills slowly.",
        "Farm workers were infected with Reston ebolavirus on Sunday.",
    ],
)
def test_a_name_used_for_a_disease_is_no_place_in_the_whole_text(nlp, text):
    assert [h for h in hits_of(nlp, text) if h.text in {"Marburg", "Reston"}] == []


@pytest.mark.parametrize(
    ("text", "initials", "name"),
    [
        ("Many South Africans work in mines. SA holds reserves.", "SA", "South Africa"),
        ("The T&T mission objected. Trinidad and Tobago helped.", "T&T", "Trinidad and Tobago"),
    ],
)
def test_initials_of_a_place_named_in_full_are_that_place(nlp, text, initials, name):
    assert hit(hits_of(nlp, text), initials).name == name


@pytest.mark.parametrize(
    "text",
    [
        "The state's African-American Affairs Commission met Native American leaders.",
        "Monica French said the auditors were wrong.",
    ],
)
def test_ethnic_groups_and_surnames_are_no_demonyms(nlp, text):
    assert [h for h in hits_of(nlp, text) if h.match == "demonym"] == []


def test_a_lone_hamlet_abroad_is_no_place(nlp):
    text = "Titan Operating was granted a permit to drill. Titan plans to drill 20 wells in Texas."
    assert [h for h in hits_of(nlp, text) if h.text == "Titan"] == []


def test_a_town_name_ending_a_longer_name_is_not_cued_by_the_word_after(nlp):
    text = "Police said a Meadow Grove man was charged on Monday."
    assert [h for h in hits_of(nlp, text) if h.text == "Grove"] == []


def test_a_town_name_the_model_calls_an_organization_acting_is_no_place(nlp):
    text = "A 1992 Corolla was traveling east. The Toyota failed to yield the right of way."
    assert [h for h in hits_of(nlp, text) if h.text == "Toyota"] == []


def test_a_person_entity_that_names_a_feature_is_a_place(nlp):
    text = "Downtown Greer, known locally as Greer Station, has become a destination."
    assert not hit(hits_of(nlp, text), "Greer Station").resolved


def test_a_holiday_is_no_place(nlp):
    text = "The funds were presented on St. Patrick's Day in the town hall."
    assert [h for h in hits_of(nlp, text) if "Day" in h.text] == []


@pytest.mark.parametrize(
    ("text", "names", "kind"),
    [
        (
            "Flooding closed roads in Becker, Clay, Douglas and Wilkin counties.",
            ["Becker", "Clay", "Douglas", "Wilkin"],
            "admin2",
        ),
        ("Russia wants all of the Donetsk and Luhansk regions.", ["Donetsk", "Luhansk"], "admin1"),
    ],
)
def test_a_region_noun_after_a_list_makes_each_name_a_region(nlp, text, names, kind):
    hits = hits_of(nlp, text)
    for name in names:
        assert hit(hits, name).kind == kind
    if kind == "admin2":
        assert {hit(hits, name).admin1 for name in names} == {"Minnesota"}


def test_counties_of_a_state_are_not_a_county_of_its_name(nlp):
    hits = hits_of(nlp, "Storms hit 24 Indiana counties on Sunday.")
    assert hit(hits, "Indiana").kind == "admin1"


def test_reading_the_hits_of_a_doc_the_component_did_not_process_fails(nlp):
    blank = spacy.blank("en")
    with pytest.raises(MissingComponentError, match="claimwire_places_v1"):
        places.hits_of(blank("Kyiv said Russian shells hit Mariupol."))


def test_analyze_pipes_reports_a_pipeline_without_entities():
    blank = spacy.blank("en")
    blank.add_pipe(keys.PLACES_FACTORY)
    problems = blank.analyze_pipes()["problems"][keys.PLACES_FACTORY]
    assert {"doc.ents", "token.dep", "token.tag"} <= set(problems)


def test_analyze_pipes_reports_no_problem_of_the_place_component_in_the_full_pipeline():
    full = build_pipeline(load_model())
    assert full.analyze_pipes()["problems"][keys.PLACES_FACTORY] == []


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Aid convoys reached the Idlib and Raqqa provinces on Monday.", "Raqqa", "SY"),
        ("Troops were sent to the Sool and Sanaag regions last week.", "Sanaag", "SO"),
    ],
)
def test_listed_region_the_tagger_read_as_an_adjective(nlp, text, name, country):
    # the tagger reads some names as adjectives (those ending in '-ous'): simulate it
    doc = nlp(text)
    next(token for token in doc if token.text == name).tag_ = "JJ"
    found = {h.text: h for h in places.find(doc)}
    assert found[name].country == country
    assert found[name].feature_code in {"ADM1", "ADM2"}


@pytest.mark.parametrize(
    "text",
    [
        "Floods hit the Famous and Glorious counties after the storm.",
        "Voting ended in the Russian and Ukrainian regions on Sunday.",
    ],
)
def test_listed_adjectives_are_no_regions(nlp, text):
    assert all(h.role != "location" for h in hits_of(nlp, text))
