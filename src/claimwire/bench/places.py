"""``claimwire bench places``: toponym recognition and resolution on LGL, GeoVirus, GeoWebNews.

The set folder is read as ``shared/eval/README.md`` ("geoparsing") describes it, by pattern:
every ``*.xml`` but ``GWN.xml`` is one corpus in the LGL layout (``<toponyms>``) or the
GeoVirus layout (``<locations>``, 1-based offsets, re-anchored on the name), and ``GWN.xml``
is GeoWebNews (types; recognition excludes ``Non_Toponym``, ``Literal_Expression`` and
``Non_Lit_Expression``).

Sections, micro-averaged over all corpora and per corpus (``recognition/lgl``):

- ``recognition``: a gold toponym is found when a hit has exactly its span (the strict rule
  of Gritta et al.).
- ``recognition_overlap``: the same under the overlap rule (a gold toponym is found when a
  hit overlaps it; a hit overlapping no gold toponym is a fp).
- ``accuracy@161km``: on the gold toponyms with coordinates that were recognized (a hit
  overlaps them) and resolved, the share resolved within 161 km (100 miles), the usual
  geocoding figure of the literature; the section's tp are those within, fp and fn those
  beyond, so its P, R and F1 all equal the accuracy. The measures ``median_error_km`` and
  ``error_auc`` (area under the log-error curve, 0 best) are taken on the same toponyms;
  a committed floor on them is a ceiling.
- ``resolution``: every gold toponym with coordinates; tp when a hit overlapping it is
  resolved within 161 km (100 miles), fp when a hit overlapping it is resolved farther,
  fn otherwise, so recall is the end-to-end accuracy@161km. ``extra`` repeats the figures per
  corpus and gives the GeoWebNews split into literal and associative types.

Every hit counts as a prediction, whatever its role (the corpora annotate metonymic and
embedded toponyms too), except demonym hits ("Sudanese") on GeoVirus, which does not
annotate demonyms (LGL and GeoWebNews do).

Also :func:`score_seed_places`, the seed article's ``places`` section against place hits.
"""

from __future__ import annotations

import itertools
import math
import statistics
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputNotFoundError
from ..geo import distance_km
from .metrics import Measure, Report, Score

ACCURACY_KM = 161.0
MAX_ERROR_KM = 20039.0
SEED_KM = 25.0
NOT_TOPONYMS = frozenset({"Non_Toponym", "Literal_Expression", "Non_Lit_Expression"})
LITERAL_TYPES = frozenset({"Literal", "Literal_Modifier", "Mixed", "Embedded_Literal", "Coercion"})


@dataclass(frozen=True)
class GoldToponym:
    """One gold toponym: span into the article text, coordinates when known, GWN type."""

    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    type: str | None = None


@dataclass(frozen=True)
class GoldArticle:
    """One gold article of a corpus."""

    corpus: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    demonyms: bool


def _float(element: ElementTree.Element | None, path: str) -> float | None:
    if element is None:
        return None
    value = element.findtext(path)
    if value is None or not value.strip():
        return None
    return float(value)


def _anchor(text: str, name: str, start: int, end: int) -> tuple[int, int] | None:
    """The offsets of ``name`` at or within a few characters of ``start``."""
    if text[start:end] == name:
        return start, end
    for shift in (-1, 1, -2, 2, -3, 3):
        if text[start + shift : start + shift + len(name)] == name:
            return start + shift, start + shift + len(name)
    return None


def _read_lgl_style(path: Path, root: ElementTree.Element) -> Iterator[GoldArticle]:
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for toponym in article.iter("toponym"):
            start, end = int(toponym.findtext("start") or 0), int(toponym.findtext("end") or 0)
            phrase = toponym.findtext("phrase") or text[start:end]
            anchored = _anchor(text, phrase, start, end)
            if anchored is None:
                continue
            gaztag = toponym.find("gaztag")
            toponyms.append(
                GoldToponym(*anchored, phrase, _float(gaztag, "lat"), _float(gaztag, "lon"))
            )
        yield GoldArticle(path.stem, text, tuple(toponyms), demonyms=True)


