"""The office's shared memory: any desk of an office finds, reads and follows its dossiers.

Protocol v2 lets every counter of an office serve any of its dossiers, so central answers for
the office, never beyond it: the office-wide feed, a dossier's full record (every content
version, the whole timeline) and search by ID number or name. Another office's dossier is
exactly as absent as one that does not exist.

Search terms (``dossier_terms``) are noted as due when a dossier is submitted and when a
correction replaces its content, and written off that path (:mod:`central.search_terms`): the
ID numbers and the folded words of the names, taken the way the desk indexes them (the group's
``search_names``/``id_numbers``, folded by :func:`forms.text.fold`). Declarations the group's
model does not accept (an older desk's, a test's minimal ones) are still indexed, from their
``full_name`` fields and ID-looking numbers, so no dossier is unfindable because its shape is
not today's. A search first writes the terms still due, so it finds every dossier central has
acknowledged.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from central.protocol import (
    V1_UPDATE_EXCLUDE,
    Actor,
    AttachmentRef,
    DossierState,
    Update,
    UpdatesResponse,
)
from central.protocol_v2 import (
    DossierFull,
    SearchHit,
    SearchResponse,
    TimelineEntry,
    VersionView,
)
from central.scope import ScopedTx
from central.search_terms import WORD, catch_up, declarations_of, mark, searchable, terms
from central.store import CentralStore, DeskIdentity
from desk_app import groups
from forms.text import fold

__all__ = ["WORD", "full", "index", "names", "search", "searchable", "terms", "updates_after"]


def _dossier(envelope: Mapping[str, Any]) -> Any | None:
    """The declarations as the desk's :class:`desk_app.dossier.Dossier`, or None if not valid."""
    from desk_app.dossier import Dossier  # the registry of groups is loaded with it

    try:
        return Dossier.model_validate(envelope)
    except (ValidationError, ValueError, TypeError):
        return None


def index(
    tx: ScopedTx, dossiers: Sequence[tuple[int, Mapping[str, Any]]], *, replace: bool = True
) -> None:
    """Note that (dossier id, declarations) need their search terms written, in the accepting
    transaction; they are written off it (:mod:`central.search_terms`), from the dossier's
    stored content, replacing any it had (``replace`` False: new dossiers, which have none)."""
    mark(tx, [dossier_id for dossier_id, _ in dossiers], corrected=replace)


def names(group: str, envelope: Mapping[str, Any]) -> tuple[str, str]:
    """(subject's name, requester's name) as declared; empty where the declarations hold none."""
    found = _dossier(envelope)
    if found is not None:
        return found.subject_name, found.requester_name
    inner = declarations_of(envelope)
    definition = groups.find(group)
    subject: Any = inner
    for step in definition.subject_path if definition else ("subject",):
        subject = subject.get(step) if isinstance(subject, Mapping) else None
    requester = inner.get("requester")

    def name_of(person: Any) -> str:
        value = person.get("full_name") if isinstance(person, Mapping) else None
        return value if isinstance(value, str) else ""

    return name_of(subject), name_of(requester)


# --- search ------------------------------------------------------------------------------------


def search(
    store: CentralStore,
    desk: DeskIdentity,
    *,
    personal_id: str | None = None,
    name: str | None = None,
    limit: int = 20,
) -> SearchResponse | None:
    """Dossiers of the desk's office holding ``personal_id``, or whose names start with every
    folded word of ``name``; newest first. None when ``name`` has no word to look for."""
    params: dict[str, Any] = {"limit": limit}
    if personal_id is not None:
        params["t0"] = f"i:{personal_id}"
        where = [
            "d.id IN (SELECT dossier_id FROM dossier_terms WHERE office = :office AND term = :t0)"
        ]
    else:
        words = WORD.findall(fold(name or ""))
        if not words:
            return None
        where = []
        for i, word in enumerate(words[:10]):
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params[f"t{i}"] = f"n:{escaped}%"
            where.append(
                "d.id IN (SELECT dossier_id FROM dossier_terms WHERE office = :office "
                f"AND term LIKE :t{i} ESCAPE '\\')"
            )
    catch_up(store.db)  # every dossier acknowledged so far is found (of any office)
    with store.for_desk(desk).read() as tx:
        rows = tx.all(
            "SELECT d.code, d.procedure_group, d.received_at, d.status, d.declarations "
            f"FROM dossiers d WHERE d.office = :office AND {' AND '.join(where)} "
            "ORDER BY d.received_at DESC, d.id DESC LIMIT :limit",
            params,
        )
    hits = []
    for code, group, received_at, status, declarations in rows:
        subject, requester = names(group, json.loads(declarations))
        hits.append(
            SearchHit(
                code=code,
                procedure_group=group,
                received_at=received_at,
                status=status,
                subject_name=subject,
                requester_name=requester,
            )
        )
    return SearchResponse(dossiers=hits)


# --- the feed ------------------------------------------------------------------------------------


