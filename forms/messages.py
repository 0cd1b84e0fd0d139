"""Every Vietnamese error and warning text of the declarations, in one place.

Each text says what is wrong and what to do; it does not repeat the field's label, because
:func:`forms.errors.field_errors` prefixes the label and the wizard shows the text next to the
field. Placeholders in braces are filled from the error's context.
"""

from __future__ import annotations

from typing import Final

ERRORS: Final[dict[str, str]] = {
    # -- text and shapes
    "required": "còn để trống; hãy nhập hoặc chọn thông tin này.",
    "text_control": "có ký tự điều khiển hoặc ký tự ẩn ({char}); hãy xóa nội dung và gõ lại.",
    "text_encoding": (
        "có ký tự lỗi mã hóa (�), thường do sai bảng mã khi dán hoặc quét; "
        "hãy xóa ký tự đó và gõ lại bằng Unicode."
    ),
    "text_too_long": "quá dài (tối đa {max_length} ký tự); hãy rút gọn.",
    "name_characters": (
        "chỉ được gồm chữ cái (có dấu), dấu cách, dấu nháy đơn hoặc gạch nối; "
        "hãy xóa chữ số và ký hiệu khác."
    ),
    "name_marks": (
        "có dấu thanh hoặc dấu phụ bị lặp hay đứng riêng; hãy gõ lại tên bằng bộ gõ tiếng Việt."
    ),
    "phone": (
        "không đúng dạng số điện thoại Việt Nam; hãy nhập 10 số bắt đầu bằng 0 "
        "(ví dụ 0912345678), 11 số nếu là máy bàn 02…, hoặc dạng +84…"
    ),
    "email": "không đúng dạng địa chỉ thư điện tử; hãy nhập dạng ten@tenmien.vn.",
    "ethnicity": "phải là mã dân tộc 2 chữ số (ví dụ 01 là Kinh); hãy chọn trong danh sách.",
    "nationality": "phải là mã quốc gia 2 chữ cái (ví dụ VN); hãy chọn trong danh sách.",
    "province_code": "phải là mã tỉnh/thành phố 2 chữ số; hãy chọn lại tỉnh/thành phố.",
    "commune_code": "phải là mã xã/phường/đặc khu 5 chữ số; hãy chọn lại xã/phường.",
    "agency_code": (
        "không đúng dạng mã cơ quan theo QCVN 102 (ví dụ 000.00.17.H56); hãy chọn lại cơ quan."
    ),
    "facility_code": "phải là mã cơ sở khám chữa bệnh 5 chữ số; hãy chọn lại cơ sở.",
    "sha256": "phải là mã SHA-256 gồm 64 ký tự 0-9, a-f; hãy đính kèm lại tệp.",
    "item_id": "mã giấy tờ không hợp lệ; hãy chọn giấy tờ trong danh sách.",
    "item_duplicate": "giấy tờ «{item}» xuất hiện hai lần; hãy gộp thành một dòng.",
    "certificate_number": "chỉ gồm chữ, số và các dấu / - . ; hãy nhập đúng như trên giấy.",
    # -- dates
    "date_format": "không phải ngày hợp lệ; hãy nhập theo dạng ngày/tháng/năm, ví dụ 15/01/2026.",
    "date_impossible": "ngày {value} không có trên lịch; hãy kiểm tra lại ngày và tháng.",
    "date_too_old": "trước năm 1900; hãy kiểm tra lại năm.",
    "date_future": "sau ngày tiếp nhận hồ sơ ({received}); hãy kiểm tra lại.",
    "year": "năm phải từ 1900 đến {max_year}; hãy kiểm tra lại.",
    "birth_year_mismatch": "không khớp với năm của ngày sinh ({year}); hãy sửa một trong hai.",
    "birth_date_missing": "cần ngày sinh hoặc ít nhất năm sinh; hãy nhập một trong hai.",
    "child_over_six": (
        "trẻ đủ 6 tuổi từ ngày {sixth}, không còn dưới 6 tuổi vào ngày tiếp nhận {received}, "
        "nên không áp dụng liên thông khai sinh – thường trú – BHYT cho trẻ dưới 6 tuổi; "
        "hãy hướng dẫn công dân làm từng thủ tục riêng."
    ),
    "issued_before_birth": "ngày cấp trước ngày sinh; hãy kiểm tra lại.",
    "parent_after_child": (
        "ngày sinh của {parent} không trước ngày sinh của trẻ; "
        "hãy kiểm tra lại ngày sinh của {parent} và của trẻ."
    ),
    "parent_too_young": (
        "theo ngày sinh đã khai, {parent} mới {age} tuổi khi sinh con, điều không thể xảy ra; "
        "hãy kiểm tra lại ngày sinh của {parent} và của trẻ."
    ),
    # -- identity
    "id_digits": "số định danh cá nhân phải gồm đúng 12 chữ số; hãy nhập lại theo thẻ căn cước.",
    "old_id_digits": "số CMND cũ phải gồm đúng 9 chữ số; hãy nhập lại theo giấy CMND.",
    "passport": "số hộ chiếu gồm 6–9 chữ cái in hoa và chữ số; hãy nhập lại theo hộ chiếu.",
    "id_province": (
        "3 số đầu ({code}) không phải mã tỉnh nơi đăng ký khai sinh (001–096); "
        "hãy đối chiếu lại với thẻ căn cước."
    ),
    "id_century": (
        "chữ số thứ tư ({digit}) ứng với người sinh năm {first}–{last}, nhưng năm sinh đã khai là "
        "{year}; hãy đối chiếu số định danh với ngày sinh."
    ),
    "id_year": (
        "chữ số thứ 5–6 ({digits}) phải là hai số cuối năm sinh ({expected}); "
        "hãy đối chiếu số định danh với ngày sinh."
    ),
    "id_sex": (
        "chữ số thứ tư ({digit}) ứng với giới tính {encoded}, nhưng giới tính đã khai là "
        "{declared}; hãy đối chiếu lại với thẻ căn cước."
    ),
    "id_kind_not_allowed": "mục này chỉ nhận số định danh cá nhân 12 số; hãy nhập số định danh.",
    # -- conditional fields
    "relation_other_required": "đã chọn «Khác» nên cần ghi rõ quan hệ; hãy nhập quan hệ.",
    "relation_other_unused": "chỉ ghi khi quan hệ là «Khác»; hãy xóa nội dung này.",
    "parent_not_declared": (
        "trường hợp khai sinh đã chọn là chưa xác định được {parent}, nên không khai thông tin "
        "về {parent}; hãy xóa phần này hoặc đổi trường hợp khai sinh."
    ),
    "parent_required": (
        "trường hợp khai sinh đã chọn xác định được {parent}; hãy khai thông tin về {parent} "
        "hoặc đổi trường hợp khai sinh."
    ),
    "requester_parent_undetermined": (
        "người yêu cầu khai là {parent} nhưng trường hợp khai sinh là không xác định được "
        "{parent}; hãy sửa quan hệ hoặc trường hợp khai sinh."
    ),
    "requester_parent_sex": (
        "người yêu cầu khai là {parent} nhưng giới tính là {sex}; hãy sửa quan hệ hoặc giới tính."
    ),
    "authorisation_letter": (
        "người yêu cầu không phải cha hoặc mẹ của trẻ nên phải có văn bản ủy quyền; "
        "hãy nhận và đính kèm văn bản ủy quyền."
    ),
    "residence_needs_parent": (
        "trường hợp đăng ký thường trú là trẻ về ở cùng cha mẹ, nhưng trường hợp khai sinh không "
        "xác định được cha, mẹ; hãy chọn trường hợp thường trú khác."
    ),
    "residence_agency_area": (
        "đã chọn «Cùng địa bàn đăng ký khai sinh» nhưng cơ quan đăng ký thường trú ở xã khác; "
        "hãy chọn lại cơ quan hoặc bỏ chọn «Cùng địa bàn»."
    ),
    "card_holder_undetermined": (
        "không thể in tên {parent} trên thẻ BHYT vì trường hợp khai sinh không xác định được "
        "{parent}; hãy chọn người khác."
    ),
    "foreign_nationality": (
        "{who} có quốc tịch {country} nhưng yếu tố nước ngoài đã chọn là «Không»; "
        "hãy chọn trường hợp có yếu tố nước ngoài hoặc sửa quốc tịch."
    ),
    "poor_household_pair": (
        "số và ngày cấp giấy chứng nhận hộ nghèo phải khai cùng nhau; hãy nhập đủ cả hai hoặc "
        "để trống cả hai."
    ),
    "postal_address": "nhận qua bưu chính công ích cần địa chỉ nhận đầy đủ; hãy nhập địa chỉ.",
    "postal_domestic": "bưu chính công ích chỉ gửi trong nước; hãy nhập địa chỉ tại Việt Nam.",
    "electronic_email": "nhận bản điện tử cần địa chỉ thư điện tử; hãy nhập email.",
    "delivery_unused_address": "chỉ khai địa chỉ khi nhận qua bưu chính; hãy xóa địa chỉ này.",
    "delivery_unused_email": "chỉ khai email khi nhận bản điện tử; hãy xóa email này.",
    "with_birth_result_only_residence": (
        "chỉ kết quả đăng ký thường trú mới nhận cùng nơi nhận kết quả khai sinh; "
        "hãy chọn cách nhận khác."
    ),
    "address_vn_units": "địa chỉ tại Việt Nam cần tỉnh/thành phố và xã/phường; hãy chọn đủ.",
    "address_foreign_units": (
        "địa chỉ ở nước ngoài không chọn tỉnh hay xã của Việt Nam; hãy xóa mục này "
        "và ghi địa chỉ vào phần chi tiết."
    ),
    # -- schema
    "unknown_field": "không thuộc tờ khai này; hãy bỏ mục này.",
    "choice": "không có trong danh sách; hãy chọn một mục trong danh sách.",
    "wrong_type": "không đúng kiểu dữ liệu; hãy nhập lại.",
    "schema_unknown": (
        "phiên bản dữ liệu {found} không có cách chuyển lên {supported}; hồ sơ bị hỏng, "
        "hãy báo bộ phận kỹ thuật."
    ),
    "schema_newer": (
        "hồ sơ được lưu bởi phiên bản mới hơn (phiên bản dữ liệu {found}, máy này đọc đến "
        "{supported}); hãy cập nhật phần mềm."
    ),
    "invalid": "không hợp lệ; hãy kiểm tra lại.",
}