def _read_geovirus_style(path: Path, root: ElementTree.Element) -> Iterator[GoldArticle]:
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for location in article.iter("location"):
            name = location.findtext("name") or ""
            start, end = int(location.findtext("start") or 1), int(location.findtext("end") or 1)
            anchored = _anchor(text, name, start - 1, end - 1)
            if anchored is None:
                continue
            toponyms.append(
                GoldToponym(*anchored, name, _float(location, "lat"), _float(location, "lon"))
            )
        yield GoldArticle(path.stem, text, tuple(toponyms), demonyms=False)


def _read_gwn(path: Path, root: ElementTree.Element) -> Iterator[GoldArticle]:
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for toponym in article.iter("toponym"):
            kind = toponym.findtext("type")
            if kind in NOT_TOPONYMS:
                continue
            start, end = int(toponym.findtext("start") or 0), int(toponym.findtext("end") or 0)
            name = toponym.findtext("extractedName") or text[start:end]
            anchored = _anchor(text, name, start, end)
            if anchored is None:
                continue
            lat, lon = _float(toponym, "latitude"), _float(toponym, "longitude")
            toponyms.append(GoldToponym(*anchored, name, lat, lon, kind))
        yield GoldArticle("GeoWebNews", text, tuple(toponyms), demonyms=True)


def read_corpora(data: Path) -> list[GoldArticle]:
    """Every gold article of the set folder ``data``, corpus by corpus.

    Raises:
        InputNotFoundError: The folder has no readable corpus file.
    """
    if not data.is_dir():
        raise InputNotFoundError(f"geoparsing set folder not found: {data}")
    articles: list[GoldArticle] = []
    for path in sorted(data.glob("*.xml")):
        root = ElementTree.parse(path).getroot()
        if path.name == "GWN.xml":
            articles += _read_gwn(path, root)
        elif root.find(".//toponyms") is not None:
            articles += _read_lgl_style(path, root)
        elif root.find(".//locations") is not None:
            articles += _read_geovirus_style(path, root)
    if not articles:
        raise InputNotFoundError(
            f"no geoparsing corpus (*.xml with <toponyms> or <locations>, or GWN.xml) in {data}"
        )
    return articles


