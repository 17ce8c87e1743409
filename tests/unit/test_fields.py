"""pipeline.fields on small hand-written snippets (never the samples): one behaviour per test."""

from __future__ import annotations

import pytest

from pipeline.fields import (
    TextDoc,
    canonical_place_names_in,
    canonical_province_in,
    canonical_symbol,
    extract_fields,
    find_dates,
    fold,
    normalise_title,
)

CONG_VAN = """\
UBND TỈNH NINH BÌNH   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ XÂY DỰNG   Độc lập - Tự do - Hạnh phúc

Số: 07/SXD-QLN   Ninh Bình, ngày 05 tháng 3 năm 2024
V/v rà soát nhà ở công vụ
năm 2024

Kính gửi:
- UBND các huyện, thành phố;
- Các phòng chuyên môn thuộc Sở.

Căn cứ Quyết định số 12/2021/QĐ-UBND ngày 4/2/2021 của UBND tỉnh; Công văn số 88/BXD-QLN
ngày 15/01/2024 của Bộ Xây dựng, Sở Xây dựng đề nghị:
- Các đơn vị báo cáo kết quả rà soát về Sở Xây dựng trước ngày 20/3/2024.
- Phòng Quản lý nhà tổng hợp, trình Giám đốc Sở chậm nhất ngày 30 tháng 3 năm 2024.
Ngày 10/01/2024, Sở đã tổ chức hội nghị triển khai.

Nơi nhận:
- Như trên;
- Lưu: VT,QLN.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Trần Văn Bình
"""


@pytest.fixture(scope="module")
def cong_van(params):
    return extract_fields(CONG_VAN, params.extract)


# fmt: off
CONG_VAN_SCALARS = [
    ("doc_type", "Công văn"),
    ("number", "07"),
    ("symbol", "SXD-QLN"),
    ("issuer", "SỞ XÂY DỰNG"),
    ("issuer_parent", "UBND TỈNH NINH BÌNH"),
    ("province", "Ninh Bình"),
    ("place", "Ninh Bình"),
    ("date", "2024-03-05"),
    ("subject", "V/v rà soát nhà ở công vụ năm 2024"),
    ("signer", "Trần Văn Bình"),
    ("signer_title", "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"),
]
# fmt: on


@pytest.mark.parametrize("name,expected", CONG_VAN_SCALARS)
def test_fields_cong_van_scalars(cong_van, name, expected):
    assert getattr(cong_van, name) == expected


def test_fields_recipients_trimmed(cong_van):
    assert cong_van.recipients_to == ("UBND các huyện, thành phố", "Các phòng chuyên môn thuộc Sở")
    assert cong_van.recipients_cc == ("Như trên", "Lưu: VT, QLN")


def test_fields_references_paired_with_dates(cong_van):
    refs = [(r.ref, r.date) for r in cong_van.references]
    assert refs == [("12/2021/QĐ-UBND", "2021-02-04"), ("88/BXD-QLN", "2024-01-15")]


def test_fields_deadlines_not_cited_or_past_dates(cong_van):
    # the dates of cited documents and the past meeting (10/01/2024) are not deadlines
    got = [(d.date, d.precision) for d in cong_van.deadlines]
    assert got == [("2024-03-20", "day"), ("2024-03-30", "day")]
    assert cong_van.deadlines[0].action == "Các đơn vị báo cáo kết quả rà soát về Sở Xây dựng"


def test_fields_evidence_points_at_the_value(cong_van):
    doc = TextDoc(CONG_VAN)
    for ev in cong_van.evidence:
        assert doc.text[ev.offset_start:ev.offset_end], ev
        line = doc.lines[[ln.page == ev.page and ln.line_no == ev.line for ln in doc.lines].index(True)]
        assert line.text[ev.start:] == doc.text[ev.offset_start:line.end]
    number = next(e for e in cong_van.evidence if e.field == "number")
    assert (number.page, number.line, number.text[number.start:number.end]) == (1, 4, "07")


def test_fields_incoming_stamp_is_not_the_document_number(params):
    text = """\
ỦY BAN NHÂN DÂN
TỈNH HÀ GIANG
CÔNG VĂN ĐẾN
Số: 4410
Ngày: 26/8/2020

Số: 112/KH-UBND   Hà Giang, ngày 20 tháng 8 năm 2020

KẾ HOẠCH
Tổ chức hội thi tin học trẻ năm 2020
"""
    f = extract_fields(text, params.extract)
    assert (f.number, f.symbol, f.date, f.doc_type) == ("112", "KH-UBND", "2020-08-20", "Kế hoạch")
    assert f.issuer == "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG" and f.issuer_parent is None
    assert f.subject == "Tổ chức hội thi tin học trẻ năm 2020"


def test_fields_incoming_stamp_fields_double_spaced_after_the_subject(params):
    # OCR put a blank line after every line: the stamp's Ngày and Chuyển are no part of the subject
    text = "\n\n".join([
        "SỞ Y TẾ", "Số: 77/SYT-NVY   Vĩnh Long, ngày 3 tháng 4 năm 2024", "V/v tăng cường phòng chống",
        "sốt xuất huyết năm 2024", "TRUNG TÂM Y TẾ HUYỆN\nCÔNG VĂN ĐẾN", "Số: 208", "Ngày: 05/4/2024",
        "Chuyển: P.KHNV", "Kính gửi: Các bệnh viện trong tỉnh.", "Sở Y tế đề nghị các đơn vị triển khai ngay."])
    f = extract_fields(text, params.extract)
    assert f.subject == "V/v tăng cường phòng chống sốt xuất huyết năm 2024"
    assert (f.number, f.date) == ("77", "2024-04-03")


@pytest.mark.parametrize("type_line, expected", [
    ("KẾ HOẠCH", ("42", "KH-UBND")),  # the symbol's type code names the type line: the document's own
    ("QUYẾT ĐỊNH", (None, None)),     # another type's symbol after "VĂN BẢN": a citation
])
def test_fields_stamp_and_number_read_as_one_line(params, type_line, expected):
    text = f"""\
ỦY BAN NHÂN DÂN
TỈNH YÊN BÁI

CÔNG VĂN BẢN 42/KH-UBND
Số: 517
Ngày: 02/3/2021

Yên Bái, ngày 25 tháng 2 năm 2021

{type_line}
Tổ chức ngày hội đọc sách năm 2021
"""
    f = extract_fields(text, params.extract)
    assert (f.number, f.symbol) == expected


def test_fields_header_citation_in_running_text_is_not_the_number(params):
    text = "ỦY BAN NHÂN DÂN\nTỈNH YÊN BÁI\n\ntheo văn bản 42/KH-UBND\n\nKẾ HOẠCH\nTổ chức ngày hội\n"
    f = extract_fields(text, params.extract)
    assert (f.number, f.symbol) == (None, None)


@pytest.mark.parametrize("closing, expected", [
    ("Nơi nhận:\n- Như trên;\n- Đ/c Trần Văn Bình;\n- Lưu: VT.\n\nLê Thị Hồng Nhung\n", "Lê Thị Hồng Nhung"),
    ("Nơi nhận:\n- Như trên;\n- Đ/c Trần Văn Bình;\n- Lưu: VT.\n\nPhòng Văn Hóa\n", None),  # no surname
    ("Nơi nhận:\n- Như trên;\n- Đ/c Trần Văn Bình;\n- Lưu: VT.\n", None),  # a name in a cc item
])
def test_fields_signer_name_whose_title_ocr_lost(params, closing, expected):
    text = "Số: 9/TB-UBND   Lạng Sơn, ngày 3 tháng 4 năm 2023\n\nTHÔNG BÁO\nLịch tiếp công dân\n\n" \
           "Đề nghị các đơn vị thực hiện./.\n\n" + closing
    f = extract_fields(text, params.extract)
    assert f.signer == expected and f.signer_title is None


def test_fields_incoming_stamp_receiver_line_is_not_the_issuer(params):
    # The stamp's first line names the body that received the document; read without blank lines
    # (a scan), it follows the motto directly and must not be taken for the issuer.
    text = """\
ỦY BAN NHÂN DÂN
TỈNH YÊN BÁI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
BAN DÂN TỘC TỈNH
CÔNG VĂN ĐẾN
Số: 77
Ngày: 02/3/2021
Số: 31/KH-UBND Yên Bái, ngày 25 tháng 02 năm 2021
KẾ HOẠCH
Triển khai công tác dân tộc năm 2021
"""
    f = extract_fields(text, params.extract)
    assert f.issuer == "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI"
    assert (f.number, f.symbol, f.date) == ("31", "KH-UBND", "2021-02-25")


@pytest.mark.parametrize("text", [
    "b z v\n,“_ CHÁNH VĂN PHÒNG\nNguyễn Văn Hải\n",  # a last page alone: signer block, seal residue
    "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nTrần Thị Mai\n",
])
def test_fields_no_header_means_no_issuer(params, text):
    f = extract_fields(text, params.extract)
    assert f.issuer is None and f.issuer_parent is None


def test_fields_damaged_anchors(params):
    text = """\
UBND TINH BAC KAN CONG HOA XA HOI CHU NGHIA VIET NAM
SO Y TE Doc lap - Tu do - Hanh phuc
S6: 15 /SYT-NVY Bac Kan, ng&y/4grhdng 4 nam 2021
V/v tiem chung mo rong

Kinh gui: Trung tam Y te cac huyen.

Noi nhn: KT GIAM BOC
- Nhu tren; S
- Luu VT.
PHO GIAM DOC
"""
    f = extract_fields(text, params.extract)
    assert (f.number, f.symbol, f.date) == ("15", "SYT-NVY", "2021-04")  # a partial date, not an invented day
    assert f.province == "Bắc Kạn" and f.place == "Bắc Kạn"
    assert f.recipients_to == ("Trung tam Y te cac huyen",)
    assert f.recipients_cc == ("Nhu tren", "Luu VT")
    assert f.signer_title == "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"


@pytest.mark.parametrize(("place", "expected"), [
    ("Phút Tha", "Phú Thọ"),  # the province the header names, damaged: read as that province
    ("Phù Ninh", "Phù Ninh"),  # a district of it: kept as printed
    ("Thanh Sơn", "Thanh Sơn"),
])
def test_fields_place_that_is_the_issuers_province_damaged(params, place, expected):
    text = f"ỦY BAN NHÂN DÂN\nTỈNH PHÚ THỌ\nSố: 12/KH-UBND   {place}, ngày 2 tháng 3 năm 2022\n\nKẾ HOẠCH\nVề việc x\n"
    f = extract_fields(text, params.extract)
    assert (f.province, f.place) == ("Phú Thọ", expected)


