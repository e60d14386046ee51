"""``claimwire_numbers_v1``: every number of an article, parsed, with its qualifier.

Counts written in digits ("1,432"), with a stray space after the thousands comma, as
news copy often has ("12, 500"), in words ("two hundred and fifty", "a dozen"), with a
scale ("1.5 million", "5bn"), vague ("hundreds", "tens of thousands"), qualified ("about",
"at least", "up to"), as ranges ("10-15", "between 10 and 15") and as percentages
("70%", "70 per cent"). Years, days of the month, clock times and model designations
("T-72", "F-16s") are not numbers here; ordinals ("18th") are kept and flagged.

The grammar works on token texts only (:func:`parse_number` uses it on a bare string);
:func:`find_numbers` adds the context checks that need the document (dates, clock times,
"one of the bloodiest"). Word lists live in ``resources/numbers.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import MissingComponentError
from ..resource import load_resource
from . import keys
from ._base import doc_text

SPAN_KEY = "claimwire.numbers"
DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
THREE_DIGITS = re.compile(r"^\d{3}$")
SCALED = re.compile(r"^(\d+(?:\.\d+)?)(bn|mn)$")
ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
PHONE_CHARS = frozenset("0123456789 -()+")
CURRENCY = frozenset({"$", "£", "€", "¥", "₴", "₽", "us$"})


@dataclass(frozen=True)
class NumberValue:
    """A parsed number: a value or bounds, and how it was written."""

    value: float | None
    lower: float | None = None
    upper: float | None = None
    approx: bool = False
    qualifier: str | None = None
    unit: str = "count"
    ordinal: bool = False
    vague: bool = False
    text: str = ""
    start: int = 0
    end: int = 0


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The word lists of ``resources/numbers.json``, loaded once (lists as frozensets)."""
    data = load_resource("numbers.json")
    for key in ("months", "year_cues", "clock_words", "not_a_count_before_one"):
        data[key] = frozenset(data[key])
    return data


@lru_cache(maxsize=16)
def _phrases(key: str) -> list[tuple[str, ...]]:
    """Entries of a lexicon mapping or list as token tuples, longest first."""
    return sorted((tuple(entry.split()) for entry in lexicon()[key]), key=len, reverse=True)


