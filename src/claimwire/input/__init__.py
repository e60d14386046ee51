"""Reading articles: sources (files, JSONL, directories, standard input), text
normalisation and decoding, and the :class:`~claimwire.models.Document` built from them.

Nothing here loads spaCy; the layers above (``nlp``, ``corpus``) read through it.
"""
