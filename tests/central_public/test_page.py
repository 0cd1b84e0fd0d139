"""The public status page on the real central: what a citizen with the receipt sees, and what
nobody else can learn from it."""

from __future__ import annotations

import html
import json
import re

import httpx

from central.agencies import advance
from central.protocol import content_hash
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.sync.wire import lookup_digest
from tests.central_public.conftest import (
    PublicCentral,
    personal_strings,
    received,
    synced,
)
from tests.conftest import FIXED_NOW
from tests.sync.conftest import OFFICE, post_batch

BOTH_BACKENDS = True

FOUND = "Tình trạng hồ sơ"
NOT_FOUND = "Không tìm thấy hồ sơ"


def text_of(page: str) -> str:
    """What a person reads of a page: its text without tags, entities undone."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_the_right_codes_show_each_procedure_the_appointment_and_where_to_collect(
    public: PublicCentral, desk_store: Store, settings: Settings
) -> None:
    [row] = received(desk_store)
    synced(desk_store, settings, public.url, public.token)

    # As typed on a phone: lower case, a space in the middle, the code with spaces around.
    answer = public.get(
        {
            "ma": f"  {row.code.lower()} ",
            "kiem": row.lookup_code[:3].lower() + " " + row.lookup_code[3:],
        }
    )

    assert answer.status_code == 200
    page = text_of(answer.text)
    assert FOUND in page and row.code in page
    assert "Đã tiếp nhận, đang chuyển cơ quan có thẩm quyền giải quyết" in page
    assert "Ngày tiếp nhận 24/11/2026" in " ".join(page.split())
    assert "16 giờ 30 phút, ngày 27/11/2026" in page  # the receipt's appointment
    for procedure in ("Đăng ký khai sinh", "Đăng ký thường trú", "Cấp thẻ bảo hiểm y tế"):
        assert re.search(procedure + r"[^:]*:\s+Đang giải quyết", page), procedure
    # Where to collect: the counter as the desk's heartbeat named it.
    receiving = settings.office.agencies.receiving.name
    assert receiving in page and "mục 6 của giấy tiếp nhận hồ sơ" in page
    declarations = json.loads(
        desk_store.conn.execute(
            "SELECT declarations FROM dossier_content WHERE dossier_id = ?", (row.id,)
        ).fetchone()[0]
    )
    secrets = personal_strings(declarations)
    assert {"001190000001", "001088000002", "0912345678", "me@example.vn"} <= secrets
    assert [s for s in secrets if s in answer.text or s in page] == []


def test_each_procedure_shows_its_result_once_the_agencies_decide(
    public: PublicCentral, desk_store: Store, settings: Settings
) -> None:
    rows = received(desk_store, 3, seed=11)
    synced(desk_store, settings, public.url, public.token)
    advance(public.store, public.clock.at.replace(year=public.clock.at.year + 10), 1_000_000)
    statuses = dict(public.rows("SELECT code, status FROM dossiers"))

    for row in rows:
        page = text_of(public.get({"ma": row.code, "kiem": row.lookup_code}).text)
        if statuses[row.code] == "ready":
            assert "Đã có kết quả, mời đến nhận" in page
            assert "Đang giải quyết" not in page and page.count("Đã có kết quả") == 4
        elif statuses[row.code] == "refused":
            assert "Hồ sơ không được giải quyết" in page and "Không giải quyết" in page
    assert "ready" in statuses.values()


def test_a_wrong_lookup_code_and_an_unknown_dossier_get_the_same_bytes(
    public: PublicCentral, desk_store: Store, settings: Settings
) -> None:
    [row] = received(desk_store)
    synced(desk_store, settings, public.url, public.token)
    wrong_lookup = "ABCDEF" if row.lookup_code != "ABCDEF" else "ABCDEG"
    unknown_code = row.code[:-4] + ("1999" if not row.code.endswith("1999") else "1998")

    wrong = public.get({"ma": row.code, "kiem": wrong_lookup})
    unknown = public.get({"ma": unknown_code, "kiem": row.lookup_code})
    other_office = public.get({"ma": "000.00.09.H26-261124-1001", "kiem": "K7M2QX"})

    assert wrong.status_code == unknown.status_code == other_office.status_code == 404
    assert wrong.content == unknown.content == other_office.content
    headers = [{k: v for k, v in r.headers.items() if k != "date"} for r in (wrong, unknown)]
    assert headers[0] == headers[1]
    assert NOT_FOUND in wrong.text and row.code not in wrong.text


def test_a_dossier_whose_desk_sent_no_verifier_is_never_found(public: PublicCentral) -> None:
    # An older desk (or an adopted dossier): nothing to check a lookup code against.
    declarations = {"child": {"full_name": "Lê Văn Cũ"}}
    code = f"{OFFICE}-{FIXED_NOW:%y%m%d}-1001"
    dossier = {
        "code": code,
        "content_hash": content_hash(declarations),
        "received_at": FIXED_NOW.isoformat(),
        "declarations": declarations,
    }
    with _desk(public) as http:
        assert post_batch(http, {"dossiers": [dossier]}, key="old-desk-1").status_code == 200

    answer = public.get({"ma": code, "kiem": "K7M2QX"})
    # Whatever was typed: "0" * 64 stands in for the missing verifier, and matches nothing.
    assert answer.status_code == 404 and NOT_FOUND in answer.text


def test_central_keeps_a_verifier_and_serves_it_to_nobody(
    public: PublicCentral, desk_store: Store, settings: Settings
) -> None:
    [row] = received(desk_store)
    synced(desk_store, settings, public.url, public.token)

    [(stored,)] = public.rows("SELECT lookup_digest FROM dossiers")
    assert stored == lookup_digest(row.code, row.lookup_code)
    everything = json.dumps(public.store.picture(), default=str)
    assert row.lookup_code not in everything  # the secret itself is nowhere on central
    with _desk(public) as http:
        served = [
            http.get(f"/v1/dossiers/{row.code}").text,
            http.get("/v1/updates").text,
            http.get("/v1/updates", params={"scope": "office"}).text,
            http.get(f"/v1/dossiers/{row.code}", params={"full": "1"}).text,
        ]
    assert all(stored not in body and "lookup" not in body for body in served)


def test_a_submission_with_a_malformed_verifier_is_refused_whole(public: PublicCentral) -> None:
    declarations = {"child": {"full_name": "Lê Văn Sai"}}
    dossier = {
        "code": f"{OFFICE}-{FIXED_NOW:%y%m%d}-1002",
        "content_hash": content_hash(declarations),
        "received_at": FIXED_NOW.isoformat(),
        "declarations": declarations,
        "lookup_digest": "K7M2QX",
    }  # the code itself, not its verifier
    before = public.store.picture()
    with _desk(public) as http:
        answer = post_batch(http, {"dossiers": [dossier]}, key="bad-digest-1")
    assert answer.status_code == 422 and "lookup_digest" in answer.text
    assert public.store.picture() == before


def test_the_blank_form_and_codes_of_the_wrong_shape(public: PublicCentral) -> None:
    blank = public.get()
    assert blank.status_code == 200
    assert 'name="ma"' in blank.text and 'name="kiem"' in blank.text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in blank.text

    shaped = public.get({"ma": "<script>alert(1)</script>", "kiem": ""})
    assert shaped.status_code == 400
    page = text_of(shaped.text)
    assert "Mã hồ sơ chưa đúng dạng" in page and "Hãy nhập mã tra cứu." in page
    assert "<script" not in shaped.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in shaped.text
    bad_lookup = public.get({"ma": f"{OFFICE}-261124-1001", "kiem": 'K7M"><b>'})
    assert bad_lookup.status_code == 400 and "Mã tra cứu gồm 6 chữ cái" in text_of(bad_lookup.text)
    assert '"><b>' not in bad_lookup.text
    assert public.rows("SELECT count(*) FROM public_tries") == [(0,)]  # shape errors cost no try


def test_every_answer_carries_the_security_headers(
    public: PublicCentral, desk_store: Store, settings: Settings
) -> None:
    [row] = received(desk_store)
    synced(desk_store, settings, public.url, public.token)
    answers = [
        public.get(),
        public.get({"ma": row.code, "kiem": row.lookup_code}),
        public.get({"ma": row.code, "kiem": "ZZZZZZ"}),
        public.get({"ma": "x", "kiem": "y"}),
    ]
    assert [a.status_code for a in answers] == [200, 200, 404, 400]
    for answer in answers:
        h = answer.headers
        policy = h["content-security-policy"]
        assert "default-src 'none'" in policy and "script" not in policy
        assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "no-referrer"
        assert h["cache-control"] == "no-store"
        assert h["content-type"] == "text/html; charset=utf-8"
        assert "<script" not in answer.text.lower()
        assert not re.search(r"\son[a-z]+\s*=", answer.text)  # no event handler attributes


def _desk(public: PublicCentral) -> httpx.Client:
    """An HTTP client of desk 1 of the office, as a desk's sync talks to central."""
    return httpx.Client(
        base_url=public.url, headers={"Authorization": f"Bearer {public.token}"}, timeout=10
    )


def test_before_any_desk_named_its_office_the_page_gives_the_code_and_escapes_names(
    public: PublicCentral, desk_store: Store, settings: Settings
) -> None:
    [row] = received(desk_store)
    synced(desk_store, settings, public.url, public.token)
    with public.store.db.write() as tx:
        tx.run("DELETE FROM meta WHERE key LIKE 'office:%'")
    asked = {"ma": row.code, "kiem": row.lookup_code}
    page = text_of(public.get(asked).text)
    assert f"mã cơ quan {OFFICE}" in page and settings.office.agencies.receiving.name not in page

    # A desk's words are data on the page, never markup.
    with _desk(public) as http:
        beat = {"waiting": 0, "held": 0, "office_name": "<b>Quầy</b> & <script>x</script>"}
        assert http.post("/v1/heartbeat", json=beat).status_code == 200
    answer = public.get(asked)
    assert "&lt;b&gt;Quầy&lt;/b&gt; &amp; &lt;script&gt;" in answer.text
    assert "<script>" not in answer.text and "<b>" not in answer.text
    assert "Điện thoại hỏi đáp" not in text_of(answer.text)  # none was said this time

    with _desk(public) as http:
        beat = {"waiting": 0, "held": 0, "office_name": "Quầy A", "office_phone": "024 3835 1234"}
        assert http.post("/v1/heartbeat", json=beat).status_code == 200
    assert "Quầy A, hoặc theo cách nhận" in text_of(public.get(asked).text)
    assert "Điện thoại hỏi đáp: 024 3835 1234." in text_of(public.get(asked).text)