def _starts_with(words: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    return tuple(words[i : i + len(phrase)]) == phrase


def _digits(words: list[str], spaces: list[str], i: int) -> tuple[int, float] | None:
    """A number in digits at ``i``: (end token, value); joins "12, 500" and a scale word."""
    if i >= len(words):
        return None
    word = words[i]
    scaled = SCALED.match(word)
    if scaled:
        factor = 1e9 if scaled.group(2) == "bn" else 1e6
        return i + 1, float(scaled.group(1)) * factor
    if not DIGITS.match(word):
        return None
    end, text = i + 1, word
    after_month = i > 0 and words[i - 1].rstrip(".") in lexicon()["months"]
    # "12, 500": a stray space after a thousands comma (never after a 4-digit year, nor
    # after a day of the month: "Since February 24, 500 children").
    while (
        not after_month
        and "." not in text
        and len(text.split(",")[0]) <= 3
        and end + 1 < len(words)
        and words[end] == ","
        and spaces[end - 1] == ""
        and spaces[end] == " "
        and THREE_DIGITS.match(words[end + 1])
    ):
        text, end = f"{text},{words[end + 1]}", end + 2
    value = float(text.replace(",", ""))
    scales = lexicon()["scales"]
    if end < len(words) and words[end] in scales and words[end] != "hundred":
        value, end = value * scales[words[end]], end + 1
    return end, value


def _words(words: list[str], i: int) -> tuple[int, float] | None:
    """A number in words at ``i`` ("two hundred and fifty", "a dozen"): (end, value)."""
    units, tens, scales = lexicon()["units"], lexicon()["tens"], lexicon()["scales"]
    j, total, current, seen = i, 0.0, 0.0, False
    if j + 1 < len(words) and words[j] in ("a", "an") and words[j + 1] in (*scales, "dozen"):
        current, seen, j = 1.0, True, j + 1
    while j < len(words):
        word = words[j]
        if word in units or word in tens:
            current += units.get(word, 0) + tens.get(word, 0)
        elif word in scales and seen:
            if scales[word] == 100:
                current = (current or 1) * 100
            else:
                total, current = total + (current or 1) * scales[word], 0.0
        elif word == "dozen" and seen:
            current = (current or 1) * lexicon()["dozen"]
        elif word in ("-", "and") and seen and j + 1 < len(words):
            following = words[j + 1]
            if not (following in units or following in tens):
                break
        else:
            break
        seen, j = True, j + 1
    if not seen or j == i:
        return None
    return j, total + current


def _vague(words: list[str], i: int) -> tuple[int, float, float | None] | None:
    """A vague quantity at ``i`` ("hundreds", "tens of thousands"): (end, lower, upper)."""
    for phrase in _phrases("vague"):
        if _starts_with(words, i, phrase):
            entry = lexicon()["vague"][" ".join(phrase)]
            end = i + len(phrase)
            if entry.get("needs_of") and (end >= len(words) or words[end] != "of"):
                return None
            upper = entry["upper"]
            return end, float(entry["lower"]), None if upper is None else float(upper)
    return None


def _core(words: list[str], spaces: list[str], i: int) -> tuple[int, NumberValue] | None:
    """The number itself at ``i``, without qualifier, range or unit."""
    if i < len(words) and ORDINAL.match(words[i]):
        return i + 1, NumberValue(value=float(re.sub(r"\D", "", words[i])), ordinal=True)
    found = _digits(words, spaces, i) or _words(words, i)
    if found:
        return found[0], NumberValue(value=found[1])
    vague = _vague(words, i)
    if vague:
        end, lower, upper = vague
        return end, NumberValue(value=None, lower=lower, upper=upper, approx=True, vague=True)
    return None


def _qualifier(words: list[str], i: int) -> tuple[int, str | None]:
    for phrase in _phrases("qualifiers"):
        if _starts_with(words, i, phrase):
            return i + len(phrase), " ".join(phrase)
    return i, None


def _apply_qualifier(number: NumberValue, qualifier: str | None) -> NumberValue:
    if qualifier is None or number.ordinal:
        return number
    entry = lexicon()["qualifiers"][qualifier]
    bound = entry.get("bound")
    lower = number.value if bound == "lower" else number.lower
    upper = number.value if bound == "upper" else number.upper
    return replace(
        number,
        qualifier=qualifier,
        approx=number.approx or entry["approx"],
        lower=lower,
        upper=upper,
    )


def match_number(words: list[str], spaces: list[str], i: int) -> tuple[int, NumberValue] | None:
    """Parse the number that starts at token ``i`` of a token sequence.

    Args:
        words: Lower-cased token texts.
        spaces: The whitespace after each token.
        i: Index of the first token (a qualifier or the number).

    Returns:
        ``(end, number)`` with ``end`` the index after the last token, or None.
    """
    if i < len(words) and words[i] == "between":
        return _between(words, spaces, i)
    after_qualifier, qualifier = _qualifier(words, i)
    core = _core(words, spaces, after_qualifier)
    if core is None:
        return None
    end, number = core
    if not number.vague and not number.ordinal and end + 1 < len(words):
        joiner = words[end]
        if joiner in lexicon()["range_joiners"]:
            upper = _digits(words, spaces, end + 1) or _words(words, end + 1)
            if upper and number.value is not None and upper[1] > number.value:
                number = replace(number, value=None, lower=number.value, upper=upper[1])
                end = upper[0]
    for phrase in _phrases("percent"):
        if _starts_with(words, end, phrase) and not number.ordinal:
            number, end = replace(number, unit="percent"), end + len(phrase)
            break
    return end, _apply_qualifier(number, qualifier)


def _between(words: list[str], spaces: list[str], i: int) -> tuple[int, NumberValue] | None:
    first = _digits(words, spaces, i + 1) or _words(words, i + 1)
    if not first or first[0] >= len(words) or words[first[0]] != "and":
        return None
    second = _digits(words, spaces, first[0] + 1) or _words(words, first[0] + 1)
    if not second or second[1] <= first[1]:
        return None
    number = NumberValue(value=None, lower=first[1], upper=second[1], qualifier="between")
    end = second[0]
    if _starts_with(words, end, ("%",)) or _starts_with(words, end, ("percent",)):
        number, end = replace(number, unit="percent"), end + 1
    return end, number


@lru_cache(maxsize=1)
def _tokenizer() -> Language:
    return spacy.blank("en")


def parse_number(text: str) -> NumberValue | None:
    """Parse a string that is one number ("about 500", "12, 500", "tens of thousands").

    Args:
        text: The number as written, with an optional qualifier and unit.

    Returns:
        The parsed number, or None if ``text`` is not exactly one number.
    """
    doc = _tokenizer()(text.strip())
    words = [token.lower_ for token in doc]
    spaces = [token.whitespace_ for token in doc]
    found = match_number(words, spaces, 0)
    if found is None or found[0] != len(words):
        return None
    return replace(found[1], text=doc.text, start=0, end=len(doc.text))


def _is_date_or_time(doc: Doc, text: str, start: int, end: int, number: NumberValue) -> bool:
    """Context checks: a day of the month, a year, a clock time, a model designation."""
    first, last = doc[start], doc[end - 1]
    months = lexicon()["months"]
    before = _neighbour(doc, start - 1, -1)
    after = _neighbour(doc, end, 1)
    if ":" in first.text or after in lexicon()["clock_words"]:
        return True
    if number.value is not None and number.value <= 31 and (before in months or after in months):
        return True
    is_year_shape = re.fullmatch(r"\d{4}s?", last.text) is not None
    if is_year_shape and number.value is not None and 1000 <= number.value <= 2100:
        if before in lexicon()["year_cues"] or before in months or not after:
            return True
        # "1410 Russian tanks": a plural noun right after makes it a count, whatever NER says.
        return first.ent_type_ == "DATE" and not _counts_a_noun(doc, end)
    # "T-72", "Su-25": a letter and a hyphen glued to the digits.
    offset = first.idx
    if offset >= 2 and text[offset - 1] == "-" and text[offset - 2].isalpha():
        return True
    return _is_phone_like(text, offset, last.idx + len(last.text))


def _counts_a_noun(doc: Doc, end: int) -> bool:
    """Whether a plural noun follows (``N tanks``, ``N Russian soldiers``) within 2 words."""
    for token in doc[end : end + 3]:
        if token.tag_ in ("NNS", "NNPS"):
            return True
        if token.pos_ not in ("ADJ", "PROPN", "NOUN", "SPACE"):
            return False
    return False


def _neighbour(doc: Doc, index: int, step: int) -> str:
    """The lower-cased text of the nearest non-space token from ``index`` on, or ""."""
    while 0 <= index < len(doc) and doc[index].is_space:
        index += step
    return doc[index].lower_.rstrip(".") if 0 <= index < len(doc) else ""


def _is_phone_like(text: str, start: int, end: int) -> bool:
    """ "+380 44 123 4567", "(555) 123-4567": digit groups joined by spaces, dashes, brackets."""
    while start > 0 and text[start - 1] in PHONE_CHARS:
        start -= 1
    while end < len(text) and text[end] in PHONE_CHARS:
        end += 1
    run = text[start:end].strip()
    groups = re.findall(r"\d+", run)
    digits = sum(len(group) for group in groups)
    return (run.startswith("+") and digits >= 7) or (len(groups) >= 3 and digits >= 7)


def _not_a_count(doc: Doc, start: int, end: int) -> bool:
    """ "one of the bloodiest", "no one", "one day": the word "one" not counting anything."""
    first = doc[start]
    if first.lower_ != "one" or end - start != 1:
        return False
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in lexicon()["not_a_count_before_one"]:
        return True
    after = doc[end] if end < len(doc) else None
    return after is None or after.lower_ in ("of", "another", "or", "day", "time", "point")


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    """Words a number can start with (besides anything holding a digit)."""
    data = lexicon()
    words = {"a", "an", "between", *data["units"], *data["tens"]}
    for key in ("qualifiers", "vague"):
        words.update(entry.split()[0] for entry in data[key])
    return frozenset(words)


def find_numbers(doc: Doc) -> list[NumberValue]:
    """Every number of ``doc``, left to right, never overlapping.

    Args:
        doc: A processed document (tags and entities help the context checks).

    Returns:
        The numbers, with character offsets into ``doc.text``.
    """
    words = [token.lower_ for token in doc]
    spaces = [token.whitespace_ for token in doc]
    text = doc_text(doc)
    found: list[NumberValue] = []
    i = 0
    starters = _starters()
    while i < len(doc):
        word = words[i]
        if word not in starters and not any(char.isdigit() for char in word):
            i += 1
            continue
        match = match_number(words, spaces, i)
        if match is None:
            i += 1
            continue
        end, number = match
        core_start = _qualifier(words, i)[0] if words[i] != "between" else i + 1
        if _is_date_or_time(doc, text, core_start, end, number) or _not_a_count(
            doc, core_start, end
        ):
            i = end
            continue
        if i > 0 and words[i - 1] in CURRENCY:
            number = replace(number, unit="money")
        span = doc[i:end]
        found.append(replace(number, text=span.text, start=span.start_char, end=span.end_char))
        i = end
    return found


def numbers_of(doc: Doc) -> list[tuple[Span, NumberValue]]:
    """The numbers ``claimwire_numbers_v1`` found in ``doc``: each span and its value.

    Args:
        doc: A processed document.

    Returns:
        ``(span, number)`` pairs in text order (``number`` is ``span._.claimwire_number``).

    Raises:
        MissingComponentError: The numbers component did not process ``doc``.
    """
    if keys.NUMBERS_SPANS not in doc.spans:
        raise MissingComponentError(
            f"doc.spans[{keys.NUMBERS_SPANS!r}] is not set: add the component "
            f"{keys.NUMBERS_FACTORY!r} to the pipeline before the components that read it"
        )
    return [
        (span, span._.get(keys.NUMBER_SPAN_EXTENSION)) for span in doc.spans[keys.NUMBERS_SPANS]
    ]


class Numbers:
    """Finds numbers and stores them as ``doc.spans["claimwire.numbers"]``."""

    def __init__(self, name: str = "claimwire_numbers_v1") -> None:
        self.name = name
        if not Span.has_extension("claimwire_number"):
            Span.set_extension("claimwire_number", default=None)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, find_numbers(doc))
        return doc

    def set_annotations(self, doc: Doc, found: list[NumberValue]) -> None:
        """Write the numbers as spans with their parsed value in ``span._.claimwire_number``."""
        spans = []
        for number in found:
            span = doc.char_span(number.start, number.end, label="NUMBER")
            if span is None:
                continue
            span._.claimwire_number = number
            spans.append(span)
        doc.spans[SPAN_KEY] = spans


@Language.factory(
    "claimwire_numbers_v1",
    assigns=["doc.spans", "span._.claimwire_number"],
)
def make_numbers(nlp: Language, name: str) -> Numbers:
    """Create the numbers component (spaCy factory ``claimwire_numbers_v1``)."""
    return Numbers(name)
