"""The public status page's HTML: every word a citizen reads, and the one place values are escaped.

Plain HTML with one inline style sheet, sized for a phone (viewport meta, one column, large
touch targets), and no script at all: the Content-Security-Policy allows no script and only
this style sheet, by its hash, so even a value that escaped escaping could not run or restyle
anything. Every value put into a page passes :func:`_e` (HTML-escaped, quotes included). The
"not found" page says nothing of what was asked (no code echoed, no count of tries left), so
a wrong lookup code and an unknown dossier get the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable
from dataclasses import dataclass

PATH = "/tra-cuu"
CODE_PARAM = "ma"
LOOKUP_PARAM = "kiem"

TEXT = {
    "title": "Tra cứu tình trạng hồ sơ",
    "intro": (
        "Nhập mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả "
        "(hoặc quét mã QR trên giấy đó)."
    ),
    "code_label": "Mã hồ sơ",
    "code_hint": "Ví dụ: 000.00.17.H56-261124-1007",
    "lookup_label": "Mã tra cứu",
    "lookup_hint": "6 chữ và số, in cạnh mã hồ sơ",
    "submit": "Tra cứu",
    "privacy": (
        "Trang này chỉ cho biết tình trạng giải quyết, không hiển thị thông tin cá nhân. "
        "Giữ kín mã tra cứu: ai có mã này đều xem được tình trạng hồ sơ."
    ),
    "code_missing": "Hãy nhập mã hồ sơ.",
    "code_bad": (
        "Mã hồ sơ chưa đúng dạng <mã cơ quan>-<năm tháng ngày>-<số thứ tự>, "
        "ví dụ 000.00.17.H56-261124-1007: hãy đối chiếu với giấy tiếp nhận hồ sơ."
    ),
    "lookup_missing": "Hãy nhập mã tra cứu.",
    "lookup_bad": "Mã tra cứu gồm 6 chữ cái và chữ số in trên giấy tiếp nhận hồ sơ.",
    "not_found_title": "Không tìm thấy hồ sơ",
    "not_found": (
        "Không có hồ sơ nào khớp với mã hồ sơ và mã tra cứu đã nhập. Hãy kiểm tra lại hai mã "
        "trên giấy tiếp nhận hồ sơ. Hồ sơ vừa nộp có thể cần ít phút để lên hệ thống."
    ),
    "limited_title": "Vui lòng thử lại sau",
    "limited": (
        "Đã có quá nhiều lần nhập mã không đúng. Để bảo vệ hồ sơ của công dân, việc tra cứu "
        "tạm dừng; vui lòng thử lại sau khoảng {seconds} giây."
    ),
    "error_title": "Hệ thống tạm gián đoạn",
    "error": "Hệ thống tra cứu đang tạm gián đoạn. Vui lòng thử lại sau ít phút.",
    "found_title": "Tình trạng hồ sơ",
    "field_code": "Mã hồ sơ",
    "field_group": "Thủ tục",
    "field_received": "Ngày tiếp nhận",
    "field_status": "Tình trạng",
    "field_due": "Hẹn trả kết quả",
    "procedures": "Tình trạng từng thủ tục",
    "where": "Nơi nhận kết quả",
    "where_text": (
        "Bộ phận Tiếp nhận và Trả kết quả của cơ quan đã tiếp nhận hồ sơ (mã cơ quan "
        "{office}), hoặc theo cách nhận kết quả đã đăng ký tại mục 6 của giấy tiếp nhận hồ sơ. "
        "Khi đến nhận, mang theo giấy tiếp nhận hồ sơ và giấy tờ tùy thân."
    ),
    "where_named": (
        "{name}, hoặc theo cách nhận kết quả đã đăng ký tại mục 6 của giấy tiếp nhận hồ sơ. "
        "Khi đến nhận, mang theo giấy tiếp nhận hồ sơ và giấy tờ tùy thân."
    ),
    "where_phone": "Điện thoại hỏi đáp: {phone}.",
    "due_time": "{hour:02d} giờ {minute:02d} phút, ngày {day:02d}/{month:02d}/{year}",
    "due_new": "Ngày {day:02d}/{month:02d}/{year} (đã hẹn lại)",
    "due_receipt": "Theo mục 5 của giấy tiếp nhận hồ sơ",
    "again": "Tra cứu hồ sơ khác",
}

STATUS = {
    "accepted": "Đã tiếp nhận, đang chuyển cơ quan có thẩm quyền giải quyết",
    "in_progress": "Đang giải quyết",
    "supplement_requested": (
        "Cần bổ sung giấy tờ: mời liên hệ Bộ phận Tiếp nhận và Trả kết quả nơi đã nộp hồ sơ"
    ),
    "ready": "Đã có kết quả, mời đến nhận",
    "refused": (
        "Hồ sơ không được giải quyết: mời đến Bộ phận Tiếp nhận và Trả kết quả để nhận lại "
        "hồ sơ và văn bản nêu rõ lý do"
    ),
    "handed_over": "Đã trả kết quả",
    "papers_returned": "Đã trả lại hồ sơ",
    "cancelled": "Hồ sơ đã được rút theo yêu cầu",
}
"""Central's statuses, as a citizen reads them (no reason text: an agency's words may name
people)."""

STEP = {
    "done": "Đã có kết quả",
    "working": "Đang giải quyết",
    "supplement_requested": "Chờ bổ sung giấy tờ",
    "refused": "Không giải quyết",
    "papers_returned": "Không giải quyết",
    "cancelled": "Đã dừng",
}
"""One procedure's state: done, or what the dossier's status means for those not done."""

CSS = (
    "body{margin:0;font:17px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#f4f5f7}"
    "main{max-width:36em;margin:0 auto;padding:1em}"
    "h1{font-size:1.4em;margin:.3em 0}h2{font-size:1.1em;margin:1.2em 0 .4em}"
    "form,section{background:#fff;border:1px solid #d5d8dd;border-radius:8px;padding:1em}"
    "label{display:block;font-weight:600;margin-top:.6em}"
    "input{box-sizing:border-box;width:100%;font-size:1.1em;padding:.5em;margin-top:.2em;"
    "border:1px solid #8a9099;border-radius:6px}"
    "button{margin-top:1em;width:100%;font-size:1.1em;padding:.6em;border:0;border-radius:6px;"
    "background:#a50e0e;color:#fff}"
    ".hint{color:#555;font-size:.9em}.error{color:#a50e0e;font-weight:600}"
    "dl{margin:0}dt{color:#555;font-size:.9em;margin-top:.5em}dd{margin:0;font-weight:600}"
    "ul{padding-left:1.2em}li{margin:.3em 0}a{color:#0b4f9c}"
)
_STYLE_HASH = base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()

HEADERS = {
    "Content-Security-Policy": (
        f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Robots-Tag": "noindex",
    "Content-Language": "vi",
}
"""Sent with every answer of the page: no script, no framing, no referrer (the URL holds the
lookup code), nothing kept in a cache of a shared phone or proxy."""


@dataclass(frozen=True)
class Step:
    """One procedure of a found dossier: its name and its state (words of :data:`STEP`)."""

    label: str
    state: str


@dataclass(frozen=True)
class Found:
    """What the page shows of a dossier: nothing a declaration holds."""

    code: str
    group: str
    received: str
    status: str
    due: str
    office: str
    steps: tuple[Step, ...]
    contact: tuple[str, str | None] | None = None
    """The office's name and phone as its desks last told central (None: not known)."""


