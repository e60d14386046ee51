"""``claimwire bench conflict-news``: every section on real conflict news (and off-topic negatives).

The set is a folder of JSON-lines files (``../shared/eval/conflict_news``), one article per
line with its hand-made gold (``text``, ``published``, ``gold.relevant``, ``gold.figures``,
``gold.claims``, ``gold.places``, ``gold.events``, ``gold.contradictions``; offsets index
``text``, which is already normalized the way claimwire normalizes input). Scoring follows the
set's README:

- ``figures``: casualty and loss figures (gold ``core``) matched by overlapping span and equal
  number (the value, or either bound; vague gold needs no number). Our figures with a
  casualty or loss measure and a non-zero value are the predictions. ``figures.all`` does the
  same for every figure. Of the matched core figures, ``figures.measure``, ``.category``,
  ``.side`` and ``.claimant`` say how many have that field right (where the gold gives it).
  A gold side ``civilian`` is right when our figure counts civilians (its category) or says
  so; sides compare by their stem in any word ("Russian" = "Russia", "Congolese" =
  "DR Congo"). The claimant of our figure is the
  claimant of its claim; a figure without a claim, or in the outlet's own claim, is the
  outlet's.
- ``claims``: a gold claim is found when a claim's content or cue overlaps its span (several
  gold claims may share one prediction: second-hand attribution); ``claims.claimant`` counts
  the gold claims found by a claim with the right claimant (loose names: shared words,
  acronyms, government aliases, any mention of the claimant).
- ``contradictions``: a gold pair is found when one of our contradictions links a claim over
  (or holding a figure over) one side of it with a claim over the other.
- ``places``: recognition without toponyms inside names (predictions over those are ignored,
  and so are our demonyms, "Israeli", which the gold does not count as places);
  ``places.resolution``: matched gold places with coordinates that we put within 161 km
  (a gold country: that we resolved to that country, by country code, as the set's README
  asks, since country points differ between gazetteers);
  ``places.country``: matched gold places with a country whose country we got.
- ``events``: one-to-one, by span overlap (our trigger, evidence or mentions with the gold
  span) and equal event type; duplicates are false positives. Of the events matched by span
  alone, ``events.type``, ``.subtype``, ``.place``, ``.date`` and ``.status`` count the right
  fields (status compares ``new`` and ``background``; a place is right when the gazetteer's
  name or the mention as written matches the gold's, accents and apostrophes aside).
- ``relevance``: an article is predicted relevant when its result's ``relevance`` says so
  (when a result has none, when it yields an event); the measure ``events_per_offtopic``
  is the mean number of events on negatives.

``--half a|b`` scores one half of the set, by document id (:mod:`claimwire.bench.split`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from ..components.claims.hits import Claimant as HitClaimant
from ..errors import InputNotFoundError
from ..input.sources import ArticleInput
from ..models import Claim, Claimant, Event, Figure, Result, Span
from .claims import claimant_named, speaker_matches
from .corpus import gold_records
from .metrics import Measure, Report, Score
from .split import Half, select

CORE_MEASURES = frozenset(
    {
        "killed",
        "injured",
        "casualties",
        "missing",
        "displaced",
        "detained",
        "kidnapped",
        "captured",
        "destroyed",
        "damaged",
    }
)
"""Casualty and loss measures: the set's ``core`` figures."""

CIVILIAN_CATEGORIES = frozenset(
    {"civilians", "children", "women", "journalists", "medics", "displaced"}
)
"""Categories that count civilians, whatever side the figure names."""

UNATTRIBUTED = frozenset({"unattributed", "unidentified"})
RESOLUTION_KM = 161.0


@dataclass(frozen=True)
class Article:
    """One article of the set with its gold."""

    id: str
    text: str
    published: str | None
    url: str | None
    outlet: str | None
    gold: dict[str, Any]


def load_articles(folder: Path) -> list[Article]:
    """Every article of every ``*.jsonl`` file in ``folder``, in file order.

    Raises:
        InputNotFoundError: The folder is missing or holds no article with gold.
    """
    articles = [
        Article(
            id=str(record["id"]),
            text=record["text"],
            published=record.get("published"),
            url=record.get("url"),
            outlet=record.get("outlet"),
            gold=record["gold"],
        )
        for record in gold_records(folder)
    ]
    if not articles:
        raise InputNotFoundError(f"no *.jsonl articles with gold in {folder}")
    return articles