WARNINGS: Final[dict[str, str]] = {
    "late_registration": (
        "trẻ sinh ngày {born}, đến ngày tiếp nhận đã {days} ngày, quá hạn {limit} ngày; đây là "
        "đăng ký khai sinh quá hạn — vẫn tiếp nhận, hãy ghi chú cho công chức tư pháp - hộ tịch."
    ),
    "mother_age": (
        "mẹ {age} tuổi khi sinh con, ngoài khoảng thường gặp ({low}–{high}); "
        "hãy đối chiếu lại năm sinh của mẹ."
    ),
    "father_age": (
        "cha {age} tuổi khi sinh con, ngoài khoảng thường gặp ({low}–{high}); "
        "hãy đối chiếu lại năm sinh của cha."
    ),
    "requester_is_parent_name": (
        "người yêu cầu khai là {parent} nhưng họ tên khác với họ tên {parent} đã khai; "
        "hãy kiểm tra lại."
    ),
    "foreign_without_foreign_parent": (
        "đã chọn có yếu tố nước ngoài nhưng cha, mẹ và trẻ đều mang quốc tịch Việt Nam; "
        "hãy kiểm tra lại (vẫn có thể đúng nếu cha hoặc mẹ định cư ở nước ngoài)."
    ),
}


# What is wrong with a chip ID card scan; forms.chip_qr prefixes "Mã QR thẻ căn cước: ".
SCAN_ERRORS: Final[dict[str, str]] = {
    "empty": (
        "chưa nhận được dữ liệu quét; hãy đặt mặt sau thẻ (có mã QR) trước máy quét và quét lại."
    ),
    "too_long": "dữ liệu quét dài bất thường, không phải mã QR thẻ căn cước; hãy quét lại.",
    "control": (
        "dữ liệu quét có ký tự điều khiển ({char}) giữa chừng; hãy quét lại, và nếu vẫn lỗi thì "
        "kiểm tra cấu hình máy quét."
    ),
    "fields": (
        "mã QR có {count} trường, cần đúng 7 trường ngăn cách bởi dấu «|»; có thể đã quét nhầm mã "
        "khác hoặc quét chưa hết — hãy quét lại mã QR mặt sau thẻ căn cước."
    ),
    "id": "số định danh «{value}» không hợp lệ: {reason}; mã có thể bị đọc sai — hãy quét lại.",
    "old_id": "số CMND cũ «{value}» phải gồm đúng 9 chữ số hoặc để trống; hãy quét lại.",
    "name": "họ tên «{value}» không hợp lệ: {reason}; hãy quét lại.",
    "date": "{what} «{value}» không phải ngày hợp lệ dạng ngàythángnăm (8 chữ số); hãy quét lại.",
    "sex": "giới tính «{value}» không phải «Nam» hoặc «Nữ»; hãy quét lại.",
    "garbled": (
        "dữ liệu quét bị sai dấu tiếng Việt («{value}»): máy quét đang gõ theo bộ gõ hoặc bàn phím "
        "khác; hãy tắt bộ gõ tiếng Việt (Unikey/EVKey) rồi quét lại."
    ),
    "address": "nơi thường trú không hợp lệ: {reason}; hãy quét lại.",
    "missing": "thiếu {what} (trường thứ {position} để trống); hãy quét lại.",
    "issued_before_birth": "ngày cấp {issued} trước ngày sinh {born}; hãy quét lại.",
    "future": "{what} {value} sau ngày hôm nay ({today}); hãy quét lại.",
}


def render(template: str, **context: object) -> str:
    """Fill a template's placeholders; kept here so callers never format texts themselves."""
    return template.format(**context)
