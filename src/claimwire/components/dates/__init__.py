"""``claimwire_dates_v1``: time expressions resolved to intervals against the publication date.

News conventions come first, dateparser only underneath for what the rules leave:

- A bare weekday ("on Monday") is the most recent such day not after publication (a Monday
  in a Monday article is that day); it points forward only with "next"/"coming" or a
  future verb ("will meet on Friday"). "last Monday" is strictly before publication.
- A day and month without a year ("Mar. 3", "30 December") is the latest such date not
  after publication (the earliest not before it when the verb is future), unless that is
  almost a year back while the next one is weeks ahead ("the 19 March elections" in a
  15 March report); bare months ("in July") alike. Thresholds are in :mod:`.settings`.
- Numeric dates resolve only when day and month cannot be confused (24.02.2022, not
  03/04/2022); "3 JAN 90" datelines take the century nearest the publication date.
- "last month", "last week", "last year" are the previous calendar month, week (Monday to
  Sunday) or year; "earlier this month" runs from the 1st to the publication date.
- "Yesterday", "last night" are the day before publication; "last night (Sun)" is the
  Sunday; "so far" and "to date" are the publication date itself, as an as-of date.
- "the 17th century" is 1601-01-01..1700-12-31, "the 1990s" a decade; a four-digit year needs a
  cue ("in 2014", "since 2014") or the model's DATE label, and is never a count ("2014 troops").
- "the next day", "three days later", "the following Sunday" are resolved against the
  previous day-precise date of the text (its ``anchor``), not the publication date.
- Roles come from the cue before the expression: "since"/"from" (period start),
  "until"/"to" (period end), "as of"/"by" (as of); weekdays inside names ("Good Friday",
  "the Sunday Times") and month names without a cue ("may", "march") are not dates.
- Durations ("for weeks", "three days") get ``role="duration"`` and no interval; ages
  ("18-year-old") and adjectival durations ("24-hour") are not dates.

Candidates are the patterns of :mod:`.patterns` (built from ``resources/dates.json``,
read by :mod:`.lexicon`) plus the model's DATE entities that the patterns do not cover;
those are parsed by dateparser (``method="fallback"``, :mod:`.fallback`) or kept as
``"unresolved"``. Without a publication date, relative expressions are ``"unresolved"``
(never guessed); explicit ones still resolve. The resolvers are in :mod:`.explicit`,
:mod:`.relative` and :mod:`.narrative`, the roles in :mod:`.roles`; :mod:`.finder` puts
it together and :mod:`.component` is the spaCy component. Read the hits with
:func:`hits_of`.
"""

from __future__ import annotations

from .component import DateResolver, hits_of, make_date_resolver
from .finder import find_dates, published_date
from .hits import DateHit
from .intervals import month_end
from .lexicon import DatesLexicon, load_lexicon

__all__ = [
    "DateHit",
    "DateResolver",
    "DatesLexicon",
    "find_dates",
    "hits_of",
    "load_lexicon",
    "make_date_resolver",
    "month_end",
    "published_date",
]
