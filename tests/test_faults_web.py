"""The web app refuses what it must (issue 17 items 4, 5 and HEAD of item 9): cross-origin
writes, unknown Host headers, bodies over the limit however they are sent.

Through the ASGI test client, and against a real ``dateline serve`` over a socket.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from dateline.store import open_store
from dateline.web import create_app
from dateline.web.security import MAX_BODY_BYTES, allowed_hosts
from faults_helpers import cli_env


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = str(tmp_path / "w.db")
    with open_store(url):
        pass
    return url


SAVE = {"text": "The council met on Monday.", "title": "t", "action": "save"}


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "http://evil.example"}, {"Origin": "null"},
     {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
     {"Referer": "http://evil.example/page.html"}, {"Sec-Fetch-Site": "cross-site"},
     {"Origin": "http://testserver:9999", "Sec-Fetch-Site": "same-site"}],
)
def test_cross_origin_writes_are_refused(db: str, headers: dict[str, str]) -> None:
    with TestClient(create_app(db)) as client:
        r = client.post("/paste", data=SAVE, headers=headers)
        assert r.status_code == 403 and "another site" in r.text
        r = client.post("/api/process", json={"text": "x", "save": True}, headers=headers)
        assert r.status_code == 403
    with open_store(db) as store:
        assert store.count("articles") == 0


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "http://testserver", "Referer": "http://testserver/paste"},
     # a browser's own-site form under Referrer-Policy: no-referrer
     {"Origin": "null", "Sec-Fetch-Site": "same-origin"},
     {}],
)
def test_same_origin_writes_pass_the_check(db: str, headers: dict[str, str]) -> None:
    with TestClient(create_app(db)) as client:
        # an empty text is refused by the form itself, after the origin check
        r = client.post("/paste", data={"text": "", "action": "preview"}, headers=headers)
        assert r.status_code != 403


def test_unknown_host_headers_are_refused(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATELINE_ALLOWED_HOSTS", "news.example, *.corp.example")
    app = create_app(db, allowed_hosts=allowed_hosts("127.0.0.1", ["10.0.0.5"]))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert client.get("/").status_code == 200
        for host in ("evil.example", "127.0.0.1.evil.example", "attacker.test:8000"):
            r = client.get("/", headers={"Host": host})
            assert r.status_code == 400 and "--allow-host" in r.text, host
        for host in ("localhost:8000", "[::1]:8000", "10.0.0.5:8000", "news.example",
                     "a.corp.example"):
            assert client.get("/", headers={"Host": host}).status_code == 200, host


def _chunks(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        sent += size
        yield b"x" * size


def test_a_chunked_body_over_the_limit_is_a_413(db: str) -> None:
    with TestClient(create_app(db)) as client:
        for path, kind in (("/api/process", "application/json"),
                           ("/paste", "application/x-www-form-urlencoded")):
            r = client.post(path, content=_chunks(MAX_BODY_BYTES * 3),
                            headers={"Content-Type": kind})
            assert r.status_code == 413, (path, r.status_code)


def test_head_is_answered_like_get_without_a_body(db: str) -> None:
    with TestClient(create_app(db)) as client:
        for path in ("/", "/index.json", "/search?q=x", "/api/stats"):
            get, head = client.get(path), client.head(path)
            assert head.status_code == get.status_code == 200, path
            assert head.content == b"" and head.headers["content-type"] == \
                get.headers["content-type"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_peak_kb(pid: int) -> int:
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", text).group(1))  # type: ignore[union-attr]


def test_a_real_server_refuses_big_chunked_uploads_foreign_hosts_and_origins(db: str) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dateline.cli.main", "serve", "--db", db, "--host", "0.0.0.0",
         "--port", str(port), "--allow-host", "news.example"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=cli_env(),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/index.json", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        assert httpx.get(base + "/", headers={"Host": "evil.example"}).status_code == 400
        assert httpx.get(base + "/", headers={"Host": "news.example"}).status_code == 200
        assert httpx.head(base + "/").status_code == 200
        r = httpx.post(base + "/paste", data=SAVE, headers={"Origin": "http://evil.example"})
        assert r.status_code == 403
        r = httpx.post(base + "/paste", data=SAVE, headers={"Origin": "null",
                                                             "Sec-Fetch-Site": "cross-site"})
        assert r.status_code == 403

        before = _rss_peak_kb(proc.pid)
        status, sent = _chunked_post(port, "/api/process", 300 * 1024 * 1024)
        assert status == 413
        assert _rss_peak_kb(proc.pid) - before < 100 * 1024  # nowhere near the 300 MB sent
        assert sent < 300 * 1024 * 1024
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "warning: --host 0.0.0.0 is not a loopback address" in err
    with open_store(db) as store:
        assert store.count("articles") == 0


def _chunked_post(port: int, path: str, total: int) -> tuple[int, int]:
    """POST up to ``total`` bytes chunked; the status line and bytes sent before it came."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n".encode()
    )
    chunk = b"x" * (256 * 1024)
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    sent = 0
    sock.setblocking(False)
    reply = b""
    try:
        while sent < total and b"\r\n" not in reply:
            try:
                sock.sendall(frame)
                sent += len(chunk)
            except BlockingIOError:
                time.sleep(0.01)
            except (BrokenPipeError, ConnectionResetError):
                break
            with contextlib.suppress(BlockingIOError):
                reply += sock.recv(4096)
        sock.setblocking(True)
        while b"\r\n" not in reply:
            data = sock.recv(4096)
            if not data:
                break
            reply += data
    finally:
        sock.close()
    return int(reply.split(b" ", 2)[1]), sent


def test_the_environment_names_more_hosts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATELINE_ALLOWED_HOSTS", "a.example,b.example")
    assert {"a.example", "b.example", "localhost", "127.0.0.1", "::1"} <= set(
        allowed_hosts("0.0.0.0"))
    assert "0.0.0.0" not in allowed_hosts("0.0.0.0")
    assert os.environ["DATELINE_ALLOWED_HOSTS"]