def run(data: Path | None, *, limit: int | None = None, half: Half | None = None) -> Report:
    """Extract every article and score each section against the gold.

    Args:
        data: The set folder.
        limit: Score only the first ``limit`` articles (of the half).
        half: Score only half ``a`` or ``b`` of the set (by document id).

    Returns:
        The report.
    """
    from ..nlp.extract import extract_many

    if data is None:
        raise InputNotFoundError("no conflict_news folder given")
    started = time.perf_counter()
    articles = select(load_articles(data), lambda article: article.id, half)[:limit]
    report = Report(task="conflict-news", data=str(data), documents=len(articles))
    if half:
        report.extra["half"] = half
    for name in (
        "figures",
        "figures.all",
        "figures.measure",
        "figures.category",
        "figures.side",
        "figures.claimant",
        "claims",
        "claims.claimant",
        "contradictions",
        "places",
        "places.resolution",
        "places.country",
        "events",
        "events.type",
        "events.subtype",
        "events.place",
        "events.date",
        "events.status",
        "relevance",
    ):
        report.section(name)
    inputs = (
        ArticleInput(
            source=article.id,
            text=article.text,
            published=article.published,
            url=article.url,
            outlet=article.outlet,
            id=article.id,
        )
        for article in articles
    )
    offtopic_events: list[int] = []
    # The whole pipeline on every article: this bench scores the extractors (the negatives
    # have gold too); the relevance gate is scored by `claimwire bench gate`.
    for article, result in zip(articles, extract_many(inputs, full=True), strict=True):
        if not isinstance(result, Result):
            report.miss("failures", f"{article.id}: {result}")
            continue
        if result.document.text != article.text:
            report.miss("failures", f"{article.id}: normalized text differs; offsets skipped")
            continue
        _score_article(article, result, report)
        if not article.gold.get("relevant", True):
            offtopic_events.append(len(result.events))
    if offtopic_events:
        report.measures["events_per_offtopic"] = Measure(
            sum(offtopic_events) / len(offtopic_events), "events", lower_is_better=True
        )
    report.seconds = time.perf_counter() - started
    return report


def _score_article(article: Article, result: Result, report: Report) -> None:
    claims = {claim.id: claim for claim in result.claims}
    _score_figures(article, result, claims, report)
    _score_claims(article, result, report)
    _score_contradictions(article, result, claims, report)
    _score_places(article, result, report)
    _score_events(article, result, report)
    predicted = result.relevance.relevant if result.relevance else bool(result.events)
    relevant = bool(article.gold.get("relevant", True))
    score = report.section("relevance")
    score.tp += predicted and relevant
    score.fp += predicted and not relevant
    score.fn += relevant and not predicted
    if predicted != relevant:
        why = f"score {result.relevance.score}" if result.relevance else "no relevance"
        report.miss(
            "relevance", f"{article.id}: gold {relevant}, {why}, {len(result.events)} events"
        )


# --------------------------------------------------------------------------- figures


def _overlaps(start: int, end: int, span: Span | None) -> bool:
    return span is not None and span.start < end and start < span.end


def _same_number(gold: dict[str, Any], figure: Figure) -> bool:
    if gold.get("vague") and gold.get("value") is None:
        return True
    wanted = {float(gold[key]) for key in ("value", "lower", "upper") if gold.get(key) is not None}
    found = {value for value in (figure.value, figure.lower, figure.upper) if value is not None}
    return any(math.isclose(a, b) for a in wanted for b in found)


def _figure_match(gold: dict[str, Any], figures: list[Figure], used: set[int]) -> int | None:
    for index, figure in enumerate(figures):
        if (
            index not in used
            and _overlaps(gold["start"], gold["end"], figure.span)
            and _same_number(gold, figure)
        ):
            return index
    return None


def _is_core(figure: Figure) -> bool:
    return figure.measure in CORE_MEASURES and (figure.value or figure.lower or 0) > 0


def _score_figures(
    article: Article, result: Result, claims: dict[str, Claim], report: Report
) -> None:
    gold = article.gold.get("figures", [])
    everything = list(result.figures)
    _match_all(article, gold, everything, report.section("figures.all"), report, "figures.all")
    core_gold = [item for item in gold if item.get("core")]
    core = [figure for figure in everything if _is_core(figure)]
    pairs = _match_all(article, core_gold, core, report.section("figures"), report, "figures")
    for item, figure in pairs:
        _check(
            report,
            "figures.measure",
            item.get("measure"),
            figure.measure == item["measure"],
            article,
            item,
            figure.measure,
        )
        if item.get("category"):
            _check(
                report,
                "figures.category",
                True,
                figure.category == item["category"],
                article,
                item,
                figure.category,
            )
        if item.get("side"):
            _check(
                report,
                "figures.side",
                True,
                side_matches(item["side"], figure),
                article,
                item,
                figure.side,
            )
        claim = claims.get(figure.claim_id or "")
        claimant = claim.claimant if claim is not None else None
        _check(
            report,
            "figures.claimant",
            item.get("claimant"),
            claimant_matches(item.get("claimant") or "", claim),
            article,
            item,
            claimant.name if claimant else None,
        )


