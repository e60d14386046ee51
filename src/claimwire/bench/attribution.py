"""``claimwire bench attribution``: source, cue and content of attributions (PolNeAR).

The set folder holds ``*/text/*.txt`` articles and ``*/attributions/*.ann`` brat files
named ``<text name>_<annotator>.ann``; an article annotated by several annotators is scored
against the first file in sorted order. Each ``E`` record is one gold attribution linking
``Source`` (absent for ``Attribution-no-source``), ``Cue`` and ``Content`` (plus an
optional ``Content2``) spans, possibly discontinuous.

Scoring is PARC-style: predicted and gold attributions are aligned one to one by the
overlap of their content spans; then each role (content, cue, source) is scored under
partial match (the spans overlap) and exact match (the same characters, ignoring
surrounding spaces, punctuation and quote marks). ``speaker`` is the share of aligned
attributions whose source overlaps the gold source (a wrong source counts as a false
positive and a false negative, so the section's F1 is that accuracy and can be a floor).
Predictions are every claim except the outlet's own and partial quotes nested in another
claim; PolNeAR annotates beliefs and indirect speech too. The set is large: unless
``limit`` is given, a deterministic sample of :data:`DEFAULT_SAMPLE` articles (every n-th
in name order) is scored.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..components.claims import ClaimHit, hits_of
from ..errors import InputNotFoundError
from .claims import claims_pipeline, predictions
from .metrics import Report

DEFAULT_SAMPLE = 100
ROLES = ("content", "cue", "source")
RECORD_START = re.compile(r"^(?:[TEARMN]\d+|#\d+)\t")
TRIM = " \t\n.,;:\"'“”‘’«»()"

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Attribution:
    """One gold attribution: its role spans as lists of (start, end) fragments."""

    content: Fragments
    cue: Fragments
    source: Fragments = ()


@dataclass(frozen=True)
class Article:
    """A PolNeAR article with its gold attributions."""

    name: str
    text: str
    attributions: tuple[Attribution, ...] = field(default_factory=tuple)


def run(data: Path | None, *, limit: int | None = None) -> Report:
    """Score attributions on a PolNeAR-like folder.

    Args:
        data: The set folder (``*/text/*.txt`` and ``*/attributions/*.ann``).
        limit: Score the first ``limit`` articles in name order; when None, a
            deterministic sample of :data:`DEFAULT_SAMPLE` articles.

    Returns:
        Sections ``<role> (partial)`` and ``<role> (exact)`` for content, cue and source,
        and ``speaker`` (precision = source right among aligned attributions).

    Raises:
        InputNotFoundError: The folder has no annotated articles.
    """
    started = time.perf_counter()
    from . import default_eval_root

    folder = Path(data) if data is not None else default_eval_root() / "polnear"
    pairs = annotated_texts(folder)
    if not pairs:
        raise InputNotFoundError(
            f"no annotated articles in {folder}: expected */text/*.txt with "
            "*/attributions/<name>_<annotator>.ann, as in ../shared/eval/polnear"
        )
    if limit is not None:
        chosen = pairs[:limit]
    else:
        step = max(1, len(pairs) // DEFAULT_SAMPLE)
        chosen = pairs[::step][:DEFAULT_SAMPLE]
    articles = [read_article(text, ann) for text, ann in chosen]
    report = Report(task="attribution", data=str(folder), documents=len(articles))
    report.extra["articles_available"] = len(pairs)
    if limit is None and len(chosen) < len(pairs):
        report.extra["sample"] = f"every {step}th of {len(pairs)} articles in name order"
    nlp = claims_pipeline()
    docs = nlp.pipe((article.text for article in articles), batch_size=8)
    for article, doc in zip(articles, docs, strict=True):
        score_article(article, predictions(hits_of(doc)), report)
    report.extra["speaker_accuracy"] = round(report.section("speaker").precision, 4)
    report.seconds = time.perf_counter() - started
    return report


def annotated_texts(folder: Path) -> list[tuple[Path, Path]]:
    """(text, first annotation file) of every annotated article, in name order."""
    if not folder.is_dir():
        raise InputNotFoundError(f"{folder} is not a folder with an attribution set")
    annotations: dict[tuple[Path, str], list[Path]] = {}
    for ann in folder.glob("*/attributions/*.ann"):
        name = ann.stem.rsplit("_", 1)[0]
        annotations.setdefault((ann.parent.parent, name), []).append(ann)
    found = []
    for text in sorted(folder.glob("*/text/*.txt"), key=lambda p: (p.stem, str(p))):
        files = annotations.get((text.parent.parent, text.stem))
        if files:
            found.append((text, sorted(files)[0]))
    return found


def read_article(text_path: Path, ann_path: Path) -> Article:
    """An article and its gold attributions from a brat ``.ann`` file."""
    text = text_path.read_text(encoding="utf-8")
    spans: dict[str, Fragments] = {}
    events: list[dict[str, str]] = []
    for record in _records(ann_path.read_text(encoding="utf-8")):
        key, _, rest = record.partition("\t")
        if key.startswith("T"):
            kind_and_offsets = rest.split("\t", 1)[0]
            _, _, offsets = kind_and_offsets.partition(" ")
            spans[key] = tuple(
                (int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))
            )
        elif key.startswith("E"):
            roles = dict(arg.split(":", 1) for arg in rest.split() if ":" in arg)
            events.append(roles)
    attributions = []
    for roles in events:
        content = spans.get(roles.get("Content", ""), ()) + spans.get(roles.get("Content2", ""), ())
        if not content:
            continue
        attributions.append(
            Attribution(
                content=content,
                cue=spans.get(roles.get("Cue", ""), ()),
                source=spans.get(roles.get("Source", ""), ()),
            )
        )
    return Article(text_path.stem, text, tuple(attributions))