@pytest.mark.parametrize(("header", "place", "expected"), [
    ("HUYỆN ĐOÀN ĐẠI LỘC", "Phải LOc", "Đại Lộc"),  # the unit the header names, damaged on the place line
    ("ỦY BAN NHÂN DÂN\nXÃ BÁT TRÀNG", "Bát Trang", "Bát Tràng"),  # same letters, the header's marks
    ("ỦY BAN NHÂN DÂN\nXÃ HẢI LỘC", "Hải Lăng", "Hải Lăng"),  # another name: kept as printed
    ("ỦY BAN NHÂN DÂN\nXÃ YÊN THẾ", "Yên Thế", "Yên Thế"),
    ("UBND TỈNH THANH HÓA\nSỞ Y TẾ", "Thành Ho6a", "Thanh Hóa"),  # a mark read as a digit inside the word
])
def test_fields_place_damaged_is_the_unit_the_header_names(params, header, place, expected):
    text = f"{header}\nSố: 27/KH-UBND   {place}, ngày 16 tháng 4 năm 2025\n\nKẾ HOẠCH\nVề việc x\n"
    assert extract_fields(text, params.extract).place == expected


def test_fields_district_in_issuer_takes_the_gazetteer_marks(params):
    text = "ỦY BAN NHÂN DÂN\nHUYỆN KRONG PẮC\nSố: 41/KH-UBND   Krong Pắc, ngày 22 tháng 4 năm 2024\n\nKẾ HOẠCH\nx\n"
    f = extract_fields(text, params.extract)
    assert (f.issuer, f.place, f.province) == ("ỦY BAN NHÂN DÂN HUYỆN KRÔNG PẮC", "Krông Pắc", "Đắk Lắk")


def test_fields_commune_names_take_the_gazetteer_marks(params):
    # restore gave the commune's name wrong marks; only one unit of the gazetteer is keyed "eatieu"
    text = ("ỦY BAN NHÂN DÂN\nXÃ EA TIẾU\nSố: 03/KH-UBND   Ea Tiếu, ngày 9 tháng 1 năm 2026\n\nKẾ HOẠCH\n"
            "Phòng chống cháy rừng trên địa bàn xã Ea Tiếu\n\nCăn cứ Luật Lâm nghiệp;\n")
    f = extract_fields(text, params.extract)
    assert (f.issuer, f.place) == ("ỦY BAN NHÂN DÂN XÃ EA TIÊU", "Ea Tiêu")
    assert f.subject == "Phòng chống cháy rừng trên địa bàn xã Ea Tiêu"
    # a run of syllables stays as printed, even where the gazetteer lists another spelling (it lacks merged and
    # renamed communes, and names are words: Hưng Thái, Trần Châu, Phương Dung); a known name's shorter part
    # is never respelled (Thạnh Lợi, not Thanh Lợi)
    for line in ("tại xã Hưng Thái", "Phó Chủ tịch Trần Châu Minh", "bà Nguyễn Thị Phương Dung", "xã Dương",
                 "UBND XÃ THẠNH LỢI", "xã Đồng Tiến", "các xã, phường trên địa bàn xã Tân Thạnh",
                 "UY BAN NHAN DAN PHUONG HAI CHAU"):  # raw garble (no marks) is never respelled
        assert canonical_place_names_in(line) == line


def test_fields_place_names_in_the_subject_take_the_gazetteer_marks(params):
    # "Krong Bông" folds only to the district Krông Bông; "Tân Thành" is spelled so by some wards and Tân Thạnh
    # by others (and a district): it stays as printed
    assert canonical_place_names_in("thi đua “Krong Bông chung sức” và xã Tân Thành") == \
        "thi đua “Krông Bông chung sức” và xã Tân Thành"
    # words that a ward's name folds to (Trân Châu, Du Lễ) stay: only a run with a non-syllable ("Krong") is read
    for text in ("Ngày Môi trường thế giới", "Phó Chủ tịch Trần Châu Minh", "Dự Lễ kỷ niệm"):
        assert canonical_place_names_in(text) == text
    text = ("Số: 9/KH-UBND   Krông Bông, ngày 2 tháng 3 năm 2021\n\nKẾ HOẠCH\nPhát động phong trào thi đua "
            "“Phụ nữ? Krong Bông chung sức xây dựng nông thôn mới”\n\nCăn cứ Luật Thi đua, Khen thưởng.\n")
    assert extract_fields(text, params.extract).subject == \
        "Phát động phong trào thi đua “Phụ nữ Krông Bông chung sức xây dựng nông thôn mới”"


def test_fields_issuer_column_above_a_motto_with_blank_lines_between(params):
    # OCR read the left column first, then the motto, with a blank line after every line
    text = "\n\n".join(["ỦY BAN NHÂN DÂN", "TỈNH HÀ NAM", "SỞ TÀI CHÍNH", "Số: 77/STC-QLGC", "V/v rà soát tài sản",
                         "công năm 2023", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "Hà Nam, ngày 3 tháng 5 năm 2023"]) + "\n"
    f = extract_fields(text, params.extract)
    assert (f.issuer, f.issuer_parent, f.province) == ("SỞ TÀI CHÍNH", "ỦY BAN NHÂN DÂN TỈNH HÀ NAM", "Hà Nam")


def test_fields_central_body_has_no_province(params):
    text = "BỘ TÀI CHÍNH\nSố: 5/TB-BTC   Hà Nội, ngày 2 tháng 1 năm 2023\n\nTHÔNG BÁO\nLịch làm việc\n"
    f = extract_fields(text, params.extract)
    assert (f.issuer, f.province, f.place, f.doc_type) == ("BỘ TÀI CHÍNH", None, "Hà Nội", "Thông báo")


def test_fields_nothing_found_is_null_not_a_guess(params):
    f = extract_fields("Một đoạn văn bản không có tiêu đề nào cả.\n", params.extract)
    assert (f.number, f.symbol, f.date, f.issuer, f.signer, f.doc_type) == (None,) * 6
    assert f.deadlines == () and f.references == () and f.criteria == ()


@pytest.mark.parametrize("text", ["", "   \n\f\n", "\x00\x01"])
def test_fields_empty_or_junk_text(params, text):
    assert extract_fields(text, params.extract).to_json()["number"] is None


def test_fields_criteria_sections_and_notes(params):
    text = """\
KẾ HOẠCH
Thi đua khen thưởng năm 2024

III. KHEN THƯỞNG
1. Tiêu chuẩn khen thưởng
1.1. Tặng Giấy khen
a) Tập thể
Đạt các tiêu chí sau:
+ Hoàn thành xuất sắc nhiệm vụ;
+ Không có cán bộ vi phạm kỷ luật.
b) Cá nhân: Có sáng kiến được công nhận.
2. Số lượng khen thưởng
- Tập thể: Không quá 02 tập thể.
Lưu ý:
- Không đề nghị khen thưởng tập thể đã được khen thưởng chuyên đề.
3. Hồ sơ đề nghị khen thưởng
- Tờ trình của đơn vị.
IV. TỔ CHỨC THỰC HIỆN
"""
    got = [(c.section, c.text) for c in extract_fields(text, params.extract).criteria]
    assert got == [
        ("III.1.1.a", "Đạt các tiêu chí sau: Hoàn thành xuất sắc nhiệm vụ; Không có cán bộ vi phạm kỷ luật"),
        ("III.1.1.b", "Cá nhân: Có sáng kiến được công nhận"),
        ("III.2", "Tập thể: Không quá 02 tập thể"),
        ("III.2 Lưu ý", "Không đề nghị khen thưởng tập thể đã được khen thưởng chuyên đề"),
    ]


# fmt: off
DATE_CASES = [
    ("ngày 18 tháng 4 năm 2022", None, [("2022-04-18", "day")]),
    ("ngay 18 thang 4 nam 2022", None, [("2022-04-18", "day")]),
    ("ngày    tháng 5 năm 2022", None, [("2022-05", "month")]),
    ("18/4/2022 và 01-02-2023", None, [("2022-04-18", "day"), ("2023-02-01", "day")]),
    ("trong tháng 5/2022", None, [("2022-05", "month")]),
    ("trước ngày 21/5", 2022, [("2022-05-21", "day")]),
    ("trước ngày 21/5", None, []),
    ("ngày 31/2/2022", None, []),  # no such day
    ("số 12/2021/QĐ-UBND", None, []),
]
# fmt: on


@pytest.mark.parametrize("text,year,expected", DATE_CASES)
def test_fields_find_dates(text, year, expected):
    assert [(d.iso, d.precision) for d in find_dates(fold(text), year)] == expected


# fmt: off
SYMBOL_CASES = [
    ("QD -TTG", "QĐ-TTG"),
    ("ND-CP", "NĐ-CP"),
    ("TTR-UBND", "TTr-UBND"),
    ("SNV- TĐKT", "SNV-TĐKT"),
    ("UBND-VP", "UBND-VP"),  # công văn: no type code
    ("TIr-HĐTĐKT", "TTr-HĐTĐKT"),  # a T read as I
    ("TTg-KTTH", "TTg-KTTH"),  # the Prime Minister's code is no damaged TTr
    ("CTT-VP", "CTT-VP"),
    ("CĐĐ-UBND", "CĐ-UBND"),  # `vie` OCR printed the Đ twice (CĐÐ, the Eth read as Đ)
    ("ĐĐBQH-VP", "ĐĐBQH-VP"),  # Đoàn đại biểu Quốc hội: no type code, its ĐĐ stays
    ("QĐĐ/TU", "QĐ/TU"),  # the same in a Party document's symbol
]
TITLE_CASES = [
    ("KT GIẢM BỌC", "KT. GIÁM ĐỐC"),
    ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"),
    ("KT. BỘ TRƯỞNG THỨ TRƯỞNG", "KT. BỘ TRƯỞNG THỨ TRƯỞNG"),  # THỨ and THỦ fold alike: keep the printed one
    ("GIÁM ĐỐC SỞ Y TẾ", "GIÁM ĐỐC SỞ Y TẾ"),
]
# fmt: on


@pytest.mark.parametrize("raw,expected", SYMBOL_CASES)
def test_fields_canonical_symbol(raw, expected):
    assert canonical_symbol(raw) == expected


