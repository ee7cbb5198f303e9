"""Helpers of the ``events`` and ``actors`` stages: the pattern lexicon, clause
extraction from dependency parses, negation/modality and locations."""
