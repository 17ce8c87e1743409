"""Margin noise: specks read as short tokens at a line's edges are cut; real words never are."""

import pytest

from pipeline.noise import MarginCut, margin_cut

SKELETONS = {"so", "se", "ap", "tru", "cua", "ngay", "hai", "ba"}
ACRONYMS = {"VT", "UBND"}


def unreadable(core: str) -> bool:
    return core.lower() in {"foe", "rots", "qt"}


def key(token: str) -> str:
    from pipeline.vietnamese import skeleton

    return skeleton(token).lower()


def kept(line: str) -> str:
    cut = margin_cut(line, SKELETONS, ACRONYMS, unreadable, key)
    return line[cut.start : cut.end]


@pytest.mark.parametrize(("line", "expected"), [
    ("- Địa điểm: Hội trường tầng 3, trụ sở UBND tỉnh. : 4", "- Địa điểm: Hội trường tầng 3, trụ sở UBND tỉnh."),
    ("Rất mong các đại biểu tham dự đầy đủ, đúng thời gian./. a", "Rất mong các đại biểu tham dự đầy đủ, đúng thời gian./."),
    ("a : V/v phòng, chống dịch bệnh", "V/v phòng, chống dịch bệnh"),
    ("a - Các đại học, học viện;", "- Các đại học, học viện;"),
    ("oo Kính gửi:", "Kính gửi:"),
    ("- Lưu: VT, TCCB. foe 4", "- Lưu: VT, TCCB."),
    ("qT Tỉnh ủy, TT HĐND tỉnh (b/c);", "Tỉnh ủy, TT HĐND tỉnh (b/c);"),  # letters no syllable reads
    ("a ; ei + : .", ""),
    ("Cơ sở phá dỡ tàu biển là doanh nghiệp a", "Cơ sở phá dỡ tàu biển là doanh nghiệp"),  # a lone bare vowel
    ("ngăn chặn từ sớm, từ q", "ngăn chặn từ sớm, từ"),  # a letter Vietnamese does not write
    ("không bình đẳng với các tổ q", "không bình đẳng với các tổ"),  # q letters no item after tổ
    ("= 4. Kinh phí thực hiện", "4. Kinh phí thực hiện"),  # a stray mark, no bullet
    ("~ _ chiếm đoạt tài sản", "chiếm đoạt tài sản"),
    ("cháy nổ vẫn còn xảy ra. =", "cháy nổ vẫn còn xảy ra."),
    ("PHÓ GIÁM ĐỐC |", "PHÓ GIÁM ĐỐC"),
])
def test_margin_noise_is_cut(line, expected):
    assert kept(line) == expected


@pytest.mark.parametrize("line", [
    "quy định tại khoản 1, 2",  # a number after a comma runs on to the next line
    "các cơ quan, đơn vị, ciia",  # a garbled word after a comma
    "như sau: a)",  # a list marker
    "Số: 4",  # a digit right after a label's colon is its value
    "Số lượng: 5",
    "Phụ lục A",  # a capital letter
    "i viên chức",  # a lone letter before a lower-case word may be a garbled syllable
    "A Lưới, ngày 5 tháng 3 năm 2020",  # a place name starting with a capital letter
    "Kế hoạch số 56 09/KH-UBND",
    "- Như kính gửi; S",
    "trụ sở ở",  # a lone Vietnamese word
    "ngày 15/04/2019., 8",
    "4",  # a lone page number
    "quy định tại điểm a",  # a noun that takes a letter (garbled too: "diém a")
    "quy dinh tai diém a",
    "thực hiện theo Kế hoạch s",  # a consonant may be a garbled syllable (số)
    "tổ chức hội nghị sơ kết 3",  # a number is never cut without a separator
    "+ Các tập đoàn kinh tế;",  # a bullet
    "- Các sở, ban, ngành; ./.",
    "Bảng giá vật liệu ĐVT: m",  # a unit after a label in capitals
])
def test_real_text_is_kept(line):
    assert margin_cut(line, SKELETONS, ACRONYMS, unreadable, key) == MarginCut(0, len(line))


def test_restore_records_cut_noise_as_changes():
    from pipeline.params import load_params
    from pipeline.restore import restore_text

    params = load_params().restore
    line = "Kính mời đại diện lãnh đạo cơ quan, đơn vị tới dự. : 4"
    restored = restore_text(f"Số: 12/GM-UBND\n{line}", params)
    assert restored.text.split("\n")[1] == line[: line.index(" : 4")]
    noise = [c for c in restored.changes if c.reason == "noise"]
    assert [(c.line, c.original, c.restored, c.char_start, c.char_end) for c in noise] == \
        [(2, " : 4", "", len(line) - 4, len(line))]


@pytest.mark.parametrize(("line", "expected"), [
    ("- Cac-phong, ban", [5]),
    ("ké hoach.va bao cao", [8]),
    ("Bà Rịa-Vũng Tàu", []),  # a capital after the hyphen: a real compound name
    ("Quang Nam-Đà Nẵng, Quảng Nam-Ấp Bắc", []),  # marked capitals are capitals too
    ("312/KH-UBND, Covid-19", []),
    ("http://vpub.gov.vn, www.example.com", []),
    ("gui file bao-cao.docx, ke hoach.pdf", []),  # file names
    ("lap dat Wi-fi tai tp.hcm", []),  # a letter Vietnamese does not write; parts that are acronyms
    ("cac trvdng hgp.sau day", [14]),  # a garbled part (g for ợ) is still a word
    ("DOC LAP - TU'DO - HANH PHUC", [12]),  # an apostrophe for a horn and a space: TỰ DO
    ("PHAT TU TU’07 NAM", [10]),  # … before a number: TỪ 07
    ("thwé'ng xuyén, phu’orng an", []),  # inside one syllable: nothing or a vowel follows
    ("nguoi H'Mong, huyén Pak R'Lap", []),  # a name's apostrophe after one letter
])
def test_joined_word_breaks(line, expected):
    from pipeline.noise import joined_word_breaks

    assert joined_word_breaks(line, {"UBND", "TP", "HCM"}) == expected


def test_restore_reads_a_joining_hyphen_as_a_space_with_exact_offsets():
    from pipeline.params import load_params
    from pipeline.restore import restore_text

    line = "thuc hién-thiét thuc, tranh hinh thuc, lang-phi"
    restored = restore_text(line, load_params().restore)
    assert restored.text == "thực hiện thiết thực, tránh hình thức, lãng phí"
    for change in restored.changes:
        assert line[change.char_start : change.char_end] == change.original
        assert restored.text[change.restored_start : change.restored_end] == change.restored
    assert sum(c.reason == "split" for c in restored.changes) == 2


@pytest.mark.parametrize("line", [
    "Rất mong các đại biểu tham dự đầy đủ./. a\f",  # the last page was blank: its form feed ends the line
    "trụ sở UBND tỉnh. : 4\fa : 4 .",  # a page's last line and the next page's first, noise only
    "a :\fKính gửi:",
    "a ; ei\f+ : .",
])
def test_margin_cut_never_takes_a_form_feed(line):
    assert "\f" in kept(line)


def test_restore_keeps_every_form_feed_of_a_line_with_margin_noise():
    from pipeline.params import load_params
    from pipeline.restore import restore_text

    text = "Dieu 5. Thi hanh. : 4\f\ncac don vi.\fq 4 :\nthuc hien. a\f"
    restored = restore_text(text, load_params().restore)
    assert restored.text.count("\f") == 3 and restored.text.count("\n") == 2
