"""What the desk sends for the public page: a verifier of the lookup code, only when it has one."""

from __future__ import annotations

import json
from dataclasses import replace

from central import public_page
from central.protocol import SubmitRequest
from desk_app.store.sync_outbox import Batch, OutgoingDossier
from desk_app.sync.wire import lookup_digest, submit_body

CODE = "000.00.01.H26-261124-1001"


def outgoing(lookup_code: str, appointment_at: str | None) -> OutgoingDossier:
    return OutgoingDossier(
        outbox_id=1,
        dossier_id=1,
        code=CODE,
        content_hash="0" * 64,
        procedure_group="birth_interlink",
        received_at="2026-11-24T09:30:00+07:00",
        declarations_json='{"child":{"full_name":"Trần Thị Bé"}}'.encode(),
        attachments=(),
        lookup_code=lookup_code,
        appointment_at=appointment_at,
    )


def sent(d: OutgoingDossier) -> dict[str, object]:
    body = submit_body(Batch("k" * 8, (d,)))
    SubmitRequest.model_validate_json(body)  # central takes it as it is
    return dict(json.loads(body)["dossiers"][0])


def test_the_desk_sends_a_verifier_central_computes_alike_never_the_code() -> None:
    dossier = sent(outgoing("K7M2QX", "2026-11-27T16:30:00+07:00"))
    assert dossier["lookup_digest"] == lookup_digest(CODE, "K7M2QX")
    assert dossier["lookup_digest"] == public_page.lookup_digest(CODE, "k7m2qx")
    assert dossier["lookup_digest"] != lookup_digest("000.00.01.H26-261124-1002", "K7M2QX")
    assert "K7M2QX" not in json.dumps(dossier)
    assert dossier["appointment_at"] == "2026-11-27T16:30:00+07:00"


def test_an_adopted_dossier_or_a_time_without_offset_is_left_out() -> None:
    dossier = sent(outgoing("", "2026-11-27T16:30:00"))
    assert "lookup_digest" not in dossier and "appointment_at" not in dossier
    assert "appointment_at" not in sent(outgoing("K7M2QX", "not a time"))


def test_a_body_holds_every_dossier_of_the_batch_with_its_stored_bytes_spliced_in() -> None:
    for count in (0, 1, 3):
        dossiers = tuple(
            replace(outgoing("K7M2QX", None), code=f"{CODE[:-4]}{1001 + i}") for i in range(count)
        )
        body = submit_body(Batch("k" * 8, dossiers))
        parsed = json.loads(body)
        assert [d["code"] for d in parsed["dossiers"]] == [d.code for d in dossiers]
        assert body.count(b'"declarations":{"child":{"full_name":"Tr') == count
        if count:
            SubmitRequest.model_validate_json(body)
