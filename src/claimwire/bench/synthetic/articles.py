"""One synthetic article and the rows the store's write path would give it.

An article is a few lines written from templates: the event (who did what where, with a
toll, and who says so), a second figure (a running total "since the start of the war" or
a count of the past day, as a claimant states it), the places around it and some common
background lines. Every fact row points at the exact characters of its evidence, as the
extraction's rows do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from typing import Any

from ...store.rows import ClaimRow, DocumentRow, PlaceRow, context_of
from .world import Claimant, Place, Theatre, Weighted, World

_FIELD = re.compile(r"\{(place|when|figure)\}")
"""The fields of an event's sentence after its trigger."""

Fields = dict[str, Any]
"""The columns of a row not made yet."""

HEDGE_CUES = Weighted(
    [
        ("asserted", "said"),
        ("claimed", "claimed"),
        ("reported", "reported"),
        ("unconfirmed", "said in an unverified statement"),
    ],
    [45, 25, 20, 10],
)
"""A claim's hedge and the words that give it."""


@dataclass(frozen=True)
class EventKind:
    """An event type, its sub-type, its sentence (``[trigger]``, ``{figure}``) and toll."""

    type: str
    subtype: str
    sentence: str
    measure: str | None
    categories: tuple[str, ...] = ()


EVENT_KINDS = Weighted(
    [
        EventKind(
            "Explosions/Remote violence",
            "shelling_artillery_missile_attack",
            "{actor} forces [shelled] {place}{when}, killing {figure}",
            "killed",
            ("civilians", "people", "civilians", "children"),
        ),
        EventKind(
            "Explosions/Remote violence",
            "air_drone_strike",
            "A drone [strike] by {actor} forces hit {place}{when}, killing {figure}",
            "killed",
            ("civilians", "people"),
        ),
        EventKind(
            "Battles",
            "armed_clash",
            "{actor} forces [attacked] positions near {place}{when}, killing {figure}",
            "killed",
            ("soldiers", "fighters"),
        ),
        EventKind(
            "Violence against civilians",
            "attack",
            "Gunmen loyal to {actor} [raided] {place}{when}, killing {figure}",
            "killed",
            ("civilians", "women", "children"),
        ),
        EventKind(
            "Explosions/Remote violence",
            "remote_explosive_landmine_ied",
            "A roadside bomb [exploded] in {place}{when}, wounding {figure}",
            "injured",
            ("civilians", "soldiers"),
        ),
        EventKind(
            "Protests",
            "peaceful_protest",
            "Thousands of people [protested] in {place}{when} against the war",
            None,
        ),
        EventKind(
            "Riots",
            "violent_demonstration",
            "Rioters [clashed] with police in {place}{when}, injuring {figure}",
            "injured",
            ("police", "people"),
        ),
        EventKind(
            "Strategic developments",
            "arrests",
            "Police [detained] {figure} in {place}{when}",
            "detained",
            ("people", "journalists"),
        ),
        EventKind(
            "Strategic developments",
            "looting_property_destruction",
            "Fighters [looted] shops in {place}{when}",
            None,
        ),
        EventKind(
            "Violence against civilians",
            "abduction_forced_disappearance",
            "Armed men [abducted] {figure} in {place}{when}",
            "kidnapped",
            ("civilians", "people"),
        ),
    ],
    [30, 15, 20, 10, 4, 9, 3, 5, 2, 2],
)
"""What happens in the synthetic world, and how often."""

RUNNING_TOTALS = (
    ("destroyed", "tanks", "tanks", 3.5),
    ("destroyed", "artillery", "artillery systems", 8.0),
    ("destroyed", "drones", "drones", 20.0),
    ("destroyed", "armoured_vehicles", "armoured vehicles", 7.0),
    ("killed", "soldiers", "soldiers", 250.0),
)
"""Running totals claimants keep: measure, category, the words, and the daily rate."""

