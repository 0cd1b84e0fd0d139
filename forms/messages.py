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
    "name_invisible": (
        "có ký tự vô hình ({char}), trông như khoảng trống nhưng không phải chữ; "
        "hãy xóa nội dung và gõ lại tên bằng bộ gõ tiếng Việt."
    ),
    "name_styled": (
        "có chữ kiểu trang trí ({char}: chữ toán học, chữ toàn khổ…), trông như chữ thường "
        "nhưng là ký tự khác; hãy xóa nội dung và gõ lại tên bằng bộ gõ tiếng Việt."
    ),
    "name_mixed_script": (
        "chữ «{word}» trộn chữ cái Latinh với chữ cái Kirin (tiếng Nga), Hy Lạp hoặc bảng chữ "
        "khác trông giống hệt; hãy xóa nội dung và gõ lại tên bằng bộ gõ tiếng Việt."
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
    "files_over_limit": (
        "có {count} tệp quét, quá {limit} tệp mỗi hồ sơ mà hệ thống trung tâm nhận; "
        "hãy gộp các trang vào ít tệp PDF hơn hoặc bỏ bớt tệp trùng."
    ),
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
    "old_id_expired": (
        "chứng minh nhân dân 9 số đã hết giá trị sử dụng từ ngày 01/01/2025 (Luật Căn cước "
        "2023, điều 46), không còn dùng để xác định nhân thân; hãy chọn số định danh cá nhân "
        "12 số (in trên thẻ căn cước, căn cước công dân) hoặc hộ chiếu còn hạn."
    ),
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
        "người yêu cầu làm thủ tục theo ủy quyền nên phải có văn bản ủy quyền; hãy nhận và "
        "đính kèm văn bản ủy quyền, hoặc bỏ đánh dấu «Yêu cầu theo ủy quyền» nếu người yêu cầu "
        "tự đứng ra đăng ký (ông, bà, người thân thích, người đang nuôi dưỡng trẻ)."
    ),
    "abandoned_authorised": (
        "trẻ bị bỏ rơi không có cha, mẹ nào ủy quyền được; người đang nuôi dưỡng trẻ tự đứng ra "
        "đăng ký khai sinh — hãy bỏ đánh dấu «Yêu cầu theo ủy quyền»."
    ),
    "home_owner_required": (
        "trẻ về ở cùng cha, mẹ tại chỗ ở không thuộc sở hữu của cha, mẹ nên cần ghi người đồng "
        "ý cho đăng ký thường trú (chủ sở hữu chỗ ở); hãy nhập thông tin này."
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
    # -- the death interlink (forms/death_*.py)
    "partial_date_format": (
        "không phải ngày sinh hợp lệ; hãy nhập ngày/tháng/năm (12/03/1950), tháng/năm (03/1950) "
        "hoặc chỉ năm (1950)."
    ),
    "partial_date_month": "tháng {month} không có trên lịch; hãy nhập tháng từ 1 đến 12.",
    "partial_date_year": "năm phải từ {min_year} đến {max_year}; hãy kiểm tra lại.",
    "time_format": "không phải giờ hợp lệ; hãy nhập giờ:phút theo 24 giờ, ví dụ 07:30 hoặc 18:15.",
    "si_number": "mã số BHXH gồm đúng 10 chữ số; hãy nhập lại theo sổ BHXH hoặc thẻ BHYT.",
    "account_number": "số tài khoản gồm 6–20 chữ số; hãy nhập lại theo thẻ hoặc sổ ngân hàng.",
    "death_before_birth": (
        "ngày chết ({died}) trước ngày sinh của người chết ({born}); "
        "hãy kiểm tra lại ngày chết và ngày sinh."
    ),
    "issued_before_death": "ngày cấp trước ngày chết ({died}); hãy kiểm tra lại.",
    "burial_before_death": "ngày mai táng trước ngày chết ({died}); hãy kiểm tra lại.",
    "procedures_combination": (
        "nhóm thủ tục này không có tổ hợp đã chọn; hãy chọn một trong: {allowed}."
    ),
    "procedure_duplicate": "thủ tục «{procedure}» được chọn hai lần; hãy bỏ bớt một lần.",
    "section_not_requested": (
        "thủ tục «{procedure}» không được chọn nên không khai phần này; "
        "hãy xóa phần này hoặc chọn thêm thủ tục đó."
    ),
    "section_required": (
        "đã chọn thủ tục «{procedure}» nên cần khai phần này; hãy khai đầy đủ hoặc bỏ thủ tục đó."
    ),
    "requester_not_entitled": (
        "người có quan hệ «{relation}» chỉ đi khai tử theo ủy quyền của người thân thích; hãy "
        "đánh dấu «Yêu cầu theo ủy quyền» và nhận văn bản ủy quyền, hoặc chọn đúng quan hệ."
    ),
    "requester_has_relative": (
        "cơ quan, tổ chức chỉ đi khai tử khi người chết không có người thân thích; hãy đánh dấu "
        "«Người chết không có người thân thích» nếu đúng như vậy, hoặc để người thân đi khai."
    ),
    "requester_is_relative": (
        "người yêu cầu là «{relation}» của người chết, tức là người chết có người thân thích; "
        "hãy bỏ đánh dấu «Người chết không có người thân thích»."
    ),
    "organisation_name_required": (
        "người yêu cầu đại diện cơ quan, tổ chức nên cần tên cơ quan, tổ chức; hãy nhập tên."
    ),
    "organisation_name_unused": (
        "chỉ ghi khi người yêu cầu đại diện cơ quan, tổ chức; hãy xóa nội dung này."
    ),
    "spouse_same_sex": (
        "người yêu cầu khai là {relation} của người chết nhưng người chết cũng là {sex}; "
        "hãy kiểm tra lại quan hệ hoặc giới tính của người chết."
    ),
    "requester_child_born_first": (
        "người yêu cầu khai là con của người chết nhưng sinh trước người chết; "
        "hãy kiểm tra lại quan hệ hoặc ngày sinh."
    ),
    "requester_parent_born_later": (
        "người yêu cầu khai là {relation} của người chết nhưng sinh sau người chết; "
        "hãy kiểm tra lại quan hệ hoặc ngày sinh."
    ),
    "requester_is_deceased": (
        "trùng số giấy tờ của người chết; người yêu cầu phải là người khác — hãy kiểm tra lại."
    ),
    "death_notice_required": (
        "chưa khai giấy báo tử; hãy nhập loại, số, ngày cấp, nơi cấp của giấy báo tử (hoặc giấy "
        "tờ thay thế), hoặc đánh dấu «Chưa được cấp giấy báo tử»."
    ),
    "death_notice_unused": (
        "đã đánh dấu «Chưa được cấp giấy báo tử» nên không khai giấy báo tử; "
        "hãy xóa phần này hoặc bỏ đánh dấu."
    ),
    "death_proof": (
        "chưa được cấp giấy báo tử nên phải có giấy tờ chứng minh sự kiện chết; "
        "hãy nhận và đính kèm giấy tờ đó."
    ),
    "death_place_required": (
        "nơi chết khác nơi cư trú cuối cùng nên cần địa chỉ nơi chết; hãy nhập địa chỉ, "
        "hoặc đánh dấu «Nơi chết là nơi cư trú cuối cùng»."
    ),
    "death_place_unused": (
        "đã đánh dấu «Nơi chết là nơi cư trú cuối cùng» nên không khai nơi chết; "
        "hãy xóa phần này hoặc bỏ đánh dấu."
    ),
    "cause_other_required": "đã chọn nguyên nhân «Khác» nên cần ghi rõ; hãy nhập nguyên nhân.",
    "cause_other_unused": "chỉ ghi khi nguyên nhân chết là «Khác»; hãy xóa nội dung này.",
    "head_is_deceased_field": (
        "chủ hộ là người chết nên không khai mục này; "
        "hãy xóa mục này hoặc bỏ đánh dấu «Chủ hộ là người chết»."
    ),
    "head_both_ticks": (
        "chủ hộ không thể vừa là người chết vừa là người yêu cầu; hãy bỏ một trong hai dấu."
    ),
    "head_not_requester": (
        "đã đánh dấu «Chủ hộ là người yêu cầu» nhưng mục này khác với của người yêu cầu; "
        "hãy sửa cho khớp hoặc bỏ đánh dấu."
    ),
    "branch_procedure": (
        "chế độ «{branch}» không giải quyết thủ tục «{procedure}»; "
        "hãy chọn chế độ khác hoặc bỏ thủ tục đó."
    ),
    "branch_section_required": (
        "đã chọn chế độ «{branch}» nên cần khai phần này; hãy khai đầy đủ hoặc đổi chế độ."
    ),
    "branch_section_unused": (
        "phần này không thuộc chế độ «{branch}» đã chọn; hãy xóa phần này hoặc đổi chế độ."
    ),
    "survivor_kind_unused": (
        "không đề nghị trợ cấp tử tuất nên không chọn loại trợ cấp tuất; hãy xóa mục này."
    ),
    "injury_required": (
        "diện «{category}» cần ghi tỷ lệ tổn thương cơ thể; hãy nhập tỷ lệ (%) theo quyết định."
    ),
    "recipient_is_requester_field": (
        "người nhận là người yêu cầu nên không khai lại mục này; "
        "hãy xóa mục này hoặc bỏ đánh dấu «Là người yêu cầu»."
    ),
    "bank_unused": (
        "chỉ khai thông tin tài khoản khi nhận qua tài khoản ngân hàng; hãy xóa mục này."
    ),
    "delivery_not_offered": (
        "kết quả thủ tục này không nhận theo cách đã chọn; hãy chọn một trong: {allowed}."
    ),
    "protection_under_80": (
        "người chết mới {age} tuổi theo ngày sinh đã khai, chưa đủ 80 tuổi; "
        "hãy chọn đúng đối tượng bảo trợ xã hội hoặc kiểm tra lại ngày sinh."
    ),
    "removal_agency_area": (
        "đã chọn «Cùng địa bàn thực hiện đăng ký khai tử» nhưng công an xóa đăng ký thường trú ở "
        "xã khác; hãy chọn lại cơ quan hoặc bỏ chọn «Cùng địa bàn»."
    ),
    "death_authorisation_letter": (
        "người yêu cầu làm thủ tục theo ủy quyền nên phải có văn bản ủy quyền; hãy nhận và "
        "đính kèm văn bản ủy quyền, hoặc bỏ đánh dấu «Yêu cầu theo ủy quyền» nếu người yêu cầu "
        "tự đứng ra khai tử (vợ, chồng, con, cha, mẹ, người thân thích khác)."
    ),
}

