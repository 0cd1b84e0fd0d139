"""The floor of central on PostgreSQL: a bare endpoint that stores each POSTed batch, nothing else.

``python -m bench.floor_pg URL`` serves ``POST /v1/batches`` on a free loopback port under
uvicorn (as central is served) and prints ``FLOOR <url>``. Each request's dossiers are decoded
and written to the database at ``URL`` (table ``floor_dossiers``, made beforehand by
:func:`prepare`) in one transaction, from a pool of connections on a worker thread as central
does it: no token, no digest, no idempotency, no validation, no feed, no answer per dossier.
``GET /v1/updates`` answers an empty last page and ``POST /v1/heartbeat`` an empty object, so
the same simulated desks can drive it; reading the office's feed is part of what central's
figure counts beyond this floor.
"""

from __future__ import annotations

import json
import sys

from psycopg_pool import ConnectionPool
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bench.floor_server import serve

TABLE = "CREATE TABLE IF NOT EXISTS floor_dossiers (id BIGSERIAL PRIMARY KEY, code TEXT, body TEXT)"


def prepare(url: str) -> None:
    """Make the floor's table in the database at ``url`` (before its processes start)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(TABLE)


def create_app(url: str, pool_size: int = 12) -> Starlette:
    """The bare endpoints over the PostgreSQL database at ``url``."""
    pool = ConnectionPool(url, min_size=pool_size, max_size=pool_size, open=True)

    def store(rows: list[tuple[str, str]]) -> None:
        with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            cur.executemany("INSERT INTO floor_dossiers (code, body) VALUES (%s, %s)", rows)

    async def batches(request: Request) -> JSONResponse:
        dossiers = json.loads(await request.body())["dossiers"]
        rows = [(d["code"], json.dumps(d, ensure_ascii=False)) for d in dossiers]
        await run_in_threadpool(store, rows)
        return JSONResponse({"results": [{"outcome": "accepted"} for _ in rows]})

    async def updates(request: Request) -> JSONResponse:
        return JSONResponse({"updates": [], "cursor": 0, "more": False})

    async def heartbeat(request: Request) -> JSONResponse:
        return JSONResponse({})

    return Starlette(
        routes=[
            Route("/v1/batches", batches, methods=["POST"]),
            Route("/v1/updates", updates, methods=["GET"]),
            Route("/v1/heartbeat", heartbeat, methods=["POST"]),
        ]
    )


def main() -> None:
    """Serve the floor endpoints on a free loopback port until terminated."""
    serve(create_app(sys.argv[1]))


if __name__ == "__main__":
    main()
