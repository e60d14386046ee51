"""From text to records: the spaCy pipeline with claimwire's components, the conversion of a
Doc into typed records, and extraction of one article, a stream, or many on every core.

Import the modules themselves (:mod:`~claimwire.nlp.extract`, :mod:`~claimwire.nlp.pipeline`,
:mod:`~claimwire.nlp.parallel`, :mod:`~claimwire.nlp.convert`); this package imports
nothing, so that :mod:`~claimwire.nlp.limits` stays cheap to import.
"""