WARNINGS: Final[dict[str, str]] = {
    "late_registration": (
        "trẻ sinh ngày {born}, đến ngày tiếp nhận đã {days} ngày, quá hạn {overdue} ngày (hạn "
        "{limit} ngày); đây là đăng ký khai sinh quá hạn — vẫn tiếp nhận, hãy ghi chú cho công "
        "chức tư pháp - hộ tịch."
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
    # -- the death interlink (forms/death_interlink.py)
    "late_death_registration": (
        "người chết ngày {died}, đến ngày tiếp nhận đã {days} ngày, quá hạn {overdue} ngày (hạn "
        "{limit} ngày); vẫn tiếp nhận đăng ký khai tử, hãy ghi chú cho công chức tư pháp - hộ tịch."
    ),
    "late_residence_removal": (
        "đề nghị xóa đăng ký thường trú sau {days} ngày kể từ ngày chết, quá hạn {overdue} ngày "
        "(hạn {limit} ngày); vẫn tiếp nhận, hãy ghi chú cho Công an cấp xã."
    ),
    "last_residence_not_permanent": (
        "nơi cư trú cuối cùng không phải nơi thường trú, mà hồ sơ đề nghị xóa đăng ký thường trú; "
        "hãy kiểm tra lại nơi thường trú của người chết."
    ),
    "deceased_age": (
        "theo ngày sinh đã khai, người chết {age} tuổi; hãy đối chiếu lại năm sinh với giấy tờ."
    ),
}


# Where the QR code is: on the front of the 2021 chip CCCD, on the back of the card issued since
# 1 Jul 2024 (Circular 16/2024/TT-BCA, art. 6). Officers hold the card to the scanner by it.
QR_PLACE: Final = "mặt trước thẻ CCCD gắn chip, mặt sau thẻ căn cước cấp từ 01/07/2024"

# What is wrong with a chip ID card scan; forms.chip_qr prefixes "Mã QR thẻ căn cước: ".
SCAN_ERRORS: Final[dict[str, str]] = {
    "empty": (
        f"chưa nhận được dữ liệu quét; hãy đưa mã QR của thẻ ({QR_PLACE}) vào máy quét và quét lại."
    ),
    "too_long": "dữ liệu quét dài bất thường, không phải mã QR thẻ căn cước; hãy quét lại.",
    "control": (
        "dữ liệu quét có ký tự điều khiển ({char}) giữa chừng; hãy quét lại, và nếu vẫn lỗi thì "
        "kiểm tra cấu hình máy quét."
    ),
    "fields": (
        "mã QR chỉ có {count} trường, không đủ nội dung của thẻ căn cước (số định danh, họ tên, "
        "ngày sinh, giới tính, nơi thường trú, ngày cấp, ngăn cách bởi dấu «|»); có thể đã quét "
        f"nhầm mã khác — hãy quét lại mã QR trên thẻ ({QR_PLACE})."
    ),
    "truncated": (
        "thiếu {what} ở cuối dữ liệu; có thể máy quét chưa gõ hết — hãy quét lại và chờ máy "
        "quét gõ xong."
    ),
    "twice": "dữ liệu quét có hai lần quét nối liền nhau; hãy xóa ô quét và quét lại một lần.",
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


# What pydantic's own error types mean, for every type pydantic-core can raise (a test walks
# them all): no English sentence of pydantic's reaches a person. A text says what is wrong and,
# where it can, what to do; it does not name the field (the caller does). Placeholders come
# from the error's context; :func:`forms.errors.pydantic_reason` fills them.
PYDANTIC_ERRORS: Final[dict[str, str]] = {
    # -- presence and shape of the whole
    "missing": "còn thiếu; hãy khai mục này.",
    "extra_forbidden": "không phải mục được biết đến; hãy bỏ mục này hoặc sửa tên cho đúng.",
    "frozen_field": "không được thay đổi.",
    "frozen_instance": "không được thay đổi.",
    "invalid_key": "tên mục phải là chữ.",
    "no_such_attribute": "không có mục «{attribute}».",
    "get_attribute_error": "không đọc được mục này.",
    "model_type": "cần một nhóm mục (bảng), không phải một giá trị đơn.",
    "model_attributes_type": "cần một nhóm mục (bảng), không phải một giá trị đơn.",
    "dataclass_type": "cần một nhóm mục (bảng).",
    "dataclass_exact_type": "cần một nhóm mục (bảng).",
    "named_tuple_type": "cần một danh sách giá trị.",
    "default_factory_not_called": "chưa tính được vì một mục khác đang có lỗi; hãy sửa mục đó.",
    "none_required": "phải để trống.",
    "recursion_loop": "dữ liệu tự tham chiếu vòng tròn.",
    "recursion_depth_exceeded": "dữ liệu lồng nhau quá sâu.",
    "json_invalid": "không phải JSON hợp lệ.",
    "json_type": "cần dữ liệu JSON dạng văn bản.",
    "needs_python_object": "không đọc được từ dữ liệu này.",
    # -- numbers
    "greater_than": "phải lớn hơn {gt}; hãy sửa lại.",
    "greater_than_equal": "không được nhỏ hơn {ge}; hãy sửa lại.",
    "less_than": "phải nhỏ hơn {lt}; hãy sửa lại.",
    "less_than_equal": "không được lớn hơn {le}; hãy sửa lại.",
    "multiple_of": "phải là bội số của {multiple_of}.",
    "finite_number": "phải là một số hữu hạn (không được là NaN hay vô cực).",
    "int_type": "cần một số nguyên.",
    "int_parsing": "cần một số nguyên (chỉ gồm chữ số).",
    "int_parsing_size": "số quá lớn.",
    "int_from_float": "cần một số nguyên, không có phần thập phân.",
    "float_type": "cần một số.",
    "float_parsing": "cần một số (dùng dấu chấm cho phần thập phân).",
    "bool_type": "cần true (có) hoặc false (không).",
    "bool_parsing": "cần true (có) hoặc false (không).",
    "decimal_type": "cần một số.",
    "decimal_parsing": "cần một số.",
    "decimal_max_digits": "tối đa {max_digits} chữ số.",
    "decimal_max_places": "tối đa {decimal_places} chữ số sau dấu thập phân.",
    "decimal_whole_digits": "tối đa {whole_digits} chữ số trước dấu thập phân.",
    "fraction_type": "cần một phân số hoặc một số.",
    "fraction_parsing": "không phải phân số hợp lệ.",
    "complex_type": "cần một số.",
    "complex_str_parsing": "cần một số.",
    # -- text and bytes
    "string_type": "cần một chuỗi chữ (trong ngoặc kép).",
    "string_unicode": "không phải văn bản Unicode hợp lệ.",
    "string_too_short": "cần ít nhất {min_length} ký tự.",
    "string_too_long": "quá dài (tối đa {max_length} ký tự); hãy rút gọn.",
    "string_pattern_mismatch": "không đúng dạng quy định (mẫu {pattern}).",
    "string_not_ascii": "chỉ được gồm ký tự không dấu (ASCII).",
    "bytes_type": "cần dữ liệu nhị phân.",
    "bytes_too_short": "cần ít nhất {min_length} byte.",
    "bytes_too_long": "tối đa {max_length} byte.",
    "bytes_invalid_encoding": "không phải dữ liệu mã hóa {encoding} hợp lệ.",
    "url_type": "cần một địa chỉ URL.",
    "url_parsing": "không phải địa chỉ URL hợp lệ.",
    "url_syntax_violation": "không phải địa chỉ URL hợp lệ.",
    "url_too_long": "địa chỉ URL quá dài (tối đa {max_length} ký tự).",
    "url_scheme": "địa chỉ URL phải bắt đầu bằng {expected_schemes}.",
    "uuid_type": "cần một mã UUID.",
    "uuid_parsing": "không phải mã UUID hợp lệ.",
    "uuid_version": "cần mã UUID phiên bản {expected_version}.",
    # -- choices
    "enum": "không có trong danh sách; chọn một trong: {expected}.",
    "literal_error": "không có trong danh sách; chọn một trong: {expected}.",
    "union_tag_invalid": "loại «{tag}» không có trong danh sách; chọn một trong: {expected_tags}.",
    "union_tag_not_found": "thiếu mục «{discriminator}» cho biết loại.",
    "missing_sentinel_error": "phải để trống.",
    "ellipsis_error": "phải để trống.",
    # -- collections
    "too_short": "cần ít nhất {min_length} mục.",
    "too_long": "tối đa {max_length} mục; hãy bớt đi.",
    "iterable_type": "cần một danh sách [ ... ].",
    "iteration_error": "không đọc được danh sách này.",
    "list_type": "cần một danh sách [ ... ].",
    "tuple_type": "cần một danh sách [ ... ].",
    "set_type": "cần một danh sách [ ... ].",
    "frozen_set_type": "cần một danh sách [ ... ].",
    "deque_type": "cần một danh sách [ ... ].",
    "set_item_not_hashable": "danh sách có mục không so sánh được.",
    "dict_type": "cần một nhóm mục (bảng).",
    "frozen_dict_type": "cần một nhóm mục (bảng).",
    "ordered_dict_type": "cần một nhóm mục (bảng).",
    "counter_type": "cần một nhóm mục (bảng).",
    "mapping_type": "cần một nhóm mục (bảng).",
    # -- dates and times
    "date_type": "cần một ngày (năm-tháng-ngày, ví dụ 2026-01-15).",
    "date_parsing": "không phải ngày hợp lệ (năm-tháng-ngày, ví dụ 2026-01-15).",
    "date_from_datetime_parsing": "không phải ngày hợp lệ (năm-tháng-ngày, ví dụ 2026-01-15).",
    "date_from_datetime_inexact": "cần một ngày, không kèm giờ.",
    "date_past": "phải là một ngày đã qua.",
    "date_future": "phải là một ngày sắp tới.",
    "time_type": "cần một giờ (giờ:phút:giây, ví dụ 08:00:00).",
    "time_parsing": "không phải giờ hợp lệ (giờ:phút:giây, ví dụ 08:00:00).",
    "datetime_type": "cần ngày và giờ (ví dụ 2026-01-15T08:00:00+07:00).",
    "datetime_parsing": "không phải ngày giờ hợp lệ (ví dụ 2026-01-15T08:00:00+07:00).",
    "datetime_object_invalid": "không phải ngày giờ hợp lệ.",
    "datetime_from_date_parsing": "không phải ngày giờ hợp lệ (ví dụ 2026-01-15T08:00:00+07:00).",
    "datetime_past": "phải là thời điểm đã qua.",
    "datetime_future": "phải là thời điểm sắp tới.",
    "timezone_naive": "không được kèm múi giờ.",
    "timezone_aware": "cần kèm múi giờ (ví dụ +07:00).",
    "timezone_offset": "cần múi giờ lệch {tz_expected} giây so với giờ quốc tế.",
    "time_delta_type": "cần một khoảng thời gian.",
    "time_delta_parsing": "không phải khoảng thời gian hợp lệ.",
    # -- kinds of object a person never types (shown only if a program feeds one)
    "is_instance_of": "không đúng kiểu dữ liệu.",
    "is_subclass_of": "không đúng kiểu dữ liệu.",
    "callable_type": "không đúng kiểu dữ liệu.",
    "arguments_type": "không đúng kiểu dữ liệu.",
    "missing_argument": "còn thiếu.",
    "unexpected_keyword_argument": "không phải mục được biết đến; hãy bỏ mục này.",
    "missing_keyword_only_argument": "còn thiếu.",
    "unexpected_positional_argument": "thừa một giá trị; hãy bỏ bớt.",
    "missing_positional_only_argument": "còn thiếu.",
    "multiple_argument_values": "được khai hai lần; hãy giữ một.",
    # -- our own validators already speak Vietnamese: their sentence is used as it is
    "value_error": "{error}",
    "assertion_error": "{error}",
}
