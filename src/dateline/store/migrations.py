"""Numbered schema migrations, one list of statements per backend.

A migration is applied once, inside a transaction, and recorded in
``schema_version``. Never edit a released migration: add the next number.
"""

from __future__ import annotations

from dataclasses import dataclass

from dateline.store import aggregates


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sqlite: tuple[str, ...]
    postgres: tuple[str, ...]


def _common(pk: str, fts: bool) -> tuple[str, ...]:
    """Tables whose DDL is the same on both backends but for the key type."""
    tsv_a = (
        ",\n tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', "
        "left(coalesce(title, '') || ' ' || coalesce(nullif(text, ''), raw_text), 500000))) STORED"
        if not fts
        else ""
    )
    tsv_q = (
        ",\n tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', "
        "left(coalesce(text, ''), 500000))) STORED"
        if not fts
        else ""
    )
    return (
        f"""CREATE TABLE runs (
 id {pk}, started TEXT NOT NULL, finished TEXT, status TEXT NOT NULL,
 run_key TEXT NOT NULL, sources TEXT NOT NULL, settings TEXT,
 n_read INTEGER NOT NULL DEFAULT 0, n_processed INTEGER NOT NULL DEFAULT 0,
 n_duplicates INTEGER NOT NULL DEFAULT 0, n_skipped INTEGER NOT NULL DEFAULT 0,
 n_quarantined INTEGER NOT NULL DEFAULT 0, n_quotes INTEGER NOT NULL DEFAULT 0,
 n_events INTEGER NOT NULL DEFAULT 0, seconds REAL NOT NULL DEFAULT 0, updated TEXT)""",
        "CREATE INDEX runs_key ON runs (run_key, status)",
        f"""CREATE TABLE articles (
 pk {pk}, id TEXT NOT NULL UNIQUE, content_hash TEXT NOT NULL UNIQUE,
 source TEXT, url TEXT, title TEXT, published TEXT, author TEXT, lang TEXT,
 dateline TEXT, raw_text TEXT NOT NULL, text TEXT NOT NULL, record TEXT NOT NULL,
 run_id INTEGER, created TEXT NOT NULL{tsv_a})""",
        "CREATE UNIQUE INDEX articles_url ON articles (url)",
        "CREATE INDEX articles_published ON articles (published)",
        """CREATE TABLE removed (
 article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE, idx INTEGER NOT NULL,
 kind TEXT NOT NULL, text TEXT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
 PRIMARY KEY (article_pk, idx))""",
        """CREATE TABLE actors (
 article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE, idx INTEGER NOT NULL,
 actor_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, code TEXT, country TEXT,
 role TEXT, PRIMARY KEY (article_pk, idx))""",
        "CREATE INDEX actors_name ON actors (name)",
        """CREATE TABLE mentions (
 article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
 actor_idx INTEGER NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL,
 start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
 PRIMARY KEY (article_pk, actor_idx, idx))""",
        f"""CREATE TABLE quotes (
 pk {pk}, article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
 idx INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
 start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, speaker TEXT, speaker_id TEXT,
 speaker_code TEXT, cue TEXT{tsv_q})""",
        "CREATE INDEX quotes_article ON quotes (article_pk)",
        "CREATE INDEX quotes_speaker ON quotes (speaker)",
        f"""CREATE TABLE events (
 pk {pk}, article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
 idx INTEGER NOT NULL, cameo TEXT NOT NULL, plover TEXT, mode TEXT, negated INTEGER NOT NULL,
 source_name TEXT, source_code TEXT, source_country TEXT,
 target_name TEXT, target_code TEXT, target_country TEXT,
 trigger_text TEXT NOT NULL, sentence TEXT NOT NULL, location TEXT, date TEXT,
 confidence REAL NOT NULL)""",
        "CREATE INDEX events_article ON events (article_pk)",
        "CREATE INDEX events_cameo ON events (cameo)",
        "CREATE INDEX events_plover ON events (plover)",
        f"""CREATE TABLE quarantine (
 id {pk}, run_id INTEGER, source TEXT NOT NULL, position TEXT NOT NULL,
 reason TEXT NOT NULL, created TEXT NOT NULL, UNIQUE (source, position))""",
        f"""CREATE TABLE skipped (
 id {pk}, run_id INTEGER, source TEXT NOT NULL, position TEXT NOT NULL,
 article_id TEXT, lang TEXT, reason TEXT NOT NULL, created TEXT NOT NULL,
 UNIQUE (source, position))""",
    )