def _match_all(
    article: Article,
    gold: list[dict[str, Any]],
    predicted: list[Figure],
    score: Score,
    report: Report,
    section: str,
) -> list[tuple[dict[str, Any], Figure]]:
    used: set[int] = set()
    pairs = []
    for item in gold:
        index = _figure_match(item, predicted, used)
        if index is None:
            score.fn += 1
            report.miss(section, f"{article.id} missed {_context(article.text, item)}")
            continue
        used.add(index)
        score.tp += 1
        pairs.append((item, predicted[index]))
    for index, figure in enumerate(predicted):
        if index in used:
            continue
        if any(_overlaps(item["start"], item["end"], figure.span) for item in gold):
            continue  # the number is a gold figure's, with another value: counted as its miss
        score.fp += 1
        report.miss(
            section,
            f"{article.id} spurious {figure.measure} "
            f"{_context(article.text, {'start': figure.span.start, 'end': figure.span.end})}",
        )
    return pairs


def _check(
    report: Report,
    section: str,
    wanted: object,
    right: bool,
    article: Article,
    item: dict[str, Any],
    got: object,
) -> None:
    if wanted is None:
        return
    score = report.section(section)
    if right:
        score.tp += 1
    else:
        score.fn += 1
        field = section.split(".")[-1]
        report.miss(
            section,
            f"{article.id} {_context(article.text, item)}: {field} {got!r}, "
            f"gold {item.get(field)!r}",
            keep=200,
        )


def side_matches(gold: str, figure: Figure) -> bool:
    """Whether our figure names the gold side (by stem), or counts civilians for ``civilian``."""
    wanted = gold.strip().lower()
    if wanted.startswith("civilian"):
        return figure.category in CIVILIAN_CATEGORIES or (
            figure.side is not None and figure.side.lower().startswith("civilian")
        )
    if figure.side is None:
        return False
    return _same_stem(figure.side.lower(), wanted) or (
        fuzz.token_set_ratio(figure.side.lower(), wanted) >= 90
    )


def _gold_is_country(item: dict[str, Any]) -> bool:
    """Whether a gold place is a whole country: its resolved name is, in the gazetteer, an
    independent or dependent country (``PCL*``) of the gold's country code."""
    from ..geo import get_gazetteer

    name, country = item.get("resolved") or item.get("name"), item.get("country")
    if not name or not country:
        return False
    return any(
        entry.feature_code.startswith("PCL") and entry.country == country
        for entry in get_gazetteer().lookup(str(name))
    )


def _same_stem(one: str, other: str) -> bool:
    """A country and its demonym, in any word: "Iraq" / "Iraqi", "DR Congo" / "Congolese"."""
    for a in re.findall(r"[a-z]{4,}", one):
        for b in re.findall(r"[a-z]{4,}", other):
            shorter, longer = sorted((a, b), key=len)
            if longer.startswith(shorter[: max(4, len(shorter) - 1)]):
                return True
    return False


def claimant_matches(gold: str, claim: Claim | None) -> bool:
    """Whether the claim's claimant is the gold one (``outlet``, ``unattributed``, a name)."""
    wanted = gold.strip()
    claimant = claim.claimant if claim is not None else None
    if wanted.lower() == "outlet":
        return claimant is None or claimant.type == "outlet"
    if claim is None or claimant is None or claimant.type == "outlet":
        return False
    if wanted.lower() == "unattributed":
        return claim.form == "reported" or claimant.name.lower() in UNATTRIBUTED
    return any(_names(alternative, claimant) for alternative in _alternatives(wanted))


def _alternatives(gold: str) -> list[str]:
    """A gold name and the names inside its parentheses: "Rapid Support Forces (RSF)"."""
    inside = re.findall(r"\(([^)]+)\)", gold)
    outside = re.sub(r"\s*\([^)]*\)", "", gold).strip()
    return [name for name in (outside, *inside) if name]


def _names(gold: str, claimant: Claimant) -> bool:
    hit = HitClaimant(claimant.name, claimant.type)
    if speaker_matches(hit, gold) or claimant_named(gold, hit):
        return True
    wanted = gold.lower()
    return any(
        fuzz.token_set_ratio(mention.text.lower(), wanted) >= 90 for mention in claimant.mentions
    )


