"""``claimwire bench claims``: quotes and speakers on GenderGapTracker's gold set; seed claims.

The set folder holds ``*.jsonl`` files (one article per line with its ``quotations``) and,
optionally, ``rawtext/<id>.txt`` (the text the quotes were annotated on; preferred over the
line's ``text`` when present). The gold offsets are unreliable, so every gold quote is
re-anchored by searching its text in the article (the occurrence nearest the gold offset).

Scoring follows GenderGapTracker's own evaluation: a predicted quote matches a gold quote
when their character spans overlap by at least a threshold share of the gold span (0.3 and
0.8 are reported), one to one; the verb is right on case-insensitive equality. Predictions
are all claims except the outlet's own, partial quotes nested in another claim, and beliefs
(cues such as "believes", "thinks": GGT annotates speech only).

Two choices differ from a plain reading of the gold, both stated in the report:

- GGT cuts one attribution around its cue into pieces that share one speaker mention and
  one verb (``"The drugs have a limited use, he says, and are meant ..."`` is two gold
  quotes with the same ``speaker_index`` and ``verb_index``). Such pieces are joined into
  one gold quote with a discontinuous span (PolNeAR does the same with its ``Content2``);
  the overlap is then measured against the pieces only. ``extra`` keeps the number of gold
  pieces and of joined quotes.
- The speaker is scored on *who* speaks, not on where the speaker is written: a matched
  quote's speaker is right when the predicted claimant names the gold ``reference`` (the
  resolved full name) or the gold ``speaker`` string when that is a name or a description
  (not a pronoun). This is stricter than GGT's span overlap, which credits "he said"
  without resolving "he" and cannot credit the quotes whose speaker is not in the
  sentence; ``extra["speaker_accuracy_by_gold"]`` splits the accuracy by kind of gold
  speaker (name, pronoun, none), and ``extra["speaker_accuracy_reference_only"]`` is the
  stricter share whose claimant names the resolved ``reference`` itself (an unresolved
  "the agency" matching the gold surface "The agency" does not count there). Section
  ``speaker`` counts a wrong speaker as both a false positive and a false negative, so
  its precision, recall and F1 all equal the accuracy (a floor can be committed on it);
  ``quotes+speaker@0.3`` counts a quote right only with its speaker right, over all
  predictions and all gold quotes.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from spacy.language import Language

from ..components import keys
from ..components.claims import (
    QUOTE_MARKS,
    Claimant,
    ClaimHit,
    cue_forms,
    cues,
    government_aliases,
    hits_of,
)
from ..errors import InputNotFoundError
from ..models import Result
from .metrics import Report

THRESHOLDS = (0.3, 0.8)
PUBLISHED = {"quote_f1": 0.837, "speaker_accuracy": 0.865}
"""GenderGapTracker's published scores on this set (Asr et al. 2021)."""


PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "him", "her", "them", "you"})


