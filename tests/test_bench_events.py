"""Bench tasks of the events component, end to end on tiny sets written here."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from claimwire.bench import events as bench_events
from claimwire.bench import police_events
from claimwire.components.events import EventHit
from claimwire.errors import InputNotFoundError

SNIPPETS = [
    ("1", "Government warplanes bombed a market in Kafr Nabl, killing 12 people.", "AIR_STRIKE"),
    ("2", "Thousands of demonstrators marched through the capital for elections.", "PEACE_PROTEST"),
    ("3", "Police arrested 40 opposition activists in the city on Friday.", "ARREST"),
    ("4", "The weather bureau said the sky would be clear all week.", "OTHER"),
    ("5", "A suicide bomber blew himself up at a checkpoint, killing five soldiers.", "SUIC_BOMB"),
]


def write_case_set(folder, rows=SNIPPETS) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["id\tEventSnippet\tSubType", *("\t".join(row) for row in rows)]
    (folder / "labels.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a tsv", encoding="utf-8")


def test_case_bench_end_to_end(tmp_path):
    write_case_set(tmp_path / "case")
    report = bench_events.run(tmp_path / "case")
    assert report.documents == 5
    assert report.sections["all"].tp + report.sections["all"].fn == 5
    assert report.sections["all"].tp >= 4
    assert report.sections["type:AIR_STRIKE"].tp == 1
    assert 0.0 <= report.extra["macro_f1_acled25"] <= 1.0
    assert report.seconds > 0


def test_case_bench_limit_and_missing(tmp_path):
    write_case_set(tmp_path / "case")
    assert bench_events.run(tmp_path / "case", limit=2).documents == 2
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputNotFoundError):
        bench_events.run(tmp_path / "empty")
    with pytest.raises(InputNotFoundError):
        bench_events.run(tmp_path / "nowhere")


def test_case_labels_cover_the_ontology():
    assert bench_events.case_label(None) == "OTHER"
    assert bench_events.case_label("air_drone_strike") == "AIR_STRIKE"
    assert bench_events.case_label("diplomatic_action") == "DIPLO"


SENTENCES = [
    (1, 0, "police arrested 12 people in the old city on sunday.", ["ARREST", "ANY_ACTION"]),
    (1, 1, "two men died in police firing near the station.", ["KILL", "FORCE", "ANY_ACTION"]),
    (1, 2, "the market was calm and shops opened in the morning.", []),
    (2, 0, "the police stood by as the mob looted shops, residents said.", ["FAIL"]),
]


def test_police_bench_end_to_end(tmp_path):
    folder = tmp_path / "police"
    folder.mkdir()
    with (folder / "sents.jsonl").open("w", encoding="utf-8") as out:
        for doc_id, sent_id, text, labels in SENTENCES:
            record = {"doc_id": doc_id, "sent_id": sent_id, "sent_labels": labels}
            out.write(json.dumps({**record, "sent_text": text}) + "\n")
    (folder / "docs.jsonl").write_text(
        json.dumps({"doc_id": 1, "doc_text": "x", "doc_labels": []}) + "\n", encoding="utf-8"
    )
    report = police_events.run(folder)
    assert report.documents == 4
    assert set(report.sections) == set(police_events.LABELS)
    assert report.sections["ARREST"].tp == 1 and report.sections["ARREST"].fp == 0
    assert report.sections["KILL"].tp == 1
    assert report.sections["FAIL"].tp == 1
    with pytest.raises(InputNotFoundError):
        police_events.run(tmp_path / "nowhere")


def hit(event_id, subtype, type_, *, place=None, status="new", date_index=None, text=""):
    start = text.find(place) if place else None
    return EventHit(
        id=event_id,
        start=0,
        end=1,
        evidence_start=0,
        evidence_end=len(text),
        type=type_,
        subtype=subtype,
        plover="ASSAULT",
        place_start=start,
        place_end=start + len(place) if place else None,
        place_name=place,
        date_index=date_index,
        status=status,
    )


class FakeDate:
    def __init__(self, start, end):
        self.start_date, self.end_date = start, end


def test_score_seed_events_counts_fields_and_spurious():
    text = "Rebels stormed Kidal on Monday. Jets bombed Gao. The fall of Tessalit last month."
    expected = [
        {"id": "E1", "type": "battle / ground assault", "where": "Kidal", "date": "2024-06-10"},
        {"id": "E2", "type": "air strike (remote violence)", "where": "Gao"},
        {
            "id": "E3",
            "type": "background: fall of Tessalit",
            "where": "Tessalit",
            "date": "2024-05",
        },
    ]
    dates = [
        FakeDate(dt.date(2024, 6, 10), dt.date(2024, 6, 10)),
        FakeDate(dt.date(2024, 5, 1), dt.date(2024, 5, 31)),
    ]
    fall = "non_state_actor_overtakes_territory"
    hits = [
        hit("e1", "armed_clash", "Battles", place="Kidal", date_index=0, text=text),
        hit("e2", "air_drone_strike", "Explosions/Remote violence", place="Gao", text=text),
        hit("e3", fall, "Battles", place="Tessalit", status="background", date_index=1, text=text),
        hit("e4", "arrests", "Strategic developments", text=text),
    ]
    report = bench_events.score_seed_events(expected, hits, text, dates=dates)
    score = report.sections["events"]
    assert (score.tp, score.fp, score.fn) == (3, 1, 0)
    wrong_status = [
        *hits[:2],
        hit("e3", "armed_clash", "Battles", place="Tessalit", date_index=1, text=text),
    ]
    report = bench_events.score_seed_events(expected, wrong_status, text, dates=dates)
    assert report.sections["events"].fn == 1
    assert report.sections["event_status"].fn == 1
    assert any("wrong status" in line for line in report.misses["events"])


def test_wikievents_bench_end_to_end(tmp_path):
    from claimwire.bench import wikievents

    sentences = [
        ["Gunmen", "attacked", "a", "checkpoint", "in", "Kandahar", "."],
        ["Two", "soldiers", "died", "and", "the", "minister", "met", "envoys", "."],
    ]
    tokens = [t for s in sentences for t in s]
    record = {
        "doc_id": "fake_1",
        "tokens": tokens,
        "text": "ignored",
        "sentences": [[[[t, 0, 0] for t in s], " ".join(s)] for s in sentences],
        "entity_mentions": [],
        "event_mentions": [
            {"event_type": "Conflict.Attack.Unspecified", "trigger": {"start": 1, "end": 2}},
            {"event_type": "Life.Die.Unspecified", "trigger": {"start": 9, "end": 10}},
            {"event_type": "Contact.Contact.Meet", "trigger": {"start": 13, "end": 14}},
        ],
    }
    folder = tmp_path / "wiki"
    folder.mkdir()
    (folder / "dev.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (folder / "dev_info.jsonl").write_text("not read\n", encoding="utf-8")
    report = wikievents.run(folder)
    assert report.documents == 1
    triggers = report.sections["triggers"]
    assert triggers.tp + triggers.fn == 2, "the Contact.Meet trigger is not scored"
    assert triggers.tp >= 1
    assert wikievents.families_of("Conflict.Attack.DetonateExplode") == frozenset(
        {"Explosions/Remote violence"}
    )
    assert wikievents.families_of("Contact.Contact.Meet") is None
    with pytest.raises(InputNotFoundError):
        wikievents.run(tmp_path / "nowhere")


MUC_TEXT = """DEV-MUC3-0001 (NOSC)

   SAN ISIDRO, 3 JAN 90 -- [REPORT] [TEXT] GUERRILLAS OF THE FMLN ATTACKED AN ARMY