def _records(content: str) -> Iterator[str]:
    """Brat records, with span texts that run over line breaks joined back."""
    record = ""
    for line in content.split("\n"):
        if RECORD_START.match(line) or not record:
            if record:
                yield record
            record = line
        else:
            record += "\n" + line
    if record:
        yield record


def predicted(hit: ClaimHit) -> Attribution:
    """The role spans of a claim."""
    cue = ((hit.cue_start, hit.cue_end),) if hit.cue_start is not None else ()
    source = ((hit.speaker_start, hit.speaker_end),) if hit.speaker_start is not None else ()
    return Attribution(((hit.start, hit.end),), cue, source)  # type: ignore[arg-type]


def score_article(article: Article, hits: list[ClaimHit], report: Report) -> None:
    """Align one article's claims with its gold attributions and count each role."""
    preds = [predicted(hit) for hit in hits]
    gold = list(article.attributions)
    pairs = align(gold, preds)
    for role in ROLES:
        for mode in ("partial", "exact"):
            section = report.section(f"{role} ({mode})")
            right = sum(
                1
                for g, p in pairs
                if _matches(article.text, getattr(gold[g], role), getattr(preds[p], role), mode)
            )
            section.tp += right
            section.fp += sum(1 for p in preds if getattr(p, role)) - right
            section.fn += sum(1 for g in gold if getattr(g, role)) - right
    speaker = report.section("speaker")
    for g, p in pairs:
        if not gold[g].source:
            continue
        if _matches(article.text, gold[g].source, preds[p].source, "partial"):
            speaker.tp += 1
        else:  # wrong counts as fp and fn: precision = recall = F1 = accuracy
            speaker.fp += 1
            speaker.fn += 1
    aligned = {g for g, _ in pairs}
    for g, attribution in enumerate(gold):
        if g not in aligned:
            start, end = attribution.content[0]
            report.miss("content", f"{article.name}: {_clip(article.text[start:end])}")


def align(gold: list[Attribution], preds: list[Attribution]) -> list[tuple[int, int]]:
    """One-to-one (gold, prediction) pairs by content overlap, largest overlaps first."""
    candidates = []
    for g, attribution in enumerate(gold):
        for p, prediction in enumerate(preds):
            overlap = _overlap(attribution.content, prediction.content)
            if overlap > 0:
                candidates.append((overlap, g, p))
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, g, p in sorted(candidates, reverse=True):
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return pairs


def _overlap(one: Fragments, other: Fragments) -> int:
    return sum(max(0, min(b, d) - max(a, c)) for a, b in one for c, d in other)


def _matches(text: str, gold: Fragments, pred: Fragments, mode: str) -> bool:
    if not gold or not pred:
        return False
    if mode == "partial":
        return _overlap(gold, pred) > 0
    return _trimmed(text, gold) == _trimmed(text, pred)


def _trimmed(text: str, fragments: Fragments) -> str:
    return " ".join(text[a:b] for a, b in fragments).strip(TRIM)


def _clip(text: str, size: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"