@pytest.mark.parametrize("raw,expected", TITLE_CASES)
def test_fields_normalise_title(raw, expected):
    assert normalise_title(raw) == expected


def test_fields_canonical_province_in_issuer():
    assert canonical_province_in("UBND TỈNH QUANG NGAI", 85) == "UBND TỈNH QUẢNG NGÃI"
    assert canonical_province_in("SỞ Y TẾ", 85) == "SỞ Y TẾ"


def test_fields_fold_keeps_offsets():
    text = "Số: 12/QĐ-UBND ngày 5 tháng 3"
    assert len(fold(text)) == len(text) and fold("Đ") == "d"


def test_fields_json_keys_in_gold_order(cong_van):
    keys = list(cong_van.to_json())
    assert keys[:3] == ["doc_type", "number", "symbol"] and keys[-1] == "evidence"


def test_fields_signer_block_after_a_long_cc_list_with_stamp_residue(params):
    cc = "".join(f"- Đơn vị số {i};\n" for i in range(1, 16))
    text = f"Số: 3/KH-UBND   Hà Nam, ngày 1 tháng 2 năm 2023\n\nNơi nhận: TM. ỦY BAN NHÂN DÂN\n{cc}- Lưu: VT.\n" \
           "\nKT. CHỦ TỊCH\n} PHO CHU TICH\n\nĐinh Công Sơn ”\n"
    f = extract_fields(text, params.extract)
    assert f.signer_title == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert f.signer == "Đinh Công Sơn" and len(f.recipients_cc) == 16


def test_fields_type_line_without_header_is_not_the_issuer(params):
    text = " KẾ HOẠCH\n\nTổ chức thi đua năm 2021\n\nThực hiện Quyết định số 733/QĐ-TTg ngày 14/6/2019 của Thủ tướng.\n"
    f = extract_fields(text, params.extract)
    assert (f.doc_type, f.issuer, f.number, f.symbol) == ("Kế hoạch", None, None, None)
    assert [r.ref for r in f.references] == ["733/QĐ-TTg"]


def test_fields_digital_signature_time_is_not_a_deadline(params):
    text = "Số: 9/TB-UBND   Huế, ngày 2 tháng 3 năm 2024\n\nCác đơn vị nộp báo cáo trước ngày 10/3/2024.\n" \
           "Người ký: Hồ Văn Nam\nThời gian ký: 05.03.2024 09:15:36 +07:00\n"
    got = [(d.date, d.action) for d in extract_fields(text, params.extract).deadlines]
    assert got == [("2024-03-10", "Các đơn vị nộp báo cáo")]


# fmt: off
RECIPIENT_CASES = [
    ("Kính gửi: Sở Tài chính; Sở Xây dựng.\n\nThực hiện", "to", ("Sở Tài chính", "Sở Xây dựng")),
    ("Kính gửi:\nỦy ban nhân dân các huyện\n\nThực hiện chỉ đạo", "to", ("Ủy ban nhân dân các huyện",)),
    ("Nơi nhận:\nNhư trên;\nLưu: VT.\n\nGIÁM ĐỐC\n\nLê Văn Tám", "cc", ("Như trên", "Lưu: VT")),
    ("Nơi nhận:\n- Sở Y tế;\n- Các đơn vị trực thuộc\n  Sở;\n- Lưu: VT.", "cc", ("Sở Y tế", "Các đơn vị trực thuộc Sở", "Lưu: VT")),
    # OCR read the filed copy's comma as ";": still one item, not "Lưu: VT" and a lost "TH"
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT; TH.", "cc", ("Như trên", "Lưu: VT, TH")),
    # a speck before an item read as an opening quote that never closes
    ("Nơi nhận:\n-'Cổng Thông tin điện tử tỉnh;\n- Lưu: VT.", "cc", ("Cổng Thông tin điện tử tỉnh", "Lưu: VT")),
    # the signer column's "(Đã ký)" read onto a cc line after its ";"
    ("Nơi nhận:\n- Cổng TTĐT Sở; (Đã ký)\n- Lưu: VT.", "cc", ("Cổng TTĐT Sở", "Lưu: VT")),
    # … and damaged by OCR and restore
    ("Nơi nhận:\n- Cổng TTĐT Sở; (Bà ký)\n- Lưu: VT.", "cc", ("Cổng TTĐT Sở", "Lưu: VT")),
    # a body, never a number: Sở with its mark misread; "số" before a lower-case word stays
    ("Nơi nhận:\n- Sở Nội vụ, Số NN&PTNT;\n- SỐ KH&ĐT;\n- Số lượng: 02 bản;\n- Lưu: VT.", "cc",
     ("Sở Nội vụ, Sở NN&PTNT", "SỞ KH&ĐT", "Số lượng: 02 bản", "Lưu: VT")),
    # the "(b/c)" note with its letters read as signs or lost; a "đ/c" (đồng chí) stays
    ("Nơi nhận:\n- UBND tỉnh (Đ/€);\n- Đảng ủy xã (để b/);\n- Sở Y tế (b/©);\n- Đ/c Chủ tịch (đ/c);\n- Lưu: VT.", "cc",
     ("UBND tỉnh (b/c)", "Đảng ủy xã (để b/c)", "Sở Y tế (b/c)", "Đ/c Chủ tịch (đ/c)", "Lưu: VT")),
    # the filed copy's small label garbled beyond reading by OCR, its VT read VI or VÌ; "Ban VI" is a recipient
    ("Nơi nhận:\n- Như trên;\n- Sở Tài chính;\nETEUNH VÌ,VP", "cc", ("Như trên", "Sở Tài chính", "Lưu: VT, VP")),
    ("Nơi nhận:\n- Như trên;\n\"E1 VI TCBC, KHTC.", "cc", ("Như trên", "Lưu: VT, TCBC, KHTC")),
    ("Nơi nhận:\n- Như trên;\n- Ban VI;\n=Lữu: VT,KTHT.", "cc", ("Như trên", "Ban VI", "Lưu: VT, KTHT")),
    # … but never a recipient (it ends with ";", or the list goes on), nor a name under a finished list
    ("Nơi nhận:\n- Như trên;\n- Quân khu VI, VII;\n- Cục VT, CNTT;\n- Lưu: VT, VP.", "cc",
     ("Như trên", "Quân khu VI, VII", "Cục VT, CNTT", "Lưu: VT, VP")),
    ("Nơi nhận:\n- Như trên;\n- Cục VT, CNTT\n- Lưu: VT, VP.", "cc", ("Như trên", "Cục VT, CNTT", "Lưu: VT, VP")),
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT, VP.\nTRAN VI THANH\n", "cc", ("Như trên", "Lưu: VT, VP")),
]
# fmt: on


@pytest.mark.parametrize("text,which,expected", RECIPIENT_CASES)
def test_fields_recipients_with_and_without_bullets(params, text, which, expected):
    f = extract_fields(text, params.extract)
    assert (f.recipients_to if which == "to" else f.recipients_cc) == expected


# fmt: off
ROMAN_CASES = [("IL", "I", "II"), ("II", "II", "III"), ("IV", "III", "IV"), ("II", None, "II"), ("III", "I", "III")]
# fmt: on


@pytest.mark.parametrize("read,previous,expected", ROMAN_CASES)
def test_fields_roman_headings_repaired_by_sequence(read, previous, expected):
    from pipeline.fields import _repair_roman

    assert _repair_roman(read, previous) == expected


QUYET_DINH = """\
ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH ĐỒNG NAI                   Độc lập - Tự do - Hạnh phúc

Số: 1234/QĐ-UBND              Đồng Nai, ngày 07 tháng 10 năm 2023

QUYẾT ĐỊNH
Về việc thành lập Tổ công tác kiểm tra
công tác cải cách hành chính năm 2023

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2025;
Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 456/TTr-SNV ngày 01/10/2023.

QUYẾT ĐỊNH:

Điều 1. Thành lập Tổ công tác năm 2023. Điều 2. Tổ công tác báo cáo Chủ tịch UBND tỉnh trước ngày 15/12/2023.
Điều 3. Quyết định này có hiệu lực kể từ ngày 10/10/2023./.

Nơi nhận:                                   KT. CHỦ TỊCH
- Như Điều 3;                               PHÓ CHỦ TỊCH
- Lưu: VT, NC.
                                            (Đã ký)

                                            Võ Văn Phi
"""


def test_fields_quyet_dinh_preamble_articles_and_two_column_closing(params):
    f = extract_fields(QUYET_DINH, params.extract)
    assert (f.doc_type, f.issuer, f.issuer_parent) == ("Quyết định", "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", None)
    assert f.subject == "Về việc thành lập Tổ công tác kiểm tra công tác cải cách hành chính năm 2023"
    assert (f.signer_title, f.signer) == ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH", "Võ Văn Phi")
    assert f.recipients_cc == ("Như Điều 3", "Lưu: VT, NC")
    # the law cited by name and date, and the effective date, are not deadlines
    assert [(d.date, d.action) for d in f.deadlines] == [("2023-12-15", "Tổ công tác báo cáo Chủ tịch UBND tỉnh")]
    assert [(r.ref, r.date) for r in f.references] == [("456/TTr-SNV", "2023-10-01")]


# fmt: off
DEADLINE_CASES = [
    ("Các đơn vị gửi báo cáo trước thứ Tư, ngày 07/10/2026.", [("2026-10-07", "day")]),  # Tư = Wednesday
    ("Các trường tổ chức kiểm tra từ ngày 28/9/2026 đến ngày 1/11/2026.", [("2026-11-01", "day")]),
    ("Thời gian: chiến dịch được triển khai từ tháng 10/2026 đến hết tháng 12/2026.", [("2026-12", "month")]),
    ("Hội nghị được tổ chức vào lúc 8 giờ 00, thứ Hai, ngày 15 tháng 9 năm 2026.", [("2026-09-15", "day")]),
    ("Các Khối hoàn thành trong tháng 10/2026.", [("2026-10", "month")]),
    ("Báo cáo về Sở hạn cuối ngày 13.10.2026.", [("2026-10-13", "day")]),
    ("Nộp hồ sơ không muộn hơn ngày 22 tháng 10 năm 2026.", [("2026-10-22", "day")]),
    ("Ngày 20/8/2026, Sở đã tổ chức hội nghị triển khai.", []),  # past
    ("Các đơn vị trực thuộc kiểm tra ngày 20/10/2026.", []),  # no cue
    ("Năm 2027: Tổng kết phong trào.", [("2027", "year")]),
    # two milestones on one line
    ("Năm 2027: sơ kết 01 năm thực hiện; Năm 2030: tổng kết.", [("2027", "year"), ("2030", "year")]),
    # a meeting on a date written after a cited directive (not the directive's own date, which follows it)
    ("Tổ chức hội nghị quán triệt Chỉ thị số 05-CT/TW cho cán bộ chủ chốt vào ngày 20/10/2026.",
     [("2026-10-20", "day")]),
    ("Thực hiện Kế hoạch số 12-KH/TU ngày 20/10/2026 của Tỉnh ủy.", []),
    # a cue word in between that does not stand right before the date: still the cited document's date
    ("Thực hiện Quyết định số 12/QĐ-UBND về đưa Nghị quyết vào cuộc sống ngày 20/10/2026.", []),
    # a target's figures per year are no milestones
    ("- Năm 2027: 50%; năm 2028: 70%; năm 2030: 100% hộ dân dùng nước sạch.", []),
]
# fmt: on


