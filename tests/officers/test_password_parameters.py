"""Argon2id's parameters: the precomputed hashes follow them, older hashes still sign in."""

from __future__ import annotations

from argon2 import PasswordHasher, extract_parameters

from desk_app.demo import _DEMO_HASHES, DEMO_OFFICER
from desk_app.officers import passwords
from desk_app.officers.passwords import DECOY_HASH, hash_password, needs_rehash, verify_password


def test_the_working_set_fits_a_counter_pc_without_cheapening_a_guess() -> None:
    made = extract_parameters(hash_password("mat-khau-2026"))
    assert made.memory_cost <= 46 * 1024  # the desk's peak memory budget leaves this much
    # An attacker's cost per guess (memory × passes) stays near RFC 9106's 64 MiB × 3.
    assert made.memory_cost * made.time_cost >= 0.9 * 64 * 1024 * 3


def test_precomputed_hashes_use_todays_parameters() -> None:
    """Else the demo's first sign-in (and every unknown name) would pay for two hashes."""
    for encoded in (DECOY_HASH, *_DEMO_HASHES.values()):
        assert not needs_rehash(encoded), encoded
    assert verify_password(_DEMO_HASHES[DEMO_OFFICER[0]], DEMO_OFFICER[1])


def test_a_hash_from_the_library_defaults_still_verifies_and_asks_to_be_replaced() -> None:
    passwords._hasher.cache_clear()
    older = PasswordHasher().hash("mat-khau-2026")  # 64 MiB, 3 passes, 4 lanes
    assert verify_password(older, "mat-khau-2026")
    assert not verify_password(older, "mat-khau-2027")
    assert needs_rehash(older)
