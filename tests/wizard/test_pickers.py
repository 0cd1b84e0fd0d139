"""Every list field of the wizard picks like the commune picker.

Typing without diacritics narrows the list, ↑↓ and Enter take the highlighted entry, and text
matching no entry is kept only where the model takes any text (the care facility), and then
the officer chooses it explicitly and the field says so.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import OptionList

from desk_app.drafting import get_in
from desk_app.groups.birth_interlink import PAGES as BIRTH_INTERLINK
from forms.text import fold
from screens.wizard.editors import Picker
from screens.wizard.form import FormPane, draft_path
from screens.wizard.spec import FieldSpec
from tests.wizard.conftest import BIRTH, NEW_DOSSIER, Counter, chosen

FACILITY = ("insurance", "facility_name")


def offered(c: Counter) -> list[str]:
    """The entries the suggestion list shows under the form, in order."""
    suggestions = c.wizard.query_one("#suggestions", OptionList)
    return [str(suggestions.get_option_at_index(i).prompt) for i in range(suggestions.option_count)]


def highlighted(c: Counter) -> str:
    suggestions = c.wizard.query_one("#suggestions", OptionList)
    option = suggestions.highlighted_option
    assert option is not None, offered(c)
    return str(option.prompt)


async def open_page(c: Counter, step: str, path: tuple[str | int, ...]) -> Picker:
    await c.officer.press(NEW_DOSSIER, BIRTH)
    await c.wizard.show_step(step, focus_from=path)
    await c.pilot.pause()
    picker = c.app.focused
    assert isinstance(picker, Picker) and picker.path == path, picker
    return picker


async def test_facility_list_narrows_and_enter_takes_the_highlighted_entry(
    counter: Counter,
) -> None:
    c = counter
    picker = await open_page(c, "insurance", FACILITY)
    everything = offered(c)
    assert "Bệnh viện Nhi Trung ương" in everything
    await c.officer.type("lang")
    narrowed = offered(c)
    assert "Bệnh viện Nhi Trung ương" not in narrowed
    assert highlighted(c) == "Trạm Y tế phường Láng"
    await c.officer.press("enter")
    assert chosen(c, FACILITY) == ["Trạm Y tế phường Láng"]  # not "lang"
    assert picker.value == "Trạm Y tế phường Láng"


async def test_a_facility_not_listed_is_kept_only_when_chosen_and_said(counter: Counter) -> None:
    c = counter
    picker = await open_page(c, "insurance", FACILITY)
    await c.officer.type("Phòng khám Đa khoa Minh Tâm")
    # Nothing matches: the only entry is the text as typed, and it says so.
    [only] = offered(c)
    assert "ghi đúng như đã gõ" in only and "Phòng khám Đa khoa Minh Tâm" in only
    await c.officer.press("enter")
    assert chosen(c, FACILITY) == ["Phòng khám Đa khoa Minh Tâm"]
    assert picker.value == "Phòng khám Đa khoa Minh Tâm"
    pane = c.wizard.query_one("#page-insurance", FormPane)
    message = str(pane.rows[FACILITY].query_one(".field-message").render())
    assert "Không có trong danh sách" in message
    # Where entries do match, the typed text is one ↑ away, never taken by Enter alone.
    picker.focus()
    await c.pilot.pause()
    picker.value = ""
    await c.officer.type("tram y te")
    assert highlighted(c) == "Trạm Y tế phường Láng"
    await c.officer.press("up")
    assert "ghi đúng như đã gõ" in highlighted(c)
    await c.officer.press("enter")
    assert chosen(c, FACILITY)[-1] == "tram y te"
    assert picker.value == "tram y te"


async def test_a_closed_list_says_nothing_matches_and_keeps_what_was_chosen(
    counter: Counter,
) -> None:
    c = counter
    sex = ("child", "sex")
    picker = await open_page(c, "child", sex)
    await c.officer.type("xyz")
    [only] = offered(c)
    assert "Không có mục nào khớp «xyz»" in only
    await c.officer.press("enter")
    assert c.app.focused is picker, "Enter stays where nothing matches"
    assert chosen(c, sex) == [], "nothing was taken"
    # Leaving without Enter: the field shows what is stored, not the letters typed.
    await c.officer.press("tab")
    assert picker.value == ""
    picker.focus()
    await c.officer.type("nu")
    await c.officer.press("enter")
    assert chosen(c, sex) == ["female"] and picker.value == "Nữ"
    picker.focus()
    await c.officer.type("na")
    await c.officer.press("tab")
    assert picker.value == "Nữ" and chosen(c, sex) == ["female"], "typed but not taken"


async def test_every_list_field_takes_an_entry_typed_without_diacritics(counter: Counter) -> None:
    """Each picker of every page: the second entry's name, folded, then Enter, stores it."""
    c = counter
    await c.officer.press(NEW_DOSSIER, BIRTH)
    tried: dict[tuple[str | int, ...], tuple[FieldSpec, str, str]] = {}
    for step in BIRTH_INTERLINK:
        if step.kind != "form":
            continue
        await c.wizard.show_step(step.id)
        await c.pilot.pause()
        pane = c.wizard.query_one(f"#page-{step.id}", FormPane)
        for row in pane.visible_rows():
            picker = row.editor
            if not isinstance(picker, Picker):
                continue
            entries = picker.source.search("") or picker.source.search("an")  # places: by name
            assert entries, f"{row.spec.path} offers nothing"
            key, label = entries[min(1, len(entries) - 1)]
            await c.wizard.show_step(step.id, focus_from=row.spec.path)  # Enter may move on
            await c.pilot.pause()
            assert c.app.focused is picker
            picker.value = ""
            await c.officer.type(fold(label))
            assert highlighted(c) == label, (row.spec.path, offered(c)[:5])
            await c.officer.press("enter")
            assert chosen(c, row.spec.path)[-1] == key, row.spec.path
            assert picker.value == label
            tried[row.spec.path] = (row.spec, key, label)
    # Every choice is in the draft the desk keeps (written on each page change).
    await c.officer.press("escape")
    [draft] = c.desk.store.drafts.list()
    for spec, key, label in tried.values():
        stored: Any = get_in(draft.data, draft_path(spec))
        if spec.kind == "agency":
            assert stored["name"] == label, spec.path
        else:
            assert stored == key, (spec.path, stored)
    assert FACILITY in tried and ("requester", "relation") in tried
    assert ("delivery", "insurance", "method") in tried
    assert len(tried) >= 20, tried
