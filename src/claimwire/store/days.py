"""Day arithmetic that never overflows: the store accepts any date Python can hold.

A publication date of 9999-12-31 or 0001-01-01 is absurd but parseable; a window around it
must stop at the calendar's ends instead of raising ``OverflowError`` in the middle of a
write (which left every later fact of the article unstored, on every rerun).
"""

from __future__ import annotations

import datetime as dt


def shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held within ``date.min`` .. ``date.max``."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min