@pytest.mark.parametrize("sentence,expected", DEADLINE_CASES)
def test_fields_deadline_phrasings(params, sentence, expected):
    text = f"Số: 5/KH-SYT   Huế, ngày 1 tháng 9 năm 2026\n\n{sentence}\n"
    got = [(d.date, d.precision) for d in extract_fields(text, params.extract).deadlines]
    assert got == expected


def test_fields_party_directive_layout(params):
    text = """\
TỈNH ỦY YÊN BÁI                 ĐẢNG CỘNG SẢN VIỆT NAM
          *
Số 15-CT/TU                     Yên Bái, ngày 12 tháng 3 năm 2024

CHỈ THỊ
về tăng cường công tác phòng, chống thiên tai

Các cấp ủy báo cáo kết quả về Ban Thường vụ Tỉnh ủy trước ngày 30/11/2024.

Nơi nhận:
- Các huyện ủy, thị ủy, thành ủy;
- Lưu Văn phòng Tỉnh ủy.

T/M BAN THƯỜNG VỤ
BÍ THƯ

Đỗ Minh Tâm
"""
    f = extract_fields(text, params.extract)
    assert (f.doc_type, f.number, f.symbol, f.issuer, f.province) == ("Chỉ thị", "15", "CT/TU", "TỈNH ỦY YÊN BÁI",
                                                                      "Yên Bái")
    assert (f.signer_title, f.signer) == ("T/M BAN THƯỜNG VỤ BÍ THƯ", "Đỗ Minh Tâm")


# fmt: off
NUMBER_LINES = [
    ("Số: 15/2010/QĐ-UBND   Hà Nội, ngày 2 tháng 3 năm 2010", ("15", "QĐ-UBND")),
    ("Số:    /KH-UBND       Hà Nội, ngày   tháng 3 năm 2010", (None, "KH-UBND")),
    ("SO: 912 /PGDĐT        Núi Thành, ngày 1 tháng 4 năm 2025", ("912", "PGDĐT")),
    ("S6: 355 SNV-TDKT      Lao Cai, ngay 18 thang 4 nam 2022", ("355", "SNV-TDKT")),
    ("Số 15-CT/TU           Yên Bái, ngày 12 tháng 3 năm 2024", ("15", "CT/TU")),
    ("Số: 07/CĐÐ-UBND       Đắk Lắk, ngày 2 tháng 3 năm 2024", ("07", "CĐ-UBND")),  # `vie` OCR printed Đ twice, the second as Eth (Ð)
]
# fmt: on


@pytest.mark.parametrize("line,expected", NUMBER_LINES)
def test_fields_number_and_symbol_forms(params, line, expected):
    f = extract_fields(line + "\n", params.extract)
    assert (f.number, f.symbol) == expected


def test_fields_text_layer_closing_with_columns_on_one_line(params):
    # a PDF text layer joins the two columns of the closing on one line and prints no blank lines
    text = """\
ỦY BAN NHÂN DÂN TỈNH BẮC NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 88/TB-UBND Bắc Ninh, ngày 4 tháng 4 năm 2024
THÔNG BÁO
Lịch tiếp công dân tháng 4 năm 2024
Nhằm bảo đảm việc tiếp công dân, UBND tỉnh thông báo như sau:
Các sở gửi lịch về Văn phòng trước ngày 10/4/2024.
Nơi nhận: TM. ỦY BAN NHÂN DÂN
- Các sở, ngành; CHỦ TỊCH
- Lưu: VT, NC. Vương Quốc Tuấn
"""
    f = extract_fields(text, params.extract)
    assert f.subject == "Lịch tiếp công dân tháng 4 năm 2024"
    assert (f.signer_title, f.signer) == ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", "Vương Quốc Tuấn")
    assert f.recipients_cc == ("Các sở, ngành", "Lưu: VT, NC")


def test_fields_right_column_read_first(params):
    text = """\
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Cà Mau, ngày 3 tháng 7 năm 2023
UBND TỈNH CÀ MAU
SỞ TÀI CHÍNH
Số: 77/STC-NS
V/v quyết toán ngân sách năm 2022
"""
    f = extract_fields(text, params.extract)
    assert (f.issuer, f.issuer_parent, f.number, f.date) == ("SỞ TÀI CHÍNH", "UBND TỈNH CÀ MAU", "77", "2023-07-03")
    assert f.subject == "V/v quyết toán ngân sách năm 2022"


def test_fields_subject_carries_on_past_a_blank_line(params):
    # A year (or a lower-case word) after a blank line finishes an unfinished subject line …
    text = ("UBND TỈNH NINH BÌNH\nSố: 9/QĐ-UBND   Ninh Bình, ngày 2 tháng 1 năm 2023\nQUYẾT ĐỊNH\n\n"
            "Về việc phê duyệt kế hoạch phòng cháy, chữa cháy mùa khô\n\n2025\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n")
    f = extract_fields(text, params.extract)
    assert f.subject == "Về việc phê duyệt kế hoạch phòng cháy, chữa cháy mùa khô 2025"
    # … but not a new sentence after a finished line.
    f = extract_fields(text.replace("mùa khô\n\n2025", "mùa khô.\n\n2025"), params.extract)
    assert f.subject == "Về việc phê duyệt kế hoạch phòng cháy, chữa cháy mùa khô"


def test_fields_double_spaced_ocr_keeps_the_subject_whole(params):
    lines = ["UBND TỈNH NINH BÌNH", "SỞ NỘI VỤ", "Số: 14/SNV-VP", "V/v thực hiện chế độ báo cáo",
             "Thống kê định kỳ năm 2023", "Ninh Bình, ngày 12 tháng 11 năm 2023", "Kính gửi:",
             "- Các phòng, ban chuyên môn.", "Căn cứ Nghị định số 19/2013/NĐ-CP của Chính phủ;",
             "Sở Nội vụ hướng dẫn thực hiện như sau:", "1. Các đơn vị gửi báo cáo trước ngày 9/1/2024."]
    double = "\n\n".join(lines) + "\n"
    assert TextDoc(double).double_spaced and not TextDoc("\n".join(lines)).double_spaced
    f = extract_fields(double, params.extract)
    assert f.subject == "V/v thực hiện chế độ báo cáo Thống kê định kỳ năm 2023"


def test_fields_blank_lines_inside_sentences_make_blank_lines_meaningless(params):
    # OCR that wraps lines and puts blank lines among the pieces, though most lines are not followed by one:
    # the subject goes on past its blank line even where the next line starts with a capital …
    text = """\
ĐẢNG BỘ TỈNH NINH BÌNH
ĐẢNG ỦY XÃ GIA VIỄN
Số 12-KH/ĐU                      Gia Viễn, ngày 3 tháng 9 năm 2025
KẾ HOẠCH

học tập, quán triệt và triển khai thực hiện Nghị quyết

Đại hội đại biểu Đảng bộ xã lần thứ I, nhiệm kỳ 2025 - 2030

Căn cứ Chỉ thị số 45-CT/TW của Bộ Chính trị về đại hội đảng
bộ

các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng; Hướng dẫn số
05-HD/BTG của Ban Tuyên giáo Tỉnh ủy về
học tập,

quán triệt nghị quyết đại hội đảng bộ cấp xã; Đại hội đã thành công tốt đẹp. Để Nghị quyết
sớm đi vào

cuộc sống, Ban Thường vụ Đảng ủy xã xây dựng Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Giúp cán bộ, đảng viên nắm vững quan điểm, mục tiêu, chỉ tiêu,

nhiệm vụ, giải pháp mà Nghị quyết Đại hội đề ra; tạo sự thống nhất về nhận
thức và

hành động trong toàn Đảng bộ.
"""
    doc = TextDoc(text)
    assert doc.double_spaced
    f = extract_fields(text, params.extract)
    assert f.subject == ("học tập, quán triệt và triển khai thực hiện Nghị quyết Đại hội đại biểu Đảng bộ xã "
                         "lần thứ I, nhiệm kỳ 2025 - 2030")
    # … and a "Căn cứ" behind an OCR speck still opens the body.
    f = extract_fields(text.replace("\nCăn cứ Chỉ thị", "\n: Căn cứ Chỉ thị"), params.extract)
    assert f.subject.endswith("nhiệm kỳ 2025 - 2030")


def test_fields_list_items_after_headings_are_no_blank_lines_inside_sentences(params):
    # "1. Mục đích" / (blank) / "a) …": items after a heading, each unfinished, are no sentence going on
    text = """\
HUYỆN ĐOÀN ĐẠI LỘC                  ĐOÀN TNCS HỒ CHÍ MINH
Số: 15-KH/HĐTN                      Đại Lộc, ngày 10 tháng 3 năm 2025
KẾ HOẠCH
Tổ chức Hội thi tìm hiểu pháp luật năm 2025

Ban Thường vụ Huyện đoàn xây dựng Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích

a) Tuyên truyền sâu rộng chủ trương của Đảng, chính sách, pháp luật của Nhà nước

b) Nâng cao nhận thức, ý thức chấp hành pháp luật của đoàn viên, thanh niên

2. Yêu cầu

a) Hội thi được tổ chức nghiêm túc, thiết thực, tiết kiệm, hiệu quả

b) Thu hút đông đảo đoàn viên, thanh niên trong toàn huyện tham gia

II. NỘI DUNG
Các cơ sở Đoàn tổ chức cho đoàn viên tham gia thi tìm hiểu trực tuyến từ ngày 01/4/2025 đến ngày 30/4/2025.
Ban Tổ chức chấm và trao giải cho các tập thể, cá nhân đạt thành tích cao trong tháng 5 năm 2025.
"""
    assert not TextDoc(text).double_spaced
    assert extract_fields(text, params.extract).subject == "Tổ chức Hội thi tìm hiểu pháp luật năm 2025"


