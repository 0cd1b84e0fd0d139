"""The citizen's public status page on loopback: p95 of an answer against a bare Starlette page.

Central runs as its own process (`python -m central`, SQLite, agencies paused) holding
``DOSSIERS`` complete dossiers sent through its real API with their lookup verifiers, as a desk
sends them. Measured over ``REQUESTS`` requests from one keep-alive client, each for a dossier
drawn at random:

- the right codes (the page found: one read, the verifier compared, the limits' transaction,
  the HTML) — p95 held to the issue's 50 ms, and its ratio to the floor held too;
- wrong lookup codes, from 50 loopback addresses in turn (10 tries each, the most a client may
  make in a minute), so each one writes its try — p95 held to the same 50 ms.

The floor is a bare Starlette page served the same way (uvicorn, its own process, a SQLite file
with the same codes): it reads the dossier's row by code and answers a fixed line of HTML — no
escaping, no headers, no limits. Page and floor alternate request by request
(:func:`bench.figures.paired_ms`), so load from elsewhere hits both alike.

``python -m bench -k public`` runs it; ``python -m bench.bench_public --floor DB`` is the floor's
server (it prints ``FLOOR <url>``).
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import sqlite3
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

import httpx

from bench.bench_sync import _central, _server
from bench.figures import Figure, paired_ms
from bench.sample import complete_dossier
from central.app import now_vn
from central.guards import body_digest
from central.protocol import canonical_json
from central.server import bind, url_of
from desk_app.store.codes import new_lookup_code
from desk_app.sync.wire import lookup_digest

DOSSIERS = 3_000
PER_DAY = 900
BATCH = 500
REQUESTS = 500
WRONG_CLIENTS = 50
OFFICE = "000.00.01.H26"
P95_BUDGET = 50.0
"""Milliseconds: issue 18's acceptance, p95 of an answer on loopback."""
RATIO_BUDGET = 3.0
"""The page (a read, a write transaction for the limits, escaping) against a bare read."""


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _dossiers(rng: random.Random) -> list[tuple[dict[str, object], str]]:
    """(dossier as a desk submits it, its lookup code): ``PER_DAY`` a day, ending yesterday."""
    today = now_vn().replace(hour=9, minute=0, second=0, microsecond=0)
    made = []
    for n in range(DOSSIERS):
        day = today - timedelta(days=1 + n // PER_DAY)
        code = f"{OFFICE}-{day:%y%m%d}-{1001 + n % PER_DAY:04d}"
        new = complete_dossier(rng)
        declarations = json.loads(canonical_json(dict(new.declarations)))
        lookup = new_lookup_code()
        made.append(
            (
                {
                    "code": code,
                    "content_hash": hashlib.sha256(
                        canonical_json(declarations).encode()
                    ).hexdigest(),
                    "received_at": day.isoformat(),
                    "declarations": declarations,
                    "lookup_digest": lookup_digest(code, lookup),
                    "appointment_at": (day + timedelta(days=3)).isoformat(),
                },
                lookup,
            )
        )
    return made


def _fill(url: str, token: str, dossiers: list[tuple[dict[str, object], str]]) -> None:
    """Send every dossier through central's API, as a desk's rounds would."""
    with httpx.Client(base_url=url, timeout=120) as http:
        for n in range(0, len(dossiers), BATCH):
            body = json.dumps(
                {"dossiers": [d for d, _ in dossiers[n : n + BATCH]]}, ensure_ascii=False
            ).encode()
            answer = http.post(
                "/v1/batches",
                content=body,
                headers={
                    "Authorization": f"Bearer {token}",
                    "Idempotency-Key": f"bench-public-{n}",
                    "Content-Digest": body_digest(body),
                    "Content-Type": "application/json",
                },
            )
            answer.raise_for_status()
            outcomes = {r["outcome"] for r in answer.json()["results"]}
            if outcomes != {"accepted"}:
                raise RuntimeError(f"central refused the sample dossiers: {outcomes}")


def run() -> list[Figure]:
    """p95 of the found page (budget and ratio to the floor) and of a wrong try (budget)."""
    rng = random.Random(18)
    dossiers = _dossiers(rng)
    with tempfile.TemporaryDirectory(prefix="desk-bench-public-") as name, ExitStack() as stack:
        tmp = Path(name)
        command, token = _central(tmp)
        url, _ = stack.enter_context(_server(command, " tại "))
        httpx.get(f"{url}/v1/health", timeout=60).raise_for_status()
        _fill(url, token, dossiers)
        floor_db = tmp / "floor.sqlite3"
        _floor_store(floor_db, [str(d["code"]) for d, _ in dossiers])
        floor_url, _ = stack.enter_context(
            _server(
                [sys.executable, "-m", "bench.bench_public", "--floor", str(floor_db)], "FLOOR "
            )
        )
        page = stack.enter_context(httpx.Client(base_url=url, timeout=30))
        floor = stack.enter_context(httpx.Client(base_url=floor_url, timeout=30))
        picks = iter(rng.choices(dossiers, k=REQUESTS + 10))

        def found() -> None:
            dossier, lookup = next(picks)
            answer = page.get("/tra-cuu", params={"ma": str(dossier["code"]), "kiem": lookup})
            if answer.status_code != 200:
                raise RuntimeError(f"the page answered {answer.status_code}")

        def bare() -> None:
            dossier, lookup = rng.choice(dossiers)
            floor.get("/page", params={"ma": str(dossier["code"]), "kiem": lookup})

        pairs = paired_ms(found, bare, repeat=REQUESTS, warmup=5)
        wrong = _wrong_tries(url, dossiers, rng)
    p95, floor_p95 = _p95(pairs.ours), _p95(pairs.base)
    return [
        Figure(
            f"public status page answer p95, found ({DOSSIERS:,} dossiers on central)",
            p95,
            "ms",
            budget=P95_BUDGET,
            note=f"median {pairs.value:.1f} ms over {REQUESTS} requests on loopback, SQLite",
        ),
        Figure(
            "public status page answer, found, against a bare Starlette page",
            pairs.value,
            "ms",
            floor=pairs.floor,
            floor_name="bare Starlette page: one SQLite read by code",
            ratio_budget=RATIO_BUDGET,
            pair_ratio=pairs.ratio,
            note=f"p95 {p95:.1f} ms against {floor_p95:.1f} ms",
        ),
        Figure(
            "public status page answer p95, wrong lookup code (each try written)",
            _p95(wrong),
            "ms",
            budget=P95_BUDGET,
            note=f"{len(wrong)} tries from {WRONG_CLIENTS} loopback addresses",
        ),
    ]


def _wrong_tries(
    url: str, dossiers: list[tuple[dict[str, object], str]], rng: random.Random
) -> list[float]:
    """Milliseconds of each wrong try: 10 per loopback address, all answered "not found"."""
    samples = []
    for n in range(WRONG_CLIENTS):
        transport = httpx.HTTPTransport(local_address=f"127.0.{60 + n // 200}.{1 + n % 200}")
        with httpx.Client(base_url=url, transport=transport, timeout=30) as client:
            for _ in range(10):
                dossier, _ = rng.choice(dossiers)
                start = time.perf_counter()
                answer = client.get(
                    "/tra-cuu", params={"ma": str(dossier["code"]), "kiem": "ZZZZZZ"}
                )
                samples.append((time.perf_counter() - start) * 1000)
                if answer.status_code != 404:
                    raise RuntimeError(f"a wrong try was answered {answer.status_code}")
    return samples


def _floor_store(path: Path, codes: list[str]) -> None:
    """The floor's database: the same codes, one small row each."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE dossiers (code TEXT PRIMARY KEY, status TEXT NOT NULL)")
        conn.executemany(
            "INSERT INTO dossiers (code, status) VALUES (?, 'accepted')", [(c,) for c in codes]
        )
    conn.close()


def _serve_floor(path: str) -> None:
    """The floor: a bare Starlette page over ``path`` under uvicorn, on a free loopback port."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse
    from starlette.routing import Route

    conn = sqlite3.connect(path, check_same_thread=False)

    async def page(request: Request) -> HTMLResponse:
        row = conn.execute(
            "SELECT status FROM dossiers WHERE code = ?", (request.query_params.get("ma"),)
        ).fetchone()
        return HTMLResponse(f"<!DOCTYPE html><p>{row[0] if row else 'none'}</p>")

    sock = bind("127.0.0.1", 0)  # as central's: TCP_NODELAY on its connections
    print(f"FLOOR {url_of(sock)}", flush=True)
    app = Starlette(routes=[Route("/page", page)])
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--floor":
        _serve_floor(sys.argv[2])
    else:
        for figure in run():
            print(figure.as_dict())
