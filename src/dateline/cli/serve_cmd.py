"""``dateline serve``: the web UI and JSON API over a store."""

from __future__ import annotations

from typing import Annotated

import typer

from dateline.cli import common


def serve(
    db: common.DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to bind; the UI has no login, so keep it local.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Refuse every write (paste-and-save).")
    ] = False,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Another Host name to answer to (repeatable; also $DATELINE_ALLOWED_HOSTS, "
            "comma-separated). Loopback names and --host are always answered.",
        ),
    ] = None,
) -> None:
    """Serve the store in a browser (pages) and as a JSON API (/api, docs at /docs).

    Every page has a JSON twin: the same URL with .json, or Accept: application/json.
    """
    from dateline.errors import DatelineError
    from dateline.web.security import is_loopback
    from dateline.web.server import serve as run_server

    settings = common.load(None, db=db)
    target = settings.db
    if not is_loopback(host):
        typer.echo(
            f"dateline: warning: --host {host} is not a loopback address: anyone who can reach"
            " it can read the store and (without --read-only) write to it; there is no login",
            err=True,
        )
    typer.echo(f"dateline: serving {target} at http://{host}:{port}/  (Ctrl-C stops it)", err=True)
    try:
        run_server(target, host=host, port=port, read_only=read_only, settings=settings,
                   allow_hosts=allow_host or ())
    except DatelineError as e:
        common.fail(str(e))