BACKGROUND = (
    "The claims could not be independently verified.",
    "Officials said more details would follow.",
    "The area has seen heavy fighting in recent weeks.",
    "Aid agencies said access to the area remained difficult.",
    "Residents said they heard explosions through the night.",
    "The government said it would respond to the attack.",
    "Talks between the two sides have stalled since the spring.",
    "Hospitals in the region said they were short of supplies.",
    "Power and water were cut in several districts.",
    "A curfew was imposed in the city after the attack.",
    "The foreign ministry summoned the ambassador.",
    "Local media published pictures of damaged buildings.",
    "The United Nations called for restraint on both sides.",
    "Schools in the district were closed for the rest of the week.",
    "Thousands of people have fled the region since the start of the year.",
)
"""Lines of background that articles share (so that common words are in most rows)."""

OFF_TOPIC = (
    "The central bank kept its main interest rate unchanged on {when}.",
    "Shares in technology companies rose for a third day.",
    "The national football team won its qualifying match.",
    "A new bridge over the river opened to traffic.",
    "Farmers expect a record harvest this year, the ministry said.",
    "The festival drew more visitors than last year.",
)
"""Lines of articles about something else (the relevance model marks them off-topic)."""


class Draft:
    """An article text being written: lines appended, with the offsets of what they hold."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> int:
        """Append a piece of text; its start offset."""
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start

    def text(self) -> str:
        """The whole text."""
        return "".join(self.parts)


@dataclass
class ArticleRows:
    """The rows of one article (the events without their cluster yet)."""

    document: DocumentRow
    figures: list[Fields] = field(default_factory=list)
    """The figures' columns (the corpus adds their series)."""
    claims: list[ClaimRow] = field(default_factory=list)
    places: list[PlaceRow] = field(default_factory=list)
    events: list[Fields] = field(default_factory=list)
    """The event reports' columns (the corpus adds their cluster)."""
    event_places: list[Place] = field(default_factory=list)


@dataclass
class Newsroom:
    """Writes the articles of a synthetic store, one at a time."""

    world: World
    rng: random.Random
    recent: dict[str, list[tuple[Place, EventKind, dt.date]]] = field(default_factory=dict)
    """The last events of each conflict, which other articles report again."""

    def article(self, seq: int, theatre: Theatre, published: dt.date) -> ArticleRows:
        """The rows of article number ``seq`` about ``theatre``, published that day."""
        rng = self.rng
        document_id = f"syn{seq:09d}"
        outlet = self.world.outlets.draw(rng)
        day = published - dt.timedelta(days=min(rng.randrange(4), 2))
        draft = Draft()
        rows = ArticleRows(document=_document(document_id, seq, outlet, published))
        writer = _Writer(self, rows, draft, document_id, outlet, published, day, theatre)
        title = writer.event()
        writer.second_figure()
        writer.background()
        text = draft.text()
        rows.document = _document(document_id, seq, outlet, published, title=title, text=text)
        writer.finish(text)
        return rows

    def off_topic(self, seq: int, published: dt.date) -> ArticleRows:
        """An article about something else: no events, no figures."""
        rng = self.rng
        outlet = self.world.outlets.draw(rng)
        lines = [line.format(when=_weekday(published)) for line in rng.sample(OFF_TOPIC, 4)]
        text = "\n".join(lines)
        document = _document(
            f"syn{seq:09d}", seq, outlet, published, title=lines[0][:60], text=text, relevant=0
        )
        return ArticleRows(document=document)

    def remember(self, country: str, place: Place, kind: EventKind, day: dt.date) -> None:
        """Keep an event for other articles to report again."""
        recent = self.recent.setdefault(country, [])
        recent.append((place, kind, day))
        if len(recent) > 400:
            del recent[:200]