def test_fields_subject_line_opening_with_a_quote_or_bracket_is_no_body(params):
    head = "UBND TỈNH NAM ĐỊNH\nSố: 5/KH-UBND   Nam Định, ngày 2 tháng 1 năm 2025\nKẾ HOẠCH\nPhát động phong trào thi đua\n"
    for second in ('"Theo gương Bác Hồ vĩ đại" năm 2025', "(Thực hiện Chỉ thị số 05-CT/TW)"):
        f = extract_fields(head + second + "\n\nCăn cứ Luật Thi đua, khen thưởng;\n", params.extract)
        assert f.subject == "Phát động phong trào thi đua " + second


def test_clean_value_drops_ocr_specks_at_the_edges():
    from pipeline.fields import clean_value

    assert clean_value("Về việc tham dự lớp tập huấn nghiệp vụ văn thư, lưu trữ?") == \
        "Về việc tham dự lớp tập huấn nghiệp vụ văn thư, lưu trữ"
    assert clean_value("| Nguyễn Văn An |") == "Nguyễn Văn An"


def test_fields_district_body_party_header_and_right_column_signer(params):
    text = """\
ỦY BAN NHÂN DÂN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN YÊN THẾ                  Độc lập - Tự do - Hạnh phúc

Số: 7/TB-UBND                  Yên Thế, ngày 2 tháng 3 năm 2021

THÔNG BÁO
Lịch tiếp công dân tháng 3

Các xã báo cáo trước ngày 10/3/2021./.

Nơi nhận:                                     TM. ỦY BAN NHÂN DÂN
- Như trên;                                         CHỦ TỊCH
- Lưu: VT.                                   Y Wơn Niê
"""
    f = extract_fields(text, params.extract)
    # a district's province comes from the district (unique name), the name from the column beside the list
    assert (f.province, f.signer, f.signer_title) == ("Bắc Giang", "Y Wơn Niê", "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH")
    party = "ĐẢNG BỘ TỈNH NINH BÌNH       ĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY YÊN KHÁNH\n\nSố 4-GM/HU   Yên Khánh, " \
            "ngày 2 tháng 1 năm 2024\n\nGIẤY MỜI\nDự hội nghị\n"
    f = extract_fields(party, params.extract)
    assert (f.issuer, f.issuer_parent, f.province) == ("HUYỆN ỦY YÊN KHÁNH", "ĐẢNG BỘ TỈNH NINH BÌNH", "Ninh Bình")
    youth = "TỈNH ĐOÀN QUẢNG NAM          ĐOÀN TNCS HỒ CHÍ MINH\nBCH ĐOÀN HUYỆN ĐẠI LỘC\n\nSố: 2-KH/ĐTN   Đại Lộc, " \
            "ngày 2 tháng 4 năm 2025\n\nKẾ HOẠCH\nChiến dịch hè\n"
    f = extract_fields(youth, params.extract)
    assert (f.issuer, f.issuer_parent) == ("BCH ĐOÀN HUYỆN ĐẠI LỘC", "TỈNH ĐOÀN QUẢNG NAM")


def test_fields_commune_body_takes_the_province_its_body_names(params):
    text = "ỦY BAN NHÂN DÂN\nXÃ BÁT TRÀNG\n\nSố: 3/UBND   Bát Tràng, ngày 6 tháng 10 năm 2025\nV/v rà soát hộ nghèo\n\n" \
           "Thực hiện Kế hoạch số 2/KH-UBND của UBND Thành phố\nHà Nội, UBND xã đề nghị các thôn báo cáo.\n"
    assert extract_fields(text, params.extract).province == "Hà Nội"


def test_fields_criteria_items_with_plus_lines_and_a_review_form_heading(params):
    text = """\
Số: 5/KH-UBND   Hà Nam, ngày 2 tháng 3 năm 2024

KẾ HOẠCH
Phong trào thi đua xây dựng nông thôn mới

II. HÌNH THỨC VÀ THỜI GIAN SƠ KẾT
1. Cấp xã: tổ chức sơ kết lồng ghép với hội nghị giao ban tháng.
2. Cấp huyện: tổ chức hội nghị sơ kết trong quý II.

III. ĐỐI TƯỢNG, TIÊU CHUẨN KHEN THƯỞNG
1. Tiêu chuẩn đối với tập thể:
+ Xã đạt chuẩn nông thôn mới nâng cao;
+ Thôn đạt chuẩn kiểu mẫu.

2. Tiêu chuẩn đối với cá nhân:
+ Hoàn thành xuất sắc nhiệm vụ được giao;
+ Có sáng kiến được áp dụng.

Lưu ý: Không xét khen thưởng đối với cá nhân đang bị xem xét kỷ luật.
"""
    got = [(c.section, c.text) for c in extract_fields(text, params.extract).criteria]
    assert got == [
        ("III.1", "Tiêu chuẩn đối với tập thể: Xã đạt chuẩn nông thôn mới nâng cao; Thôn đạt chuẩn kiểu mẫu"),
        ("III.2", "Tiêu chuẩn đối với cá nhân: Hoàn thành xuất sắc nhiệm vụ được giao; Có sáng kiến được áp dụng"),
        ("III Lưu ý", "Không xét khen thưởng đối với cá nhân đang bị xem xét kỷ luật"),
    ]


def test_fields_signer_name_where_ocr_closed_the_column_gap(params):
    text = "Số: 7/QĐ-UBND   Yên Thế, ngày 2 tháng 3 năm 2021\n\nQUYẾT ĐỊNH\nBan hành quy định\n\n" \
           "Quyết định có hiệu lực kể từ ngày ký./.\n\nNơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như Điều 3; CHỦ TỊCH\n" \
           "- Chủ tịch, các PCT UBND huyện; Hoàng Văn Thịnh\n- Lưu: VT.\n\nQUY ĐỊNH\nVề quản lý đường trên địa bàn " \
           "huyện Yên Thế\n"
    f = extract_fields(text, params.extract)
    assert (f.signer, f.signer_title) == ("Hoàng Văn Thịnh", "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH")


def test_fields_references_cited_after_kem_theo_and_party_suffix(params):
    text = "Số: 8/KH-SXD   Huế, ngày 2 tháng 3 năm 2021\n\nKẾ HOẠCH\nÁp dụng quy chuẩn\n\n" \
           "Bảo đảm phù hợp với Quy chuẩn ban hành kèm theo Thông tư số 01/2021/TT-BXD ngày 19/5/2021.\n" \
           "Thực hiện Kế hoạch số 142-KH/TĐTN-PT ngày 02/4/2021 của Tỉnh Đoàn.\n\n" \
           "QUY ĐỊNH\n(Kèm theo Quyết định số 25/2021/QĐ-UBND ngày 2/3/2021)\n"
    got = [(r.ref, r.date) for r in extract_fields(text, params.extract).references]
    assert got == [("01/2021/TT-BXD", "2021-05-19"), ("142-KH/TĐTN-PT", "2021-04-02")]


def test_fields_subject_stops_at_a_paragraph_without_a_blank_line(params):
    text = "Số: 3/CT-UBND   Huế, ngày 2 tháng 3 năm 2026\nCHỈ THỊ\nVề phòng cháy rừng mùa khô năm 2026\n" \
           "Tỉnh có trên 1 triệu ha đất lâm nghiệp. Mùa khô được dự báo kéo dài.\n" \
           "Thực hiện tại TP. Huế các biện pháp sau.\n"
    assert extract_fields(text, params.extract).subject == "Về phòng cháy rừng mùa khô năm 2026"
    text2 = "Số: 3/KH-UBND   Huế, ngày 2 tháng 3 năm 2026\nKẾ HOẠCH\nTổ chức hội chợ tại\nTP. Hồ Chí Minh năm 2026\n\n"
    assert extract_fields(text2, params.extract).subject == "Tổ chức hội chợ tại TP. Hồ Chí Minh năm 2026"


def test_fields_ocr_header_motto_wrapped_and_subject_label_read_as_w(params):
    text = "UBND HUYỆN THANH CHƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\nNAM\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - " \
           "Hạnh phúc\n\nSố: 14/PGDĐT Thanh Chương, ngày 9 tháng 8 năm 2016\nV/w điều động giáo viên\n\n" \
           "Kính gửi: UBND huyện.\n\nThực hiện Kế hoạch của UBND tỉnh\nNghệ An, Phòng đề nghị.\n"
    f = extract_fields(text, params.extract)
    assert (f.issuer, f.issuer_parent) == ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "UBND HUYỆN THANH CHƯƠNG")
    assert (f.subject, f.doc_type) == ("V/v điều động giáo viên", "Công văn")
    assert f.province == "Nghệ An"


def test_fields_roman_heading_whose_stop_ocr_lost(params):
    text = """\
Số: 5/HD-BTĐKT   Huế, ngày 2 tháng 3 năm 2022

HƯỚNG DẪN
Xét tặng danh hiệu thi đua năm 2022

I. ĐỐI TƯỢNG XÉT TẶNG
1. Cán bộ, công chức, viên chức đang công tác tại các sở.

II TIÊU CHUẨN DANH HIỆU THI ĐUA
1. Danh hiệu Lao động tiên tiến: hoàn thành tốt nhiệm vụ được giao.
"""
    got = [c.section for c in extract_fields(text, params.extract).criteria]
    assert got == ["I.1", "II.1"]


def test_fields_reference_dated_at_the_start_of_its_sentence(params):
    text = "Số: 8/BC-SLĐ   Huế, ngày 2 tháng 7 năm 2023\n\nBÁO CÁO\nKết quả giảm nghèo\n\n" \
           "Ngày 12/4/2023, Sở ban hành Hướng dẫn số 905/HD-SLĐ về rà soát. Ngày 3/5/2023, Sở tổ chức hội nghị " \
           "theo Kế hoạch số 77/KH-UBND.\n"
    got = [(r.ref, r.date) for r in extract_fields(text, params.extract).references]
    assert got == [("905/HD-SLĐ", "2023-04-12"), ("77/KH-UBND", None)]


