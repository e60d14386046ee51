"""Finding the numbers of a document: the grammar plus the checks that need context.

Years, days of the month, clock times, model designations ("T-72") and phone numbers are
not numbers here; "one" that counts nothing ("one of the bloodiest", "no one") neither.
A number right after a currency sign is money.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from .._base import doc_text
from .._view import token_lowers
from .grammar import NumberValue, match_number, qualifier_at, starters
from .lexicon import load_lexicon
from .settings import (
    COUNTED_NOUN_WINDOW,
    MAX_DAY_OF_MONTH,
    MAX_YEAR,
    MIN_PHONE_DIGITS,
    MIN_PHONE_GROUPS,
    MIN_YEAR,
)

PHONE_CHARS = frozenset("0123456789 -()+")
CURRENCY = frozenset({"$", "£", "€", "¥", "₴", "₽", "us$"})


def _is_date_or_time(doc: Doc, text: str, start: int, end: int, number: NumberValue) -> bool:
    """Context checks: a day of the month, a year, a clock time, a model designation."""
    lex = load_lexicon()
    first, last = doc[start], doc[end - 1]
    before = _neighbour(doc, start - 1, -1)
    after = _neighbour(doc, end, 1)
    if ":" in first.text or after in lex.clock_words:
        return True
    near_month = before in lex.months or after in lex.months
    if number.value is not None and number.value <= MAX_DAY_OF_MONTH and near_month:
        return True
    is_year_shape = re.fullmatch(r"\d{4}s?", last.text) is not None
    if is_year_shape and number.value is not None and MIN_YEAR <= number.value <= MAX_YEAR:
        if before in lex.year_cues or before in lex.months or not after:
            return True
        if _after_month_and_day(doc, start):
            return True  # "June 19, 2015, the gunman ...": the year of a written date
        # "1410 Russian tanks": a plural noun right after makes it a count, whatever NER says.
        return first.ent_type_ == "DATE" and not _counts_a_noun(doc, end)
    # "T-72", "Su-25": a letter and a hyphen glued to the digits.
    offset = first.idx
    if offset >= 2 and text[offset - 1] == "-" and text[offset - 2].isalpha():
        return True
    return _is_phone_like(text, offset, last.idx + len(last.text))


def _after_month_and_day(doc: Doc, start: int) -> bool:
    """Whether "Month D," comes right before (the US written date "June 19, 2015")."""
    words = [token for token in doc[max(0, start - 6) : start] if not token.is_space]
    if len(words) < 3 or words[-1].text != ",":
        return False
    day, month = words[-2], words[-3]
    return (
        day.is_digit
        and 1 <= int(day.text) <= MAX_DAY_OF_MONTH
        and month.lower_.rstrip(".") in load_lexicon().months
    )


def _counts_a_noun(doc: Doc, end: int) -> bool:
    """Whether a plural noun follows (``N tanks``, ``N Russian soldiers``) closely."""
    for token in doc[end : end + COUNTED_NOUN_WINDOW]:
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
    return (run.startswith("+") and digits >= MIN_PHONE_DIGITS) or (
        len(groups) >= MIN_PHONE_GROUPS and digits >= MIN_PHONE_DIGITS
    )


def _not_a_count(doc: Doc, start: int, end: int) -> bool:
    """ "one of the bloodiest", "no one", "one day": the word "one" not counting anything
    (but "one of his comrades", "one of the dead" count one person)."""
    first = doc[start]
    if first.lower_ != "one" or end - start != 1:
        return False
    after = doc[end] if end < len(doc) else None
    lex = load_lexicon()
    if after is not None and after.lower_ == "of" and end + 2 < len(doc):
        whose, what = doc[end + 1].lower_, doc[end + 2].lower_
        if whose in lex.possessives_after_one_of or what in lex.people_after_one_of:
            return False  # "that one of its soldiers was killed", "one of the dead": a count
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in lex.not_a_count_before_one:
        return True
    return after is None or after.lower_ in ("of", "another", "or", "day", "time", "point")


def find_numbers(doc: Doc) -> list[NumberValue]:
    """Every number of ``doc``, left to right, never overlapping.

    Args:
        doc: A processed document (tags and entities help the context checks).

    Returns:
        The numbers, with character offsets into ``doc.text``.
    """
    words = token_lowers(doc)
    spaces = [token.whitespace_ for token in doc]
    text = doc_text(doc)
    found: list[NumberValue] = []
    i = 0
    can_start = starters()
    while i < len(doc):
        word = words[i]
        if word not in can_start and not any(char.isdigit() for char in word):
            i += 1
            continue
        match = match_number(words, spaces, i)
        if match is None:
            i += 1
            continue
        end, number = match
        core_start = qualifier_at(words, i)[0] if words[i] != "between" else i + 1
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
