"""What the review, attachments and finish pages say."""

TEXT = {
    "jump": "Phím số [1]–[{last}] trước mỗi phần: quay lại sửa phần đó · Enter: sang bước giấy tờ",
    "section": "[{key}] {title}",
    "required": "có",
    "why": "{label}. {why}",
    "optional": "không",
    "attach_help": (
        "Space: đã nhận/chưa (rồi sang giấy tờ còn thiếu) · +/−: số bản · O: đã xem bản chính"
        " · F: đính kèm tệp quét · Enter: trang sau"
    ),
    "missing": "Còn thiếu {count} giấy tờ bắt buộc (dấu ✘): {items}.",
    "complete": "Đã nhận đủ giấy tờ bắt buộc.",
    "cannot_leave": (
        "Chưa sang bước sau được: còn thiếu {items}. Đánh dấu đã nhận (Space) hoặc đính kèm "
        "tệp quét (F)."
    ),
    "saved_title": "ĐÃ TIẾP NHẬN HỒ SƠ",
    "code": "Mã hồ sơ: {code}",
    "lookup": "Mã tra cứu: {lookup}",
    "appointment": "Hẹn trả kết quả: {when}",
    "finish_help": "P: in biên nhận · N: hồ sơ mới · Esc: về màn hình chính",
}
