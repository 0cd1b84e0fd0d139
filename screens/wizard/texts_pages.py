"""What the review, attachments and finish pages say."""

TEXT = {
    "birth": "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "ct01": "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ (CT01)",
    "tk1": "TỜ KHAI THAM GIA BẢO HIỂM Y TẾ (TK1-TS)",
    "jump": "Phím 1–6 để sửa: 1 Cơ quan · 2 Người yêu cầu · 3 Trẻ · 4 Cha mẹ · 5 CT01 · 6 BHYT",
    "required": "có",
    "why": "{label}. {why}",
    "optional": "không",
    "attach_help": (
        "Space: đã nhận/chưa · +/−: số bản · O: đã xem bản chính · F: đính kèm tệp quét · "
        "Enter: trang sau"
    ),
    "saved_title": "ĐÃ TIẾP NHẬN HỒ SƠ",
    "code": "Mã hồ sơ: {code}",
    "lookup": "Mã tra cứu: {lookup}",
    "appointment": "Hẹn trả kết quả: {when}",
    "finish_help": "P: in biên nhận · N: hồ sơ mới · Esc: về màn hình chính",
}