def _e(value: object) -> str:
    """``value`` as HTML text: every value of a page passes here."""
    return html.escape(str(value), quote=True)


def _page(title: str, body: str) -> bytes:
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head>"
        f"<body><main><h1>{_e(title)}</h1>{body}</main></body></html>\n"
    ).encode()


def form(problems: Iterable[str] = (), code: str = "", lookup: str = "") -> str:
    """The form (values given back only on a page about their shape, never after a lookup)."""
    errors = "".join(f'<p class="error">{_e(p)}</p>' for p in problems)
    return (
        f'{errors}<form method="get" action="{PATH}">'
        f'<label for="{CODE_PARAM}">{_e(TEXT["code_label"])}</label>'
        f'<input id="{CODE_PARAM}" name="{CODE_PARAM}" value="{_e(code)}" maxlength="60" '
        'autocomplete="off" autocapitalize="characters" spellcheck="false" required>'
        f'<div class="hint">{_e(TEXT["code_hint"])}</div>'
        f'<label for="{LOOKUP_PARAM}">{_e(TEXT["lookup_label"])}</label>'
        f'<input id="{LOOKUP_PARAM}" name="{LOOKUP_PARAM}" value="{_e(lookup)}" maxlength="20" '
        'autocomplete="off" autocapitalize="characters" spellcheck="false" required>'
        f'<div class="hint">{_e(TEXT["lookup_hint"])}</div>'
        f'<button type="submit">{_e(TEXT["submit"])}</button></form>'
        f'<p class="hint">{_e(TEXT["privacy"])}</p>'
    )


def form_page(problems: Iterable[str] = (), code: str = "", lookup: str = "") -> bytes:
    """The blank form, or the form with what is wrong in the values' shape."""
    return _page(TEXT["title"], f"<p>{_e(TEXT['intro'])}</p>{form(problems, code, lookup)}")


def not_found_page() -> bytes:
    """The same bytes for an unknown dossier and a wrong lookup code."""
    return _page(TEXT["not_found_title"], f'<p class="error">{_e(TEXT["not_found"])}</p>{form()}')


def limited_page(seconds: int) -> bytes:
    """Too many wrong tries (of this client, or at this code: the page does not say which)."""
    text = TEXT["limited"].format(seconds=seconds)
    return _page(
        TEXT["limited_title"],
        f'<p class="error">{_e(text)}</p><p><a href="{PATH}">{_e(TEXT["again"])}</a></p>',
    )


def error_page() -> bytes:
    """Something failed on central's side: nothing about it, only when to come back."""
    return _page(TEXT["error_title"], f"<p>{_e(TEXT['error'])}</p>")


def found_page(found: Found) -> bytes:
    """A dossier's status, each procedure's, the appointment, and where to collect."""
    fields = (
        ("field_code", found.code),
        ("field_group", found.group),
        ("field_received", found.received),
        ("field_status", found.status),
        ("field_due", found.due),
    )
    facts = "".join(f"<dt>{_e(TEXT[k])}</dt><dd>{_e(v)}</dd>" for k, v in fields)
    steps = "".join(f"<li>{_e(s.label)}: <strong>{_e(s.state)}</strong></li>" for s in found.steps)
    where = TEXT["where_text"].format(office=found.office)
    if found.contact is not None:
        name, phone = found.contact
        where = TEXT["where_named"].format(name=name)
        if phone:
            where += " " + TEXT["where_phone"].format(phone=phone)
    return _page(
        TEXT["found_title"],
        f"<section><dl>{facts}</dl></section>"
        f"<h2>{_e(TEXT['procedures'])}</h2><section><ul>{steps}</ul></section>"
        f"<h2>{_e(TEXT['where'])}</h2><section><p>{_e(where)}</p></section>"
        f'<p><a href="{PATH}">{_e(TEXT["again"])}</a></p>',
    )
