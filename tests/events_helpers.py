"""The events of a text through a whole pipeline, for the event tests."""

from __future__ import annotations

import datetime as dt

from claimwire.components import keys
from claimwire.components.events import EventHit, hits_of

PUBLISHED = dt.date(2024, 3, 9)
"""The publication date the event tests resolve their relative days against."""


def events(nlp, text: str, published: dt.date = PUBLISHED) -> list[EventHit]:
    """The event hits of ``text`` through every component of ``nlp``."""
    doc = nlp.make_doc(text)
    doc.user_data[keys.PUBLISHED] = published
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return hits_of(doc)