def _context(text: str, item: dict[str, Any], size: int = 60) -> str:
    start, end = item["start"], item["end"]
    left = " ".join(text[max(0, start - size) : start].split())
    right = " ".join(text[end : end + size].split())
    return f"…{left} [{text[start:end]}] {right}…"


# --------------------------------------------------------------------------- claims


def _claim_spans(claim: Claim) -> list[Span]:
    return [span for span in (claim.content, claim.cue) if span is not None]


def _score_claims(article: Article, result: Result, report: Report) -> None:
    gold = article.gold.get("claims", [])
    predicted = [claim for claim in result.claims if claim.form != "outlet"]
    found, named = report.section("claims"), report.section("claims.claimant")
    used: set[str] = set()
    right: set[str] = set()
    for item in gold:
        over = [
            claim
            for claim in predicted
            if any(_overlaps(item["start"], item["end"], span) for span in _claim_spans(claim))
        ]
        if not over:
            found.fn += 1
            named.fn += 1
            report.miss("claims", f"{article.id} missed {item['kind']}: {_clip(article, item)}")
            continue
        found.tp += 1
        used.update(claim.id for claim in over)
        good = [claim for claim in over if claimant_matches(item.get("claimant") or "", claim)]
        if good:
            named.tp += 1
            right.update(claim.id for claim in good)
        else:
            named.fn += 1
            report.miss(
                "claims.claimant",
                f"{article.id} {over[0].claimant.name!r} ({over[0].claimant.type}), gold "
                f"{item.get('claimant')!r}: {_clip(article, item)}",
                keep=200,
            )
    for claim in predicted:
        if claim.id not in used:
            found.fp += 1
            report.miss(
                "claims",
                f"{article.id} spurious {claim.claimant.name!r}: {_clip_span(claim.content)}",
            )
        if claim.id not in right:
            named.fp += 1


