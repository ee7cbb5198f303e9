"""Questions users ask of a store, for the CLI and the web app alike.

A question is a frozen filter (``QuoteFilter``, ``EventFilter``,
``ArticleFilter``) and, for lists, a limit and offset; answers are plain dicts
(JSON-ready) or a ``Page`` of them with the total (capped for filtered lists, see
``counting``), and their facets (``facets``). The same SQL, with ``?``
placeholders, runs on SQLite and PostgreSQL (``where.py`` builds the
conditions). Dates are days and inclusive (``since``/``until``).

``query_quotes``, ``query_events`` and ``search_articles`` take the filter as
keywords, for scripts and the REPL.
"""

from dateline.store.query.articles import (
    NO_CLUSTERS,
    article_cluster,
    article_exists,
    articles_page,
    count_articles,
    find_articles,
    has_clusters,
    search_articles,
    sources,
)
from dateline.store.query.events import (
    count_events,
    event_types,
    events_page,
    events_per_day,
    find_events,
    plover_types,
    query_events,
)
from dateline.store.query.facets import article_facets, event_facets, quote_facets
from dateline.store.query.filters import (
    PROBLEM_KINDS,
    ArticleFilter,
    EventFilter,
    Page,
    ProblemFilter,
    QuoteFilter,
    day,
)
from dateline.store.query.overview import counts, home, stats
from dateline.store.query.problems import count_problems, find_problems, problems_page
from dateline.store.query.quotes import (
    count_quotes,
    find_quotes,
    merged_quotes,
    query_quotes,
    quotes_page,
)
from dateline.store.query.speakers import speaker_summary, speakers_page, top_speakers
from dateline.store.query.stories import cluster_articles, clusters_page, story_clusters

__all__ = [
    "NO_CLUSTERS",
    "PROBLEM_KINDS",
    "ArticleFilter",
    "EventFilter",
    "Page",
    "ProblemFilter",
    "QuoteFilter",
    "article_cluster",
    "article_exists",
    "article_facets",
    "articles_page",
    "cluster_articles",
    "clusters_page",
    "count_articles",
    "count_events",
    "count_problems",
    "count_quotes",
    "counts",
    "day",
    "event_facets",
    "event_types",
    "events_page",
    "events_per_day",
    "find_articles",
    "find_events",
    "find_problems",
    "find_quotes",
    "has_clusters",
    "home",
    "merged_quotes",
    "plover_types",
    "problems_page",
    "query_events",
    "query_quotes",
    "quote_facets",
    "quotes_page",
    "search_articles",
    "sources",
    "speaker_summary",
    "speakers_page",
    "stats",
    "story_clusters",
    "top_speakers",
]
