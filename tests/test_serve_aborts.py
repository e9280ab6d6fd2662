"""An aborted connection leaves a line in the server log (`watwerkt serve`'s HTTP protocol), and a
completed one leaves none."""

from __future__ import annotations

import logging
import socket
import time

from test_search_support import running
from watwerkt.cli.abort_log import AbortLoggingH11
from watwerkt.search.server import create_app


def _site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>Thuis</title>", encoding="utf-8")
    (site / "404.html").write_text("<!doctype html><title>Niet gevonden</title>", encoding="utf-8")
    # Incompressible and far larger than the socket buffers, so the response cannot be sent
    # while the client does not read.
    (site / "groot.bin").write_bytes(bytes(range(256)) * (64 * 1024 * 4))  # 64 MiB
    return site


def _poll(predicate, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_connection_closed_mid_response_is_logged(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="watwerkt.serve")
    with running(create_app(_site(tmp_path), None), http=AbortLoggingH11) as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as ok:  # a complete exchange: no line
            ok.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            while ok.recv(65536):
                pass
        assert not [r for r in caplog.records if r.name == "watwerkt.serve"]
        sock = socket.create_connection(("127.0.0.1", port))
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.sendall(b"GET /groot.bin HTTP/1.1\r\nHost: x\r\n\r\n")
        assert sock.recv(1024).startswith(b"HTTP/1.1 200")
        sock.close()  # unread data: the kernel resets the connection
        assert _poll(lambda: any(r.name == "watwerkt.serve" for r in caplog.records)), caplog.text
    [record] = [r for r in caplog.records if r.name == "watwerkt.serve"]
    message = record.getMessage()
    assert record.levelno == logging.WARNING
    assert "verbinding afgebroken na het begin van het antwoord: GET /groot.bin" in message
    assert "(client 127.0.0.0)" in message  # truncated, as the access log does
