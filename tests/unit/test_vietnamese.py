"""Orthography helpers: one tone-placement policy, stripping, and the syllable well-formedness check."""

import pytest

from pipeline.vietnamese import (
    has_vietnamese_marks,
    is_valid_syllable,
    nfc,
    normalize_tone_placement,
    skeleton,
    split_tone,
    strip_diacritics,
)

# fmt: off
TONE_PLACEMENT_CASES = [
    ("hoà", "hòa"), ("hòa", "hòa"), ("thuỷ", "thủy"), ("Uỷ ban", "Ủy ban"), ("HOÀ", "HÒA"),
    ("hoàn", "hoàn"), ("hòan", "hoàn"), ("khoẻ", "khỏe"), ("quý", "quý"), ("giữa", "giữa"),
    ("người", "người"), ("thuyết", "thuyết"), ("Hoá đơn, 12/QĐ-UBND", "Hóa đơn, 12/QĐ-UBND"),
    ("Paris xyz", "Paris xyz"),
]
VALID = ["a", "ý", "hòa", "hoà", "quốc", "quỳnh", "giếng", "gì", "nghĩa", "khuỷu", "thuở", "ĐỘC", "Được",
         "xoong", "chức", "người", "yêu", "oài", "ke", "ghế"]
INVALID = ["", "chrc", "ce", "ka", "ghà", "ngi", "tàc", "hòan", "hoaà", "qa", "cong1", "xyz", "gii", "ynh",
           "đ", "bg", "vien x"]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), TONE_PLACEMENT_CASES)
def test_vietnamese_normalize_tone_placement(text, expected):
    assert normalize_tone_placement(text) == expected


@pytest.mark.parametrize("syllable", VALID)
def test_vietnamese_valid_syllables(syllable):
    assert is_valid_syllable(syllable)


@pytest.mark.parametrize("syllable", INVALID)
def test_vietnamese_invalid_syllables(syllable):
    assert not is_valid_syllable(syllable)


def test_vietnamese_stop_final_takes_only_sac_or_nang():
    # "các"/"cạc" are words; "cac", "càc", "cảc" cannot be
    assert [is_valid_syllable(s) for s in ("các", "cạc", "cac", "càc", "cảc")] == [True, True, False, False, False]


def test_vietnamese_strip_diacritics_keeps_case_and_other_text():
    assert strip_diacritics("Độc lập - Tự do - Hạnh phúc, số 12/QĐ") == "Doc lap - Tu do - Hanh phuc, so 12/QD"


def test_vietnamese_skeleton_lowercases():
    assert skeleton("ĐƯỢC") == skeleton("được") == "duoc"


def test_vietnamese_nfc_joins_combining_marks():
    decomposed = "to\u0302\u0301"  # o + circumflex + acute
    assert nfc(decomposed) == "tố" and normalize_tone_placement(decomposed) == "tố"


def test_vietnamese_has_marks():
    assert has_vietnamese_marks("Cán") and has_vietnamese_marks("đi") and not has_vietnamese_marks("Can di")


def test_vietnamese_split_tone():
    assert split_tone("Hoà") == ("Hoa", 0) and split_tone("ĐẶC") == ("ĐĂC", 4) and split_tone("ba") == ("ba", -1)
