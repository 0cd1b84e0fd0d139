"""A death-interlink dossier as an officer types it at the counter, for each combination.

The requester is the chip card of :data:`tests.wizard.conftest.CHIP` (Nguyễn Thị Lan, born
1994), the deceased's daughter; the deceased is Lê Văn Tư, born 1940, who died at home on
20/11/2026 (the counter's day is 24/11/2026). With a benefit, the social-insurance branch pays
it; with the survivor benefit, monthly.
"""

from __future__ import annotations

from desk_app import groups
from tests.wizard.conftest import CHIP, NEW_DOSSIER, Counter

DECEASED = "Lê Văn Tư"
DECEASED_ID = "001040012345"
SI_NUMBER = "0140012345"

COMBINATION_QUERY = {
    "death_removal": None,  # the first listed: already chosen
    "death_removal_funeral": "mai tang phi",
    "death_removal_funeral_survivor": "tu tuat",
}
"""What the officer types in the combination picker to choose each combination."""


def death_key() -> str:
    """The chooser's number key of the death interlink."""
    return str([g.kind for g in groups.registered()].index("death_interlink") + 1)


async def open_death_wizard(c: Counter) -> None:
    """From the home screen: the new-dossier key, then the death interlink in the chooser."""
    await c.officer.press(NEW_DOSSIER, death_key())
    await c.settle()


async def agencies(c: Counter, combination: str) -> None:
    """The first page: the combination (the agencies are the office's own)."""
    query = COMBINATION_QUERY[combination]
    if query is not None:
        await c.officer.type(query)
    await c.officer.press("enter")


async def requester(c: Counter) -> None:
    """The chip card, the relation (daughter: «Con»), the phone."""
    await c.officer.press("f2")
    await c.officer.scan(CHIP)
    await c.settle()
    await c.officer.type("con")
    await c.officer.press("enter")
    await c.officer.fill("0912345678")


async def deceased(c: Counter, *, born: str = "1940") -> None:
    """Name, year of birth only, sex, ID number, the street of the last residence."""
    await c.officer.fill(DECEASED)
    await c.officer.fill(born)
    await c.officer.type("nam")
    await c.officer.press("enter")
    await c.officer.fill(DECEASED_ID)
    await c.officer.fill("Số 5 ngõ 10 phố Láng")


async def death(c: Counter, *, died: str = "20112026", notice_on: str = "21112026") -> None:
    """The date of death, at home, of illness, the death notice."""
    await c.officer.fill(died)
    await c.officer.fill("01/UBND-GBT")
    await c.officer.fill(notice_on)
    await c.officer.fill("UBND phường Láng")


HEAD = "Lê Văn Nam"
HEAD_ID = "001080012345"


async def removal(c: Counter) -> None:
    """The household head is the deceased's son; the deceased was his father («Cha»)."""
    await c.officer.fill(HEAD)
    await c.officer.fill(HEAD_ID)
    await c.officer.type("cha")
    await c.officer.press("enter")


async def benefit(c: Counter, combination: str, *, si_number: str = SI_NUMBER) -> None:
    """Social insurance: the SI number, a pensioner, monthly survivor benefit if asked; the
    requester receives the money in cash at the paying agency (as defaulted)."""
    await c.officer.fill(si_number)
    await c.officer.type("luong huu")
    await c.officer.press("enter")
    if combination == "death_removal_funeral_survivor":
        await c.officer.type("hang thang")
        await c.officer.press("enter")


MERIT_DECISION = "1234/QĐ-LĐTBXH"
BURIAL = "22112026"


async def merit_benefit(c: Counter) -> None:
    """The merit branch: the deceased was a war invalid (61 %), by a 1985 decision; the
    requester receives the money in cash (as defaulted)."""
    await c.officer.press("shift+tab")  # the page starts on the first empty field: back up
    await c.officer.type("nguoi co cong")
    await c.officer.press("enter")
    await c.officer.type("thuong binh")
    await c.officer.press("enter")
    await c.officer.fill(MERIT_DECISION)
    await c.officer.fill("27071985")
    await c.officer.fill("Sở Lao động - Thương binh và Xã hội Hà Nội")
    await c.officer.fill("61")  # the page moves on: the home town is optional


async def protection_benefit(c: Counter) -> None:
    """The social-protection branch: the deceased had a monthly social allowance; buried on
    22/11/2026 by the family, who live at the deceased's street (the province and commune of
    the organiser's address as defaulted: this commune)."""
    await c.officer.press("shift+tab")  # the page starts on the first empty field: back up
    await c.officer.type("bao tro xa hoi")
    await c.officer.press("enter")
    await c.officer.type("tro cap xa hoi hang thang")
    await c.officer.press("enter")
    await c.officer.fill(BURIAL)
    await c.officer.fill("Số 5 ngõ 10 phố Láng")  # the organiser's name is optional


async def type_page(c: Counter, page: str, combination: str) -> None:
    """Type page ``page`` of a dossier of ``combination`` as above."""
    if page == "agencies":
        await agencies(c, combination)
    elif page == "benefit":
        await benefit(c, combination)
    else:
        await {"requester": requester, "deceased": deceased, "death": death, "removal": removal}[
            page
        ](c)