def test_fields_reference_whose_year_ocr_split(params):
    text = "Số: 12/SXD-QH   Hà Nội, ngày 2 tháng 6 năm 2021\n\nV/v quy hoạch\n\nTheo Nghị định số 15/202 1/NĐ-CP " \
           "ngày 03 tháng 3 năm 2021 và Thông tư số 01/20 21/TT-BXD ngày 19/5/2021; điểm 2/3 số hộ.\n"
    got = [(r.ref, r.date) for r in extract_fields(text, params.extract).references]
    assert got == [("15/2021/NĐ-CP", "2021-03-03"), ("01/2021/TT-BXD", "2021-05-19")]


@pytest.mark.parametrize("read, expected", [
    ("Vô Thành Trung", "Võ Thành Trung"),        # the one listed surname with these letters
    ("Định Xuân Trường", "Đinh Xuân Trường"),
    ("Lường Văn Khải", "Lường Văn Khải"),        # a listed surname stays
    ("Y Wơn Niê", "Y Wơn Niê"),
    ("Lang Văn Thuận", "Lang Văn Thuận"),        # a Thái and Mường family name, not a damaged Lăng
])
def test_fields_signer_surname_spelling(read, expected):
    from pipeline.fields import listed_surname_spelling

    assert listed_surname_spelling(read) == expected


@pytest.mark.parametrize("read, expected", [
    ("KT. BỘ TRƯỞNG THỦ TRƯỞNG", "KT. BỘ TRƯỞNG THỨ TRƯỞNG"),  # a deputy signs for (KT.) the minister
    ("TL. BỘ TRƯỞNG THỦ TRƯỞNG", "TL. BỘ TRƯỞNG THỦ TRƯỞNG"),  # only under KT.
])
def test_fields_deputy_title_under_kt(read, expected):
    assert normalise_title(read) == expected


@pytest.mark.parametrize("symbol, issuer, expected", [
    ("TTr-PGDDT", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "TTr-PGDĐT"),   # the issuer's initials have Đ where the code has D
    ("TB-CDKG", "TRƯỜNG CAO ĐẲNG KIÊN GIANG", "TB-CĐKG"),      # a tail of the initials
    ("BC-DHD", "SỞ Y TẾ", "BC-DHD"),                           # not the issuer's initials: as printed
    ("KH-SGDĐT", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "KH-SGDĐT"),
])
def test_fields_symbol_issuer_code_takes_the_initials_d(symbol, issuer, expected):
    from pipeline.fields import symbol_with_issuer_d

    assert symbol_with_issuer_d(symbol, issuer) == expected


@pytest.mark.parametrize(("header", "expected"), [
    ("TRƯỜNG CAO ĐĂNG KIÊN GIANG", "TRƯỜNG CAO ĐẲNG KIÊN GIANG"),  # the body's head words, marks put back
    ("BAN THỊ ĐUA - KHEN THƯỞNG", "BAN THI ĐUA - KHEN THƯỞNG"),
    ("CỰC THUẾ TỈNH AN GIANG", "CỤC THUẾ TỈNH AN GIANG"),
    ("BAN TUYÊN GIÁO", "BAN TUYÊN GIÁO"),
])
def test_fields_issuer_head_words_with_damaged_marks(params, header, expected):
    text = f"{header}\nSố: 12/TB-ABC   An Giang, ngày 2 tháng 3 năm 2024\n\nTHÔNG BÁO\nVề việc x\n"
    assert extract_fields(text, params.extract).issuer == expected


@pytest.mark.parametrize(("printed", "expected"), [
    ("trên địa bàn huyện Không Đặc", "trên địa bàn huyện Krông Pắc"),  # the body's own district, damaged
    ("tại huyện Krong Pắc và huyện Lắk", "tại huyện Krông Pắc và huyện Lắk"),  # same letters, other marks
    ("trên địa bàn huyện Cư Kuin", "trên địa bàn huyện Cư Kuin"),  # another district: as printed
    ("về không đặc biệt", "về không đặc biệt"),  # no unit level before the words
])
def test_fields_subject_names_the_issuers_own_unit(params, printed, expected):
    text = f"ỦY BAN NHÂN DÂN\nHUYỆN KRÔNG PẮC\nSố: 41/KH-UBND   Krông Pắc, ngày 22 tháng 4 năm 2024\n\nKẾ HOẠCH\n" \
           f"Sơ kết phong trào {printed}\n\nI. MỤC ĐÍCH\n"
    assert extract_fields(text, params.extract).subject == f"Sơ kết phong trào {expected}"


def test_fields_digital_signature_box_merged_into_header_lines(params):
    # a born-digital PDF's text layer read the signature box beside the header at the same heights
    text = ("UBND TỈNH BÌNH PHƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Ký bởi: Sở Tài chính\n"
            "SỞ TÀI CHÍNH Độc lập - Tự do - Hạnh phúc Email: stc@binhphuoc.gov.vn\n"
            "Cơ quan: Tỉnh Bình Phước\n"
            "Số: 3921/HD-STC Bình Phước, ngày 06 tháng 11 năm 2023 Thời gian ký: 07.11.2023 16:20:45 +07:00\n\n"
            "HƯỚNG DẪN\nCông tác khóa sổ kế toán cuối năm 2023\n\nCác đơn vị gửi báo cáo trước ngày 15/12/2023.\n")
    f = extract_fields(text, params.extract)
    assert (f.issuer, f.issuer_parent, f.place, f.date) == ("SỞ TÀI CHÍNH", "UBND TỈNH BÌNH PHƯỚC", "Bình Phước",
                                                             "2023-11-06")
    assert [d.date for d in f.deadlines] == ["2023-12-15"]
    # evidence quotes the text as it was, stamp included
    ev = next(e for e in f.evidence if e.field == "issuer")
    assert "Email: stc@binhphuoc.gov.vn" in ev.text


def test_fields_party_signer_title_beside_an_item_and_a_seal_ring(params):
    # "K/T" block printed beside the list, its second title after an item's comma; the seal's ring text; and
    # the signer's name right under the list (a text layer without blank lines)
    text = ("Số 245-GM/BTGTU   Đà Lạt, ngày 1 tháng 11 năm 2017\n\nGIẤY MỜI\nDự hội nghị\n\n"
            "Nơi nhận: K/T TRƯỞNG BAN\n- Như trên, PHÓ TRƯỞNG BAN\n- Thường trực Tỉnh ủy (b/c),\n"
            "- Lưu Văn phòng Ban. * BAN TUYÊN GIÁO * LÂM ĐỒNG\nNguyễn Thị Hồng Nhung\n")
    f = extract_fields(text, params.extract)
    assert f.recipients_cc == ("Như trên", "Thường trực Tỉnh ủy (b/c)", "Lưu Văn phòng Ban")
    assert (f.signer_title, f.signer) == ("K/T TRƯỞNG BAN PHÓ TRƯỞNG BAN", "Nguyễn Thị Hồng Nhung")


def test_fields_citation_line_opening_with_cong_van_so_is_no_stamp(params):
    text = ("Số: 5/CT-UBND   Huế, ngày 2 tháng 3 năm 2019\n\nCHỈ THỊ\nVề phòng cháy rừng\n\n"
            "Thực hiện Nghị định số 156/2018/NĐ-CP ngày 16 tháng 11 năm 2018 của Chính phủ và\n"
            "Công văn số 125/TCLN-KL ngày 25 tháng 01 năm 2019 của Tổng cục Lâm nghiệp.\n")
    got = [(r.ref, r.date) for r in extract_fields(text, params.extract).references]
    assert got == [("156/2018/NĐ-CP", "2018-11-16"), ("125/TCLN-KL", "2019-01-25")]


def test_fields_forecast_dates_are_no_deadlines(params):
    text = ("Số: 17/BNN-TL   Hà Nội, ngày 4 tháng 3 năm 2024\n\nV/v phòng chống hạn mặn\n\n"
            "Xâm nhập mặn dự báo ở mức cao, đỉnh mặn từ ngày 08/3 đến ngày 13/3/2024.\n"
            "Các tỉnh hoàn thành đắp đập tạm trước ngày 31/3/2024.\n")
    assert [d.date for d in extract_fields(text, params.extract).deadlines] == ["2024-03-31"]


def test_fields_body_first_line_after_a_subject_without_blank_line(params):
    body = "Mùa khô năm 2019 trên địa bàn tỉnh được dự báo đến sớm, nắng nóng gay gắt\n" * 10
    text = ("Số: 05/CT-UBND Đắk Lắk, ngày 18 tháng 02 năm 2019\nCHỈ THỊ\n"
            "Về tăng cường công tác quản lý, bảo vệ rừng và phòng cháy,\n"
            "chữa cháy rừng mùa khô năm 2019 trên địa bàn tỉnh\n" + body)
    assert extract_fields(text, params.extract).subject == \
        "Về tăng cường công tác quản lý, bảo vệ rừng và phòng cháy, chữa cháy rừng mùa khô năm 2019 trên địa bàn tỉnh"


def test_fields_criteria_in_a_decisions_article_and_notes_after_lettered_items(params):
    text = """\
Số: 18/QĐ-BTNMT   Hà Nội, ngày 8 tháng 7 năm 2015

QUYẾT ĐỊNH
Về việc tặng Bằng khen

Điều 1. Tặng Bằng khen cho 04 tập thể có tên trong danh sách kèm theo, đã đạt các tiêu
chuẩn khen thưởng sau đây:

1. Đối với tập thể: hoàn thành kiểm kê đất đai đúng tiến độ, bảo đảm chất lượng.

2. Đối với cá nhân: trực tiếp tham gia kiểm kê đất đai từ khi bắt đầu đến khi hoàn thành.

Điều 2. Mỗi tập thể được tặng tiền thưởng theo quy định.
"""
    got = [c.section for c in extract_fields(text, params.extract).criteria]
    assert got == ["Điều 1.1", "Điều 1.2"]
    text = """\
Số: 9/HD-LĐLĐ   Tam Kỳ, ngày 2 tháng 3 năm 2021

HƯỚNG DẪN
Xét tặng Bằng khen

II. TIÊU CHUẨN XÉT TẶNG
1. Đối với tập thể
a) Hoàn thành vượt mức các chỉ tiêu sản xuất, kinh doanh, cụ thể:
+ Doanh nghiệp có lợi nhuận đạt kế hoạch;
+ Cơ quan hoàn thành xuất sắc nhiệm vụ.
b) Công đoàn cơ sở hoàn thành xuất sắc nhiệm vụ năm 2021.
2. Đối với cá nhân
a) Là công nhân lao động trực tiếp có năng suất, chất lượng cao, hoàn thành vượt mức kế hoạch.
b) Là cán bộ công đoàn hoàn thành xuất sắc nhiệm vụ năm 2021.
Lưu ý: Tỷ lệ công nhân lao động trực tiếp đạt ít nhất 60% tổng số cá nhân đề nghị.
"""
    got = [c.section for c in extract_fields(text, params.extract).criteria]
    assert got == ["II.1.a", "II.1.b", "II.2.a", "II.2.b", "II.2 Lưu ý"]


