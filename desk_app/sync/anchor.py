"""The audit chain anchored at central: sent after each sync round, compared by `audit verify`.

A hash chain shows an edited event, but not a chain rewritten end to end (edit, then
recompute every later hash), cut at the tail, or emptied: whoever holds the database file can
do all three and the chain still verifies. Central is outside the desk's reach, so each sync
round ends by sending it the chain's length and head hash (:func:`send_anchor`); central keeps
every anchor, append-only (central/anchors.py). ``desk audit verify`` reads them all back
(:func:`fetch_anchors`) and checks that the local event at each anchored length still has the
anchored hash (:func:`compare`):

* a rewritten-and-rehashed chain differs at every anchor after the edit;
* a truncated chain lacks the events of the later anchors; an emptied one lacks all of them;
* central also flags, when they arrive, an anchor shorter than one it holds or one that
  contradicts a held anchor of the same length. A flagged anchor is checked like the others
  (and reported if the chain no longer matches it); one the chain still matches is only
  named, because the App's worker and a scheduled `desk sync` may send anchors out of order.

What remains possible offline, or before the next round: events written since the last
anchor are confirmed by nothing but the chain itself, so someone with the file can rewrite,
cut or drop them, and a desk that never syncs has no anchor at all. ``audit verify`` says how
far the trail is confirmed and, when central cannot be reached, that it could not confirm.
Restoring an older backup with ``--force`` loses the events after it for real; verify keeps
saying so (the restore event is named), because that is what happened to the trail.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desk_app.clock import VN_TZ
from desk_app.store import Store
from desk_app.sync.client import CentralClient, CentralRefused, SyncError

log = logging.getLogger("desk.sync")

PATH = "/v1/anchors"
PAGE = 1000
MAX_PAGES = 100_000
RESTORE_ACTION = "database.restore"
"""desk_app.backup.RESTORE_ACTION (not imported: the sync package does not load backup)."""

TEXT = {
    "bad_answer": "Hệ thống trung tâm trả lời danh sách mốc không đúng giao thức.",
    "no_anchor": (
        "Hệ thống trung tâm chưa giữ mốc nào của nhật ký bàn này (bàn chưa đồng bộ lần nào "
        "từ khi có mốc): chưa đối chiếu được."
    ),
    "confirmed": "Đã đối chiếu với hệ thống trung tâm đến sự kiện {events}, neo lúc {at}.",
    "none_confirmed": "Không mốc nào của hệ thống trung tâm khớp với nhật ký trên máy.",
    "after": (
        "Các sự kiện từ số {first} đến {last} chưa được neo (sẽ được neo ở lần đồng bộ tới); "
        "chúng chỉ được chuỗi mã băm trên máy bảo vệ."
    ),
    "mismatch_title": "Nhật ký KHÔNG KHỚP với hệ thống trung tâm ({count} mốc):",
    "missing": (
        "Trung tâm đã neo {events} sự kiện lúc {at} nhưng trên máy không còn sự kiện số "
        "{events}: nhật ký đã bị cắt bớt hoặc bị xóa."
    ),
    "differs": (
        "Sự kiện số {events} trên máy khác với mốc trung tâm neo lúc {at}: nhật ký đã bị sửa "
        "rồi tính lại mã băm."
    ),
    "behind": (
        "Lúc {at} bàn đã gửi trung tâm một nhật ký chỉ có {events} sự kiện, ít hơn mốc đã "
        "neo trước đó: nhật ký đã từng bị cắt bớt, bị xóa hoặc bị thay bằng bản cũ."
    ),
    "conflict": (
        "Lúc {at} bàn đã gửi trung tâm một nhật ký khác mốc đã neo tại sự kiện số {events}: "
        "nhật ký đã từng bị sửa."
    ),
    "more": "… và {count} mốc khác không khớp.",
    "flag_matches": (
        " Nhật ký trên máy hiện vẫn khớp mốc đó (có thể là một lần gửi muộn của chương trình "
        "desk thứ hai trên cùng máy)."
    ),
    "restored": (
        "Sự kiện số {event} là một lần khôi phục từ bản sao lưu ({when}): các sự kiện ghi sau "
        "bản sao lưu đó đã mất cùng lần khôi phục, nên các mốc sau nó không còn khớp."
    ),
    "offline": (
        "Chưa đối chiếu được với hệ thống trung tâm ({reason}). Chuỗi chỉ được kiểm tra trên "
        "máy này: người có tệp cơ sở dữ liệu vẫn có thể đã viết lại, cắt bớt hoặc xóa nhật ký "
        "mà lần kiểm tra này không thấy."
    ),
}
SHOWN_PROBLEMS = 5


@dataclass(frozen=True)
class HeldAnchor:
    """One anchor central holds for this desk."""

    events: int
    head: str
    at: datetime
    flag: str | None


def chain_head(store: Store) -> tuple[int, str] | None:
    """The number and hash of the chain's last event, or None (no event, or not as written)."""
    rows = store.rows("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
    if not rows:
        return None
    number, digest = rows[0]
    if type(number) is not int or not isinstance(digest, str) or len(digest) != 64:
        return None  # tampered beyond sending: verify reports it
    return number, digest


def send_anchor(store: Store, client: CentralClient) -> None:
    """Anchor the chain as it stands at central (the last step of a sync round).

    Central refusing it (409: it holds a longer chain, or another head at this length) is not
    a failed round: the dossiers went through, and the flag central now keeps is what
    `desk audit verify` reports. An older central without the endpoint (404) is skipped.
    Transport failures end the round like any other request's.
    """
    head = chain_head(store)
    if head is None:
        return
    try:
        answer = client.request("POST", PATH, json={"events": head[0], "head": head[1]})
    except CentralRefused as exc:
        log.warning("audit chain anchor refused by central: %s", exc.message)
        return
    if answer.status_code == 404:
        log.info("central keeps no audit chain anchors")


def fetch_anchors(client: CentralClient) -> list[HeldAnchor]:
    """Every anchor central holds for this desk, oldest first; SyncError if it cannot say."""
    held: list[HeldAnchor] = []
    after = 0
    for _ in range(MAX_PAGES):
        answer = client.request("GET", PATH, params={"after": after, "limit": PAGE})
        if answer.status_code == 404:
            return held
        try:
            body = answer.json()
            held.extend(_parse(item) for item in body["anchors"])
            cursor, more = body["cursor"], body["more"]
        except (ValueError, KeyError, TypeError):
            raise SyncError(TEXT["bad_answer"]) from None
        if type(cursor) is not int or (cursor <= after and more):
            raise SyncError(TEXT["bad_answer"])
        after = cursor
        if more is not True:
            return held
    return held


def _parse(item: Any) -> HeldAnchor:
    events, head, flag = item["events"], item["head"], item.get("flag")
    if type(events) is not int or not isinstance(head, str):
        raise TypeError("anchor")
    if flag is not None and not isinstance(flag, str):
        raise TypeError("flag")
    return HeldAnchor(events, head, datetime.fromisoformat(item["anchored_at"]), flag)


def _when(at: datetime) -> str:
    return at.astimezone(VN_TZ).strftime("%H:%M ngày %d/%m/%Y")


@dataclass
class AnchorCheck:
    """The local chain against central's anchors."""

    local_events: int
    confirmed: HeldAnchor | None = None
    problems: list[tuple[int, str]] = field(default_factory=list)
    """(anchored length, Vietnamese sentence), earliest length first."""
    restore_note: str | None = None
    notes: list[str] = field(default_factory=list)
    """Anchors central flagged on arrival that the local chain matches now."""

    @property
    def ok(self) -> bool:
        """Whether every anchor matches and central flagged nothing."""
        return not self.problems

    def lines(self, anchored: int) -> list[str]:
        """The verdict for `desk audit verify`; ``anchored`` is how many anchors were read."""
        if not anchored:
            return [TEXT["no_anchor"]]
        out = []
        if self.problems:
            out.append(TEXT["mismatch_title"].format(count=len(self.problems)))
            out.extend(text for _, text in self.problems[:SHOWN_PROBLEMS])
            if len(self.problems) > SHOWN_PROBLEMS:
                out.append(TEXT["more"].format(count=len(self.problems) - SHOWN_PROBLEMS))
            if self.restore_note:
                out.append(self.restore_note)
        if self.confirmed is None:
            out.append(TEXT["none_confirmed"])
            return out + self.notes
        out.append(
            TEXT["confirmed"].format(events=self.confirmed.events, at=_when(self.confirmed.at))
        )
        if not self.problems and self.local_events > self.confirmed.events:
            out.append(
                TEXT["after"].format(first=self.confirmed.events + 1, last=self.local_events)
            )
        return out + self.notes


def compare(store: Store, anchors: list[HeldAnchor]) -> AnchorCheck:
    """Check each of central's anchors against the local chain (see the module doc)."""
    rows = store.rows("SELECT max(id) FROM audit")
    local = rows[0][0] if rows and type(rows[0][0]) is int else 0
    check = AnchorCheck(local)
    matched: list[HeldAnchor] = []
    for anchor in anchors:
        found = store.rows("SELECT hash FROM audit WHERE id = ?", (anchor.events,))
        if anchor.flag is not None:
            # What central saw arrive; still a fact about the chain if it matches it now
            # (a late send from a second desk process, or a cut since undone).
            key = "behind" if anchor.flag == "behind" else "conflict"
            sentence = TEXT[key].format(at=_when(anchor.at), events=anchor.events)
            if found and found[0][0] == anchor.head:
                check.notes.append(sentence + TEXT["flag_matches"])
            else:
                check.problems.append((anchor.events, sentence))
            continue
        if not found:
            check.problems.append(
                (anchor.events, TEXT["missing"].format(events=anchor.events, at=_when(anchor.at)))
            )
        elif found[0][0] != anchor.head:
            check.problems.append(
                (anchor.events, TEXT["differs"].format(events=anchor.events, at=_when(anchor.at)))
            )
        else:
            matched.append(anchor)
    check.problems.sort(key=lambda p: p[0])
    first_bad = min((n for n, _ in check.problems), default=None)
    trusted = [a for a in matched if first_bad is None or a.events < first_bad]
    check.confirmed = max(trusted, key=lambda a: a.events, default=None)
    if check.problems:
        check.restore_note = _restore_note(store, check.confirmed)
    return check


def _restore_note(store: Store, confirmed: HeldAnchor | None) -> str | None:
    """Name a restore recorded after the last confirmed event: the likely cause."""
    start = confirmed.events if confirmed else 0
    rows = store.rows(
        "SELECT id, at FROM audit WHERE action = ? AND id > ? ORDER BY id LIMIT 1",
        (RESTORE_ACTION, start),
    )
    if not rows:
        return None
    event, at = rows[0]
    try:
        when = _when(datetime.fromisoformat(at))
    except (TypeError, ValueError):
        when = str(at)
    return TEXT["restored"].format(event=event, when=when)


def offline_line(reason: str) -> str:
    """What verify says when central could not be asked."""
    return TEXT["offline"].format(reason=reason.rstrip("."))
