"""The OpenAPI document of the sync protocol, built from :mod:`central.protocol`.

``python -m central.openapi > docs/openapi.json`` regenerates the committed document; a test
fails when the two differ or when a route of the app is missing from it, so the document
always describes the server that runs.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from central import anchors
from central import protocol as p
from central.guards import MAX_CURSOR

MODELS: tuple[type[BaseModel], ...] = (
    p.SubmitRequest,
    p.SubmitResponse,
    p.UpdatesResponse,
    p.DossierView,
    p.VerifyRequest,
    p.VerifyResponse,
    p.AttachmentStored,
    p.Heartbeat,
    p.HeartbeatAck,
    p.ErrorBody,
    *anchors.MODELS,
)

RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds (or an HTTP date) to wait before trying again.",
        "schema": {"type": "string"},
    }
}


def _ref(model: type[BaseModel]) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _json(model: type[BaseModel], description: str, **extra: Any) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref(model)}},
        **extra,
    }


def _errors(*codes: int, bad: str = "") -> dict[str, Any]:
    text = {
        400: bad,
        401: "Missing or wrong bearer token (WWW-Authenticate: Bearer).",
        404: "No such dossier in the caller's office (another office's looks the same).",
        413: "Body too large (error too_large), whether or not Content-Length announced it.",
        422: "Body or parameters do not follow the protocol (invalid_request: NaN/Infinity or "
        "an integer beyond ±(2^53 − 1) in declarations, a naive received_at, an out-of-range "
        "parameter…); or the key was used for another body (key_reused).",
        429: "Too many verifications from this desk (rate_limited); wait Retry-After seconds.",
    }
    out = {
        str(c): _json(p.ErrorBody, text[c], **({"headers": RETRY_AFTER} if c == 429 else {}))
        for c in codes
    }
    out["503"] = _json(p.ErrorBody, "Temporarily unavailable; retry.", headers=RETRY_AFTER)
    out["500"] = _json(p.ErrorBody, "Server error; retry with the same Idempotency-Key.")
    return out


def document() -> dict[str, Any]:
    """The whole OpenAPI 3.1 document."""
    _, schemas = models_json_schema(
        [(m, "validation") for m in MODELS], ref_template="#/components/schemas/{model}"
    )
    sha = {
        "name": "sha256",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": p.SHA256.pattern},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "desk sync protocol",
            "version": "1",
            "description": "Desk ↔ central system. Narrative: docs/sync-protocol.md.",
        },
        "servers": [{"url": "https://central.example.invalid"}],
        "security": [{"bearer": []}],
        "paths": {
            f"{p.API_PREFIX}/health": {
                "get": {
                    "summary": "Liveness (no token needed)",
                    "security": [],
                    "responses": {"200": {"description": '{"status": "ok"}'}},
                }
            },
            f"{p.API_PREFIX}/batches": {
                "post": {
                    "summary": "Submit a batch of dossiers under an idempotency key",
                    "parameters": [
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": True,
                            "schema": {"type": "string", "pattern": p.IDEMPOTENCY_KEY.pattern},
                        },
                        {
                            "name": "Content-Digest",
                            "in": "header",
                            "required": True,
                            "description": "RFC 9530 digest of the body: sha-256=:<base64>:",
                            "schema": {"type": "string"},
                        },
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref(p.SubmitRequest)}},
                    },
                    "responses": {
                        "200": _json(
                            p.SubmitResponse,
                            "One result per dossier, in request order. A replay of a key "
                            "returns the first answer with Idempotent-Replayed: true.",
                            headers={"Idempotent-Replayed": {"schema": {"type": "string"}}},
                        ),
                        **_errors(
                            400,
                            401,
                            413,
                            422,
                            bad="Missing or malformed Idempotency-Key (key_missing) or "
                            "Content-Digest (digest_missing); or digest_mismatch: the body "
                            "arrived damaged, nothing was stored — retry the same request.",
                        ),
                    },
                }
            },
            f"{p.API_PREFIX}/attachments/{{sha256}}": {
                "head": {
                    "summary": "Whether the caller's office has uploaded this file",
                    "parameters": [sha],
                    "responses": {
                        "200": {"description": "Held for this office."},
                        "404": {"description": "Not held for this office."},
                        "401": {"description": "Missing or wrong token."},
                    },
                },
                "put": {
                    "summary": "Upload a file by its SHA-256 (idempotent)",
                    "parameters": [sha],
                    "requestBody": {
                        "required": True,
                        "content": {"application/octet-stream": {"schema": {}}},
                    },
                    "responses": {
                        "201": _json(p.AttachmentStored, "Stored for this office now."),
                        "200": _json(p.AttachmentStored, "This office had already uploaded it."),
                        **_errors(
                            400,
                            401,
                            413,
                            422,
                            bad="digest_mismatch: the bytes do not hash to {sha256} (damaged on "
                            "the way; nothing stored) — retry the same request.",
                        ),
                    },
                },
            },
            f"{p.API_PREFIX}/updates": {
                "get": {
                    "summary": "Status updates of the caller's dossiers after a cursor",
                    "parameters": [
                        {
                            "name": "after",
                            "in": "query",
                            "schema": {
                                "type": "integer",
                                "minimum": 0,
                                "maximum": MAX_CURSOR,
                                "default": 0,
                            },
                        },
                        {
                            "name": "limit",
                            "in": "query",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": p.MAX_UPDATES_PAGE,
                                "default": 500,
                            },
                        },
                    ],
                    "responses": {
                        "200": _json(p.UpdatesResponse, "A page of the feed, oldest first."),
                        **_errors(401, 422),
                    },
                }
            },
            f"{p.API_PREFIX}/dossiers/{{code}}": {
                "get": {
                    "summary": "Central's record of one dossier of the caller's office",
                    "parameters": [
                        {
                            "name": "code",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": _json(p.DossierView, "The dossier as central holds it."),
                        **_errors(401, 404),
                    },
                }
            },
            f"{p.API_PREFIX}/verify": {
                "post": {
                    "summary": "Verify a requester against the population register",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref(p.VerifyRequest)}},
                    },
                    "responses": {
                        "200": _json(
                            p.VerifyResponse, "verified or not_matching; never which field."
                        ),
                        **_errors(401, 413, 422, 429),
                    },
                }
            },
            f"{p.API_PREFIX}/heartbeat": {
                "post": {
                    "summary": "End of a sync round: what the desk still has waiting",
                    "description": "Central notes the time and the counts for the operations "
                    "team (`desk central --list-desks`). Sent last in each round that reached "
                    "central; a desk ignores its failure.",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref(p.Heartbeat)}},
                    },
                    "responses": {
                        "200": _json(p.HeartbeatAck, "Noted."),
                        **_errors(401, 413, 422),
                    },
                }
            },
            **_anchor_paths(),
        },
        "components": {
            "schemas": schemas["$defs"],
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


def _anchor_paths() -> dict[str, Any]:
    """``/v1/anchors``: the desk's audit chain anchored at central (central/anchors.py)."""
    flagged = _json(
        p.ErrorBody,
        "Recorded but flagged: shorter than an anchor already held (error anchor_behind) or "
        "another head at a length already anchored (anchor_conflict).",
    )
    return {
        f"{p.API_PREFIX}/anchors": {
            "get": {
                "summary": "The calling desk's anchors of its audit chain, oldest first",
                "parameters": [
                    {
                        "name": "after",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 0, "default": 0},
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": anchors.MAX_ANCHORS_PAGE,
                            "default": anchors.MAX_ANCHORS_PAGE,
                        },
                    },
                ],
                "responses": {
                    "200": _json(
                        anchors.AnchorsPage, "A page of anchors; `cursor` is the next `after`."
                    ),
                    **_errors(401, 422),
                },
            },
            "post": {
                "summary": "Anchor the desk's audit chain: its length and head hash",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref(anchors.AnchorIn)}},
                },
                "responses": {
                    "201": _json(anchors.Anchor, "Kept: a new anchor."),
                    "200": _json(anchors.Anchor, "The same as the latest anchor: nothing new."),
                    "409": flagged,
                    **_errors(401, 413, 422),
                },
            },
        }
    }


def render() -> str:
    """The document as committed: indented, keys in a stable order, UTF-8."""
    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(render(), end="")