def test_fields_criteria_in_a_regulation_attached_after_the_signature(params):
    # the decision's own articles end at "Nơi nhận"; the attached regulation's chapters hold the criteria
    text = """\
Số: 41/QĐ-UBND   Cà Mau, ngày 5 tháng 3 năm 2023

QUYẾT ĐỊNH
Ban hành Quy định xét công nhận danh hiệu Gia đình văn hóa

Điều 1. Ban hành kèm theo Quyết định này Quy định xét công nhận danh hiệu Gia đình văn hóa.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận:                          CHỦ TỊCH
- Như Điều 2;
- Lưu: VT.                         Lê Văn Sử

QUY ĐỊNH
(Ban hành kèm theo Quyết định số 41/QĐ-UBND ngày 5/3/2023
của UBND xã)

Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy định này áp dụng cho các hộ gia đình trên địa bàn xã.

Chương II. TIÊU CHUẨN XÉT TẶNG DANH HIỆU
Điều 2. Gia đình văn hóa
1. Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước.
2. Giữ gìn vệ sinh môi trường, nhà ở sạch đẹp, đủ nước sạch.
Điều 3. Gia đình văn hóa tiêu biểu
1. Đạt danh hiệu Gia đình văn hóa ba năm liền.

Chương III
TỔ CHỨC THỰC HIỆN
Điều 4. Trách nhiệm thi hành
1. Ban Văn hóa xã hướng dẫn các thôn tổ chức bình xét hằng năm.
"""
    got = [(c.section, " ".join(c.text.split()[:3])) for c in extract_fields(text, params.extract).criteria]
    assert got == [("Điều 2.1", "Gương mẫu chấp"), ("Điều 2.2", "Giữ gìn vệ"), ("Điều 3.1", "Đạt danh hiệu")]


def test_fields_criteria_under_an_article_whose_title_is_an_award_heading(params):
    # "Điều 2. Đối tượng khen thưởng" under "Chương I QUY ĐỊNH CHUNG": the article's title is the heading
    text = """\
Số: 15/QĐ-TTYT   Quảng Ngãi, ngày 4 tháng 1 năm 2024

QUYẾT ĐỊNH
Ban hành Quy chế nội bộ của Trung tâm

Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định công tác nội bộ của Trung tâm.
Điều 2. Đối tượng khen thưởng
1. Viên chức, người lao động làm việc tại Trung tâm từ đủ 06 tháng trở lên.
2. Các khoa, phòng trực thuộc Trung tâm.
Điều 3. Tổ chức thực hiện
1. Phòng Tổ chức - Hành chính theo dõi, tổng hợp kết quả hằng quý.
"""
    got = [c.section for c in extract_fields(text, params.extract).criteria]
    assert got == ["Điều 2.1", "Điều 2.2"]


AWARD_GUIDANCE_HEAD = """\
Số: 30/HD-SGDĐT   Nam Định, ngày 5 tháng 5 năm 2023

HƯỚNG DẪN
Xét tặng danh hiệu thi đua năm học 2022 - 2023

II. TIÊU CHUẨN XÉT TẶNG
"""
AWARD_GUIDANCE_NOTE = "Lưu ý:\n- Không xét tặng đối với cá nhân bị kỷ luật trong năm học.\n"


def test_fields_criteria_item_followed_by_a_note_is_still_an_item(params):
    text = AWARD_GUIDANCE_HEAD + """\
1. Tặng cho cá nhân có thành tích xuất sắc trong phong trào thi đua của ngành.
2. Tặng cho tập thể hoàn thành tốt nhiệm vụ năm học, nội bộ đoàn kết.
""" + AWARD_GUIDANCE_NOTE
    got = [c.section for c in extract_fields(text, params.extract).criteria]
    assert got[:2] == ["II.1", "II.2"] and len(got) == 3


def test_fields_criteria_note_after_numbered_sub_items_takes_their_headings_path(params):
    text = AWARD_GUIDANCE_HEAD + """\
3. Giấy khen của Giám đốc Sở
3.1. Tặng cho cá nhân có thành tích xuất sắc trong phong trào thi đua của ngành.
3.2. Tặng cho tập thể hoàn thành tốt nhiệm vụ năm học, nội bộ đoàn kết.
""" + AWARD_GUIDANCE_NOTE
    got = [c.section for c in extract_fields(text, params.extract).criteria]
    assert got == ["II.3.1", "II.3.2", "II.3 Lưu ý"]


def test_fields_criteria_heading_about_awards_from_the_heading_above(params):
    # "2. Tiêu chuẩn" says nothing of awards itself: "III. TUYÊN DƯƠNG, KHEN THƯỞNG" above it does
    text = """\
Số: 12/KH-ĐTN   Cần Thơ, ngày 2 tháng 2 năm 2024

KẾ HOẠCH
Tổ chức Ngày hội thanh niên với văn hóa giao thông

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao ý thức chấp hành pháp luật về giao thông.

III. TUYÊN DƯƠNG, KHEN THƯỞNG
1. Số lượng
- Mỗi huyện chọn không quá 03 đoàn viên tiêu biểu.
2. Tiêu chuẩn
- Gương mẫu chấp hành pháp luật về giao thông trong năm.
- Tích cực tham gia tuyên truyền văn hóa giao thông tại địa phương.
"""
    got = [c.section for c in extract_fields(text, params.extract).criteria]
    assert got == ["III.1", "III.2", "III.2"]


def test_fields_cc_item_beside_the_signature_mark(params):
    # the signer column's "(Đã ký)" read onto the last cc line
    text = ("Số: 8/CV-LĐLĐ   Tam Kỳ, ngày 2 tháng 3 năm 2015\n\nV/v xét tặng Bằng khen\n\nKính gửi: Các công đoàn "
            "cơ sở.\n\nNơi nhận: TM. BAN THƯỜNG VỤ\n- Như trên; PHÓ CHỦ TỊCH\n- Lưu: VT, NC. (Đã ký)\n\n"
            "Trần Thị Hoa\n")
    assert extract_fields(text, params.extract).recipients_cc == ("Như trên", "Lưu: VT, NC")


def test_fields_ocr_specks_before_noi_nhan_and_inside_the_subject(params):
    # `vie` OCR: the body's closing "./." left ".-" before "Nơi nhận", and a speck read as a stop in the subject
    text = ("Số: 3/CT-UBND   Thái Nguyên, ngày 2 tháng 1 năm 2026\n\nCHỈ THỊ\nVề tăng cường quản lý.\n"
            "các hoạt động dịp Tết Nguyên đán\n\nỦy ban nhân dân tỉnh yêu cầu các sở thực hiện./.\n\n"
            ".- Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Văn phòng Chính phủ; CHỦ TỊCH\n- Lưu: VT.\n\nNguyễn Văn An\n")
    f = extract_fields(text, params.extract)
    assert f.subject == "Về tăng cường quản lý các hoạt động dịp Tết Nguyên đán"
    assert (f.signer_title, f.signer) == ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", "Nguyễn Văn An")
    assert f.recipients_cc == ("Văn phòng Chính phủ", "Lưu: VT")


def test_fields_review_cases_of_session_9_rules(params):
    # a subject's abbreviation and initial keep their stops; a cc item loses "(Ký)" beside it
    text = ("Số: 8/KH-UBND   Huế, ngày 2 tháng 3 năm 2024\n\nKẾ HOẠCH\nTuyên truyền pháp luật, v.v. trong trường học\n\n"
            "Căn cứ Luật Phổ biến, giáo dục pháp luật.\n\nNơi nhận: CHỦ TỊCH\n- Như trên;\n- Lưu: VT (Ký)\n\n"
            "Trần Văn Bình\n")
    f = extract_fields(text, params.extract)
    assert f.subject == "Tuyên truyền pháp luật, v.v. trong trường học"
    assert f.recipients_cc == ("Như trên", "Lưu: VT")
    # in a thi đua regulation, an article whose own title says nothing of awards holds no criteria, and a bare
    # "Chương II" does not take the article under it as its title
    text = """\
Số: 5/QĐ-BV   Huế, ngày 2 tháng 3 năm 2024

QUYẾT ĐỊNH
Ban hành Quy chế thi đua, khen thưởng

Chương II
ĐIỀU 5. TIÊU CHUẨN DANH HIỆU LAO ĐỘNG TIÊN TIẾN
1. Hoàn thành tốt nhiệm vụ được giao trong năm công tác.
Chương III
TỔ CHỨC THỰC HIỆN
Điều 6. Điều kiện bảo đảm thực hiện
1. Kinh phí thi đua được bố trí từ ngân sách hằng năm của đơn vị.
"""
    assert [c.section for c in extract_fields(text, params.extract).criteria] == ["Điều 5.1"]


def test_fields_scan_damage_in_list_markers(params):
    # OCR read a recipient's dash as "~" or put "__" before it, and the numeral "3." of a heading as "ủ."
    text = ("Số: 18/QĐ-BTNMT   Hà Nội, ngày 8 tháng 7 năm 2015\n\nKẾ HOẠCH\nXét chọn nhà giáo tiêu biểu\n\n"
            "II. TIÊU CHUẨN, SỐ LƯỢNG\n2. Tiêu chuẩn, điều kiện xét tặng\n"
            "a) Có phẩm chất chính trị, đạo đức tốt.\nb) Hoàn thành xuất sắc nhiệm vụ hai năm liền.\n"
            "ủ. SỐ lượng khen thưởng\n- Toàn tỉnh xét chọn không quá 60 nhà giáo.\n\n"
            "Nơi nhận: KT. BỘ TRƯỞNG\n- Như Điều 3; THỨ TRƯỞNG\n~ Bộ trưởng (để b/c);\n__ -CVP, PVPCN;\n"
            "- Lưu: VT, K10. Đặng Quốc Thái\n")
    f = extract_fields(text, params.extract)
    assert [c.section for c in f.criteria] == ["II.2.a", "II.2.b", "II.3"]
    assert f.recipients_cc == ("Như Điều 3", "Bộ trưởng (để b/c)", "CVP, PVPCN", "Lưu: VT, K10")
    assert f.signer == "Đặng Quốc Thái"