def updates_after(
    store: CentralStore, desk: DeskIdentity, after: int, limit: int, *, office_wide: bool
) -> UpdatesResponse:
    """A page of the feed after ``after``: every change of every dossier of the desk's office
    (``office_wide``), or what a v1 desk reads — its own dossiers' agency steps only."""
    if office_wide:
        where = "office = :office"
    else:
        where = "office = :office AND desk_number = :desk_number AND v1 = 1"
    with store.for_desk(desk).read() as tx:
        rows = tx.all(
            f"SELECT seq, body FROM updates WHERE {where} AND seq > :after "
            "ORDER BY seq LIMIT :limit",
            {"after": after, "limit": limit + 1},
        )
    page = rows[:limit]
    updates = [Update.model_validate({**json.loads(body), "seq": seq}) for seq, body in page]
    return UpdatesResponse(
        updates=updates, cursor=page[-1][0] if page else after, more=len(rows) > limit
    )


def office_page_json(store: CentralStore, desk: DeskIdentity, after: int, limit: int) -> str:
    """A page of the office feed as JSON, spliced from the stored bodies.

    Central wrote each body itself (an :class:`Update` without its ``seq``, canonical JSON), so
    the page is the bodies with their numbers put in: validating every row again and writing it
    out again cost more than everything else a page takes. Same answer as
    :func:`updates_after` with ``office_wide`` (a test compares them).
    """
    with store.for_desk(desk).read() as tx:
        rows = tx.all(
            "SELECT seq, body FROM updates WHERE office = :office AND seq > :after "
            "ORDER BY seq LIMIT :limit",
            {"after": after, "limit": limit + 1},
        )
    page = rows[:limit]
    bodies = ",".join(f'{{"seq":{int(seq)},{body[1:]}' for seq, body in page)
    cursor = int(page[-1][0]) if page else after
    more = "true" if len(rows) > limit else "false"
    return f'{{"updates":[{bodies}],"cursor":{cursor},"more":{more}}}'


def v1_json(page: UpdatesResponse) -> str:
    """A page as a v1 desk reads it: every update without what v2 added."""
    return page.model_dump_json(exclude={"updates": {"__all__": V1_UPDATE_EXCLUDE}})


# --- a dossier's whole record --------------------------------------------------------------------


def full(store: CentralStore, desk: DeskIdentity, code: str) -> DossierFull | None:
    """``code``'s record with every content version and its timeline, if of the desk's office."""
    with store.for_desk(desk).read() as tx:
        row = tx.one(
            "SELECT id, code, central_id, content_hash, version, status, progress, reason, "
            "submitted_at, procedure_group, received_at, desk_number, declarations, "
            "content_version, due FROM dossiers WHERE code = :code AND office = :office",
            {"code": code},
        )
        if row is None:
            return None
        dossier_id = row[0]
        attachments = tx.all(
            "SELECT a.item, a.sha256 FROM dossier_attachments a JOIN dossiers d "
            "ON d.id = a.dossier_id WHERE a.dossier_id = :d AND d.office = :office "
            "ORDER BY a.item, a.sha256",
            {"d": dossier_id},
        )
        versions = tx.all(
            "SELECT v.content_version, v.content_hash, v.at, v.office, v.desk_number, "
            "v.officer, v.reason, v.declarations FROM dossier_versions v JOIN dossiers d "
            "ON d.id = v.dossier_id WHERE v.dossier_id = :d AND d.office = :office "
            "ORDER BY v.content_version",
            {"d": dossier_id},
        )
        changes = tx.all(
            "SELECT body FROM updates WHERE dossier_id = :d AND office = :office ORDER BY version",
            {"d": dossier_id},
        )
    (
        _,
        code,
        central_id,
        content_hash,
        version,
        status,
        progress,
        reason,
        submitted_at,
        group,
        received_at,
        desk_number,
        declarations,
        content_version,
        due,
    ) = row
    receiver = Actor(office=desk.office, desk=desk_number)
    kept = [
        VersionView(
            content_version=v[0],
            content_hash=v[1],
            at=v[2],
            by=Actor(office=v[3], desk=v[4], officer=v[5]) if v[3] is not None else None,
            reason=v[6],
            declarations=json.loads(v[7]),
        )
        for v in versions
    ]
    if not kept:  # never corrected: the content as submitted is version 1
        kept = [
            VersionView(
                content_version=1,
                content_hash=content_hash,
                at=received_at,
                by=receiver,
                declarations=json.loads(declarations),
            )
        ]
    timeline = [TimelineEntry(version=0, event="submit", at=received_at, by=receiver)]
    for (body,) in changes:
        update = Update.model_validate({**json.loads(body), "seq": 1})
        if (
            update.event == "submit"
        ):  # its feed entry; the line above says it with the counter's time
            continue
        detail = update.detail
        why = detail.get("reason") if detail else None
        timeline.append(
            TimelineEntry(
                version=update.version,
                event=update.event,
                at=update.at,
                by=update.by,
                procedure=update.procedure,
                reason=why if isinstance(why, str) else update.state.reason,
                detail=detail,
            )
        )
    return DossierFull(
        code=code,
        central_id=central_id,
        content_hash=content_hash,
        version=version,
        state=DossierState.model_validate(
            {
                "status": status,
                "progress": json.loads(progress),
                "reason": reason,
                "due": due,
                "content_version": content_version,
                "content_hash": content_hash,
            }
        ),
        submitted_at=submitted_at,
        procedure_group=group,
        received_at=received_at,
        desk_number=desk_number,
        declarations=json.loads(declarations),
        content_version=content_version,
        attachments=[AttachmentRef(item=i, sha256=s) for i, s in attachments],
        versions=kept,
        timeline=timeline,
    )
