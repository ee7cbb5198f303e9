"""Across articles: near-duplicate story clusters, de-duplicated events and quotes.

- ``minhash``: shingles of the cleaned text and MinHash signatures (bytes for storage);
- ``index``: where signatures, LSH band keys and clusters live (memory or SQLite);
- ``pg_index``: the same tables in PostgreSQL (``store.clusters`` picks the backend's index);
- ``stories``: ``StoryClusterer``, incremental assignment of articles to story clusters;
- ``events``: ``dedup_events``, one event with GDELT-style counts from many mentions;
- ``quotes``: ``merge_quotes``, one quotation with every outlet that reported it;
"""
