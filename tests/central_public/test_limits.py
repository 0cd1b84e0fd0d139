"""Wrong tries at the public page are limited per client and per dossier code, in central's
database, and a limit never tells which dossiers exist."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from central.db import Params, Row, Tx
from central.public_limits import WRONG_TRIES, client_key, code_key
from desk_app.settings import Settings
from desk_app.store import Store
from tests.central_public.conftest import PublicCentral, received, synced
from tests.sync.conftest import OFFICE

BOTH_BACKENDS = True

LIMITED = "Vui lòng thử lại sau"


def unknown(n: int) -> str:
    """A dossier code of the right shape that no desk issued."""
    return f"{OFFICE}-261124-{9000 + n:04d}"


def test_the_eleventh_wrong_try_of_a_client_waits_even_with_the_right_codes(
    public: PublicCentral, desk_store: Store, settings: Settings
) -> None:
    [row] = received(desk_store)
    synced(desk_store, settings, public.url, public.token)

    tries = [public.get({"ma": unknown(n), "kiem": "ZZZZZZ"}) for n in range(WRONG_TRIES)]
    assert [t.status_code for t in tries] == [404] * WRONG_TRIES

    public.clock.advance(30)
    eleventh = public.get({"ma": unknown(99), "kiem": "ZZZZZZ"})
    assert eleventh.status_code == 429
    assert LIMITED in eleventh.text and "khoảng 30 giây" in eleventh.text
    assert eleventh.headers["retry-after"] == "30"
    assert eleventh.headers["cache-control"] == "no-store"
    # The codes are not even compared now: the right ones wait like any other try.
    right = public.get({"ma": row.code, "kiem": row.lookup_code})
    assert right.status_code == 429 and right.content == eleventh.content
    # Another client is not held back by this one's tries.
    assert public.get({"ma": row.code, "kiem": row.lookup_code}, client="127.0.0.2").is_success

    public.clock.advance(30.5)  # the first wrong try is now more than a minute old
    assert public.get({"ma": row.code, "kiem": row.lookup_code}).status_code == 200


def test_a_dossier_code_takes_ten_wrong_tries_from_everyone_together(
    public: PublicCentral, desk_store: Store, settings: Settings
) -> None:
    first, second = received(desk_store, 2)
    synced(desk_store, settings, public.url, public.token)

    for n in range(WRONG_TRIES):  # ten addresses, one guess each
        guess = public.get({"ma": first.code, "kiem": "ZZZZZZ"}, client=f"127.0.1.{n + 1}")
        assert guess.status_code == 404

    fresh = "127.0.2.1"
    assert public.get({"ma": first.code, "kiem": first.lookup_code}, client=fresh).status_code == (
        429
    )
    # A right answer at another dossier is not blocked by the tries at this one.
    other = public.get({"ma": second.code, "kiem": second.lookup_code}, client=fresh)
    assert other.status_code == 200 and second.code in other.text


def test_unknown_codes_are_limited_exactly_like_known_ones(
    public: PublicCentral, desk_store: Store, settings: Settings
) -> None:
    [row] = received(desk_store)
    synced(desk_store, settings, public.url, public.token)
    answers = {}
    for code in (row.code, unknown(1)):
        for n in range(WRONG_TRIES):
            public.get({"ma": code, "kiem": "ZZZZZZ"}, client=f"127.0.3.{n + 1}")
        answers[code] = public.get({"ma": code, "kiem": "ZZZZZZ"}, client="127.0.4.1")
    known, stranger = answers.values()
    assert known.status_code == stranger.status_code == 429
    assert known.content == stranger.content  # the limit does not tell which one exists


def test_a_burst_of_concurrent_guesses_gets_ten_answers_and_no_more(
    public: PublicCentral, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = Tx.all

    def slowly(self: Tx, sql: str, params: Params | None = None) -> list[Row]:
        rows = counted(self, sql, params)
        if "FROM public_tries" in sql:
            time.sleep(0.02)  # widens the gap between counting tries and recording one
        return rows

    monkeypatch.setattr(Tx, "all", slowly)  # central runs on a thread of this process
    with ThreadPoolExecutor(8) as pool:
        answers = list(
            pool.map(lambda n: public.get({"ma": unknown(n), "kiem": "ZZZZZZ"}), range(30))
        )
    codes = sorted(a.status_code for a in answers)
    assert codes == [404] * WRONG_TRIES + [429] * (30 - WRONG_TRIES)


def test_tries_are_counted_without_addresses_or_codes_and_forgotten_after_the_window(
    public: PublicCentral,
) -> None:
    for n in range(3):
        public.get({"ma": unknown(n), "kiem": "ZZZZZZ"})
    rows = public.rows("SELECT scope, key FROM public_tries ORDER BY scope, key")
    assert len(rows) == 6
    assert ("client", client_key("127.0.0.1")) in rows
    assert ("code", code_key(unknown(0))) in rows
    assert all("127.0.0.1" not in str(key) and OFFICE not in str(key) for _, key in rows)

    public.clock.advance(61)
    public.get({"ma": unknown(5), "kiem": "ZZZZZZ"})
    assert len(public.rows("SELECT key FROM public_tries")) == 2  # the old ones swept


def test_clients_are_counted_by_address_and_ipv6_by_its_64_prefix() -> None:
    assert client_key("203.0.113.5") != client_key("203.0.113.6")
    assert client_key("::ffff:203.0.113.5") == client_key("203.0.113.5")
    assert client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff::9")
    assert client_key("2001:db8:1:2::1") != client_key("2001:db8:1:3::1")
