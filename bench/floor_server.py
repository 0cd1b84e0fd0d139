"""The floor of a sync round: a bare Starlette endpoint that stores POSTed dossiers, nothing else.

``python -m bench.floor_server DB`` serves ``POST /batches`` (and ``POST /events``, the floor
of bench_events) on a free loopback port under uvicorn (as central is served) and prints
``FLOOR <url>``. Each request's dossiers (or events) are decoded and written in one SQLite
transaction (WAL, ``synchronous=FULL``, as central's store): no token, no digest, no
idempotency, no validation, no answer per dossier. What a round costs
beyond this — and beyond the bare client that posts the same bodies — is the protocol's and
the desk's own work; the sync benchmark holds that to a ratio.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import sys
import threading

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


def create_app(path: str) -> Starlette:
    """The bare endpoint over the SQLite file ``path``."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS dossiers (id INTEGER PRIMARY KEY, code TEXT, body TEXT)"
    )
    conn.execute("CREATE TABLE IF NOT EXISTS events (id TEXT, code TEXT, body TEXT)")
    lock = threading.Lock()

    async def batches(request: Request) -> JSONResponse:
        dossiers = json.loads(await request.body())["dossiers"]
        rows = [(d["code"], json.dumps(d, ensure_ascii=False)) for d in dossiers]
        with lock:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT INTO dossiers (code, body) VALUES (?, ?)", rows)
            conn.execute("COMMIT")
        return JSONResponse({"stored": len(rows)})

    async def events(request: Request) -> JSONResponse:
        """A counter's actions (bench_events' floor): each stored, in one transaction."""
        sent = json.loads(await request.body())["events"]
        rows = [(e["id"], e["code"], json.dumps(e, ensure_ascii=False)) for e in sent]
        with lock:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT INTO events (id, code, body) VALUES (?, ?, ?)", rows)
            conn.execute("COMMIT")
        return JSONResponse({"stored": len(rows)})

    return Starlette(
        routes=[
            Route("/batches", batches, methods=["POST"]),
            Route("/events", events, methods=["POST"]),
        ]
    )


def serve(app: Starlette) -> None:
    """Serve ``app`` on a free loopback port under uvicorn, as central is served, after
    printing ``FLOOR <url>``; until terminated."""
    # proto given explicitly: asyncio sets TCP_NODELAY only on accepted sockets whose proto is
    # IPPROTO_TCP; without it every answer stalls ~40 ms (Nagle + delayed ACK), as central knows.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(2048)
    print(f"FLOOR http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])


def main() -> None:
    """Serve the floor endpoint on a free loopback port until terminated."""
    serve(create_app(sys.argv[1]))


if __name__ == "__main__":
    main()
