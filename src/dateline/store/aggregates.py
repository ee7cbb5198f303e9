"""Counts kept on write: rows per table and per facet value, in ``facet_counts``.

List pages and ``stats`` read their totals and unfiltered facet counts from
here instead of counting every row (which grows with the store). Triggers keep
the table current on every insert and delete (a deleted article's quotes and
events go with it by cascade, and fire their triggers too), so re-ingesting or
deleting can never leave it stale. Migration 3 creates the table, fills it from
the rows already stored, then adds the triggers.

Each ``Facet`` is one counter per distinct value of an SQL expression over a
row (``{r}`` is the row: ``NEW``/``OLD`` in a trigger, the table's alias when
filling); ``value`` is never NULL (``''`` stands for "none"). ``when`` limits
which rows count; in it ``{other}`` is ``<`` when inserting or filling and
``<>`` when deleting, so "the first quote of this speaker in this article" is
counted once and uncounted only with the last.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The row count of a table is its facet ``ROWS`` with value ``''``.
ROWS = "*"
#: Events per day and type: the value is ``YYYY-MM-DD|PLOVER``.
DAY_PLOVER = "day_plover"


@dataclass(frozen=True, slots=True)
class Facet:
    table: str
    name: str
    value: str = "''"
    when: str = ""


def _month(col: str) -> str:
    return f"substr(coalesce({{r}}.{col}, ''), 1, 7)"


# coalesce() keeps the planners on the article's few quotes (quotes_article), not on
# every quote of the speaker (quotes_speaker), which grows with the store.
_FIRST_IN_ARTICLE = (
    "{r}.speaker IS NOT NULL AND NOT EXISTS (SELECT 1 FROM quotes q2 WHERE"
    " q2.article_pk = {r}.article_pk AND q2.pk {other} {r}.pk"
    " AND coalesce(q2.speaker, '') = {r}.speaker)"
)

FACETS: tuple[Facet, ...] = (
    Facet("articles", ROWS),
    Facet("articles", "source", "coalesce({r}.source, '')"),
    Facet("articles", "lang", "coalesce({r}.lang, '')"),
    Facet("articles", "month", _month("published")),
    Facet("quotes", ROWS),
    Facet("quotes", "speaker", "{r}.speaker", "{r}.speaker IS NOT NULL"),
    Facet("quotes", "speaker_articles", "{r}.speaker", _FIRST_IN_ARTICLE),
    Facet("quotes", "outlet", "coalesce({r}.outlet, '')"),
    Facet("quotes", "month", _month("published")),
    Facet("events", ROWS),
    Facet("events", "plover", "coalesce({r}.plover, '')"),
    Facet("events", "country", "{r}.source_country", "{r}.source_country IS NOT NULL"),
    Facet(
        "events",
        "country",
        "{r}.target_country",
        "{r}.target_country IS NOT NULL AND {r}.target_country IS DISTINCT FROM {r}.source_country",
    ),
    Facet("events", "outlet", "coalesce({r}.outlet, '')"),
    Facet("events", "month", _month("sort_date")),
    # the events page's chart: events per day and PLOVER type
    Facet(
        "events",
        DAY_PLOVER,
        "substr(coalesce({r}.sort_date, ''), 1, 10) || '|' || coalesce({r}.plover, 'UNCODED')",
    ),
    Facet("actors", ROWS),
    Facet("removed", ROWS),
)

#: The tables whose rows are counted here.
COUNTED = tuple(dict.fromkeys(f.table for f in FACETS))

TABLE = (
    "CREATE TABLE facet_counts (subject TEXT NOT NULL, facet TEXT NOT NULL,"
    " value TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (subject, facet, value))"
)
INDEX = "CREATE INDEX facet_counts_top ON facet_counts (subject, facet, n DESC, value)"


def _sub(sql: str, row: str, other: str) -> str:
    return sql.replace("{r}", row).replace("{other}", other)


def _key(f: Facet, row: str, other: str) -> str:
    return f"'{f.table}', '{f.name}', {_sub(f.value, row, other)}"


def fill_sql() -> tuple[str, ...]:
    """Statements counting the rows already stored (run before the triggers exist)."""
    out = []
    for f in FACETS:
        where = f" WHERE {_sub(f.when, 't', '<')}" if f.when else ""
        out.append(
            "INSERT INTO facet_counts (subject, facet, value, n)"
            f" SELECT '{f.table}', '{f.name}', v, count(*) FROM"
            f" (SELECT {_sub(f.value, 't', '<')} AS v FROM {f.table} t{where}) s GROUP BY v"
            " ON CONFLICT (subject, facet, value) DO UPDATE SET n = facet_counts.n + excluded.n"
        )
    return tuple(out)


def _bump(f: Facet) -> str:
    return (
        f"INSERT INTO facet_counts (subject, facet, value, n) VALUES ({_key(f, 'NEW', '<')}, 1)"
        " ON CONFLICT (subject, facet, value) DO UPDATE SET n = facet_counts.n + 1"
    )


def _drop(f: Facet) -> tuple[str, str]:
    match = f"subject = '{f.table}' AND facet = '{f.name}' AND value = {_sub(f.value, 'OLD', '<>')}"
    return (
        f"UPDATE facet_counts SET n = n - 1 WHERE {match}",
        f"DELETE FROM facet_counts WHERE {match} AND n <= 0",
    )


def sqlite_triggers() -> tuple[str, ...]:
    """One AFTER INSERT and one BEFORE DELETE trigger per counted table."""
    out = []
    for table in COUNTED:
        ins, dele = [], []
        for f in (x for x in FACETS if x.table == table):
            if f.when:
                # INSERT ... SELECT ... WHERE: the WHERE also ends the SELECT before ON CONFLICT
                ins.append(
                    "INSERT INTO facet_counts (subject, facet, value, n)"
                    f" SELECT {_key(f, 'NEW', '<')}, 1 WHERE {_sub(f.when, 'NEW', '<')}"
                    " ON CONFLICT (subject, facet, value) DO UPDATE SET n = facet_counts.n + 1"
                )
                cond = f" AND {_sub(f.when, 'OLD', '<>')}"
            else:
                ins.append(_bump(f))
                cond = ""
            upd, rm = _drop(f)
            dele += [upd + cond, rm]
        out.append(
            f"CREATE TRIGGER {table}_counts_insert AFTER INSERT ON {table} BEGIN\n "
            + ";\n ".join(ins)
            + ";\nEND"
        )
        out.append(
            f"CREATE TRIGGER {table}_counts_delete BEFORE DELETE ON {table} BEGIN\n "
            + ";\n ".join(dele)
            + ";\nEND"
        )
    return tuple(out)


def postgres_triggers() -> tuple[str, ...]:
    """One plpgsql function per counted table, run AFTER INSERT and BEFORE DELETE of a row.

    Deletes are counted before the row goes: a cascade deletes many rows in one
    statement, and a BEFORE trigger sees the rows deleted before it (an AFTER one
    would see them all gone).
    """
    out = []
    for table in COUNTED:
        ins, dele = [], []
        for f in (x for x in FACETS if x.table == table):
            upd, rm = _drop(f)
            if f.when:
                ins.append(f"IF {_sub(f.when, 'NEW', '<')} THEN {_bump(f)}; END IF;")
                dele.append(f"IF {_sub(f.when, 'OLD', '<>')} THEN {upd}; {rm}; END IF;")
            else:
                ins.append(f"{_bump(f)};")
                dele.append(f"{upd}; {rm};")
        fn = f"dateline_count_{table}"
        out.append(
            f"CREATE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
            "IF TG_OP = 'INSERT' THEN\n "
            + "\n ".join(ins)
            + "\n RETURN NULL;\nEND IF;\n "
            + "\n ".join(dele)
            + "\nRETURN OLD;\nEND\n$$"
        )
        out.append(
            f"CREATE TRIGGER {table}_counts_insert AFTER INSERT ON {table}"
            f" FOR EACH ROW EXECUTE FUNCTION {fn}()"
        )
        out.append(
            f"CREATE TRIGGER {table}_counts_delete BEFORE DELETE ON {table}"
            f" FOR EACH ROW EXECUTE FUNCTION {fn}()"
        )
    return tuple(out)
