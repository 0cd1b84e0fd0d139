"""The README's pictures of the screens (docs/screens/*.svg) are the screens as they are today.

The pictures are made by the app itself (``python -m screens.screenshots``); this test makes
them again into a temporary folder and compares them with the committed ones, so a change to
what a screen shows fails here until the pictures are made again and looked at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from screens.screenshots import OUT, PICTURES, differences, main, normalise, write_pictures

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_pictures_of_the_readme_are_current(tmp_path: Path) -> None:
    write_pictures(tmp_path)

    stale = differences(tmp_path, OUT)

    assert not stale, (
        f"docs/screens/ is out of date ({', '.join(stale)}): run `python -m screens.screenshots`, "
        "look at the new pictures and commit them"
    )


def test_the_readme_shows_every_picture() -> None:
    readme = README.read_text(encoding="utf-8")

    missing = [name for name in PICTURES if f"](docs/screens/{name}.svg)" not in readme]

    assert not missing, f"README.md shows no picture of {missing}"


def picture(folder: Path, name: str, text: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.svg").write_text(
        f'<svg><style>.terminal-1234-r1 {{ fill: #fff }}</style><text class="terminal-1234-r1">'
        f"{text}</text></svg>",
        encoding="utf-8",
    )


def test_a_changed_a_missing_and_a_left_over_picture_are_each_named(tmp_path: Path) -> None:
    made, committed = tmp_path / "made", tmp_path / "committed"
    for name in ("home", "lookup", "review"):
        picture(made, name, name)
    picture(committed, "home", "home")
    picture(committed, "lookup", "tra cứu (old text)")
    picture(committed, "old-screen", "gone")

    assert differences(made, committed) == ["lookup.svg", "old-screen.svg", "review.svg"]


def test_the_ids_rich_numbers_do_not_count(tmp_path: Path) -> None:
    made, committed = tmp_path / "made", tmp_path / "committed"
    picture(made, "home", "Màn hình chính")
    picture(committed, "home", "Màn hình chính")
    (committed / "home.svg").write_text(
        (committed / "home.svg").read_text("utf-8").replace("1234", "98765"), "utf-8"
    )

    assert differences(made, committed) == []
    assert normalise('<g class="terminal-42-r3">') == '<g class="terminal-r3">'


@pytest.mark.parametrize("argv", [["--out", "x"], ["a", "b"]])
def test_a_wrong_argument_is_answered_in_vietnamese(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert "Cách dùng: python -m screens.screenshots [THƯ_MỤC]" in capsys.readouterr().err