@dataclass(frozen=True)
class GoldQuote:
    """A gold quote re-anchored in the article text.

    ``pieces`` are the (start, end) spans of a quote GGT cut into pieces around its cue;
    empty for a quote in one piece (then ``start``/``end`` is the span).
    """

    start: int
    end: int
    speaker: str
    reference: str
    verb: str
    pieces: tuple[tuple[int, int], ...] = ()

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The character spans of the quote (one, or its pieces)."""
        return self.pieces or ((self.start, self.end),)


@dataclass(frozen=True)
class Article:
    """One article of the set, its text and gold quotes (None when not found in the text)."""

    id: str
    text: str
    quotes: tuple[GoldQuote | None, ...]


def run(data: Path | None, *, limit: int | None = None) -> Report:
    """Score claims on a GenderGapTracker-like folder.

    Args:
        data: The set folder (``*.jsonl`` and optionally ``rawtext/*.txt``).
        limit: Score only the first ``limit`` articles (in file order).

    Returns:
        Sections ``quotes@0.3``, ``quotes@0.8``, ``quotes+speaker@0.3``, ``speaker`` and
        ``verb`` (for the last two, precision, recall and F1 are the accuracy over the
        quotes matched at 0.3; the verb over those whose gold names a verb).

    Raises:
        InputNotFoundError: The folder has no ``*.jsonl`` file with articles.
    """
    started = time.perf_counter()
    from . import default_eval_root

    folder = Path(data) if data is not None else default_eval_root() / "ggt_quotes"
    articles = list(read_articles(folder))
    if limit is not None:
        articles = articles[:limit]
    if not articles:
        raise InputNotFoundError(
            f"no articles in {folder}: expected *.jsonl files with one article per line "
            "(id, text, quotations), as in ../shared/eval/ggt_quotes"
        )
    nlp = claims_pipeline()
    report = Report(task="claims", data=str(folder), documents=len(articles))
    docs = nlp.pipe((article.text for article in articles), batch_size=8)
    for article, doc in zip(articles, docs, strict=True):
        score_article(article, quote_predictions(hits_of(doc), article.text), report)
    report.extra["unanchored_gold_quotes"] = report.extra.get("unanchored_gold_quotes", 0)
    report.extra["speaker_accuracy"] = round(report.section("speaker").precision, 4)
    right, total = report.extra.pop("_resolved", [0, 0])
    report.extra["speaker_accuracy_reference_only"] = round(right / total, 4) if total else 0.0
    report.extra["speaker_accuracy_by_gold"] = {
        kind: f"{right}/{total} = {right / total:.3f}" if total else "0/0"
        for kind, (right, total) in sorted(report.extra.pop("_by_gold", {}).items())
    }
    report.extra["published_ggt"] = PUBLISHED
    report.seconds = time.perf_counter() - started
    return report


@lru_cache(maxsize=1)
def claims_pipeline() -> Language:
    """The English pipeline with what claims need: line breaks, numbers, claims (loaded once).

    A private copy, lighter than the full claimwire pipeline (figures, places and events
    do not change claims; numbers only the outlet's own, which the benches do not score).
    """
    from ..components import claims, lines, numbers  # noqa: F401  (registers the factories)
    from ..nlp.pipeline import load_model

    nlp = load_model()
    nlp.add_pipe(keys.LINES_FACTORY, before="parser")
    nlp.add_pipe(keys.NUMBERS_FACTORY)
    nlp.add_pipe(keys.CLAIMS_FACTORY)
    return nlp


def read_articles(folder: Path) -> Iterator[Article]:
    """The articles of every ``*.jsonl`` file of ``folder``, gold quotes re-anchored."""
    if not folder.is_dir():
        raise InputNotFoundError(f"{folder} is not a folder with a claims-quotes set")
    raw = {path.stem: path for path in folder.glob("rawtext/*.txt")}
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                record = json.loads(line)
                key = str(record.get("id", ""))
                text = (
                    raw[key].read_text(encoding="utf-8") if key in raw else record.get("text", "")
                )
                if not text:
                    continue
                quotations = record.get("quotations", [])
                quotes = tuple(anchor(text, q) for q in quotations)
                yield Article(key, text, join_pieces(quotations, quotes))


def join_pieces(
    quotations: list[dict[str, Any]], quotes: tuple[GoldQuote | None, ...]
) -> tuple[GoldQuote | None, ...]:
    """Join the gold quotes that share one speaker mention and one verb into one quote.

    GGT annotates ``"A, he says, B"`` as two quotes A and B with the same ``speaker_index``
    and ``verb_index``; they are one attribution, scored as one quote made of two pieces.
    Unanchored pieces stay None (missed).
    """
    groups: dict[tuple[str, str], list[GoldQuote]] = {}
    keys: list[tuple[str, str] | None] = []
    for quotation, quote in zip(quotations, quotes, strict=True):
        speaker, verb = (
            str(quotation.get("speaker_index", "")),
            str(quotation.get("verb_index", "")),
        )
        key = (speaker, verb) if quote is not None and speaker and verb else None
        keys.append(key)
        if key is not None and quote is not None:
            groups.setdefault(key, []).append(quote)
    joined: list[GoldQuote | None] = []
    seen: set[tuple[str, str]] = set()
    for key, quote in zip(keys, quotes, strict=True):
        if key is None or len(groups[key]) == 1:
            joined.append(quote)
            continue
        if key in seen:
            continue
        seen.add(key)
        pieces = sorted({span for piece in groups[key] for span in piece.spans})
        first = min(groups[key], key=lambda piece: piece.start)
        joined.append(
            GoldQuote(
                pieces[0][0],
                max(end for _, end in pieces),
                first.speaker,
                first.reference,
                first.verb,
                tuple(pieces),
            )
        )
    return tuple(joined)


def anchor(text: str, quotation: dict[str, Any]) -> GoldQuote | None:
    """Find a gold quotation in ``text``: the occurrence nearest its (rough) gold offset."""
    quote = str(quotation.get("quote", "")).strip()
    if not quote:
        return None
    rough = _rough_start(str(quotation.get("quote_index", "")))
    pattern = r"\s+".join(re.escape(part) for part in quote.split())
    matches = [m.span() for m in re.finditer(pattern, text)]
    if not matches:
        inner = quote.strip("".join(QUOTE_MARKS) + " ,.")
        if not inner:
            return None
        pattern = r"\s+".join(re.escape(part) for part in inner.split())
        matches = [m.span() for m in re.finditer(pattern, text)]
    if not matches:
        return None
    start, end = min(matches, key=lambda span: abs(span[0] - rough))
    return GoldQuote(
        start,
        end,
        str(quotation.get("speaker", "")),
        str(quotation.get("reference", "")),
        str(quotation.get("verb", "")),
    )


def _rough_start(index: str) -> int:
    match = re.match(r"\((\d+),", index)
    return int(match.group(1)) if match else 0


def predictions(hits: list[ClaimHit] | None) -> list[ClaimHit]:
    """The claims scored against attributed claims: not the outlet's, not nested ones."""
    return [hit for hit in hits or [] if hit.form != "outlet" and hit.parent is None]


def quote_predictions(hits: list[ClaimHit] | None, text: str) -> list[ClaimHit]:
    """The claims scored as quotes: :func:`predictions` minus beliefs ("X believes ...").

    GenderGapTracker annotates what people say, not what they are said to think, nor
    what nobody is said to say (a passive hedge, "reportedly": no speaker, no cue).
    """
    beliefs = cues().belief_verbs
    forms = cue_forms()
    return [
        hit
        for hit in predictions(hits)
        if not (hit.form == "reported" and hit.cue_start is None and hit.speaker_start is None)
        and (
            hit.cue_start is None
            or forms.get(text[hit.cue_start : hit.cue_end].lower()) not in beliefs
        )
    ]


def score_article(article: Article, hits: list[ClaimHit], report: Report) -> None:
    """Add one article's quote, speaker and verb counts to ``report``."""
    text = article.text
    gold = [q for q in article.quotes if q is not None]
    missing = len(article.quotes) - len(gold)
    report.extra["unanchored_gold_quotes"] = report.extra.get("unanchored_gold_quotes", 0) + missing
    report.extra["gold_quotes_joined"] = report.extra.get("gold_quotes_joined", 0) + sum(
        len(quote.pieces) - 1 for quote in gold if quote.pieces
    )
    spans = [_with_marks(text, hit.start, hit.end) for hit in hits]
    for threshold in THRESHOLDS:
        section = report.section(f"quotes@{threshold}")
        pairs = match_quotes(gold, spans, threshold)
        section.tp += len(pairs)
        section.fn += len(gold) - len(pairs) + missing
        section.fp += len(hits) - len(pairs)
        if threshold != THRESHOLDS[0]:
            continue
        matched_gold = {g for g, _ in pairs}
        matched_pred = {p for _, p in pairs}
        for g, quote in enumerate(gold):
            if g not in matched_gold:
                report.miss("quotes (fn)", f"{article.id}: {_clip(text[quote.start : quote.end])}")
        for p, hit in enumerate(hits):
            if p not in matched_pred:
                report.miss(
                    "quotes (fp)", f"{article.id}: {hit.form} {_clip(text[hit.start : hit.end])}"
                )
        right = sum(_score_speaker(article, gold[g], hits[p], report) for g, p in pairs)
        both = report.section(f"quotes+speaker@{threshold}")
        both.tp += right
        both.fp += len(hits) - right
        both.fn += len(article.quotes) - right


def _score_speaker(article: Article, gold: GoldQuote, hit: ClaimHit, report: Report) -> bool:
    """Count one matched quote's speaker and verb; whether the speaker is right."""
    speaker = report.section("speaker")
    surface = gold.speaker.strip().lower()
    kind = "none" if not surface else "pronoun" if surface in PRONOUNS else "name"
    by_gold = report.extra.setdefault("_by_gold", {})
    right_count, total = by_gold.get(kind, (0, 0))
    right = speaker_matches(hit.claimant, gold.reference, gold.speaker)
    by_gold[kind] = (right_count + right, total + 1)
    resolved = report.extra.setdefault("_resolved", [0, 0])
    resolved[0] += speaker_matches(hit.claimant, gold.reference)
    resolved[1] += 1
    if right:
        speaker.tp += 1
    else:
        speaker.fp += 1
        speaker.fn += 1
        report.miss(
            "speaker",
            f"{article.id}: gold {gold.reference!r} ({gold.speaker!r}), got "
            f"{hit.claimant.name!r} [{hit.claimant.type}] for "
            f"{_clip(article.text[hit.start : hit.end], 50)}",
        )
    if gold.verb:
        verb = report.section("verb")
        cue = article.text[hit.cue_start : hit.cue_end] if hit.cue_start is not None else ""
        if cue.lower() == gold.verb.lower():
            verb.tp += 1
        else:  # as for the speaker: F1 = accuracy
            verb.fp += 1
            verb.fn += 1
    return right


def _with_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """A quote's span with its quote marks (gold spans include them when selected)."""
    if start > 0 and text[start - 1] in QUOTE_MARKS:
        start -= 1
    if (
        end < len(text)
        and text[end] in ",."
        and end + 1 < len(text)
        and text[end + 1] in QUOTE_MARKS
    ):
        end += 1
    if end < len(text) and text[end] in QUOTE_MARKS:
        end += 1
    return start, end


def match_quotes(
    gold: list[GoldQuote], spans: list[tuple[int, int]], threshold: float
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, prediction index) covering ``threshold`` of the gold."""
    candidates = []
    for g, quote in enumerate(gold):
        length = max(sum(end - start for start, end in quote.spans), 1)
        for p, (start, end) in enumerate(spans):
            overlap = sum(max(0, min(end, e) - max(start, s)) for s, e in quote.spans)
            if overlap > 0 and overlap / length >= threshold:
                candidates.append((overlap / length, g, p))
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, g, p in sorted(candidates, reverse=True):
        if g in used_gold or p in used_pred:
            continue
        used_gold.add(g)
        used_pred.add(p)
        pairs.append((g, p))
    return pairs


def speaker_matches(claimant: Claimant, reference: str, surface: str = "") -> bool:
    """Whether ``claimant`` is the gold speaker (full ``reference`` or ``surface`` string).

    An acronym names its organization ("IRCC", "Immigration, Refugees and Citizenship
    Canada").
    """
    name = claimant.name.lower()
    for gold in (reference, surface):
        if _acronym_of(claimant.name, gold) or _acronym_of(gold, claimant.name):
            return True
        gold = gold.strip().lower()
        if not gold or gold in PRONOUNS:
            continue
        if name == gold:
            return True
        if claimant.type == "person" and _same_person(name, gold):
            return True
        if claimant.type != "person" and fuzz.token_set_ratio(name, gold) >= 85:
            return True
    return False


def _acronym_of(short: str, name: str) -> bool:
    short = short.strip().replace(".", "")
    if len(short) < 2 or not short.isupper() or not short.isalpha():
        return False
    initials = "".join(word[0] for word in re.findall(r"[A-Za-z]+", name) if word[0].isupper())
    return initials == short


def _same_person(one: str, other: str) -> bool:
    a, b = one.replace("’s", "").replace("'s", "").split(), other.split()
    if not a or not b:
        return False
    if fuzz.ratio(a[-1], b[-1]) < 85:
        return False
    shorter, longer = sorted((a, b), key=len)
    if longer[len(longer) - len(shorter) :] == shorter:
        return True
    return len(a) == 1 or len(b) == 1 or a[0][0] == b[0][0]


def _clip(text: str, size: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


# --------------------------------------------------------------------------- seed


SEED_FORMS = {
    "direct": {"direct"},
    "indirect": {"indirect", "reported", "according_to"},
    "reported": {"reported"},
}


def score_seed_claims(
    expected_claims: list[dict[str, Any]],
    hits: list[ClaimHit],
    text: str,
    *,
    report: Report | None = None,
) -> Report:
    """Score claims against the seed's expected ``claims`` (line + claimant + form + hedge).

    A claim matches an expected one when its content or cue starts on the expected line,
    its claimant names the expected ``source`` (governments through their capitals and
    country names, people by surname, spelled alike), its form fits the expected ``kind``
    (``according to`` cues must be ``according_to``; ``indirect with a partial direct
    quote`` may be ``indirect`` or ``partial``) and, where the expected item says so, its
    hedge (``If true`` -> conditional; a ``claimed`` cue -> claimed or stronger). The
    outlet's own claims and partial quotes nested in a claim are not scored. Expected
    ``contradicts`` links are scored in section ``claim_contradictions``.

    Args:
        expected_claims: The ``claims`` list of the expected file.
        hits: The claims of the seed article (``claims.hits_of``).
        text: The seed article text the hits index.
        report: A report to add the sections to (a new one when None).

    Returns:
        The report with sections ``claims`` and ``claim_contradictions``.
    """
    report = report or Report(task="seed-claims", data="seed")
    scored = predictions(hits)
    section = report.section("claims")
    matched: dict[str, ClaimHit] = {}
    used: set[str] = set()
    for expected in expected_claims:
        hit = next((h for h in scored if h.id not in used and _seed_match(expected, h, text)), None)
        if hit is None:
            section.fn += 1
            report.miss(
                "claims", f"missed {expected['id']} line {expected['line']}: {expected['source']}"
            )
            continue
        used.add(hit.id)
        matched[expected["id"]] = hit
        section.tp += 1
    for hit in scored:
        if hit.id not in used:
            section.fp += 1
            report.miss(
                "claims",
                f"spurious {hit.id} line {_line(text, hit.start)}: {hit.claimant.name} {hit.form}",
            )
    _score_seed_contradictions(expected_claims, hits, matched, report)
    return report


def hits_from_result(result: Result) -> list[ClaimHit]:
    """The claims of an extraction result as hits, for :func:`score_seed_claims`."""
    hits = []
    for claim in result.claims:
        who = claim.claimant
        claimant = Claimant(
            who.name,
            who.type,
            who.role,
            who.affiliation,
            who.side,
            tuple((span.start, span.end) for span in who.mentions),
        )
        cue = claim.cue
        hits.append(
            ClaimHit(
                claim.id,
                claim.content.start,
                claim.content.end,
                cue.start if cue is not None else None,
                cue.end if cue is not None else None,
                claim.form,
                claim.hedge,
                claimant,
                tuple(claim.contradicts),
                parent=claim.parent,
            )
        )
    return hits


def _score_seed_contradictions(
    expected_claims: list[dict[str, Any]],
    hits: list[ClaimHit],
    matched: dict[str, ClaimHit],
    report: Report,
) -> None:
    section = report.section("claim_contradictions")
    expected_pairs = set()
    for expected in expected_claims:
        other = expected.get("contradicts")
        if other:
            expected_pairs.add(frozenset((expected["id"], other)))
    found_pairs = {frozenset((hit.id, other)) for hit in hits for other in hit.contradicts}
    by_hit = {hit.id: key for key, hit in matched.items()}
    for pair in expected_pairs:
        one, other = sorted(pair)
        if (
            one in matched
            and other in matched
            and frozenset((matched[one].id, matched[other].id)) in found_pairs
        ):
            section.tp += 1
        else:
            section.fn += 1
            report.miss("claim_contradictions", f"missed {one} <-> {other}")
    for pair in found_pairs:
        keys = frozenset(by_hit.get(h, h) for h in pair)
        if keys not in expected_pairs:
            section.fp += 1
            report.miss("claim_contradictions", f"spurious {' <-> '.join(sorted(pair))}")


def _seed_match(expected: dict[str, Any], hit: ClaimHit, text: str) -> bool:
    lines = {_line(text, hit.start)}
    if hit.cue_start is not None:
        lines.add(_line(text, hit.cue_start))
    if expected["line"] not in lines:
        return False
    if not claimant_named(str(expected["source"]), hit.claimant):
        return False
    kind = str(expected.get("kind", "indirect"))
    cue = str(expected.get("cue", "")).lower()
    if cue == "according to":
        forms = {"according_to"}
    elif "partial" in kind:
        forms = {"indirect", "partial"}
    else:
        forms = SEED_FORMS.get(kind, {"indirect"})
    if hit.form not in forms:
        return False
    hedge = str(expected.get("hedge", "")).lower()
    if "if true" in hedge and hit.hedge != "conditional":
        return False
    return not (cue.startswith("claim") and hit.hedge in ("asserted", "reported"))


def claimant_named(source: str, claimant: Claimant) -> bool:
    """Whether ``claimant`` is the one an expected ``source`` description names.

    The description's head (before a parenthesis or comma) is read as a government alias
    ("Kyiv", "Ukraine"), else word by word: proper names by fuzzy match (two spellings),
    other words literally; titles are skipped.
    """
    head = re.split(r"\s*[(,]", source.strip())[0].strip().strip("'\"")
    alias = government_aliases().get(head.lower().removeprefix("the "))
    if alias is not None:
        return claimant.name == alias[0]
    name_words = [_bare(w) for w in claimant.name.lower().split()]
    roles = cues().role_nouns
    for word in head.split():
        bare = _bare(word.lower())
        if not bare or bare in roles:
            continue
        if word[:1].isupper():
            if not any(fuzz.ratio(bare, other) >= 85 for other in name_words):
                return False
        elif bare not in name_words:
            return False
    return True


def _bare(word: str) -> str:
    for suffix in ("'s", "’s"):
        word = word.removesuffix(suffix)
    return word.strip(".,;:'\"")


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