@dataclass
class _Writer:
    """Writes the lines of one article and their rows."""

    room: Newsroom
    rows: ArticleRows
    draft: Draft
    document_id: str
    outlet: str
    published: dt.date
    day: dt.date
    theatre: Theatre

    def event(self) -> str:
        """The event's line: what happened where, its toll and who says so; the title."""
        rng = self.room.rng
        conflict = self.theatre.conflict
        recent = self.room.recent.get(conflict.country)
        if recent and rng.random() < 0.35:  # another report of an event already reported
            place, kind, self.day = recent[rng.randrange(len(recent))]
        else:
            place, kind = self.theatre.places.draw(rng), EVENT_KINDS.draw(rng)
            self.room.remember(conflict.country, place, kind, self.day)
        claimant = self._claimant()
        spelling = _spelling(rng, claimant)
        hedge, cue = HEDGE_CUES.draw(rng)
        actor = conflict.sides[1] if rng.random() < 0.7 else conflict.sides[0]
        before, rest = kind.sentence.split("[", 1)
        trigger, after = rest.split("]", 1)
        when = f" on {self.day.isoformat()}" if rng.random() < 0.5 else f" on {_weekday(self.day)}"
        start = self.draft.length
        head = before.format(actor=actor)
        self.draft.add(head[0].upper() + head[1:])
        trigger_start = self.draft.add(trigger)
        claim_id = f"{self.document_id}:c{len(self.rows.claims) + 1}"
        killed: float | None = None
        place_start = 0
        for index, piece in enumerate(_FIELD.split(after)):
            if index % 2 == 0:
                self.draft.add(piece)
            elif piece == "place":
                place_start = self.draft.add(place.entity.name)
            elif piece == "when":
                self.draft.add(when)
            elif kind.measure is not None:
                category = kind.categories[rng.randrange(len(kind.categories))]
                value = float(max(1, int(rng.paretovariate(1.3))))
                lower = rng.random() < 0.15
                words = f"{'at least ' if lower else ''}{int(value)} {category}"
                figure_start = self.draft.add(words)
                self._figure(
                    start=figure_start,
                    evidence=words,
                    measure=kind.measure,
                    category=category,
                    value=None if lower else value,
                    lower=value if lower else None,
                    side=conflict.sides[0] if category in ("soldiers", "police") else None,
                    place=place,
                    cumulative=None,
                    since=None,
                    as_of=self.day,
                    claim_id=claim_id,
                    claimant=claimant,
                    spelling=spelling,
                    hedge=hedge,
                )
                killed = value if kind.measure == "killed" else None
        content_end = self.draft.length
        self.draft.add(f", {spelling} {cue}.\n")
        self._claim(claimant, spelling, hedge, cue, start, content_end)
        self._place(place, place_start)
        self.rows.events.append(
            dict(
                id=f"{self.document_id}:e1",
                document_id=self.document_id,
                type=kind.type,
                subtype=kind.subtype,
                status="new",
                actor1=f"{actor} forces",
                actor1_side=actor,
                actor2=None,
                actor2_side=None,
                actors_json=json.dumps([[f"{actor} forces", actor, "state_forces"]]),
                targets_json="[]",
                place=place.entity.name,
                place_entity=place.entity.id,
                admin1=place.entity.admin1,
                country=place.entity.country,
                lat=place.entity.lat,
                lon=place.entity.lon,
                date_start=self.day.isoformat(),
                date_end=self.day.isoformat(),
                granularity="day",
                date=self.day.isoformat(),
                date_basis="date",
                fatalities=killed,
                claim_id=claim_id,
                claimant=spelling,
                claimant_type=claimant.entity.type or "group",
                claimant_entity=claimant.entity.id,
                hedge=hedge,
                start_char=trigger_start,
                end_char=trigger_start + len(trigger),
                evidence=trigger,
                context="",
                outlet=self.outlet,
                published=self.published.isoformat(),
            )
        )
        self.rows.event_places.append(place)
        return f"{kind.type.split('/')[0]} in {place.entity.name}"

    def second_figure(self) -> None:
        """A running total since the start of the conflict, or a count of the past day."""
        rng = self.room.rng
        conflict = self.theatre.conflict
        claimant = self.theatre.claimants.items[
            rng.randrange(min(3, len(self.theatre.claimants.items)))
        ]
        spelling = _spelling(rng, claimant)
        start = self.draft.length
        if rng.random() < 0.5:
            measure, category, words, rate = RUNNING_TOTALS[rng.randrange(len(RUNNING_TOTALS))]
            days = max(1, (self.published - conflict.first).days)
            bias = (
                0.8
                + int(hashlib.md5(claimant.entity.id.encode()).hexdigest()[:4], 16) / 0xFFFF * 0.4
            )
            value = float(int(rate * days * bias * rng.uniform(0.98, 1.02)) + 1)
            loser = conflict.sides[1]
            self.draft.add(f"{spelling[0].upper()}{spelling[1:]} said {loser} had lost ")
            figure_start = self.draft.add(f"{int(value)} {words}")
            self.draft.add(" since the start of the war")
            content_end = self.draft.length
            self.draft.add(".\n")
            claim_id = self._claim(claimant, spelling, "asserted", "said", start, content_end)
            self._figure(
                start=figure_start,
                evidence=f"{int(value)} {words}",
                measure=measure,
                category=category,
                value=value,
                lower=None,
                side=loser,
                place=None,
                cumulative=1,
                since=conflict.first,
                as_of=self.published,
                claim_id=claim_id,
                claimant=claimant,
                spelling=spelling,
                hedge="asserted",
            )
        else:
            place = self.theatre.places.draw(rng)
            value = float(1 + int(rng.paretovariate(1.2)))
            self.draft.add(f"{spelling[0].upper()}{spelling[1:]} said ")
            figure_start = self.draft.add(f"{int(value)} people")
            self.draft.add(" were wounded in ")
            place_start = self.draft.add(place.entity.name)
            self.draft.add(" over the past day")
            content_end = self.draft.length
            self.draft.add(".\n")
            self._place(place, place_start)
            claim_id = self._claim(claimant, spelling, "asserted", "said", start, content_end)
            self._figure(
                start=figure_start,
                evidence=f"{int(value)} people",
                measure="injured",
                category="people",
                value=value,
                lower=None,
                side=None,
                place=place,
                cumulative=0,
                since=self.published - dt.timedelta(days=1),
                as_of=self.published,
                claim_id=claim_id,
                claimant=claimant,
                spelling=spelling,
                hedge="asserted",
            )

    def background(self) -> None:
        """Lines of background, one naming another place of the conflict."""
        rng = self.room.rng
        place = self.theatre.places.draw(rng)
        self.draft.add("Residents of ")
        start = self.draft.add(place.entity.name)
        self.draft.add(" said the situation remained tense.\n")
        self._place(place, start, role="modifier")
        for line in rng.sample(BACKGROUND, 2 + rng.randrange(5)):
            self.draft.add(line + " ")
        self.draft.add("\n")

    def finish(self, text: str) -> None:
        """Fill in what needs the whole text: the context lines, the events' claims."""
        for fields in (*self.rows.figures, *self.rows.events):
            start, end = fields["start_char"], fields["end_char"]
            fields["context"] = context_of(text, int(str(start)), int(str(end)))

    def _claimant(self) -> Claimant:
        rng = self.room.rng
        if rng.random() < 0.15:
            return self.room.world.international.draw(rng)
        return self.theatre.claimants.draw(rng)

    def _claim(
        self, claimant: Claimant, spelling: str, hedge: str, cue: str, start: int, end: int
    ) -> str:
        claim_id = f"{self.document_id}:c{len(self.rows.claims) + 1}"
        content = "".join(self.draft.parts)[start:end]
        self.rows.claims.append(
            ClaimRow(
                id=claim_id,
                document_id=self.document_id,
                claimant=spelling,
                claimant_type=claimant.entity.type or "group",
                claimant_role=None,
                claimant_affiliation=None,
                claimant_side=claimant.side,
                claimant_entity=claimant.entity.id,
                form="indirect",
                hedge=hedge,
                cue=cue,
                content=content,
                start_char=start,
                end_char=end,
                contradicts_json="[]",
                date=self.published.isoformat(),
                outlet=self.outlet,
                published=self.published.isoformat(),
            )
        )
        return claim_id

    def _figure(
        self,
        *,
        start: int,
        evidence: str,
        measure: str,
        category: str,
        value: float | None,
        lower: float | None,
        side: str | None,
        place: Place | None,
        cumulative: int | None,
        since: dt.date | None,
        as_of: dt.date,
        claim_id: str | None = None,
        claimant: Claimant | None = None,
        spelling: str | None = None,
        hedge: str = "asserted",
    ) -> str:
        figure_id = f"{self.document_id}:f{len(self.rows.figures) + 1}"
        self.rows.figures.append(
            dict(
                id=figure_id,
                document_id=self.document_id,
                value=value,
                lower=lower,
                upper=None,
                approx=0,
                qualifier="at least" if lower is not None else None,
                unit="count",
                category=category,
                measure=measure,
                side=side,
                counted=evidence.split(" ")[-1],
                negated=0,
                modality="actual",
                status="new",
                cumulative=cumulative,
                as_of=as_of.isoformat(),
                since=since.isoformat() if since else None,
                until=None,
                date=as_of.isoformat(),
                date_basis="as_of",
                claim_id=claim_id,
                claimant=spelling or "",
                claimant_type=(claimant.entity.type or "group") if claimant else "",
                claimant_side=claimant.side if claimant else None,
                claimant_entity=claimant.entity.id if claimant else None,
                hedge=hedge,
                place=place.entity.name if place else None,
                place_entity=place.entity.id if place else None,
                country=place.entity.country if place else self.theatre.conflict.country,
                start_char=start,
                end_char=start + len(evidence),
                evidence=evidence,
                context="",
                outlet=self.outlet,
                published=self.published.isoformat(),
            )
        )
        return figure_id

    def _place(self, place: Place, start: int, role: str = "location") -> None:
        entity = place.entity
        self.rows.places.append(
            PlaceRow(
                id=f"{self.document_id}:p{len(self.rows.places) + 1}",
                document_id=self.document_id,
                mention=entity.name,
                name=entity.name,
                resolved=1,
                gazetteer_id=entity.gazetteer_id,
                lat=entity.lat,
                lon=entity.lon,
                feature_class=entity.type,
                admin1=entity.admin1,
                country=entity.country,
                role=role,
                place_entity=entity.id,
                start_char=start,
                end_char=start + len(entity.name),
            )
        )


def _spelling(rng: random.Random, claimant: Claimant) -> str:
    """How an article writes a claimant: mostly its first spelling."""
    if len(claimant.spellings) > 1 and rng.random() < 0.3:
        return claimant.spellings[1 + rng.randrange(len(claimant.spellings) - 1)]
    return claimant.spellings[0]


def _weekday(day: dt.date) -> str:
    return day.strftime("%A")


def _document(
    document_id: str,
    seq: int,
    outlet: str,
    published: dt.date,
    *,
    title: str | None = None,
    text: str = "",
    relevant: int = 1,
) -> DocumentRow:
    return DocumentRow(
        id=document_id,
        seq=seq,
        version_key=f"url:https://news.example.org/{document_id}",
        text_hash=hashlib.sha256(text.encode()).hexdigest()[:32],
        url=f"https://news.example.org/{document_id}",
        outlet=outlet,
        title=title,
        published=published.isoformat(),
        language="en",
        source="synthetic",
        external_id=None,
        text=text,
        relevant=relevant,
        relevance_score=0.9 if relevant else 0.1,
        relevance_label="armed_conflict" if relevant else "other",
    )
