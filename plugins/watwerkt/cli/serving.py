"""Running the app under uvicorn for `watwerkt serve`: worker processes, proxy headers, root path
and an access log that keeps no full IP address.

Several workers need the app as an import string (each worker process builds its own), so the
options travel to the workers in the environment variable WATWERKT_SERVE as JSON and
`app_from_environment` is uvicorn's app factory. uvicorn's own supervisor starts, watches and
stops the workers; all of them accept on the one listening socket it opens.
"""

from __future__ import annotations

import copy
import ipaddress
import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path

ENV = "WATWERKT_SERVE"
FACTORY = "watwerkt.cli.serving:app_from_environment"
GRACEFUL_SHUTDOWN_SECONDS = 15  # running requests may finish; then the worker stops anyway
# Longer than a proxy keeps idle upstream connections (nginx: 60 s), so the proxy, not uvicorn,
# closes them: otherwise a request sent on a connection uvicorn is just closing is lost (a 502).
KEEP_ALIVE_SECONDS = 75


@dataclass(frozen=True)
class ServeOptions:
    site_dir: str | None = None  # a fixed, just-built site
    publication: str | None = None  # --site: re-resolved per request
    index_root: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    root_path: str = ""
    forwarded_allow_ips: str = "127.0.0.1"
    access_log: bool = False
    not_found: str | None = None  # --tel-niet-gevonden: the count file (search/not_found.py)


def app_from_environment():
    """uvicorn's app factory (in every worker): the app for the options in WATWERKT_SERVE."""
    from watwerkt.search.server import create_app

    options = ServeOptions(**json.loads(os.environ[ENV]))
    path = lambda value: Path(value) if value else None  # noqa: E731
    return create_app(path(options.site_dir), path(options.index_root), publication=path(options.publication),
                      not_found=path(options.not_found))


# -- access log --------------------------------------------------------------------------------
def truncate_address(client: str) -> str:
    """uvicorn's 'host:port' of a client as its IP address with the last octet (IPv4) or the last
    80 bits (IPv6) zeroed, without the port; '-' when the host is not an IP address."""
    host, _, port = client.rpartition(":")
    ip = _parse(host if port.isdigit() else client)
    if ip is None:
        return "-"
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    bits = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{bits}", strict=False).network_address)


def _parse(text: str):
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


class TruncatedClient(logging.Filter):
    """On uvicorn's access records: the client address truncated (AVG: a full address is personal
    data) and the query string left out (search words can be, too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5:
            client, method, path, version, status = args
            record.args = (truncate_address(str(client)), method, str(path).split("?", 1)[0], version, status)
        return True


def log_config() -> dict:
    """uvicorn's logging configuration with the filter on the access handler."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["truncated_client"] = {"()": f"{__name__}.TruncatedClient"}
    config["handlers"]["access"]["filters"] = ["truncated_client"]
    config["loggers"]["watwerkt"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


# -- running -----------------------------------------------------------------------------------
def run(options: ServeOptions) -> None:
    """Serve until stopped (Ctrl+C or SIGTERM), in `options.workers` processes."""
    import uvicorn

    from .abort_log import AbortLoggingH11

    os.environ[ENV] = json.dumps(asdict(options))
    uvicorn.run(
        FACTORY, factory=True, host=options.host, port=options.port, workers=options.workers,
        root_path=options.root_path, proxy_headers=True, forwarded_allow_ips=options.forwarded_allow_ips,
        access_log=options.access_log, log_config=log_config(), log_level="info",
        server_header=False, timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        http=AbortLoggingH11, timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )
