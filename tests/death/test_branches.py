"""The benefit branches other than social insurance, at the counter and on to central.

A death dossier whose funeral allowance (and survivor benefit) is for a person with meritorious
service, or whose funeral costs are supported as a social-protection beneficiary: chosen on the
home screen, typed page by page (the branch and its own fields), saved with F10, printed with
its procedures and the papers *that branch* needs, synced to the real reference central and
moved on by the simulated agency of the branch's role (the home-affairs department, the
commune's People's Committee), whose decision number comes back to the counter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from central.agencies import Simulation
from desk_app.lifecycle import Status
from desk_app.lookup import open_dossier
from desk_app.receipt import render_receipt
from tests.death import keys
from tests.death.test_end_to_end import LABELS, SHORT, messages_on
from tests.receipt.conftest import flat, pdf_text, scan_qr
from tests.roundtrip import to_central_and_back
from tests.wizard.conftest import Counter, open_counter, receive_papers, save

CALM = Simulation(supplement_rate=0.0, refuse_rate=0.0)

MERIT_PAPERS = (
    "Bản khai của thân nhân người có công với cách mạng",
    "Biên bản ủy quyền của các thân nhân cho người đứng ra nhận mai táng phí, trợ cấp",
)
PROTECTION_PAPERS = (
    "Tờ khai đề nghị hỗ trợ chi phí mai táng (Mẫu số 04, Nghị định 20/2021/NĐ-CP)",
)


@dataclass(frozen=True)
class Branch:
    """One benefit branch as the officer receives it and as it should come out."""

    combination: str
    procedures: tuple[str, ...]
    agency: str
    """The deciding agency of the benefit, as the office's desk.toml names it."""
    role: str
    papers: tuple[str, ...]
    """Checklist items only this branch asks for."""
    issuer: str
    """The issuer in the decision number central's agency gives the benefit."""


BRANCHES = {
    "merit": Branch(
        "death_removal_funeral_survivor",
        ("death", "residence_removal", "funeral_allowance", "survivor_benefit"),
        "Sở Nội vụ thành phố Hà Nội",
        "home_affairs",
        MERIT_PAPERS,
        "SNV",
    ),
    "social_protection": Branch(
        "death_removal_funeral",
        ("death", "residence_removal", "funeral_allowance"),
        "UBND phường Láng",
        "people_committee",
        PROTECTION_PAPERS,
        "UBND",
    ),
}


async def type_benefit(c: Counter, branch: str) -> None:
    """The benefit page of ``branch``, by keys."""
    await (keys.merit_benefit if branch == "merit" else keys.protection_benefit)(c)


@pytest.mark.parametrize("branch", list(BRANCHES))
async def test_a_benefit_of_another_branch_goes_to_its_own_agency_and_back(
    branch: str, tmp_path: Path
) -> None:
    spec = BRANCHES[branch]
    async for c in open_counter(tmp_path):
        await keys.open_death_wizard(c)
        for page in ("agencies", "requester", "deceased", "death", "removal"):
            await keys.type_page(c, page, spec.combination)
            await c.settle()
            assert c.wizard.current != page, (page, messages_on(c))
        assert c.wizard.current == "benefit"
        await type_benefit(c, branch)
        await c.settle()
        assert c.wizard.current == "review", messages_on(c)
        await c.officer.press("enter")
        assert c.wizard.current == "attachments"
        await receive_papers(c)
        await save(c)
        assert c.wizard.current == "finish", c.wizard.query_one("#status").render()
        [row] = c.desk.store.search("le van tu")
        settings = c.desk.settings

    saved = row.declarations["declarations"]
    assert tuple(saved["requested"]) == spec.procedures
    benefit = saved["benefit"]
    assert benefit["branch"] == branch
    others = {"social_insurance", "social_protection", "merit"} - {branch}
    assert all(benefit[other] is None for other in others)
    if branch == "merit":
        assert benefit["merit"]["category"] == "war_invalid"
        assert benefit["merit"]["decision_number"] == keys.MERIT_DECISION
        assert benefit["merit"]["injury_percent"] == 61
    else:
        assert benefit["social_protection"]["category"] == "monthly_allowance"
        assert benefit["social_protection"]["burial_date"] == "2026-11-22"
    assert saved["agencies"]["benefit_agency"]["name"] == spec.agency

    # The receipt: the procedures asked for and the papers of this branch, not another's.
    pdf = render_receipt(row, settings).pdf
    assert scan_qr(pdf) == [row.code]
    words = flat(pdf_text(pdf, page=1))
    for procedure, label in LABELS.items():
        assert (label in words) is (procedure in spec.procedures), label
    for other in BRANCHES.values():
        for paper in other.papers:
            assert (paper in words) is (other is spec), paper

    # Central: the benefit decided by the agency of the branch's role, numbered as its decision.
    with to_central_and_back(tmp_path, row.code, simulation=CALM) as back:
        assert back.status == "ready" and back.row.status is Status.READY
        assert back.row.done == set(spec.procedures)
        for procedure in spec.procedures[2:]:
            assert re.fullmatch(rf"\d{{1,4}}/QĐ-{spec.issuer}", str(back.progress[procedure]))
        detail = open_dossier(back.desk, row.code)
        assert [p.label for p in detail.procedures] == [SHORT[p] for p in spec.procedures]
        titles = {e.title: e.detail for e in detail.timeline}
        assert titles["Đã giải quyết trợ cấp mai táng"] == (
            f"số Quyết định {back.progress['funeral_allowance']}"
        )