POST IN THE TOWN OF SANTA ROSA YESTERDAY, KILLING FOUR PEASANTS, THE ARMY SAID.

DEV-MUC3-0002 (NOSC)

   SAN ISIDRO, 4 JAN 90 -- [REPORT] [TEXT] THE MINISTER MET FARMERS TO DISCUSS THE
PRICE OF COFFEE AND THE NEW ROAD TO THE COAST.
"""

MUC_KEY = """0.  MESSAGE: ID                     DEV-MUC3-0001 (NCCOSC)
1.  MESSAGE: TEMPLATE               1
2.  INCIDENT: DATE                  02 JAN 90
4.  INCIDENT: TYPE                  ATTACK
10. PERP: ORGANIZATION ID           "FMLN"
18. HUM TGT: NAME                   -
19. HUM TGT: DESCRIPTION            "PEASANTS"
                                    ? "MAYOR OF SANTA ROSA"
0.  MESSAGE: ID                     DEV-MUC3-0002 (NCCOSC)
1.  MESSAGE: TEMPLATE               *
"""


def test_muc_events_bench_end_to_end(tmp_path):
    from claimwire.bench import muc_events

    corpus = tmp_path / "muc" / "raw" / "CORPORA" / "dev"
    corpus.mkdir(parents=True)
    (corpus / "dev-muc3-0001-0002").write_text(MUC_TEXT, encoding="latin-1")
    (corpus / "key-dev-0001.muc4").write_text(MUC_KEY, encoding="latin-1")
    report = muc_events.run(tmp_path / "muc")
    assert report.documents == 2
    relevant = report.sections["relevant"]
    assert (relevant.tp, relevant.fp, relevant.fn) == (1, 0, 0)
    assert report.sections["incident_type"].tp == 1
    assert report.sections["perpetrator_org"].tp == 1
    targets = report.sections["human_target"]
    assert (targets.tp, targets.fn) == (1, 0), report.misses
    with pytest.raises(InputNotFoundError):
        muc_events.run(tmp_path / "nowhere")


def test_score_seed_events_on_result_records():
    from types import SimpleNamespace as NS

    span = NS(text="Kidal")
    result = NS(
        places=[NS(id="p1", name="Kidal", span=span)],
        dates=[NS(id="d1", start=dt.date(2024, 6, 10), end=dt.date(2024, 6, 10))],
        events=[
            NS(id="e1", type="Battles", subtype="armed_clash", trigger=NS(text="stormed"),
               place_id="p1", date_id="d1", status="new", negated=False, hypothetical=False),
        ],
    )  # fmt: skip
    expected = [{"id": "E1", "type": "battle", "where": "Kidal", "date": "2024-06-10"}]
    views = bench_events.seed_events_from_result(result)
    report = bench_events.score_seed_events(expected, views)
    assert (report.sections["events"].tp, report.sections["events"].fp) == (1, 0)


def test_muc_human_targets_from_name_and_description_slots():
    from claimwire.bench import muc, muc_events

    key = """0.  MESSAGE: ID                     TST1-MUC3-0007 (NCCOSC)
