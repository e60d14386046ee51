"""claimwire_figures_v1: what a number counts, what happened to it, whose it is, and when."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from claimwire.components import keys
from claimwire.components.figures import (
    FigureHit,
    categorize_text,
    find_figures,
    general_staff_column,
    hits_of,
    load_lexicon,
)
from claimwire.errors import MissingComponentError

SHOPPING_LIST = (
    "Kyiv handed over a shopping list of weapons it needs. "
    "It includes 200 tanks, 300 howitzers. 500 armoured vehicles and 100 drones."
)

# (case id, text, number as written, expected fields of its figure)
CASES = [
    # killed
    (
        "killed-passive",
        "At least 12 civilians were killed in the strike on Kharkiv on Monday.",
        "At least 12",
        {"category": "civilians", "measure": "killed", "lower": 12, "cumulative": False},
    ),
    (
        "killed-active",
        "Israeli air strikes killed 31 Palestinians across Gaza overnight, medics said.",
        "31",
        {"measure": "killed", "side": "Palestine"},
    ),
    (
        "killed-died",
        "Five soldiers died when their convoy hit a mine near Gao.",
        "Five",
        {"category": "soldiers", "measure": "killed", "value": 5},
    ),
    (
        "killed-dead",
        "The bombardment left 40 people dead in El Fasher.",
        "40",
        {"category": "people", "measure": "killed"},
    ),
    (
        "killed-lives",
        "More than 200 villagers lost their lives in the junta's air raids.",
        "More than 200",
        {"category": "civilians", "measure": "killed", "lower": 200},
    ),
    (
        "killed-deaths-noun",
        "Health officials recorded 57 deaths after the shelling of the market.",
        "57",
        {"category": "people", "measure": "killed"},
    ),
    (
        "killed-toll",
        "The death toll from the attack on the mosque rose to 24.",
        "24",
        {"measure": "killed"},
    ),
    (
        "killed-bodies",
        "Rescuers pulled 18 bodies from the rubble of the apartment block in Dnipro.",
        "18",
        {"measure": "killed", "category": "people"},
    ),
    (
        "killed-massacre",
        "Militants massacred 60 worshippers at a church in northern Burkina Faso.",
        "60",
        {"measure": "killed", "category": "civilians"},
    ),
    # injured, elision, coordination
    (
        "injured",
        "Dozens of children were injured when the school in Kramatorsk was hit.",
        "Dozens",
        {"category": "children", "measure": "injured", "lower": 24},
    ),
    (
        "injured-wounded",
        "Two journalists were wounded by sniper fire in Khan Younis.",
        "Two",
        {"category": "journalists", "measure": "injured"},
    ),
    (
        "elided-injured",
        "So far 150 Sudanese civilians have been killed in the city and 400 injured.",
        "400",
        {"category": "civilians", "measure": "injured", "side": "Sudan"},
    ),
    (
        "elided-first",
        "So far 150 Sudanese civilians have been killed in the city and 400 injured.",
        "150",
        {"category": "civilians", "measure": "killed", "side": "Sudan", "cumulative": True},
    ),
    (
        "dead-and-wounded-1",
        "The raid left 12 dead and 30 wounded, the governor said.",
        "12",
        {"measure": "killed"},
    ),
    (
        "dead-and-wounded-2",
        "The raid left 12 dead and 30 wounded, the governor said.",
        "30",
        {"measure": "injured"},
    ),
    (
        "coordinated-subjects",
        "Four soldiers and two rebels were killed in clashes near Goma.",
        "two",
        {"category": "fighters", "measure": "killed"},
    ),
    (
        "casualties",
        "The brigade suffered 300 casualties in a week of fighting.",
        "300",
        {"measure": "casualties"},
    ),
    # missing, captured, detained, kidnapped
    (
        "missing",
        "Some 20 fishermen remain missing after the boat was shelled.",
        "Some 20",
        {"category": "civilians", "measure": "missing", "approx": True},
    ),
    (
        "captured",
        "Ukrainian forces captured 45 Russian soldiers near Kupiansk.",
        "45",
        {"category": "soldiers", "measure": "captured", "side": "Russia"},
    ),
    (
        "taken-prisoner",
        "Eleven marines were taken prisoner after the port fell.",
        "Eleven",
        {"category": "soldiers", "measure": "captured"},
    ),
    (
        "detained",
        "Police detained 120 protesters in Yangon on Sunday.",
        "120",
        {"category": "civilians", "measure": "detained"},
    ),
    (
        "arrested",
        "Security forces arrested 35 people during night raids in Jenin.",
        "35",
        {"category": "people", "measure": "detained"},
    ),
    (
        "kidnapped",
        "Gunmen abducted 80 pupils from a boarding school in Kaduna state.",
        "80",
        {"category": "children", "measure": "kidnapped"},
    ),
    (
        "hostage",
        "About 240 people were taken hostage during the October 7 attack.",
        "About 240",
        {"measure": "kidnapped", "approx": True},
    ),
    # displaced, sheltering, evacuated, rescued
    (
        "displaced",
        "The fighting has displaced 1.5 million people in Darfur since April.",
        "1.5 million",
        {"category": "people", "measure": "displaced", "cumulative": True},
    ),
    (
        "fled",
        "More than 3,000 residents fled the town as the offensive advanced.",
        "More than 3,000",
        {"category": "civilians", "measure": "displaced"},
    ),
    (
        "sheltering",
        "Hundreds of civilians are sheltering in the basement of the theatre.",
        "Hundreds",
        {"category": "civilians", "measure": "sheltering"},
    ),
    (
        "trapped",
        "Around 1,000 people were trapped in the steelworks as the siege tightened.",
        "Around 1,000",
        {"category": "people", "measure": "sheltering"},
    ),
    (
        "holed-up",
        "Roughly 300 fighters are holed up in the old city.",
        "Roughly 300",
        {"category": "fighters", "measure": "sheltering"},
    ),
    (
        "remain",
        "About 500 civilians remain inside the hospital compound, 40 of them are children.",
        "About 500",
        {"category": "civilians", "measure": "sheltering"},
    ),
    (
        "partitive-pronoun",
        "About 500 civilians remain inside the hospital compound, 40 of them are children.",
        "40",
        {"category": "children", "measure": "sheltering"},
    ),
    (
        "evacuated",
        "Authorities evacuated 2,500 residents from the frontline villages.",
        "2,500",
        {"category": "civilians", "measure": "evacuated"},
    ),
    (
        "rescued",
        "Rescue teams saved 14 people trapped under the collapsed building.",
        "14",
        {"category": "people", "measure": "rescued"},
    ),
    (
        "exchanged",
        "Kyiv and Moscow exchanged 90 prisoners of war on Friday.",
        "90",
        {"category": "prisoners", "measure": "exchanged"},
    ),
    # equipment: destroyed, damaged, shot down
    (
        "destroyed",
        "The army said 14 Russian tanks had been destroyed near Bakhmut.",
        "14",
        {"category": "tanks", "measure": "destroyed", "side": "Russia"},
    ),
    (
        "along-with",
        "Kyiv said 210 Russian tanks had been destroyed, along with 400 armoured personnel "
        "carriers.",
        "400",
        {"category": "armoured_vehicles", "measure": "destroyed", "side": "Russia"},
    ),
    (
        "possessive-partitive",
        "Officials said 12 of Moscow's helicopters had been blown up.",
        "12",
        {"category": "helicopters", "measure": "destroyed", "side": "Russia"},
    ),
    (
        "shot-down",
        "Air defences shot down 23 of the 30 drones launched overnight.",
        "23",
        {"category": "drones", "measure": "shot_down"},
    ),
    (
        "downed",
        "The militia claimed it downed three Sudanese army aircraft.",
        "three",
        {"category": "aircraft", "measure": "shot_down", "side": "Sudan"},
    ),
    (
        "damaged",
        "The storm of shelling damaged 70 houses in the village.",
        "70",
        {"category": "buildings", "measure": "damaged"},
    ),
    (
        "losses-equipment",
        "Russia has lost 2,000 tanks since the invasion began, analysts estimate.",
        "2,000",
        {"category": "tanks", "measure": "destroyed", "side": "Russia"},  # the loser's
    ),
    (
        "troop-losses-predicate",
        "Russia's total troop losses are now 45, 200 dead, the general staff said.",
        "45, 200",
        {"category": "soldiers", "measure": "killed", "side": "Russia", "value": 45200},
    ),
    (
        "troop-losses-reached",
        "Officials said the enemy's troop losses had reached 9,800 dead by the end of May.",
        "9,800",
        {"category": "soldiers", "measure": "killed", "value": 9800},
    ),
    (
        "troop-losses-reached-side",
        "The monitor said Sudan's army losses had reached 1,500 dead.",
        "1,500",
        {"category": "soldiers", "measure": "killed", "side": "Sudan"},
    ),
    # requested, delivered
    (
        "requested-list",
        SHOPPING_LIST,
        "200",
        {"category": "tanks", "measure": "requested", "modality": "requested"},
    ),
    (
        "requested-stray-stop",
        SHOPPING_LIST,
        "500",
        {"category": "armoured_vehicles", "measure": "requested", "modality": "requested"},
    ),
    (
        "requested-last",
        SHOPPING_LIST,
        "100",
        {"category": "drones", "measure": "requested"},
    ),
    (
        "requested-asked",
        "The government asked for 50 air defence systems to protect its cities.",
        "50",
        {"category": "air_defence", "measure": "requested"},
    ),
    (
        "delivered",
        "Germany has delivered 18 Leopard tanks to Ukraine.",
        "18",
        {"category": "tanks", "measure": "delivered", "modality": "actual"},
    ),
    (
        "pledged",
        "Washington pledged 31 Abrams tanks and 4 HIMARS launchers.",
        "31",
        {"category": "tanks", "measure": "delivered"},
    ),
    # controlled share of territory
    (
        "controlled-percent",
        "Russian forces now control about 80% of the city, the governor said.",
        "about 80%",
        {"unit": "percent", "measure": "controlled", "category": "territory", "side": "Russia"},
    ),
    (
        "controlled-possessive",
        "Moscow's troops control roughly 18 percent of Ukraine's territory.",
        "roughly 18 percent",
        {"unit": "percent", "measure": "controlled", "side": "Russia"},
    ),
    # negation and modality
    (
        "negated-no",
        "No civilians were killed in the overnight attack on Odesa, the mayor said.",
        "No",
        {"value": 0, "negated": True, "measure": "killed", "category": "civilians"},
    ),
    (
        "negated-not",
        "The 12 passengers were not hurt when the bus was hit.",
        "12",
        {"negated": True, "measure": "injured", "category": "civilians"},
    ),
    (
        "hypothetical",
        "A strike on the dam could kill up to 100 people downstream.",
        "up to 100",
        {"modality": "hypothetical", "measure": "killed", "upper": 100},
    ),
    (
        "threatened",
        "The group threatened to kill 10 hostages if its demands were not met.",
        "10",
        {"modality": "hypothetical", "measure": "killed"},
    ),
    # sides from adjectives and possessives
    (
        "side-adjective",
        "Israeli troops killed 3 Hezbollah fighters in southern Lebanon.",
        "3",
        {"category": "fighters", "measure": "killed", "side": "Hezbollah"},
    ),
    (
        "side-myanmar",
        "The resistance said 25 Myanmar soldiers were killed in the ambush.",
        "25",
        {"category": "soldiers", "side": "Myanmar"},
    ),
    (
        "side-none",
        "Gunmen killed 15 villagers in central Mali.",
        "15",
        {"category": "civilians", "side": None},
    ),
    # civilians: generic people an attack or attackers killed, and subsets of civilians
    (
        "side-civilian-attackers",
        "Armed raiders killed 23 people in a market town in the south.",
        "23",
        {"category": "people", "side": "civilian"},
    ),
    (
        "side-civilian-headline",
        "Six dead and 25 hurt in shelling of border town",
        "25",
        {"measure": "injured", "side": "civilian"},
    ),
    (
        "side-civilian-toll-not-attacker",
        "The death toll from the Turkish drone strike on the village has risen to 9.",
        "9",
        {"measure": "killed", "side": "civilian"},
    ),
    (
        "side-civilian-believed",
        "A blast set off by rebels on Monday is believed to have killed around 50 people.",
        "around 50",
        {"side": "civilian"},
    ),
    (
        "side-none-military-target",
        "Eleven people were killed in an attack on an army checkpoint.",
        "Eleven",
        {"category": "people", "side": None},
    ),
    (
        "side-none-clashes",
        "Ten people died in clashes between soldiers and rebels.",
        "Ten",
        {"category": "people", "side": None},
    ),
    (
        "side-subset-of-civilians",
        "A local official said 30 civilians had been killed, including 12 men found in a school.",
        "12",
        {"category": "people", "side": "civilian"},
    ),
    (
        "side-subset-of-whom",
        "The monitor said 40 Kurds were killed, of whom five civilians were shot at a checkpoint.",
        "five",
        {"side": "Kurds"},
    ),
    # sides from the clause: losers, elided nouns, pronouns, partisans
    (
        "side-loser",
        "The Georgian side suffered two casualties in the raid.",
        "two",
        {"side": "Georgia"},
    ),
    (
        "side-demonym-elided",
        "Two Armenian and two Georgian soldiers died on Friday.",
        "Two",
        {"measure": "killed", "side": "Armenia"},
    ),
    (
        "side-pronoun-object",
        "The group said 12 Iraqi soldiers died. It claimed an attack on Peshmerga in the north "
        "on Sunday, killing four of them.",
        "four",
        {"side": "Peshmerga"},
    ),
    (
        "side-pronoun-subject-is-not-antecedent",
        "Ukraine said 200 Russian soldiers were killed. Kyiv said 30 of them were officers.",
        "30",
        {"side": "Russia"},
    ),
    (
        "side-partisan",
        "Government forces killed 40 pro-Assad fighters near the coast.",
        "40",
        {"category": "fighters", "side": "pro-Assad"},
    ),
    # sides the counted's own words give, and civilians by what they are
    (
        "side-noun-police",
        "Officials said 23 riot policemen were hurt when stones were thrown at the parade.",
        "23",
        {"category": "police", "side": "police"},
    ),
    (
        "side-noun-protesters",
        "Medics said 9 demonstrators were wounded when the crowd was dispersed.",
        "9",
        {"side": "protesters"},
    ),
    (
        "side-noun-security-forces",
        "Six members of the security forces died when the convoy hit a mine.",
        "Six",
        {"side": "security forces"},
    ),
    (
        "side-noun-armed-group-unnamed",
        "The patrol killed 11 insurgents in the hills.",
        "11",
        {"category": "fighters", "side": None},
    ),
    (
        "side-of-phrase-named-group",
        "The commander said 17 soldiers of the Shan State Army were killed in the clash.",
        "17",
        {"category": "soldiers", "side": "Shan State Army"},
    ),
    (
        "side-of-phrase-side-word",
        "The governor said 8 fighters of the Houthi movement died in the raid.",
        "8",
        {"side": "Houthis"},
    ),
    (
        "side-other-people-not-sibling",
        "Thirty Russian soldiers and four civilians were killed in the town on Tuesday.",
        "four",
        {"category": "civilians", "side": None},
    ),
    (
        "side-predicate-civilians",
        "A nurse said one of the dead was a Hamas commander and the other two were civilians.",
        "one",
        {"side": "Hamas"},
    ),
    (
        "side-predicate-group",
        "The observatory said 52 of the victims were Kurdish fighters.",
        "52",
        {"side": "Kurds"},
    ),
    (
        "side-attacked-force",
        "Rebels launched an assault on Chadian troops near the lake, killing nine soldiers.",
        "nine",
        {"category": "soldiers", "side": "Chad"},
    ),
    (
        "side-attacked-force-unnamed",
        "Rebels launched an assault on an outpost near the lake, killing nine soldiers.",
        "nine",
        {"category": "soldiers", "side": None},
    ),
    (
        "side-speaker-first-person",
        "“We lost eight soldiers in the ambush,” a Nigerian army spokesman told reporters.",
        "eight",
        {"side": "Nigeria"},
    ),
    (
        "side-speaker-without-side-word",
        "“We lost eight soldiers,” the spokesman said, adding that Russian jets had bombed them.",
        "eight",
        {"side": None},
    ),
    (
        "side-with-losses",
        "The ministry said 120 Armenian soldiers were killed, with 7 tanks destroyed.",
        "7",
        {"category": "tanks", "side": "Armenia"},
    ),
    (
        "side-with-losses-phrase",
        "The ministry said 120 Armenian soldiers were killed with 7 tanks and 4 armoured "
        "vehicles destroyed.",
        "4",
        {"category": "armoured_vehicles", "side": "Armenia"},
    ),
    (
        "side-displaced-civilians",
        "Fighting in the hills forced 12,000 people to flee their villages.",
        "12,000",
        {"measure": "displaced", "side": "civilian"},
    ),
    (
        "side-homes-civilian",
        "Artillery fire destroyed 45 homes and damaged two schools in the district.",
        "45",
        {"category": "buildings", "side": "civilian"},
    ),
    (
        "side-bridge-not-civilian",
        "Artillery fire destroyed 3 bridges in the district.",
        "3",
        {"category": "buildings", "side": None},
    ),
    (
        "side-listed-with-children",
        "Witnesses said four men and three children were killed by the gunmen.",
        "four",
        {"category": "people", "side": "civilian"},
    ),
    (
        "side-armed-men-attackers",
        "Armed men killed 15 people at a cattle market.",
        "15",
        {"side": "civilian"},
    ),
    (
        "side-relative-attack",
        "The bombing of a bus station in the old city that killed 21 people was condemned.",
        "21",
        {"side": "civilian"},
    ),
    # counted nouns: forces of a government, killings counted one per victim
    (
        "counted-regime-forces",
        "Drone strikes caused the deaths of 25 regime forces near the airport.",
        "25",
        {"category": "soldiers", "measure": "killed"},
    ),
    (
        "counted-pro-government-forces-side",
        "The army said it had killed 14 pro-government forces by mistake.",
        "14",
        {"category": "soldiers", "side": None},
    ),
    (
        "counted-murders",
        "The feud between the gangs has led to hundreds of murders in the port city.",
        "hundreds",
        {"category": "people", "measure": "killed"},
    ),
    (
        "category-people-without-noun",
        "Four dead, 11 hurt as mortar rounds hit a crowded bus stop",
        "11",
        {"category": "people", "measure": "injured"},
    ),
    # time
    (
        "since-date",
        "Since February 24 at least 500 Ukrainian children have been killed.",
        "at least 500",
        {"measure": "killed", "side": "Ukraine", "cumulative": True, "time_relation": "since"},
    ),
    (
        "background",
        "The assault echoed the siege of the city last year, where hundreds of civilians "
        "were trapped for weeks.",
        "hundreds",
        {"measure": "sheltering", "status": "background"},
    ),
]

CASES += [
    ("including", "At least 27 people, including six children, were killed when missiles struck "
     "a shopping centre on Monday.", "six", {"category": "children", "measure": "killed"}),
    ("quoted-noun", 'The junta said its forces had killed 33 "terrorists" in Sagaing region.',
     "33", {"category": "fighters", "measure": "killed"}),
    ("partitive-of-number", "The air force said it had shot down 37 of 45 drones launched "
     "overnight.", "37", {"category": "drones", "measure": "shot_down", "cumulative": False}),
    ("partitive-whole", "The air force said it had shot down 37 of 45 drones launched "
     "overnight.", "45", {"category": "drones", "measure": "launched"}),
    ("model-designation", "Germany pledged 14 Leopard 2 tanks to Kyiv.",
     "14", {"category": "tanks", "measure": "delivered"}),
    ("seized-equipment", "The RSF said it had seized 15 armoured vehicles in the battle for Nyala.",
     "15", {"category": "armoured_vehicles", "measure": "captured"}),
    ("neutralised", "The army said 30 attackers were neutralised in the ambush.",
     "30", {"category": "fighters", "measure": "killed"}),
    ("no-casualties", "There were no casualties among the crew, the navy said.",
     "no", {"value": 0, "negated": True, "measure": "casualties"}),
    ("fled-homes", "The UN says more than 8 million people have fled their homes since April.",
     "more than 8 million", {"measure": "displaced", "cumulative": True}),
]  # fmt: skip

CASES += [
    ("raising-verb", "At least 1,000 Wagner fighters are believed to have died in the battle.",
     "At least 1,000", {"category": "fighters", "measure": "killed"}),
    ("listed-as", "A total of 4,500 Ukrainian soldiers are listed as missing in action.",
     "4,500", {"category": "soldiers", "measure": "missing", "side": "Ukraine"}),
    ("released-part", "The militants released 19 of the 110 schoolgirls kidnapped in Dapchi.",
     "19", {"category": "children", "measure": "rescued"}),
    ("kidnapped-whole", "The militants released 19 of the 110 schoolgirls kidnapped in Dapchi.",
     "110", {"category": "children", "measure": "kidnapped"}),
    ("members-of", "Israeli strikes killed 8 members of one family, the civil defence agency said.",
     "8", {"category": "civilians", "measure": "killed"}),
    ("captured-villages", "Russian forces have captured 3 villages in the Donetsk region.",
     "3", {"category": "territory", "measure": "controlled", "side": "Russia"}),
    ("received-jets", "Kyiv has received 60 F-16 jets from its allies.",
     "60", {"category": "aircraft", "measure": "delivered"}),
    ("quoted-vague", 'The army said it had repelled the attack, killing "hundreds" of fighters.',
     "hundreds", {"category": "fighters", "measure": "killed", "lower": 200}),
    ("destroyed-and-damaged", "The shelling destroyed 12 homes and damaged another 40.",
     "40", {"category": "buildings", "measure": "damaged"}),
    ("needs-batteries", "Ukraine needs at least 10 more Patriot batteries, Zelensky said.",
     "at least 10", {"category": "air_defence", "measure": "requested"}),
]  # fmt: skip

CASES += [
    ("package", "The package includes 90 Stryker armoured vehicles. 59 Bradley fighting vehicles "
     "and 8 air defence systems.", "59", {"category": "armoured_vehicles", "measure": "delivered"}),
    ("none-of", "None of the 40 passengers were hurt, the airline said.",
     "40", {"measure": "injured", "negated": True}),
    ("toll-could-rise", "Officials fear the death toll could rise to 200.",
     "200", {"measure": "killed", "modality": "hypothetical"}),
    ("its-soldiers", "Moscow says 1,351 of its soldiers have died.",
     "1,351", {"category": "soldiers", "measure": "killed", "side": "Russia"}),
    ("remain-in-captivity", "Five hostages were freed and three others remain in captivity.",
     "three", {"measure": "captured"}),
    ("freed", "Five hostages were freed and three others remain in captivity.",
     "Five", {"category": "prisoners", "measure": "rescued"}),
    ("under-control", "Around 40 per cent of the region is under Russian control.",
     "Around 40 per cent", {"unit": "percent", "measure": "controlled", "side": "Russia"}),
    ("if-hypothetical", "If the dam breaks, up to 16,000 people could be forced to flee.",
     "up to 16,000", {"measure": "displaced", "modality": "hypothetical"}),
    ("on-monday", "On Monday alone, 45 people were killed in the city.",
     "45", {"measure": "killed", "cumulative": False, "time_relation": "on"}),
    ("since-clause", "About 9 million people have fled since the war broke out in April 2023.",
     "About 9 million", {"measure": "displaced", "time_relation": "since"}),
    ("since-clause-day", "At least 300 people have died since fighting erupted on March 3.",
     "At least 300", {"measure": "killed", "time_relation": "since"}),
    ("in-clause-not-since", "Police said 4 people died on Monday after the riot broke out.",
     "4", {"measure": "killed", "time_relation": "on"}),
]  # fmt: skip

CASES += [
    ("threat-noun", "The group sent a letter informing him of the threat to kill 10 judges.",
     "10", {"measure": "killed", "modality": "hypothetical", "category": "civilians"}),
    ("sworn", "The cartel has sworn to kill 10 judges for every extradited trafficker.",
     "10", {"measure": "killed", "modality": "hypothetical"}),
]  # fmt: skip

CASES += [
    ("killing-participle", "An air strike hit a market in Omdurman, killing at least 20 people "
     "and wounding dozens.", "dozens", {"category": "people", "measure": "injured"}),
    ("leaving-dead", "The blast tore through the bus, leaving 5 dead and 12 injured.",
     "12", {"measure": "injured"}),
    ("bare-subject", "Fifteen were killed and 40 wounded, the health ministry said.",
     "Fifteen", {"measure": "killed", "value": 15}),
    ("peacekeepers", "The attack on the convoy killed two UN peacekeepers from Chad.",
     "two", {"category": "soldiers", "measure": "killed"}),
    ("percent-buildings", "The mayor said 70 percent of the town's buildings were destroyed.",
     "70 percent", {"unit": "percent", "category": "buildings", "measure": "destroyed"}),
    ("fired-missiles", "Russia fired 40 missiles and 60 drones at Ukraine overnight.",
     "60", {"category": "drones", "measure": "launched"}),
    ("swap", "Around 100 Ukrainian servicemen returned home in a prisoner swap on Saturday.",
     "Around 100", {"measure": "exchanged", "side": "Ukraine"}),
    ("among-them", "Twelve civilians, among them three women, died in the raid.",
     "three", {"category": "women", "measure": "killed"}),
    ("toll-stands", "The toll stands at 3,400 dead, according to the UN.",
     "3,400", {"measure": "killed", "category": "people"}),
]  # fmt: skip

CASES += [
    ("want-is-not-hypothetical", "I want to condemn those who this morning massacred six priests.",
     "six", {"measure": "killed", "modality": "actual"}),
    ("union-leaders", "In the attack 10 union leaders were massacred.",
     "10", {"category": "people", "measure": "killed"}),
]  # fmt: skip

CASES += [
    ("list-apposition", "Police are investigating the murders of three reporters, two farmers and "
     "a nurse.", "two", {"category": "civilians", "measure": "killed"}),
]  # fmt: skip

CASES += [
    ("trying-to-cut-off", "Troops are trying to cut off around 300 residents sheltering in a "
     "factory.", "around 300", {"measure": "sheltering", "modality": "actual"}),
    # shooting language
    ("were-shot", "Deputies said five people were shot outside a bowling alley on Friday.",
     "five", {"measure": "injured", "category": "people"}),
    ("shot-one-fatally", "Three shot, one fatally, at a wedding in Lubbock", "Three",
     {"measure": "casualties"}),
    ("one-fatally", "Three shot, one fatally, at a wedding in Lubbock", "one",
     {"measure": "killed"}),
    ("shot-then-killing", "Officers say he shot six people on Main Street, killing a "
     "grocer.", "six", {"measure": "casualties"}),
    ("headline-shot-dead", "2 shot dead, 5 wounded near a Tulsa nightclub", "2",
     {"measure": "killed"}),
    ("headline-wounded", "2 shot dead, 5 wounded near a Tulsa nightclub", "5",
     {"measure": "injured"}),
    ("headline-participle-first", "Six injured in carjacking, 3 arrested", "Six",
     {"measure": "injured"}),
    ("shooting-dead", "Raiders stormed the hamlet, shooting dead 11 herders.", "11",
     {"measure": "killed", "category": "people"}),
    ("participle-modifier", "Medics treated 25 injured passengers at the depot.", "25",
     {"measure": "injured", "category": "civilians"}),
    ("victims-died", "Four victims died at the hospital later that night.", "Four",
     {"measure": "killed", "category": "people"}),
    ("fatally-wounded", "Two guards were fatally wounded at the gate.", "Two",
     {"measure": "killed"}),
    ("digits-one-fatally", "5 shot, 2 fatally, in West Linden", "5",
     {"measure": "casualties"}),
    ("shot-death-next-sentence", "Deputies found three people who had been shot. One died at "
     "the scene, and two were taken to a hospital.", "three", {"measure": "casualties"}),
    ("shot-death-next-paragraph", "Deputies found three people who had been shot.\n\nOne "
     "died at the scene.", "three", {"measure": "injured"}),
    ("shot-fatal-shooting", "5 shot at Elm Park fatal shooting", "5",
     {"measure": "casualties"}),
    ("suffered-injuries", "All three victims suffered minor injuries.", "three",
     {"measure": "injured"}),
    ("found-with-wounds", "Two men were found with gunshot wounds near the bar.", "Two",
     {"measure": "injured"}),
    ("others-with-injuries", "The blast left one guard dead and four others with serious "
     "injuries.", "four", {"measure": "injured"}),
    ("suffered-fatal-wounds", "One victim suffered fatal wounds.", "One",
     {"measure": "killed"}),
    ("collapse-of-homes", "The quake caused the collapse of more than 3,000 houses.",
     "more than 3,000", {"measure": "destroyed"}),
    ("homes-collapsed", "Forty homes collapsed in the storm.", "Forty",
     {"measure": "destroyed", "category": "buildings"}),
    ("shot-non-fatal-shooting", "Police said 4 people were shot in a non-fatal shooting.",
     "4", {"measure": "injured"}),
    # unknown or misspelled counted nouns that count people
    ("unknown-plural", "Seven parishioners were killed when the roof was shelled.", "Seven",
     {"measure": "killed", "category": "people"}),
    ("others-inherit", "At least 9 Kurdish villagers were killed and 14 others wounded.", "14",
     {"measure": "injured", "category": "civilians", "side": "Kurds"}),
    ("acronym-plural", "Two Navy SEALs were wounded during the night raid.", "Two",
     {"measure": "injured", "category": "people"}),
    ("misspelled-noun", "The army said it killed four rebel fightres near Beni.", "four",
     {"measure": "killed", "category": "fighters"}),
    ("split-noun", "Police detained nine cartel memb ers at a ranch.", "nine",
     {"measure": "detained", "category": "fighters"}),
    # subsets and lists of victims
    ("among-the-dead", "At least 30 pupils were among the dead in the raid on Korvan, a nurse "
     "said.", "At least 30", {"measure": "killed", "category": "children"}),
    ("among-conj", "Eight women and four boys were among the injured, officials said.", "four",
     {"measure": "injured", "category": "children"}),
    ("one-of-its", "The ministry stated that one of its soldiers was killed near Dastan.", "one",
     {"measure": "killed", "category": "soldiers"}),
    ("one-of-his", "The guard shot himself after killing one of his comrades at the post.",
     "one", {"measure": "killed", "category": "people"}),
    ("one-of-the-dead", "A relative confirmed that one of the dead was a farmer and the two "
     "others were traders.", "one", {"measure": "killed", "category": "people"}),
    ("others-described", "A relative confirmed that one of the dead was a farmer and the two "
     "others were traders.", "two", {"measure": "killed"}),
    ("partitive-victims", "According to the monitor, 40 of the victims were rebels.", "40",
     {"measure": "casualties"}),
    ("left-dead", "The ambush left 8 soldiers and two porters dead.", "8",
     {"measure": "killed", "category": "soldiers"}),
    ("martyred", "Six policemen were martyred in a blast near Turbat.", "Six",
     {"measure": "killed", "category": "police"}),
    # toll phrasings
    ("toll-put-at", "A police spokesman put the number of dead at 17.", "17",
     {"measure": "killed"}),
    ("toll-as-high-as", "Local radio put the death toll as high as 41.", "41",
     {"measure": "killed"}),
    ("toll-brought-to", "New deaths brought the total toll to 3,402 and injuries to 9,120.",
     "9,120", {"measure": "injured"}),
    ("toll-risen-to-people", "The death toll from the landslide had risen to 212 people.", "212",
     {"measure": "killed", "category": "people"}),
    ("toll-including", "The toll rose to 60 on Friday, including 14 children and 9 women.", "9",
     {"measure": "killed", "category": "women"}),
    ("claimed-lives", "The insurgency has claimed more than 2,000 lives in the north.",
     "more than 2,000", {"measure": "killed", "lower": 2000}),
    ("claimed-lives-of", "The bombing claimed the lives of 31 people.", "31",
     {"measure": "killed"}),
    ("lives-saved", "Surgeons at the clinic saved 40 lives last year.", "40",
     {"measure": "rescued"}),
    ("toll-raised-including", "The shelling raised the death toll since Monday to 52, including "
     "9 soldiers.", "9", {"measure": "killed", "category": "soldiers"}),
    ("toll-put-counted", "Radio reports put the toll as high as 41, including a pastor.", "41",
     {"measure": "killed", "category": "people"}),
    ("victims-remain", "Seven victims still remain at the clinic, police said.", "Seven",
     {"measure": "casualties"}),
    ("toll-with-other", "Radio reports put the toll at 41, with dozens abducted from the farms.",
     "dozens", {"measure": "kidnapped"}),
    ("no-fewer-than", "The clinic received no fewer than 14 bodies overnight.", "no fewer than 14",
     {"measure": "killed", "lower": 14, "upper": None}),
    ("subject-includes", "Medics said that the casualties included six pupils.", "six",
     {"measure": "casualties", "category": "children"}),
    ("relative-said", "The council listed 23 people it said were killed in the raid.", "23",
     {"measure": "killed"}),
    ("victims-rescued", "Marines rescued eleven abduction victims near the port.", "eleven",
     {"measure": "rescued"}),
    ("ransacked", "Rioters ransacked 15 empty houses in the market town.", "15",
     {"measure": "damaged", "category": "buildings"}),
    ("forced-to-move", "Some 250 families were forced to move from the valley.", "Some 250",
     {"measure": "displaced"}),
    # tallies of acts done to one person each
    ("reported-arrests", "The rights group recorded 9 deaths, 31 injuries and 52 arrests.", "52",
     {"measure": "detained", "category": "people"}),
]  # fmt: skip

CASES += [
    ("count-after-age", "Gunmen killed 3 men aged 20 and 5 children in the village.", "5",
     {"measure": "killed"}),
    ("taken-to-hospital", "Fourteen workers were taken to a hospital after the blast.",
     "Fourteen", {"measure": "injured"}),
    ("hit-by-gunfire", "Two guards were hit by gunfire at the checkpoint.", "Two",
     {"measure": "injured"}),
    ("bodies-to-hospital", "The bodies of 6 miners were taken to the hospital.", "6",
     {"measure": "killed"}),
    ("hospitalised", "Eleven protesters were hospitalised after the clashes.", "Eleven",
     {"measure": "injured"}),
]  # fmt: skip

# (case id, text, number as written): numbers that are not figures
NEGATIVES = [
    ("runners-collapsed", "Two marathon runners collapsed in the heat on Sunday.", "Two"),
    ("duration", "The battles can last for 3 days in a single street.", "3"),
    ("hours", "The curfew runs for 24 hours from Friday.", "24"),
    ("age-hyphen", "An 18-year-old conscript was among the dead.", "18"),
    ("age-apposition", "Rodrigo Perez, 65, was killed by gunmen at his home.", "65"),
    (
        "age-apposition-dash",
        "The blast killed Omar Haddad Jr., 17 — a student — and two others.",
        "17",
    ),
    ("age-list", "Three other men, ages 41, 47 and 52, were wounded in the attack.", "52"),
    ("age-list-middle", "Three other men, ages 41, 47 and 52, were wounded in the attack.", "47"),
    ("age-range", "Nine people, between the ages of 14 and 30, were shot at the fair.", "14"),
    ("age-range-end", "Nine people, between the ages of 14 and 30, were shot at the fair.", "30"),
    ("written-date-year", "On the night of May 4, 2019, gunmen shot three guards.", "2019"),
    ("distance", "Troops advanced 70 km towards the capital.", "70"),
    ("months", "The siege has lasted 6 months.", "6"),
    ("ordinal", "The 18th century fortress was damaged.", "18th"),
    ("money", "Congress approved $40 billion in aid.", "40 billion"),
    ("list-index", "1. Soldiers must report to the barracks.", "1"),
    ("percent-nothing", "Inflation rose 12% last month.", "12%"),
    ("street", "The office at 14 Main Street was closed.", "14"),
    ("agent", "Two gunmen killed 15 villagers in central Mali.", "Two"),
    ("no-measure", "About 300 soldiers took part in the parade.", "About 300"),
    ("one-of", "It was one of the bloodiest days of the war.", "one"),
    ("model-number", "Germany pledged 14 Leopard 2 tanks to Kyiv.", "2"),
    ("inside-counted", "Israeli strikes killed 8 members of one family, the agency said.", "one"),
    ("two-sides", "The 2 sides exchanged fire for hours.", "2"),
    ("ages", "The two brothers, aged 7 and 9, were killed instantly.", "7"),
    (
        "infiltrated",
        "The army said more than 1,000 militants had infiltrated the border.",
        "more than 1,000",
    ),
    (
        "crowd-of",
        "Police arrested 45 demonstrators and fired tear gas at the crowd of 2,000.",
        "2,000",
    ),
    (
        "km-west",
        "Three militants were killed in Sonsonate, approximately 50 km west of the capital.",
        "approximately 50",
    ),
    ("agent-by", "Thirty people died in attacks by about 150 rebels on four towns.", "about 150"),
    ("shot-at", "Snipers shot at two ambulances near the bridge.", "two"),
    ("photo-counter", "Photo 5 of 14 Firefighters killed in the blaze were honoured.", "5"),
    ("photo-counter-total", "Photo 5 of 14 Firefighters killed in the blaze were honoured.", "14"),
    ("age-after-name", "Girl, 4, wounded by stray bullet in Macon", "4"),
    ("animals", "The shelling killed 30 goats on the farm.", "30"),
    ("event-noun", "Militias carried out 12 abductions in the district.", "12"),
    ("thing-plural", "Attackers threw four grenade pins that wounded a guard.", "four"),
    ("one-of-the-victims-said", "One of the victims, a baker, told reporters he ran.", "One"),
    ("others-escaped", "Three guards were killed and five others escaped.", "five"),
    ("one-of-our-demands", "One of our demands is that the army leaves the valley.", "One"),
    (
        "reductions-ranging",
        "Wages were lower, with cuts ranging from 5 per cent to 19 per cent.",
        "19 per cent",
    ),
    ("gallery-counter", "Photo: Reuters Image 2 of / 7 Caption Floods kill 30", "7"),
    ("gallery-counter-slash", "Floods kill 30; 9 missing 1 / 7 Back to Gallery", "1"),
    (
        "other-counties",
        "Dozens were hurt in the capital and at least 16 other counties.",
        "at least 16",
    ),
    # ages, rates, sources and wholes of an unknown part
    ("age-after-also", "A man, 30, was shot in the leg; another man, also 30, was shot in "
     "the arm.", "30"),
    ("age-ends-headline", "Teen Killed In Eastfield Identified As Marcus Dole, 16\nEASTFIELD "
     "— A teen was shot.", "16"),
    ("rate-base", "The state rate was 12.4 deaths per 100,000 residents.", "100,000"),
    ("rate-numerator", "The state rate was 12.4 deaths per 100,000 residents.", "12.4"),
    ("according-to-sources", "According to the two women, the man died after being shot.",
     "two"),
    ("some-of-the-whole", "Some of the nearly 60 guests at the barbecue were hospitalized.",
     "nearly 60"),
    ("pronoun-larger-than-antecedent", "Six students were shot, one fatally, near the gym. "
     "Police said all six of them were classmates.", "six"),
]  # fmt: skip


@pytest.fixture(scope="module")
def figure_nlp():
    """The English model with lines, numbers and figures only (independent of the rest)."""
    from claimwire.bench.figures import figures_pipeline

    return figures_pipeline()


@pytest.fixture(scope="module")
def parsed(figure_nlp):
    """Every test text, parsed once."""
    texts = sorted({case[1] for case in CASES} | {case[1] for case in NEGATIVES})
    return dict(zip(texts, figure_nlp.pipe(texts), strict=True))


def _figure_at(doc, number: str) -> FigureHit | None:
    start = doc.text.index(number)
    return next((hit for hit in hits_of(doc) if hit.start == start), None)


@pytest.mark.parametrize(("case", "text", "number", "expected"), CASES, ids=[c[0] for c in CASES])
def test_figure(parsed, case, text, number, expected):
    hit = _figure_at(parsed[text], number)
    assert hit is not None, f"{case}: no figure for {number!r}"
    assert text[hit.start : hit.end] == number
    for field, value in expected.items():
        assert getattr(hit, field) == value, f"{case}: {field} is {getattr(hit, field)!r}"


@pytest.mark.parametrize(("case", "text", "number"), NEGATIVES, ids=[c[0] for c in NEGATIVES])
def test_not_a_figure(parsed, case, text, number):
    assert _figure_at(parsed[text], number) is None


def test_counted_span_is_evidence(parsed):
    doc = parsed["Officials said 12 of Moscow's helicopters had been blown up."]
    (hit,) = hits_of(doc)
    assert doc.text[hit.counted_start : hit.counted_end] == "helicopters"
    assert doc.text[hit.trigger_start : hit.trigger_end] == "blown up"


def test_requested_not_destroyed_in_one_article(figure_nlp):
    doc = figure_nlp(
        "Kyiv handed over a shopping list of weapons it needs. It includes 500 tanks. "
        "Officials said 1,400 Russian tanks had been destroyed."
    )
    measures = {doc.text[h.start : h.end]: h.measure for h in hits_of(doc)}
    assert measures == {"500": "requested", "1,400": "destroyed"}


def test_spans_and_extension(figure_nlp):
    doc = figure_nlp("Gunmen killed 15 villagers in central Mali.")
    assert [span.text for span in doc.spans[keys.FIGURES_SPANS]] == ["15"]
    assert doc.spans[keys.FIGURES_SPANS][0].label_ == "killed"
    assert doc.spans[keys.FIGURES_SPANS][0]._.get(keys.FIGURE_SPAN_EXTENSION) == hits_of(doc)[0]
    bare = figure_nlp.get_pipe("ner")(figure_nlp.make_doc(doc.text))
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in bare.ents]


def test_without_numbers_component_fails_loudly(figure_nlp):
    doc = figure_nlp.make_doc("Gunmen killed 15 villagers.")
    with pytest.raises(MissingComponentError, match="claimwire_numbers_v1"):
        find_figures(doc)
    with pytest.raises(MissingComponentError, match="claimwire_figures_v1"):
        hits_of(doc)


def test_resource_is_valid():
    path = resources.files("claimwire") / "resources" / "figures.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] and data["description"]
    measures = set(data["measures"])
    assert set(data["sentence_scan_priority"]) == measures
    assert set(data["people_only_measures"]) <= measures
    assert set(data["equipment_only_measures"]) <= measures
    for name, entry in data["categories"].items():
        assert entry["group"] in ("people", "equipment", "property", "place"), name
        assert entry["nouns"] or entry["phrases"], name
        assert all(word == word.lower() for word in entry["nouns"] + entry["phrases"]), name
    for name, entry in data["measures"].items():
        assert set(entry) >= {"verbs", "adjectives", "nouns", "phrases"}, name
        assert set(entry.get("particle", {})) <= set(entry["verbs"]), name
    assert all(side == side.strip() and key == key.lower() for key, side in data["sides"].items())


def test_categories_align_with_general_staff_columns():
    columns = {
        "personnel",
        "POW",
        "tank",
        "APC",
        "field artillery",
        "MRL",
        "anti-aircraft warfare",
        "aircraft",
        "helicopter",
        "drone",
        "naval ship",
        "submarines",
        "vehicles and fuel tanks",
        "cruise missiles",
        "special equipment",
    }
    mapped = {
        entry.general_staff
        for entry in load_lexicon().categories.values()
        if entry.general_staff is not None
    }
    assert mapped == columns


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("armoured personnel vehicles", "armoured_vehicles"),
        ("Multi Launch Rocket Systems", "mlrs"),
        ("howitzer artillery systems", "artillery"),
        ("fuel tanks", "fuel_tanks"),
        ("tanks", "tanks"),
        ("troop losses", "soldiers"),
        ("police officers", "police"),
        ("UAVs", "drones"),
        ("prisoners of war", "prisoners"),
        ("bridges", "buildings"),
        ("words", None),
    ],
)
def test_categorize_text(text, category):
    assert categorize_text(text) == category


def test_general_staff_column():
    assert general_staff_column("tanks") == "tank"
    assert general_staff_column("soldiers") == "personnel"
    assert general_staff_column("civilians") is None
    assert general_staff_column(None) is None


def test_offsets_are_evidence(parsed):
    checked = dict.fromkeys(("number", "counted", "trigger", "time"), 0)
    for doc in parsed.values():
        for hit in hits_of(doc):
            assert doc.char_span(hit.start, hit.end) is not None
            checked["number"] += 1
            for kind, start, end in (
                ("counted", hit.counted_start, hit.counted_end),
                ("trigger", hit.trigger_start, hit.trigger_end),
                ("time", hit.time_start, hit.time_end),
            ):
                assert (start is None) == (end is None)
                if start is not None:
                    assert 0 <= start < end <= len(doc.text)
                    assert doc.char_span(start, end) is not None
                    checked[kind] += 1
    assert all(checked.values()), f"no offsets of some kind were checked: {checked}"


def test_cumulative_figure_with_a_date_is_as_of(figure_nlp):
    doc = figure_nlp("On Sunday Kyiv claimed Russia's total troop losses are now 40,000 dead.")
    (hit,) = hits_of(doc)
    assert hit.cumulative is True
    assert hit.time_relation == "as_of"
    assert doc.text[hit.time_start : hit.time_end] == "Sunday"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("5", []),
        ("5 5 5.", []),
        ("\n\n12\n", []),
        ("of of 12 of them", []),
        ("12%", []),
        ("It includes 4.", []),
        ("40 of them.", []),
        ("and 527 injured.", [("527", "injured")]),
        ("Killed: 12. Wounded: 30.", [("12", "killed"), ("30", "injured")]),
        ('"12"', []),
        ("No. 1 killed", [("1", "killed")]),
    ],
)
def test_odd_inputs_do_not_break(figure_nlp, text, expected):
    doc = figure_nlp(text)
    found = hits_of(doc)
    assert all(0 <= hit.start < hit.end <= len(text) for hit in found)
    assert [(text[hit.start : hit.end], hit.measure) for hit in found] == expected


def test_pipeline_analysis_names_the_missing_numbers_component():
    from claimwire.nlp.pipeline import build_pipeline, load_model

    nlp = load_model()
    nlp.add_pipe(keys.FIGURES_FACTORY)
    problems = nlp.analyze_pipes(pretty=False)["problems"][keys.FIGURES_FACTORY]
    assert f"span._.{keys.NUMBER_SPAN_EXTENSION}" in problems
    full = build_pipeline(load_model()).analyze_pipes(pretty=False)["problems"]
    assert full[keys.FIGURES_FACTORY] == []
    assert full[keys.NUMBERS_FACTORY] == []


def test_lexicon_rejects_an_unknown_measure(monkeypatch):
    from claimwire.errors import ResourceError

    path = resources.files("claimwire") / "resources" / "figures.json"
    broken = json.loads(path.read_text(encoding="utf-8"))
    broken["people_only_measures"] = [*broken["people_only_measures"], "vanished"]
    monkeypatch.setattr("claimwire.resource.load_resource", lambda name: broken)
    load_lexicon.cache_clear()
    try:
        with pytest.raises(
            ResourceError, match=r"figures.json: people_only_measures\[11\]: .*vanished"
        ):
            load_lexicon()
    finally:
        monkeypatch.undo()
        load_lexicon.cache_clear()
    assert "killed" in load_lexicon().people_only_measures
