"""The Dossier envelope: what the store indexes, schema versions, and the group protocol."""

from __future__ import annotations

import pytest

from desk_app.dossier import MIGRATIONS, SCHEMA_VERSION, Dossier, DossierRejected, receive
from forms import Procedure, ProcedureGroup
from tests.forms.corpus import RECEIVED, good


def test_the_store_gets_names_and_id_numbers_as_declared():
    dossier, _ = receive(good("both-not-owner-father-requests-late"), RECEIVED)
    assert dossier.requester_name == "Trần Văn Bình"
    assert dossier.subject_name == "Trần Ngọc Hà"
    # child, requester, mother, father (= requester, so once), household head, home owner
    assert dossier.search_names() == [
        "Trần Ngọc Hà",
        "Trần Văn Bình",
        "Nguyễn Thị Lan",
        "Lê Văn Tám",
        "Lê Thị Hoa",
    ]
    assert dossier.id_numbers() == [
        "001090054321",
        "001194012345",
        "001060000777",
        "001160012345",
    ]
    assert dossier.procedures == (Procedure.BIRTH, Procedure.RESIDENCE, Procedure.INSURANCE)
    assert isinstance(dossier.declarations, ProcedureGroup)


def test_an_abandoned_child_dossier_indexes_no_parent():
    dossier, _ = receive(good("abandoned-guardian"), RECEIVED)
    assert dossier.search_names() == ["Nay Thị Hoa", "H'Hen Niê"]
    assert dossier.id_numbers() == ["066180000010"]


def test_a_dossier_from_a_newer_desk_is_refused_with_a_clear_message():
    data = good("father-unknown-owner") | {"schema_version": SCHEMA_VERSION + 1}
    with pytest.raises(DossierRejected) as caught:
        receive(data, RECEIVED)
    assert "cập nhật phần mềm" in caught.value.errors[0].message


def test_older_stored_json_is_migrated_on_load(monkeypatch):
    def rename_requester(data):
        declarations = dict(data["declarations"])
        declarations["requester"] = declarations.pop("applicant")
        return {**data, "declarations": declarations}

    monkeypatch.setitem(MIGRATIONS, SCHEMA_VERSION - 1, rename_requester)
    data = good("father-unknown-owner")
    data["declarations"]["applicant"] = data["declarations"].pop("requester")
    data["schema_version"] = SCHEMA_VERSION - 1
    dossier = Dossier.model_validate(data)
    assert dossier.schema_version == SCHEMA_VERSION
    assert dossier.model_dump(mode="json") == good("father-unknown-owner")
