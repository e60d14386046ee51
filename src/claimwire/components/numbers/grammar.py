"""The number grammar on token texts: digits, words, scales, vague quantities, qualifiers,
ranges and percentages.

It needs no document: :func:`match_number` reads lower-cased token texts and the
whitespace after each, and :func:`parse_number` runs it on a bare string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import spacy
from spacy.language import Language

from ...vocab import NumberUnit
from .lexicon import load_lexicon, phrases

DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
THREE_DIGITS = re.compile(r"^\d{3}$")
SCALED = re.compile(r"^(\d+(?:\.\d+)?)(bn|mn)$")
ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")


@dataclass(frozen=True)
class NumberValue:
    """A parsed number: a value or bounds, and how it was written."""

    value: float | None
    lower: float | None = None
    upper: float | None = None
    approx: bool = False
    qualifier: str | None = None
    unit: NumberUnit = "count"
    ordinal: bool = False
    vague: bool = False
    text: str = ""
    start: int = 0
    end: int = 0


def _starts_with(words: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    return tuple(words[i : i + len(phrase)]) == phrase


def _digits(words: list[str], spaces: list[str], i: int) -> tuple[int, float] | None:
    """A number in digits at ``i``: (end token, value); joins "12, 500" and a scale word."""
    if i >= len(words):
        return None
    word = words[i]
    lex = load_lexicon()
    scaled = SCALED.match(word)
    if scaled:
        return i + 1, float(scaled.group(1)) * lex.abbreviated_scales[scaled.group(2)]
    if not DIGITS.match(word):
        return None
    end, text = i + 1, word
    after_month = i > 0 and words[i - 1].rstrip(".") in lex.months
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
    if end < len(words) and words[end] in lex.scales and words[end] != "hundred":
        value, end = value * lex.scales[words[end]], end + 1
    return end, value


def _words(words: list[str], i: int) -> tuple[int, float] | None:
    """A number in words at ``i`` ("two hundred and fifty", "a dozen"): (end, value)."""
    lex = load_lexicon()
    units, tens, scales = lex.units, lex.tens, lex.scales
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
            current = (current or 1) * lex.dozen
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


def _count(words: list[str], spaces: list[str], i: int) -> tuple[int, float] | None:
    """A number in digits or in words at ``i``: (end, value)."""
    return _digits(words, spaces, i) or _words(words, i)


def _vague(words: list[str], i: int) -> tuple[int, float, float | None] | None:
    """A vague quantity at ``i`` ("hundreds", "tens of thousands"): (end, lower, upper)."""
    for phrase in phrases("vague"):
        if _starts_with(words, i, phrase):
            entry = load_lexicon().vague[" ".join(phrase)]
            end = i + len(phrase)
            if entry.needs_of and (end >= len(words) or words[end] != "of"):
                return None
            return end, entry.lower, entry.upper
    return None


def _core(words: list[str], spaces: list[str], i: int) -> tuple[int, NumberValue] | None:
    """The number itself at ``i``, without qualifier, range or unit."""
    if i < len(words) and ORDINAL.match(words[i]):
        return i + 1, NumberValue(value=float(re.sub(r"\D", "", words[i])), ordinal=True)
    found = _count(words, spaces, i)
    if found:
        return found[0], NumberValue(value=found[1])
    vague = _vague(words, i)
    if vague:
        end, lower, upper = vague
        return end, NumberValue(value=None, lower=lower, upper=upper, approx=True, vague=True)
    return None


def qualifier_at(words: list[str], i: int) -> tuple[int, str | None]:
    """The qualifier at ``i`` ("about", "at least"), if any: (index after it, qualifier)."""
    for phrase in phrases("qualifiers"):
        if _starts_with(words, i, phrase):
            return i + len(phrase), " ".join(phrase)
    return i, None


def _apply_qualifier(number: NumberValue, qualifier: str | None) -> NumberValue:
    if qualifier is None or number.ordinal:
        return number
    entry = load_lexicon().qualifiers[qualifier]
    lower = number.value if entry.bound == "lower" else number.lower
    upper = number.value if entry.bound == "upper" else number.upper
    return replace(
        number,
        qualifier=qualifier,
        approx=number.approx or entry.approx,
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
    after_qualifier, qualifier = qualifier_at(words, i)
    core = _core(words, spaces, after_qualifier)
    if core is None:
        return None
    end, number = core
    if not number.vague and not number.ordinal and end + 1 < len(words):
        joiner = words[end]
        if joiner in load_lexicon().range_joiners:
            upper = _count(words, spaces, end + 1)
            if upper and number.value is not None and upper[1] > number.value:
                number = replace(number, value=None, lower=number.value, upper=upper[1])
                end = upper[0]
    for phrase in phrases("percent"):
        if _starts_with(words, end, phrase) and not number.ordinal:
            number, end = replace(number, unit="percent"), end + len(phrase)
            break
    return end, _apply_qualifier(number, qualifier)


def _between(words: list[str], spaces: list[str], i: int) -> tuple[int, NumberValue] | None:
    first = _count(words, spaces, i + 1)
    if not first or first[0] >= len(words) or words[first[0]] != "and":
        return None
    second = _count(words, spaces, first[0] + 1)
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


@lru_cache(maxsize=1)
def starters() -> frozenset[str]:
    """Words a number can start with (besides anything holding a digit)."""
    lex = load_lexicon()
    words = {"a", "an", "between", *lex.units, *lex.tens}
    for entries in (lex.qualifiers, lex.vague):
        words.update(entry.split()[0] for entry in entries)
    return frozenset(words)