def _sample(articles: list[GoldArticle], limit: int | None) -> list[GoldArticle]:
    """At most ``limit`` articles, spread evenly over the corpora (deterministic)."""
    if limit is None or limit >= len(articles):
        return articles
    corpora = sorted({article.corpus for article in articles})
    share = max(1, limit // len(corpora))
    chosen: list[GoldArticle] = []
    for corpus in corpora:
        members = [article for article in articles if article.corpus == corpus]
        step = max(1, len(members) // share)
        chosen += members[::step][:share]
    return chosen


class _Tally:
    """Counts of one corpus: both sections, overlap recognition, errors."""

    def __init__(self) -> None:
        self.recognition = Score()
        self.overlap = Score()
        self.resolution = Score()
        self.errors: list[float] = []
        self.by_type: dict[str, list[int]] = {"literal": [0, 0], "associative": [0, 0]}


def _score_article(article: GoldArticle, hits: list[Any], tally: _Tally, report: Report) -> None:
    predicted = [hit for hit in hits if article.demonyms or hit.match != "demonym"]
    spans = {(hit.start, hit.end) for hit in predicted}
    gold_spans = {(toponym.start, toponym.end) for toponym in article.toponyms}
    tally.recognition.tp += len(spans & gold_spans)
    tally.recognition.fp += len(spans - gold_spans)
    tally.recognition.fn += len(gold_spans - spans)
    for start, end in sorted(spans - gold_spans)[:3]:
        report.miss("recognition", f"{article.corpus} fp {article.text[start:end]!r}")
    for start, end in sorted(gold_spans - spans)[:3]:
        report.miss("recognition", f"{article.corpus} fn {article.text[start:end]!r}")
    overlapping = [
        hit
        for hit in predicted
        if any(t.start < hit.end and hit.start < t.end for t in article.toponyms)
    ]
    tally.overlap.tp += len({(t.start, t.end) for t in article.toponyms if _overlap(t, predicted)})
    tally.overlap.fp += len(predicted) - len(overlapping)
    tally.overlap.fn += sum(1 for t in article.toponyms if not _overlap(t, predicted))
    for toponym in article.toponyms:
        if toponym.lat is None or toponym.lon is None:
            continue
        group = "literal" if toponym.type in LITERAL_TYPES else "associative"
        hit = next((h for h in _overlap(toponym, predicted) if h.resolved), None)
        if hit is None:
            tally.resolution.fn += 1
            continue
        error = distance_km(toponym.lat, toponym.lon, hit.lat, hit.lon)
        tally.errors.append(error)
        if toponym.type:
            tally.by_type[group][1] += 1
            tally.by_type[group][0] += error <= ACCURACY_KM
        if error <= ACCURACY_KM:
            tally.resolution.tp += 1
        else:
            tally.resolution.fp += 1
            tally.resolution.fn += 1
            report.miss(
                "resolution",
                f"{article.corpus} {toponym.text!r} -> {hit.name} ({hit.country}) {error:.0f} km",
            )


def _overlap(toponym: GoldToponym, hits: list[Any]) -> list[Any]:
    return [hit for hit in hits if toponym.start < hit.end and hit.start < toponym.end]


def _accuracy(errors: list[float]) -> Score:
    """accuracy@161km as a score: tp within 161 km, fp = fn beyond (so P = R = F1 = accuracy)."""
    beyond = sum(1 for error in errors if error > ACCURACY_KM)
    return Score(tp=len(errors) - beyond, fp=beyond, fn=beyond)


def _error_auc(errors: list[float]) -> float:
    """Area under the curve of sorted log errors, scaled to [0, 1] (Gritta et al.; 0 is best).

    Each error is ``ln(1 + km) / ln(1 + 20039)``, half the Earth's circumference being the
    largest possible error; the area is the trapezoid rule over the sorted values.
    """
    scaled = sorted(math.log1p(error) / math.log1p(MAX_ERROR_KM) for error in errors)
    if len(scaled) == 1:
        return scaled[0]
    area = sum((a + b) / 2 for a, b in itertools.pairwise(scaled))
    return area / (len(scaled) - 1)


def _summary(tally: _Tally) -> dict[str, Any]:
    within = sum(1 for error in tally.errors if error <= ACCURACY_KM)
    found: dict[str, Any] = {
        "recognition_overlap_f1": round(tally.overlap.f1, 4),
        "accuracy_161km_on_recognized": round(within / len(tally.errors), 4)
        if tally.errors
        else None,
        "median_error_km": round(statistics.median(tally.errors), 1) if tally.errors else None,
        "resolved_toponyms": len(tally.errors),
    }
    typed = {
        group: round(counts[0] / counts[1], 4)
        for group, counts in tally.by_type.items()
        if counts[1]
    }
    if typed:
        found["accuracy_161km_by_type"] = typed
    return found


def run(data: Path | None, *, limit: int | None = None) -> Report:
    """Score the place component on the geoparsing set folder ``data``.

    Args:
        data: The set folder (LGL-style, GeoVirus-style corpora and GWN.xml).
        limit: Score at most this many articles, spread over the corpora.

    Returns:
        The report: sections and measures overall and per corpus, summaries in ``extra``.

    Raises:
        InputNotFoundError: ``data`` is missing or holds no corpus.
    """
    from ..components import keys, places
    from ..nlp.pipeline import load_model

    if data is None:
        raise InputNotFoundError("bench places needs the geoparsing set folder")
    started = time.perf_counter()
    articles = _sample(read_corpora(data), limit)
    nlp = load_model()
    nlp.add_pipe(keys.PLACES_FACTORY)
    report = Report(task="places", data=str(data), documents=len(articles))
    tallies: dict[str, _Tally] = {}
    docs = nlp.pipe((article.text for article in articles), batch_size=16)
    for article, doc in zip(articles, docs, strict=True):
        tally = tallies.setdefault(article.corpus, _Tally())
        _score_article(article, places.hits_of(doc), tally, report)
    overall = _Tally()
    for corpus, tally in sorted(tallies.items()):
        report.sections[f"recognition/{corpus}"] = tally.recognition
        report.sections[f"recognition_overlap/{corpus}"] = tally.overlap
        report.sections[f"resolution/{corpus}"] = tally.resolution
        report.extra[corpus] = _summary(tally)
        overall.recognition.add(tally.recognition)
        overall.overlap.add(tally.overlap)
        overall.resolution.add(tally.resolution)
        overall.errors += tally.errors
    report.sections["recognition"] = overall.recognition
    report.sections["recognition_overlap"] = overall.overlap
    report.sections["resolution"] = overall.resolution
    for corpus, tally in [*sorted(tallies.items()), ("", overall)]:
        suffix = f"/{corpus}" if corpus else ""
        report.sections[f"accuracy@161km{suffix}"] = _accuracy(tally.errors)
        if tally.errors:
            report.measures[f"median_error_km{suffix}"] = Measure(
                statistics.median(tally.errors), "km", lower_is_better=True
            )
            report.measures[f"error_auc{suffix}"] = Measure(
                _error_auc(tally.errors), lower_is_better=True
            )
    report.extra["overall"] = _summary(overall)
    report.extra["rules"] = (
        "recognition: exact span match; resolution: within 161 km of the gold point, "
        "scored on gold toponyms with coordinates; hits of every role count, demonyms not on "
        "GeoVirus"
    )
    if limit is not None:
        report.extra["sample"] = f"{len(articles)} articles spread evenly over the corpora"
    report.seconds = time.perf_counter() - started
    return report


def _seed_match(expected: dict[str, Any], hit: Any) -> bool:
    """Tell whether a resolved hit agrees with an expected place: name, country, point."""
    if not hit.resolved or (expected.get("country") and hit.country != expected["country"]):
        return False
    if expected.get("lat") is not None and expected.get("lon") is not None:
        return distance_km(expected["lat"], expected["lon"], hit.lat, hit.lon) <= SEED_KM
    canonical = str(expected.get("canonical", "")).lower()
    name = str(hit.name or "").lower()
    return bool(name) and (name in canonical or canonical.split(",")[0] in name)


def score_seed_places(
    expected_places: list[dict[str, Any]], hits: list[Any]
) -> tuple[Score, list[str]]:
    """Score place hits against the ``places`` section of a seed expected file.

    An expected place is found (tp) when a ``"location"`` hit whose text is one of its
    ``text`` forms agrees with it (country; point within 25 km when the file gives one, else
    the canonical name). A location hit on one of those texts that disagrees is a fp; a
    location hit on a text the file does not list is a fp too, unless it is a whole country
    or continent (the file does not list those).

    Args:
        expected_places: The ``places`` list of the expected JSON file.
        hits: Place hits (objects with the fields of ``PlaceHit``).

    Returns:
        The score and the misses, one description each.
    """
    score, misses = Score(), []
    locations = [hit for hit in hits if hit.role == "location"]
    listed = {form for place in expected_places for form in place["text"]}
    for place in expected_places:
        mine = [hit for hit in locations if hit.text in place["text"]]
        if any(_seed_match(place, hit) for hit in mine):
            score.tp += 1
        else:
            score.fn += 1
            got = ", ".join(f"{hit.name} ({hit.country})" for hit in mine) or "nothing"
            misses.append(f"fn {place['canonical']}: got {got}")
        for hit in mine:
            if not _seed_match(place, hit):
                score.fp += 1
                misses.append(f"fp {hit.text!r} -> {hit.name} ({hit.country})")
    for hit in locations:
        if hit.text not in listed and hit.kind not in {"country", "continent"}:
            score.fp += 1
            misses.append(f"fp {hit.text!r} -> {hit.name} ({hit.country}), not expected")
    return score, misses
