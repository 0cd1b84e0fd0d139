"""The reference dossier as an officer types it: used by the test and by the benchmark."""

from __future__ import annotations

from tests.wizard.conftest import BIRTH, CHIP, NEW_DOSSIER, Counter


async def reference_dossier(c: Counter) -> int:
    """Enter the reference dossier from the home screen; return the officer's key count."""
    officer = c.officer
    start = officer.counted
    await officer.press(NEW_DOSSIER, BIRTH)
    await officer.press("enter")  # agencies: the office's own, both parents known
    await officer.press("f2")
    await officer.scan(CHIP)
    await c.settle()
    await officer.type("me")  # relation: mẹ
    await officer.press("enter")
    await officer.fill("0912345678")  # optional email skipped: the child's page opens
    await officer.fill("Trần Minh An")
    await officer.fill("15112026")
    await officer.type("nam")
    await officer.press("enter")
    await officer.fill("Bệnh viện Phụ sản Hà Nội")
    await officer.fill("Số 929 đường La Thành")
    await officer.fill("Xã Đông Hội, huyện Đông Anh, Hà Nội")  # home town (quê quán)
    await officer.fill("1234/GCS")
    await officer.press("enter")  # the mother is the requester: already filled
    await officer.fill("Trần Văn Bình")
    await officer.fill("01071990")
    await officer.fill("001090054321")
    await officer.fill("Số 12 ngõ 34 phố Láng")
    await officer.fill("Trần Văn Bình")  # household head
    await officer.fill("001090054321")
    await officer.press("f7")  # the mother's address
    await officer.press("enter")
    await officer.press("enter")  # care facility: the commune's health station, first listed
    await officer.press("enter")  # review
    # Not verified here: ID copy and residence proof too. The cursor starts on the first paper
    # missing and Space moves on to the next one.
    await officer.press("space", "space", "space", "space")
    await officer.press("enter")
    await officer.press("enter")  # delivery as defaulted: the confirmation shows
    await officer.press("f10")  # saved
    await c.settle()
    return officer.counted - start
