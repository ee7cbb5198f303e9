"""Running the web app with uvicorn (the ``dateline serve`` command calls ``serve``)."""

from __future__ import annotations


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, read_only: bool = False) -> None:
    """Serve the store at ``db`` on ``host:port`` until interrupted.

    Binds to 127.0.0.1 unless told otherwise: the app has no authentication.
    """
    import uvicorn

    from dateline.web.app import create_app

    app = create_app(db, read_only=read_only)
    uvicorn.run(app, host=host, port=port, log_level="info")
