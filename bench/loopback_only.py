"""Refuse every host name but loopback in this process (for other EDGAR clients run against the mirror).

Imports nothing but the standard library: it runs inside the edgartools venv, before edgartools is imported, so
that whatever that library would fetch, nothing leaves the machine (nothing may ever contact SEC).
"""

from __future__ import annotations

import socket
from typing import Any

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def install() -> None:
    """From now on ``socket.getaddrinfo`` (every connection by name or address) fails for non-loopback hosts."""
    lookup = socket.getaddrinfo

    def loopback_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in LOOPBACK:
            raise OSError(f"refused a connection to {name}: only loopback is allowed here")
        return lookup(host, *args, **kwargs)

    socket.getaddrinfo = loopback_only
