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

from central import agency_api, anchors, public_page
from central import protocol as p
from central import protocol_v2 as v2
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
    *agency_api.MODELS,
    *v2.MODELS,
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
                        {
                            "name": "scope",
                            "in": "query",
                            "description": "v2: `office` for every change of every dossier of "
                            "the caller's office (agency steps and every desk's events); without "
                            "it, a v1 desk's feed: its own dossiers' agency steps, v1 JSON.",
                            "schema": {"type": "string", "enum": ["office"]},
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
                        },
                        {
                            "name": "full",
                            "in": "query",
                            "description": "v2: `1` answers DossierFull (declarations, every "
                            "content version, the timeline) instead of DossierView.",
                            "schema": {"type": "string", "enum": ["0", "1"]},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "The dossier as central holds it (DossierFull "
                            "with full=1).",
                            "content": {
                                "application/json": {
                                    "schema": {"oneOf": [_ref(p.DossierView), _ref(v2.DossierFull)]}
                                }
                            },
                        },
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
            **_agency_paths(),
            **_v2_paths(),
            **public_page.openapi_paths(),
        },
        "components": {
            "schemas": schemas["$defs"],
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "agencyBearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A deciding agency's token (desk central "
                    "--issue-agency-token); opens only /v1/agency/….",
                },
            },
        },
    }


def _v2_paths() -> dict[str, Any]:
    """Protocol v2's desk endpoints (central/office_api.py): events and office search."""
    key = {
        "name": "Idempotency-Key",
        "in": "header",
        "required": True,
        "schema": {"type": "string", "pattern": p.IDEMPOTENCY_KEY.pattern},
    }
    digest = {
        "name": "Content-Digest",
        "in": "header",
        "required": True,
        "description": "RFC 9530 digest of the body: sha-256=:<base64>:",
        "schema": {"type": "string"},
    }
    return {
        f"{p.API_PREFIX}/events": {
            "post": {
                "summary": "A desk's actions on dossiers of its office, applied in order",
                "description": "Each event is answered applied, duplicate (its id was applied "
                "before: same version) or refused (reason_code, a Vietnamese reason, and `by`: "
                "the event that moved the dossier into the status that refuses it).",
                "parameters": [key, digest],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref(v2.EventsRequest)}},
                },
                "responses": {
                    "200": _json(
                        v2.EventsResponse,
                        "One result per event, in request order; a replay of a key returns "
                        "the first answer with Idempotent-Replayed: true.",
                        headers={"Idempotent-Replayed": {"schema": {"type": "string"}}},
                    ),
                    **_errors(
                        400,
                        401,
                        413,
                        422,
                        bad="key_missing, digest_missing, or digest_mismatch (damaged on the "
                        "way, nothing stored: retry the same request).",
                    ),
                },
            }
        },
        f"{p.API_PREFIX}/dossiers": {
            "get": {
                "summary": "Dossiers of the caller's office by ID number or name",
                "parameters": [
                    {
                        "name": "personal_id",
                        "in": "query",
                        "schema": {"type": "string", "pattern": "^[0-9]{12}$"},
                    },
                    {
                        "name": "name",
                        "in": "query",
                        "description": "Every word, folded (no accents, đ→d), is a prefix of a "
                        "word of a name in the dossier.",
                        "schema": {"type": "string", "maxLength": 200},
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": v2.MAX_SEARCH,
                            "default": 20,
                        },
                    },
                ],
                "responses": {
                    "200": _json(v2.SearchResponse, "Newest first; empty for another office."),
                    **_errors(401, 422),
                },
            }
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


def _agency_paths() -> dict[str, Any]:
    """``/v1/agency/…``: the deciding agencies' own endpoints (central/agency_api.py)."""
    agency: list[dict[str, list[str]]] = [{"agencyBearer": []}]
    code = {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}
    key = {
        "name": "Idempotency-Key",
        "in": "header",
        "required": True,
        "schema": {"type": "string", "pattern": p.IDEMPOTENCY_KEY.pattern},
    }
    denied = {
        "401": _json(p.ErrorBody, "Missing, unknown or revoked agency token."),
        "403": _json(p.ErrorBody, "A desk's token (agency_only): it opens no agency endpoint."),
    }
    summaries = {
        "progress": "Record a procedure of the agency's own as done, with its reference",
        "request-supplement": "Ask the citizen for more papers",
        "refuse": "Refuse to decide the dossier",
        "ready": "Every procedure done: the result goes back to the counter",
    }
    paths: dict[str, Any] = {
        f"{p.API_PREFIX}/agency/dossiers": {
            "get": {
                "summary": "Dossiers waiting for the calling agency's role, oldest first",
                "description": "Without `status`: those with a procedure of this role still "
                "to decide, or whose result this role reports. With `status`: every dossier in "
                "that status in which this role decides a procedure. A page may be short with "
                "`more` true: pass `cursor` as `after`.",
                "security": agency,
                "parameters": [
                    {"name": "status", "in": "query", "schema": {"type": "string"}},
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
                            "maximum": agency_api.MAX_AGENCY_PAGE,
                            "default": 100,
                        },
                    },
                ],
                "responses": {
                    "200": _json(agency_api.AgencyPage, "A page of dossiers."),
                    **denied,
                    "422": _json(p.ErrorBody, "A parameter out of range (invalid_request)."),
                },
            }
        }
    }
    for name, model in agency_api.BODIES.items():
        paths[f"{p.API_PREFIX}/agency/dossiers/{{code}}/{name}"] = {
            "post": {
                "summary": summaries[name],
                "security": agency,
                "parameters": [code, key],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref(model)}},
                },
                "responses": {
                    "200": _json(
                        agency_api.AgencyAnswer,
                        "Recorded: the dossier's new state and version. A replay of a key "
                        "answers the first answer (Idempotent-Replayed: true).",
                        headers={"Idempotent-Replayed": {"schema": {"type": "string"}}},
                    ),
                    "400": _json(p.ErrorBody, "Missing or malformed Idempotency-Key."),
                    **denied,
                    "404": _json(
                        p.ErrorBody,
                        "No such dossier for this agency: another office's, or one in which "
                        "its role decides nothing, looks the same as none.",
                    ),
                    "409": _json(
                        p.ErrorBody,
                        "The step does not apply (agency_state, agency_role, agency_procedure, "
                        "agency_done, agency_reference, agency_nothing_left, agency_pending, "
                        "agency_not_last); Vietnamese message; nothing changed.",
                    ),
                    "413": _json(p.ErrorBody, "Body too large (too_large)."),
                    "422": _json(
                        p.ErrorBody,
                        "Body does not follow the model (invalid_request), or the key was used "
                        "for another request (key_reused).",
                    ),
                },
            }
        }
    return paths


def render() -> str:
    """The document as committed: indented, keys in a stable order, UTF-8."""
    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(render(), end="")
