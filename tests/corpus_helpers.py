"""Building results by hand for the store tests: facts point at substrings of the text."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from claimwire.input.text import document_id
from claimwire.models import (
    Actor,
    Claim,
    Claimant,
    DateMention,
    Document,
    Event,
    Figure,
    Place,
    Provenance,
    Result,
    Span,
    TimeRef,
)

PROVENANCE = Provenance(
    claimwire_version="test",
    model="test",
    spacy_version="test",
    components=[],
    run_id="test",
    created=dt.datetime(2022, 7, 1, tzinfo=dt.UTC),
)


def _actor(name: str | None, side: str | None = None, type: str | None = None) -> Actor:
    """An event participant from ``(name, side)`` or ``(name, side, type)``."""
    return Actor(name=str(name), side=side, type=type)


@dataclass
class Article:
    """One article under construction; each method adds a fact and returns its id."""

    text: str
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    external_id: str | None = None
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def span(self, evidence: str, occurrence: int = 0) -> Span:
        start = -1
        for _ in range(occurrence + 1):
            start = self.text.index(evidence, start + 1)
        return Span(start=start, end=start + len(evidence), text=evidence)

    def claim(
        self,
        claimant: str,
        content: str,
        *,
        type: str = "government",
        side: str | None = None,
        hedge: str = "asserted",
        cue: str | None = None,
        contradicts: tuple[str, ...] = (),
    ) -> str:
        claim_id = f"C{len(self.claims) + 1}"
        self.claims.append(
            Claim(
                id=claim_id,
                claimant=Claimant(name=claimant, type=type, side=side),
                cue=self.span(cue) if cue else None,
                content=self.span(content),
                form="indirect",
                hedge=hedge,
                contradicts=list(contradicts),
            )
        )
        return claim_id

    def place(self, mention: str, **fields: object) -> str:
        place_id = f"P{len(self.places) + 1}"
        resolved = "gazetteer_id" in fields
        self.places.append(Place(id=place_id, span=self.span(mention), resolved=resolved, **fields))
        return place_id

    def date(self, mention: str, day: str) -> str:
        date_id = f"D{len(self.dates) + 1}"
        value = dt.date.fromisoformat(day)
        self.dates.append(
            DateMention(
                id=date_id,
                span=self.span(mention),
                start=value,
                end=value,
                granularity="day",
                method="explicit",
            )
        )
        return date_id

    def figure(
        self,
        evidence: str,
        value: float | None,
        *,
        category: str,
        measure: str,
        side: str | None = None,
        claim: str | None = None,
        place: str | None = None,
        cumulative: bool | None = None,
        as_of: str | None = None,
        lower: float | None = None,
        approx: bool = False,
        negated: bool = False,
        occurrence: int = 0,
    ) -> str:
        figure_id = f"F{len(self.figures) + 1}"
        time = None
        if cumulative is not None or as_of is not None:
            time = TimeRef(
                as_of=dt.date.fromisoformat(as_of) if as_of else None, cumulative=cumulative
            )
        self.figures.append(
            Figure(
                id=figure_id,
                span=self.span(evidence, occurrence),
                value=value,
                lower=lower,
                approx=approx,
                category=category,
                measure=measure,
                side=side,
                claim_id=claim,
                place_ids=[place] if place else [],
                time=time,
                negated=negated,
            )
        )
        return figure_id

    def event(
        self,
        trigger: str,
        type: str,
        *,
        subtype: str | None = None,
        actors: tuple[tuple[str | None, ...], ...] = (),
        targets: tuple[tuple[str | None, ...], ...] = (),
        place: str | None = None,
        date: str | None = None,
        claim: str | None = None,
        figures: tuple[str, ...] = (),
    ) -> str:
        event_id = f"E{len(self.events) + 1}"
        self.events.append(
            Event(
                id=event_id,
                type=type,
                subtype=subtype,
                trigger=self.span(trigger),
                actors=[_actor(*actor) for actor in actors],
                targets=[_actor(*target) for target in targets],
                place_id=place,
                date_id=date,
                claim_id=claim,
                figure_ids=list(figures),
            )
        )
        return event_id

    def result(self) -> Result:
        return Result(
            document=Document(
                id=document_id(self.text, self.url),
                text=self.text,
                outlet=self.outlet,
                url=self.url,
                published=dt.date.fromisoformat(self.published) if self.published else None,
                external_id=self.external_id,
            ),
            figures=self.figures,
            claims=self.claims,
            places=self.places,
            dates=self.dates,
            events=self.events,
            provenance=PROVENANCE,
        )


LYSYCHANSK = {
    "name": "Lysychansk",
    "gazetteer_id": "geonames:900001",
    "country": "UA",
    "admin1": "Luhansk",
    "lat": 48.90,
    "lon": 38.43,
}
BAKHMUT = {
    "name": "Bakhmut",
    "gazetteer_id": "geonames:900002",
    "country": "UA",
    "admin1": "Donetsk",
    "lat": 48.60,
    "lon": 38.00,
}
SHELLING = "Explosions/Remote violence"
BATTLE = "Battles"
RU, UA = "Russia", "Ukraine"
RU_FORCES = ("Armed Forces of Russia", RU)
UA_FORCES = ("Armed Forces of Ukraine", UA)
CIVILIANS = ("Civilians", None)


def two_weeks() -> list[Result]:
    """Fourteen short reports over two weeks of June 2022, written for these tests.

    Several outlets and claimants report overlapping events and figures; one wire story
    runs in two outlets (a2, a3); a loss figure is corrected at the same URL (a10 -> a11);
    the Russian and Ukrainian militaries give figures for one day near Bakhmut that cannot
    both hold (a7, a8), which a monitoring mission's later figure settles (a9); and the
    Russian ministry denies a shelling that three outlets report (a5).
    """
    articles = []

    a = Article(
        "Ukraine's General Staff said on Monday that Russia has lost 31,150 troops since "
        "the invasion began.",
        published="2022-06-06",
        outlet="Kyiv Daily",
        url="https://kyivdaily.example/a1",
    )
    c = a.claim("Government of Ukraine", "Russia has lost 31,150 troops", side=UA)
    a.figure("31,150", 31150, category="soldiers", measure="killed", side=RU, claim=c,
             cumulative=True, as_of="2022-06-06")  # fmt: skip
    articles.append(a)

    wire = (
        "Russian shelling killed 4 civilians in Lysychansk on Tuesday, regional governor "
        "Serhiy Haidai said."
    )
    for outlet, url in (("Global Wire", "https://wire.example/b2"),
                        ("Euro Post", "https://europost.example/b3")):  # fmt: skip
        a = Article(wire, published="2022-06-08", outlet=outlet, url=url)
        c = a.claim("Serhiy Haidai", "Russian shelling killed 4 civilians", type="person", side=UA)
        p = a.place("Lysychansk", **LYSYCHANSK)
        d = a.date("Tuesday", "2022-06-07")
        f = a.figure("4", 4, category="civilians", measure="killed", claim=c, place=p,
                     cumulative=False, as_of="2022-06-07")  # fmt: skip
        a.event("shelling", SHELLING, subtype="shelling_artillery_missile_attack",
                actors=(RU_FORCES,), targets=(CIVILIANS,), place=p, date=d, claim=c,
                figures=(f,))  # fmt: skip
        articles.append(a)

    a = Article(
        "Governor Sergei Gadai said Russian artillery hit Lisichansk on Tuesday, killing "
        "four civilians.",
        published="2022-06-09",
        outlet="Frontline News",
        url="https://frontline.example/c4",
    )
    c = a.claim("Sergei Gadai", "Russian artillery hit Lisichansk", type="person", side=UA)
    p = a.place("Lisichansk", country="UA")
    d = a.date("Tuesday", "2022-06-07")
    f = a.figure("four", 4, category="civilians", measure="killed", claim=c, place=p,
                 cumulative=False, as_of="2022-06-07")  # fmt: skip
    a.event("hit", SHELLING, subtype="shelling_artillery_missile_attack", actors=(RU_FORCES,),
            targets=(CIVILIANS,), place=p, date=d, claim=c, figures=(f,))  # fmt: skip
    articles.append(a)

    a = Article(
        "Russia's Defence Ministry denied that its forces shelled Lysychansk on Tuesday.",
        published="2022-06-10",
        outlet="Moscow Herald",
        url="https://moscowherald.example/d5",
    )
    c = a.claim("Government of Russia", "its forces shelled Lysychansk on Tuesday",
                side=RU, hedge="denied")  # fmt: skip
    p = a.place("Lysychansk", **LYSYCHANSK)
    d = a.date("Tuesday", "2022-06-07")
    a.event("shelled", SHELLING, subtype="shelling_artillery_missile_attack",
            actors=(RU_FORCES,), place=p, date=d, claim=c)  # fmt: skip
    articles.append(a)

    a = Article(
        "Ukraine's General Staff said Russia has now lost 31,900 troops and 1,400 tanks.",
        published="2022-06-12",
        outlet="Kyiv Daily",
        url="https://kyivdaily.example/a6",
    )
    c = a.claim("Government of Ukraine", "Russia has now lost 31,900 troops and 1,400 tanks",
                side=UA)  # fmt: skip
    a.figure("31,900", 31900, category="soldiers", measure="killed", side=RU, claim=c,
             cumulative=True, as_of="2022-06-12")  # fmt: skip
    a.figure("1,400", 1400, category="tanks", measure="destroyed", side=RU, claim=c,
             cumulative=True, as_of="2022-06-12")  # fmt: skip
    articles.append(a)

    a = Article(
        "The Russian Defence Ministry said Ukrainian forces lost 170 soldiers near Bakhmut "
        "on Sunday.",
        published="2022-06-13",
        outlet="Moscow Herald",
        url="https://moscowherald.example/d7",
    )
    c = a.claim("Government of Russia", "Ukrainian forces lost 170 soldiers", side=RU)
    p = a.place("Bakhmut", **BAKHMUT)
    a.figure("170", 170, category="soldiers", measure="killed", side=UA, claim=c, place=p,
             cumulative=False, as_of="2022-06-12")  # fmt: skip
    articles.append(a)

    a = Article(
        "Ukraine's military said 20 of its soldiers were killed near Bakhmut on Sunday.",
        published="2022-06-13",
        outlet="Global Wire",
        url="https://wire.example/b8",
    )
    c = a.claim("Government of Ukraine", "20 of its soldiers were killed near Bakhmut", side=UA)
    p = a.place("Bakhmut", **BAKHMUT)
    a.figure("20", 20, category="soldiers", measure="killed", side=UA, claim=c, place=p,
             cumulative=False, as_of="2022-06-12")  # fmt: skip
    articles.append(a)

    a = Article(
        "A UN monitoring mission said about 20 Ukrainian soldiers died near Bakhmut on June 12.",
        published="2022-06-15",
        outlet="Euro Post",
        url="https://europost.example/b9",
    )
    c = a.claim("UN Monitoring Mission", "about 20 Ukrainian soldiers died", type="organization")
    p = a.place("Bakhmut", **BAKHMUT)
    a.figure("about 20", 20, approx=True, category="soldiers", measure="killed", side=UA,
             claim=c, place=p, cumulative=False, as_of="2022-06-12")  # fmt: skip
    articles.append(a)

    for text, published, value in (
        ("Ukraine's General Staff said Russia's losses reached 32,050 troops.", "2022-06-16",
         32050),
        ("Ukraine's General Staff said Russia's losses reached 32,150 troops (corrected).",
         "2022-06-16", 32150),
    ):  # fmt: skip
        a = Article(text, published=published, outlet="Kyiv Daily",
                    url="https://kyivdaily.example/a10")  # fmt: skip
        c = a.claim("Government of Ukraine", "Russia's losses reached", side=UA)
        a.figure(f"{value:,}", value, category="soldiers", measure="killed", side=RU,
                 claim=c, cumulative=True, as_of=published)  # fmt: skip
        articles.append(a)

    a = Article(
        "The Ukrainian General Staff said Russia had lost 31,900 troops by June 12.",
        published="2022-06-18",
        outlet="Frontline News",
        url="https://frontline.example/c12",
    )
    c = a.claim("Government of Ukraine", "Russia had lost 31,900 troops by June 12", side=UA)
    a.figure("31,900", 31900, category="soldiers", measure="killed", side=RU, claim=c,
             cumulative=True, as_of="2022-06-12")  # fmt: skip
    articles.append(a)

    for outlet, url, text, day, trigger in (
        ("Moscow Herald", "https://moscowherald.example/d13",
         "Russian and Ukrainian troops clashed near Bakhmut on Saturday.", "2022-06-18",
         "clashed"),
        ("Global Wire", "https://wire.example/b14",
         "Heavy fighting between Ukrainian and Russian forces went on near Bakhmut on Sunday.",
         "2022-06-19", "fighting"),
    ):  # fmt: skip
        a = Article(text, published="2022-06-19", outlet=outlet, url=url)
        p = a.place("Bakhmut", **BAKHMUT)
        d = a.date("Saturday" if "Saturday" in text else "Sunday", day)
        a.event(trigger, BATTLE, subtype="armed_clash", actors=(RU_FORCES, UA_FORCES),
                place=p, date=d)  # fmt: skip
        articles.append(a)
    return [article.result() for article in articles]


def two_weeks_store(path: Path) -> sqlite3.Connection:
    """A new store at ``path`` with :func:`two_weeks` written into it, article by article."""
    from claimwire.store import open_store
    from claimwire.store.write import write_result

    connection = open_store(path)
    for result in two_weeks():
        write_result(connection, result)
    return connection
