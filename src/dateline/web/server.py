"""Running the web app with uvicorn (the ``dateline serve`` command calls ``serve``)."""

from __future__ import annotations

from collections.abc import Sequence

from dateline.config import Settings


def serve(
    db: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    read_only: bool = False,
    settings: Settings | None = None,
    allow_hosts: Sequence[str] = (),
) -> None:
    """Serve the store at ``db`` on ``host:port`` until interrupted.

    Binds to 127.0.0.1 unless told otherwise: the app has no authentication. It answers
    only to the Host names of ``web.security.allowed_hosts`` (loopback, ``host``,
    ``allow_hosts`` and ``$DATELINE_ALLOWED_HOSTS``) and refuses writes from other origins.
    Raises ``DatelineError`` for bad ``settings`` before anything listens.
    """
    import uvicorn

    from dateline.web.app import create_app
    from dateline.web.security import allowed_hosts

    app = create_app(db, read_only=read_only, settings=settings,
                     allowed_hosts=allowed_hosts(host, allow_hosts))
    uvicorn.run(app, host=host, port=port, log_level="info")
