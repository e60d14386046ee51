"""Many articles in one store: the :class:`~claimwire.corpus.corpus.Corpus` facade
(``claimwire.Corpus``), ingest on every core, and ingest on a Dask cluster.

This layer sits above both the store (:mod:`claimwire.store`, which imports nothing above
it) and extraction (:mod:`claimwire.nlp`): it reads articles, extracts them and writes the
results.
"""