#: Story clusters (``dateline.cluster``): signatures, LSH band keys and clusters, so
#: clustering is incremental and kept in the store. Only this migration creates them
#: (the cluster indexes refuse a database without them). IF NOT EXISTS because
#: SQLite files made before it may have them already: the SQLite index used to
#: create them itself. On PostgreSQL a cluster's rank is an identity column instead
#: of SQLite's rowid.
_CLUSTERS_SQLITE = (
    "CREATE TABLE IF NOT EXISTS cluster_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS cluster_signature (
 n INTEGER PRIMARY KEY, article_id TEXT NOT NULL UNIQUE, cluster_id TEXT NOT NULL,
 published_key TEXT NOT NULL, length INTEGER NOT NULL, signature BLOB NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS cluster_signature_cluster ON cluster_signature (cluster_id)",
    """CREATE TABLE IF NOT EXISTS cluster_band (
 key INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (key, n)) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS story_cluster (
 cluster_id TEXT PRIMARY KEY, canonical_id TEXT NOT NULL,
 canonical_published_key TEXT NOT NULL, canonical_length INTEGER NOT NULL,
 size INTEGER NOT NULL, merged_into TEXT)""",
)
_CLUSTERS_POSTGRES = (
    "CREATE TABLE IF NOT EXISTS cluster_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS cluster_signature (
 n BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, article_id TEXT NOT NULL UNIQUE,
 cluster_id TEXT NOT NULL, published_key TEXT NOT NULL, length INTEGER NOT NULL,
 signature BYTEA NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS cluster_signature_cluster ON cluster_signature (cluster_id)",
    """CREATE TABLE IF NOT EXISTS cluster_band (
 key BIGINT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (key, n))""",
    """CREATE TABLE IF NOT EXISTS story_cluster (
 rank BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE, cluster_id TEXT PRIMARY KEY,
 canonical_id TEXT NOT NULL, canonical_published_key TEXT NOT NULL,
 canonical_length INTEGER NOT NULL, size INTEGER NOT NULL, merged_into TEXT)""",
)

#: Full-text search with stemming on SQLite, as PostgreSQL's 'english' tsvector has had
#: from the start: both FTS5 tables rebuilt with the Porter stemmer and filled again
#: from the rows. The quotes index keeps only the quotation's words (PostgreSQL's
#: ``quotes.tsv`` never held the speaker; the speaker filter is its own option).
_STEMMED_FTS_SQLITE = (
    "DROP TABLE articles_fts",
    "DROP TABLE quotes_fts",
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize='porter unicode61')",
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, tokenize='porter unicode61')",
    "INSERT INTO articles_fts (rowid, title, body) SELECT pk, coalesce(title, ''),"
    " CASE WHEN text <> '' THEN text ELSE raw_text END FROM articles",
    "INSERT INTO quotes_fts (rowid, text) SELECT pk, text FROM quotes",
)


#: List pages at scale (issue 16): quotes and events carry their article's day and outlet,
#: so the lists sort and filter on an index of their own table; ``facet_counts`` keeps
#: row and facet counts current on write (``aggregates``).
_ARTICLE_OF = "(SELECT a.{col} FROM articles a WHERE a.pk = {table}.article_pk)"


def _list_indexes(sqlite: bool) -> tuple[str, ...]:
    return (
        "ALTER TABLE events ADD COLUMN sort_date TEXT",
        "ALTER TABLE events ADD COLUMN outlet TEXT",
        "UPDATE events SET sort_date = coalesce(date, "
        + _ARTICLE_OF.format(col="published", table="events")
        + "), outlet = " + _ARTICLE_OF.format(col="source", table="events"),
        "ALTER TABLE quotes ADD COLUMN published TEXT",
        "ALTER TABLE quotes ADD COLUMN outlet TEXT",
        "UPDATE quotes SET published = " + _ARTICLE_OF.format(col="published", table="quotes")
        + ", outlet = " + _ARTICLE_OF.format(col="source", table="quotes"),
        "CREATE INDEX events_sort_date ON events (sort_date DESC, article_pk, idx)",
        "CREATE INDEX events_plover_date ON events ((upper(plover)), sort_date)",
        "CREATE INDEX events_outlet_date ON events (outlet, sort_date)",
        "CREATE INDEX events_cameo_negated ON events (cameo, negated)",
        # speaker too, so a filter on part of the name is read from the index alone
        "CREATE INDEX quotes_published ON quotes (published DESC, article_pk, idx, speaker)",
        "CREATE INDEX quotes_speaker_published ON quotes (speaker, published, article_pk, idx)",
        "CREATE INDEX quotes_outlet_published ON quotes (outlet, published)",
        "CREATE INDEX articles_source_published ON articles (source, published)",
        # a day range with part of the source's name, read from the index alone
        "CREATE INDEX articles_published_source ON articles (published, source)",
        aggregates.TABLE,
        aggregates.INDEX,
        *aggregates.fill_sql(),
        *(aggregates.sqlite_triggers() if sqlite else aggregates.postgres_triggers()),
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "initial schema",
        sqlite=(
            *_common("INTEGER PRIMARY KEY", fts=True),
            "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body)",
            "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker)",
        ),
        postgres=(
            *_common("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", fts=False),
            "CREATE INDEX articles_tsv ON articles USING GIN (tsv)",
            "CREATE INDEX quotes_tsv ON quotes USING GIN (tsv)",
        ),
    ),
    Migration(2, "story clusters", sqlite=_CLUSTERS_SQLITE, postgres=_CLUSTERS_POSTGRES),
    Migration(3, "list indexes and counts kept on write",
              sqlite=_list_indexes(sqlite=True), postgres=_list_indexes(sqlite=False)),
    Migration(4, "stemmed full-text search", sqlite=_STEMMED_FTS_SQLITE, postgres=()),
)

LATEST = MIGRATIONS[-1].version
