"""uvicorn's HTTP protocol with one addition: a connection lost while a response was still being
sent is logged (uvicorn notes it only at TRACE level, so a dropped connection left no trace).

Imported only by `watwerkt serve` (it imports uvicorn, which comes with the `serve` extra). A class
at module level, so uvicorn can hand it to worker processes.
"""

from __future__ import annotations

import logging

from uvicorn.protocols.http.h11_impl import H11Protocol

from .serving import truncate_address

logger = logging.getLogger("watwerkt.serve")


class AbortLoggingH11(H11Protocol):
    def connection_lost(self, exc: Exception | None) -> None:
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:
            scope = cycle.scope
            client = "%s:%d" % self.client if self.client else "-"
            started = "na het begin van het antwoord" if cycle.response_started else "voor het antwoord"
            logger.warning("verbinding afgebroken %s: %s %s (client %s)%s", started, scope.get("method", "-"),
                           scope.get("path", "-"), truncate_address(client), f": {exc}" if exc else "")
        super().connection_lost(exc)
