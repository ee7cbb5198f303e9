"""``dateline serve``: the web UI and JSON API over a store."""

from __future__ import annotations

from typing import Annotated

import typer

from dateline.cli import common

PortOption = Annotated[
    int, typer.Option(min=1, max=65535, help="Port to listen on (1-65535).")
]


def serve(
    db: common.DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to bind; the UI has no login, so keep it local.")
    ] = "127.0.0.1",
    port: PortOption = 8000,
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
    Exit codes: 0 stopped with Ctrl-C, 2 no such store, a port in use or a bad option.
    """
    from dateline.errors import DatelineError
    from dateline.pipeline import resolve_stages
    from dateline.web.security import is_loopback
    from dateline.web.server import check_address
    from dateline.web.server import serve as run_server

    settings = common.load(None, db=db)
    try:  # the paste page's stages: a configuration no command accepts stops it first
        resolve_stages(settings, None)
    except DatelineError as e:
        common.fail(str(e))
    target = common.existing_store(settings.db)
    try:
        check_address(host, port)
    except DatelineError as e:
        common.fail(str(e))
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
    except SystemExit as e:  # uvicorn exits 3 when it cannot start (the port taken meanwhile)
        if e.code not in (None, 0):
            common.fail(f"the server could not start on {host}:{port} (see above)")
