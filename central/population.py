"""A synthetic population register, the stand-in for the national population database.

Generated deterministically from a seed, so a test, a demo and a trainer's handout name the
same people: ``people(seed, n)`` always yields the same n adults. Nobody in it is real; the
personal ID numbers have the real shape (province of birth registration, century and sex digit,
year of birth, six serial digits — DOMAIN.md §7) so the desk's own checks accept them.

Names are compared by :func:`spelling_key`: exact spelling, Unicode form and case aside, with
the tone mark's *position* ignored ("Hoà" and "Hòa" are one name written in two conventions),
but never folded — "Văn Lang" and "Văn Lăng" stay different people.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from forms.text import nfc

# Legacy province codes as used by personal ID numbers (001 Hà Nội, 031 Hải Phòng, …).
PROVINCES = ("001", "022", "026", "031", "034", "038", "040", "046", "048", "052", "079", "092")
SURNAMES = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
)
MIDDLE_MALE = ("Văn", "Minh", "Đức", "Quốc", "Hữu", "Gia", "Thanh", "Xuân")
MIDDLE_FEMALE = ("Thị", "Ngọc", "Thu", "Thanh", "Bảo", "Khánh", "Hoài", "Mỹ")
GIVEN_MALE = ("An", "Bình", "Dũng", "Hòa", "Khoa", "Long", "Nam", "Phúc", "Quân", "Sơn", "Tuấn")
GIVEN_FEMALE = ("Chi", "Giang", "Hà", "Hạnh", "Lan", "Mai", "Ngân", "Thảo", "Thủy", "Trang", "Yến")

# Combining tone marks of Vietnamese: grave, acute, tilde, hook above, dot below.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


@dataclass(frozen=True)
class Person:
    """One entry of the register."""

    personal_id: str
    full_name: str
    date_of_birth: date
    sex: str
    """"male" or "female"."""


def spelling_key(name: str) -> str:
    """The key two spellings of one name share: NFC, case and spacing aside, tone position aside.

    Each word's tone mark is taken out and written after the word, so "hoà" and "hòa" give the
    same key while "hòa" and "hoa" (or "lang" and "lăng") do not.
    """
    words = []
    for word in nfc(name).lower().split():
        decomposed = unicodedata.normalize("NFD", word)
        tones = "".join(ch for ch in decomposed if ch in _TONES)
        base = "".join(ch for ch in decomposed if ch not in _TONES)
        words.append(unicodedata.normalize("NFC", base) + tones)
    return " ".join(words)


def people(seed: int, count: int) -> Iterator[Person]:
    """The first ``count`` people of the register generated from ``seed`` (always the same)."""
    rng = random.Random(f"population:{seed}")
    used: set[str] = set()
    first_day = date(1960, 1, 1)
    span = (date(2006, 12, 31) - first_day).days
    produced = 0
    while produced < count:
        sex = rng.choice(("male", "female"))
        born = first_day + timedelta(days=rng.randrange(span))
        province = rng.choice(PROVINCES)
        digit = (born.year - 1900) // 100 * 2 + (0 if sex == "male" else 1)
        personal_id = f"{province}{digit}{born.year % 100:02d}{rng.randrange(1_000_000):06d}"
        if personal_id in used:
            continue
        used.add(personal_id)
        middle, given = (
            (MIDDLE_MALE, GIVEN_MALE) if sex == "male" else (MIDDLE_FEMALE, GIVEN_FEMALE)
        )
        name = f"{rng.choice(SURNAMES)} {rng.choice(middle)} {rng.choice(given)}".upper()
        produced += 1
        yield Person(personal_id, nfc(name), born, sex)