def _clip(article: Article, item: dict[str, Any], size: int = 110) -> str:
    text = " ".join(article.text[item["start"] : item["end"]].split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _clip_span(span: Span, size: int = 110) -> str:
    text = " ".join(span.text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


# --------------------------------------------------------------------------- contradictions


def _score_contradictions(
    article: Article, result: Result, claims: dict[str, Claim], report: Report
) -> None:
    gold = article.gold.get("contradictions", [])
    lists = {
        "figures": article.gold.get("figures", []),
        "claims": article.gold.get("claims", []),
    }
    spans: dict[str, list[Span]] = {cid: _claim_spans(claim) for cid, claim in claims.items()}
    for figure in result.figures:
        if figure.claim_id in spans:
            spans[figure.claim_id].append(figure.span)
    pairs = [
        tuple(contradiction.claim_ids[:2])
        for contradiction in result.contradictions
        if len(contradiction.claim_ids) >= 2
    ]
    score = report.section("contradictions")
    used: set[int] = set()
    for pair in gold:
        items = lists.get(pair.get("kind", "claims"), [])
        one, other = items[pair["a"]], items[pair["b"]]
        hit = next(
            (
                index
                for index, (a, b) in enumerate(pairs)
                if (_covers(spans.get(a, []), one) and _covers(spans.get(b, []), other))
                or (_covers(spans.get(b, []), one) and _covers(spans.get(a, []), other))
            ),
            None,
        )
        if hit is None:
            score.fn += 1
            report.miss("contradictions", f"{article.id} missed: {pair.get('why')}")
        else:
            score.tp += 1
            used.add(hit)
    for index, (a, b) in enumerate(pairs):
        if index not in used:
            score.fp += 1
            texts = [_clip_span(claims[c].content, 60) for c in (a, b) if c in claims]
            report.miss("contradictions", f"{article.id} spurious: {' <> '.join(texts)}")


def _covers(spans: Iterable[Span], item: dict[str, Any]) -> bool:
    return any(_overlaps(item["start"], item["end"], span) for span in spans)


# --------------------------------------------------------------------------- places


def _score_places(article: Article, result: Result, report: Report) -> None:
    gold = article.gold.get("places", [])
    in_names = [item for item in gold if item.get("in_name")]
    wanted = [item for item in gold if not item.get("in_name")]
    predicted = [
        place
        for place in result.places
        if place.match != "demonym"
        and not any(_overlaps(item["start"], item["end"], place.span) for item in in_names)
    ]
    score = report.section("places")
    used: set[int] = set()
    for item in wanted:
        index = next(
            (
                i
                for i, place in enumerate(predicted)
                if i not in used and _overlaps(item["start"], item["end"], place.span)
            ),
            None,
        )
        if index is None:
            score.fn += 1
            report.miss("places", f"{article.id} missed {item['name']!r} ({item.get('resolved')})")
            continue
        score.tp += 1
        used.add(index)
        place = predicted[index]
        if item.get("lat") is not None and item.get("lon") is not None:
            if _gold_is_country(item):  # by country code: centroids differ between gazetteers
                close = (place.feature_code or "").startswith("PCL") and (
                    place.country == item["country"]
                )
            else:
                close = (
                    place.lat is not None
                    and place.lon is not None
                    and _km(item["lat"], item["lon"], place.lat, place.lon) <= RESOLUTION_KM
                )
            _tally(report, "places.resolution", close)
            if not close:
                report.miss(
                    "places.resolution",
                    f"{article.id} {item['name']!r}: {place.name!r} {place.country} "
                    f"({place.lat}, {place.lon}), gold {item.get('resolved')!r}",
                )
        if item.get("country"):
            _tally(report, "places.country", place.country == item["country"])
    for index, place in enumerate(predicted):
        if index not in used and not any(
            _overlaps(item["start"], item["end"], place.span) for item in wanted
        ):
            score.fp += 1
            report.miss("places", f"{article.id} spurious {place.span.text!r} ({place.name})")


def _tally(report: Report, section: str, right: bool) -> None:
    score = report.section(section)
    if right:
        score.tp += 1
    else:
        score.fn += 1


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


# --------------------------------------------------------------------------- events


def _event_spans(event: Event) -> list[Span]:
    return [span for span in (event.trigger, event.evidence, *event.mentions) if span is not None]


def _norm(label: str | None) -> str:
    return re.sub(r"[^a-z]+", "_", (label or "").lower()).strip("_")


def _score_events(article: Article, result: Result, report: Report) -> None:
    gold = article.gold.get("events", [])
    dates = {date.id: date for date in result.dates}
    written = {place.id: place.span.text for place in result.places}
    score = report.section("events")
    typed: set[int] = set()
    for item in gold:
        index = next(
            (
                i
                for i, event in enumerate(result.events)
                if i not in typed
                and event.type == item["event_type"]
                and _covers(_event_spans(event), item)
            ),
            None,
        )
        if index is None:
            score.fn += 1
            report.miss(
                "events",
                f"{article.id} missed {item['event_type']} / {item['sub_event_type']} "
                f"({item['status']}): {_clip(article, item, 90)}",
            )
        else:
            score.tp += 1
            typed.add(index)
    for index, event in enumerate(result.events):
        if index not in typed:
            score.fp += 1
            report.miss(
                "events",
                f"{article.id} spurious {event.type} / {event.subtype} ({event.status}): "
                f"{_clip_span(event.evidence or event.trigger, 90)}",
            )
    spanned: set[int] = set()
    for item in gold:
        index = next(
            (
                i
                for i, event in enumerate(result.events)
                if i not in spanned and _covers(_event_spans(event), item)
            ),
            None,
        )
        if index is None:
            continue
        spanned.add(index)
        event = result.events[index]
        _tally(report, "events.type", event.type == item["event_type"])
        _tally(report, "events.subtype", _norm(event.subtype) == _norm(item["sub_event_type"]))
        if item.get("place"):
            names = [event.place_name, written.get(event.place_id or "")]
            _tally(report, "events.place", any(_place_matches(item["place"], n) for n in names))
        if item.get("date"):
            date = dates.get(event.date_id or "")
            _tally(report, "events.date", date is not None and _is_day(date, item["date"]))
        if item["status"] in ("new", "background"):
            _tally(report, "events.status", event.status == item["status"])


def _place_matches(gold: str, name: str | None) -> bool:
    """The gold place name and one of ours (the gazetteer's, or the mention as written)
    name one place: containment or a close spelling, accents and apostrophes aside."""
    name, wanted = _folded(name or ""), _folded(gold)
    if not name:
        return False
    return wanted in name or name in wanted or fuzz.token_set_ratio(name, wanted) >= 85


def _folded(name: str) -> str:
    """'Kirkūk' -> 'kirkuk', "Ma'rib" -> 'marib'."""
    plain = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in plain if not unicodedata.combining(c) and c not in "'’`")


def _is_day(date: Any, gold: str) -> bool:
    day = dt.date.fromisoformat(gold)
    return bool(date.start == day and (date.end is None or date.end == day))
