"""Running the web app with uvicorn (the ``dateline serve`` command calls ``serve``)."""

from __future__ import annotations

import socket
from collections.abc import Sequence

from dateline.config import Settings
from dateline.errors import ConfigError

MIN_PORT, MAX_PORT = 1, 65535


def check_address(host: str, port: int) -> None:
    """``ConfigError`` unless ``host:port`` can be listened on now (a free port on a
    local address), so ``serve`` says what is wrong before it says where it serves."""
    if not MIN_PORT <= port <= MAX_PORT:
        raise ConfigError(f"port {port} is not a port number: give one from 1 to 65535")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as e:
        raise ConfigError(f"cannot listen on host {host!r}: {e}; give an address such as"
                          " 127.0.0.1 with --host") from e
    family, kind, proto, _, addr = infos[0]
    with socket.socket(family, kind, proto) as sock:
        # as uvicorn does: a port left in TIME_WAIT by an earlier server is free
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(addr)
        except PermissionError as e:
            raise ConfigError(f"not allowed to listen on port {port} of {host}: {e.strerror};"
                              " choose a port above 1023 with --port") from e
        except OSError as e:
            raise ConfigError(f"cannot listen on {host}:{port}: {e.strerror}"
                              " (is another server using it?); choose another --port") from e


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
