"""Generated test and benchmark data, made without running NLP (not installed).

- ``corpus``: articles with known duplicate groups (reprints, rewrites,
  truncated copies) for the story clusterer.
- ``records``: a fully annotated demo record, naive stand-in annotations and
  many distinct records from a few, for the web tests and page benchmark.

Tests import it as ``synth`` (pytest puts ``tests/`` on the path); the bench
scripts add ``tests/`` to ``sys.path`` themselves.
"""