def test_fields_urgency_mark_three_level_header_and_wrapped_subject(params):
    text = ("UBND TỈNH BẾN TRE\nSỞ NỘI VỤ\nBAN THI ĐUA - KHEN THƯỞNG\n\nHỎA TỐC\n\nSố: 287/HD-BTĐKT\n\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nBến Tre, ngày 24 tháng 11 năm 2017\n\n"
            "HƯỚNG DẪN\nTiêu chuẩn xét tặng danh hiệu thi đua và hồ sơ, thủ tục\n"
            "đề nghị khen thưởng tổng kết năm 2017\n\nCăn cứ Luật Thi đua, Khen thưởng.\n")
    f = extract_fields(text, params.extract)
    assert (f.issuer, f.issuer_parent) == ("BAN THI ĐUA - KHEN THƯỞNG", "SỞ NỘI VỤ")
    assert f.subject == "Tiêu chuẩn xét tặng danh hiệu thi đua và hồ sơ, thủ tục đề nghị khen thưởng tổng kết năm 2017"


def test_fields_criteria_items_that_mention_keywords_and_labelled_items(params):
    text = """\
Số: 287/HD-BTĐKT   Bến Tre, ngày 24 tháng 11 năm 2017

HƯỚNG DẪN
Xét tặng danh hiệu thi đua

II. TIÊU CHUẨN DANH HIỆU THI ĐUA ĐỐI VỚI TẬP THỂ
1. Danh hiệu “Tập thể lao động xuất sắc”
a) Có phong trào thi đua thường xuyên, thiết thực, hiệu quả;
b) Có cá nhân đạt danh hiệu “Chiến sĩ thi đua cơ sở” và không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên;
đ) Nội bộ đoàn kết, gương mẫu chấp hành chủ trương, chính sách của Đảng.
III. SỐ LƯỢNG VÀ HÌNH THỨC KHEN THƯỞNG CẤP TỈNH
1. Bằng khen của Chủ tịch UBND tỉnh: mỗi sở đề nghị không quá 03 tập thể và 05 cá nhân.
2. Cờ thi đua của UBND tỉnh: xét tặng cho tập thể dẫn đầu, số lượng không quá 20% số đơn vị.
"""
    got = [c.section for c in extract_fields(text, params.extract).criteria]
    assert got == ["II.1.a", "II.1.b", "II.1.đ", "III.1", "III.2"]


def test_fields_schedule_lines_scheduled_events_and_as_of_dates(params):
    text = """\
Số: 41/KH-UBND   Cư M'gar, ngày 22 tháng 4 năm 2024

KẾ HOẠCH
Thi đua xây dựng nông thôn mới

Đoàn viên có độ tuổi từ 18 đến 35 tuổi (tính đến ngày 26/3/2024).
III. TIẾN ĐỘ THỰC HIỆN
1. Quý II/2024: Tổ chức phát động phong trào thi đua; các xã gửi kế hoạch trước ngày 30/4/2024.
2. Tháng 8/2024: Kiểm tra, đánh giá kết quả thực hiện.
3. Năm 2025: Tổng kết phong trào thi đua.
4. Tổng kết và trao giải: dự kiến ngày 16/12/2024, tại Hội trường huyện.
"""
    got = [(d.date, d.precision) for d in extract_fields(text, params.extract).deadlines]
    assert got == [("2024-06", "month"), ("2024-04-30", "day"), ("2024-08", "month"), ("2025", "year"),
                   ("2024-12-16", "day")]


def test_fields_ocr_specks_in_the_header_are_no_issuer(params):
    text = ("ĐOÀN TNCS HỒ CHÍ MINH\nBCH ĐOÀN TỈNH BÌNH ĐỊNH\n2K 6K\nSố: 45-KH/TĐTN-TNNT\n"
            "Bình Định, ngày 08 tháng 3 năm 2021\nKẾ HOẠCH\nTriển khai chương trình thanh niên khởi nghiệp\n")
    assert extract_fields(text, params.extract).issuer == "BCH ĐOÀN TỈNH BÌNH ĐỊNH"


def test_fields_signer_read_above_its_title_and_a_dash_restore_dropped(params):
    text = ("Số: 215/TB-BVĐK   Phan Thiết, ngày 4 tháng 6 năm 2018\n\nTHÔNG BÁO\nTuyển dụng viên chức\n\n"
            "Nơi nhận: KT. BỘ TRƯỞNG\n- Như Điều 3; THỨ TRƯỞNG\nBộ trưởng (để b/c);\n- Các khoa, phòng;\n"
            "=i0mú VI, ICCH.\n\n(Đã ký)\nTrân Minh Hiếu\n\nGIÁM ĐỐC\n")
    f = extract_fields(text, params.extract)
    assert f.recipients_cc[:3] == ("Như Điều 3", "Bộ trưởng (để b/c)", "Các khoa, phòng")
    assert f.signer == "Trần Minh Hiếu"


def test_fields_university_under_a_national_university_has_no_province(params):
    text = ("ĐẠI HỌC HUẾ\nTRƯỜNG ĐẠI HỌC NÔNG LÂM\nSố: 1125/QĐ-ĐHNL   Thừa Thiên Huế, ngày 5 tháng 9 năm 2014\n\n"
            "QUYẾT ĐỊNH\nVề việc công nhận tốt nghiệp\n")
    f = extract_fields(text, params.extract)
    assert (f.issuer, f.issuer_parent, f.province, f.place) == ("TRƯỜNG ĐẠI HỌC NÔNG LÂM", "ĐẠI HỌC HUẾ", None,
                                                                 "Thừa Thiên Huế")


def test_fields_incoming_stamp_body_line_without_blank_lines(params):
    text = ("ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSỞ GIÁO DỤC VÀ ĐÀO TẠO GIA LAI\nCÔNG VĂN ĐẾN\nSố: 1187\nNgày: 25/02/2019\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 142/QĐ-UBND\n"
            "Gia Lai, ngày 20 tháng 02 năm 2019\nQUYẾT ĐỊNH\nVề việc công nhận danh hiệu\n")
    f = extract_fields(text, params.extract)
    assert (f.issuer, f.issuer_parent, f.number, f.date) == ("ỦY BAN NHÂN DÂN TỈNH GIA LAI", None, "142", "2019-02-20")


def test_fields_cong_dien_addressees_after_the_senders_title(params):
    # a công điện has no "Kính gửi:": its addressees follow the sender's capitals and "điện:"
    text = """\
ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 03/CĐ-UBND Phú Yên, ngày 9 tháng 11 năm 2023
CÔNG ĐIỆN
Về việc chủ động ứng phó với mưa lớn

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:

- Giám đốc các Sở, ngành thuộc tỉnh;
- Chủ tịch UBND các huyện, thị xã, thành phố.

Theo bản tin của Đài Khí tượng Thủy văn tỉnh, từ ngày 10/11 có mưa lớn.
"""
    f = extract_fields(text, params.extract)
    assert f.recipients_to == ("Giám đốc các Sở, ngành thuộc tỉnh", "Chủ tịch UBND các huyện, thị xã, thành phố")
    # in running text "điện:" after lower-case words is no addressee list
    assert extract_fields(text.replace("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:", "Nội dung công điện:"),
                          params.extract).recipients_to == ()


def test_fields_giay_moi_invitees_under_thanh_phan(params):
    # a giấy mời without "Kính gửi:" lists its invitees under a "Thành phần:" heading; the next heading ends them
    text = """\
ỦY BAN NHÂN DÂN HUYỆN ĐỨC LINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 41/GM-UBND Đức Linh, ngày 2 tháng 6 năm 2022
GIẤY MỜI
Dự họp bàn công tác phòng, chống hạn

Ủy ban nhân dân huyện tổ chức họp bàn công tác phòng, chống hạn, cụ thể như sau:
1. Thành phần:
- Lãnh đạo Phòng Nông nghiệp và Phát triển nông thôn;
- Chủ tịch UBND các xã, thị trấn; Trạm Khuyến nông huyện.
2. Thời gian: 14 giờ 00, ngày 6/6/2022.
3. Địa điểm: Hội trường UBND huyện.
"""
    f = extract_fields(text, params.extract)
    assert f.recipients_to == ("Lãnh đạo Phòng Nông nghiệp và Phát triển nông thôn",
                               "Chủ tịch UBND các xã, thị trấn", "Trạm Khuyến nông huyện")


def test_fields_police_head_title_and_a_vi_surname_as_printed(params):
    # "TRƯỞNG CÔNG AN" is a title of its own, not a damaged "TRƯỞNG PHÒNG"; Vi is a Tày and Nùng surname,
    # not a damaged Vì
    text = """\
CÔNG AN TỈNH LẠNG SƠN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
CÔNG AN HUYỆN VĂN LÃNG Độc lập - Tự do - Hạnh phúc
Số: 215/BC-CAH Văn Lãng, ngày 3 tháng 7 năm 2023
BÁO CÁO
Kết quả công tác bảo đảm an ninh, trật tự 6 tháng đầu năm 2023

Công an huyện báo cáo kết quả như sau.

Nơi nhận:                                TRƯỞNG CÔNG AN HUYỆN
- Công an tỉnh (b/c);
- Lưu: VT, TH.
                                         Vi Văn Tâm
"""
    f = extract_fields(text, params.extract)
    assert (f.signer_title, f.signer) == ("TRƯỞNG CÔNG AN HUYỆN", "Vi Văn Tâm")


def test_fields_signer_beside_a_filed_copy_without_its_colon(params):
    # "- Luu VT, KT. Tran Van Thanh": the signer's name beside the filed copy is the signer, no unit code
    text = ("UBND TINH HA NAM\nSo: 3/UBND-KT   Ha Nam, ngay 1 thang 2 nam 2023\nV/v bao cao\n\nNoi nhan:   KT. CHU TICH\n"
            "- Nhu tren;   PHO CHU TICH\n- Luu VT, KT. Tran Van Thanh\n")
    f = extract_fields(text, params.extract)
    assert "Lưu: VT, KT, Tran, Van, Thanh" not in f.recipients_cc
    assert f.signer is not None and f.signer.endswith("Van Thanh")
