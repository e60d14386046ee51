"""``claimwire_numbers_v1``: every number of an article, parsed, with its qualifier.

Counts written in digits ("1,432"), with a stray space after the thousands comma, as
news copy often has ("12, 500"), in words ("two hundred and fifty", "a dozen"), with a
scale ("1.5 million", "5bn"), vague ("hundreds", "tens of thousands"), qualified ("about",
"at least", "up to"), as ranges ("10-15", "between 10 and 15") and as percentages
("70%", "70 per cent"). Years, days of the month, clock times and model designations
("T-72", "F-16s") are not numbers here; ordinals ("18th") are kept and flagged.

The grammar (:mod:`.grammar`) works on token texts only (:func:`parse_number` uses it on a
bare string); :func:`find_numbers` (:mod:`.context`) adds the context checks that need the
document (dates, clock times, "one of the bloodiest"). Word lists live in
``resources/numbers.json`` (:mod:`.lexicon`), thresholds in :mod:`.settings`. Read the
numbers of a processed document with :func:`numbers_of`.
"""

from __future__ import annotations

from .component import Numbers, make_numbers, numbers_of
from .context import find_numbers
from .grammar import NumberValue, match_number, parse_number
from .lexicon import NumbersLexicon, load_lexicon

__all__ = [
    "NumberValue",
    "Numbers",
    "NumbersLexicon",
    "find_numbers",
    "load_lexicon",
    "make_numbers",
    "match_number",
    "numbers_of",
    "parse_number",
]