1.  MESSAGE: TEMPLATE               1 (OPTIONAL)
18. HUM TGT: NAME                   "CARLOS JULIO TORRADO"
                                    "TORRADO'S SON, WILLIAM" / "WILLIAM"
19. HUM TGT: DESCRIPTION            "MAYOR OF ABREGO": "CARLOS JULIO TORRADO"
                                    "SON": "TORRADO'S SON, WILLIAM" / "WILLIAM"
                                    "PEASANTS"
;;; a comment line
"""
    [(message_id, template)] = [
        (m, t) for t in muc.templates(key) for m in [muc.first(t, 0).split(" ")[0]]
    ]
    assert message_id == "TST1-MUC3-0007" and muc.is_relevant(template)
    found = muc_events.human_targets(template)
    assert [alts for alts, _maybe in found] == [
        ["carlos julio torrado", "mayor of abrego"],
        ["torrado's son, william", "william", "son"],
        ["peasants"],
    ]
    assert [muc_events.head_word(a) for a in found[0][0]] == ["torrado", "mayor"]
    assert muc_events.head_word("the peasants") == "peasant"


def test_wikievents_argument_roles(tmp_path):
    from claimwire.bench import wikievents

    tokens = ["Rebels", "attacked", "a", "checkpoint", "in", "Kandahar", "."]
    tokens2 = ["The", "rebels", "fled", "."]
    record = {
        "doc_id": "fake_2",
        "tokens": tokens + tokens2,
        "sentences": [[[[t, 0, 0] for t in s], " ".join(s)] for s in (tokens, tokens2)],
        "entity_mentions": [
            {"id": "fake_2-T1", "start": 0, "end": 1, "text": "Rebels"},
            {"id": "fake_2-T2", "start": 2, "end": 4, "text": "a checkpoint"},
            {"id": "fake_2-T3", "start": 5, "end": 6, "text": "Kandahar"},
            {"id": "fake_2-T4", "start": 7, "end": 9, "text": "The rebels"},
        ],
        "event_mentions": [
            {
                "event_type": "Conflict.Attack.Unspecified",
                "trigger": {"start": 1, "end": 2},
                "arguments": [
                    {"entity_id": "fake_2-T4", "role": "Attacker", "text": "The rebels"},
                    {"entity_id": "fake_2-T2", "role": "Target", "text": "a checkpoint"},
                    {"entity_id": "fake_2-T3", "role": "Place", "text": "Kandahar"},
                    {"entity_id": "fake_2-T3", "role": "Instrument", "text": "unscored"},
                ],
            }
        ],
    }
    folder = tmp_path / "wiki"
    (folder / "coref").mkdir(parents=True)
    (folder / "dev.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    clusters = {"doc_key": "fake_2", "clusters": [["fake_2-T1", "fake_2-T4"]]}
    (folder / "coref" / "dev.jsonlines").write_text(json.dumps(clusters) + "\n", "utf-8")
    [document] = wikievents.load_documents(folder)
    [trigger] = document.triggers
    assert [a.role for a in trigger.arguments] == ["actor", "target", "place"]
    assert len(trigger.arguments[0].mentions) == 2, "the coreferent 'Rebels' counts too"
    report = wikievents.run(folder)
    found, typed = report.sections["arguments"], report.sections["argument_roles"]
    assert found.tp + found.fn == 3 and typed.tp + typed.fn == 3
    assert typed.tp >= 2, report.misses
    assert wikievents.role_of("Killer") == "actor" and wikievents.role_of("Instrument") is None
