"""Running the web app with uvicorn (the ``dateline serve`` command calls ``serve``)."""

from __future__ import annotations

from dateline.config import Settings


def serve(
    db: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    read_only: bool = False,
    settings: Settings | None = None,
) -> None:
    """Serve the store at ``db`` on ``host:port`` until interrupted.

    Binds to 127.0.0.1 unless told otherwise: the app has no authentication.
    Raises ``DatelineError`` for bad ``settings`` before anything listens.
    """
    import uvicorn

    from dateline.web.app import create_app

    app = create_app(db, read_only=read_only, settings=settings)
    uvicorn.run(app, host=host, port=port, log_level="info")
