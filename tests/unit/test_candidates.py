"""Candidates: lookup keys, re-casing, channel-ranked readings and run-together splits."""

from __future__ import annotations

import pytest

from pipeline.candidates import CandidateGenerator, apply_case, case_pattern
from pipeline.channel import ChannelModel, count_pairs
from pipeline.lexicon import parse_lexicon

SYLLABLES = ["chức", "chúc", "chục", "của", "cửa", "cua", "ở", "đơn", "vị", "cách", "làm", "Độc", "độc", "đọc"]
PAIRS = [("chức", "chirc")] * 4 + [("ở", "6")] * 4 + [("đơn", "don")] * 2 + [("vị", "vj")] * 3 + \
    [("Độc", "Poc")] * 3 + [("của", "cua")] * 3


@pytest.fixture(scope="module")
def generator(params) -> CandidateGenerator:
    lexicon = parse_lexicon([f"{s.lower()}\t10\tt" for s in SYLLABLES], ["đơn vị", "cách làm"], [])
    return CandidateGenerator(lexicon, ChannelModel(count_pairs(PAIRS)), params.restore)


@pytest.mark.parametrize(("token", "pattern"), [("CÔNG", "upper"), ("Công", "title"), ("công", "lower"),
                                                 ("K&", "title"), ("A", "title"), ("sO", "upper"),
                                                 ("tHI", "upper"), ("thI", "lower"), ("s", "lower")])
def test_candidates_case_pattern(token, pattern):
    assert case_pattern(token) == pattern
    assert apply_case("kế hoạch", "title") == "Kế hoạch"


def test_candidates_lookup_key_maps_ocr_glyphs(generator):
    assert generator.lookup_key("s6") == "so"


def test_candidates_rank_the_channel_garbling_first(generator):
    assert generator.candidates("chirc")[0].text == "chức"
    assert generator.candidates("Poc")[0].text == "Độc"
    assert "ở" in [c.text for c in generator.candidates("6")]


def test_candidates_split_run_together_tokens(generator):
    split = [c for c in generator.candidates("donvj") if len(c.words) == 2]
    assert split and split[0].text == "đơn vị"


def test_candidates_unknown_junk_gives_nothing(generator):
    assert generator.candidates("%%") == ()


@pytest.mark.parametrize(("garbled", "true_reading", "expected"), [
    ("vi", "vi", "vị"),  # memory reading is a syllable: its forms are the candidates
    ("v", "v", "vị"),  # memory reading is no syllable (a list marker `v)`): fuzzy candidates instead
])
def test_candidates_memory_without_a_syllable_falls_back_to_fuzzy(params, garbled, true_reading, expected):
    lexicon = parse_lexicon([f"{s.lower()}\t10\tt" for s in SYLLABLES] + ["vi\t1\tt"], [], [])
    channel = ChannelModel(count_pairs(PAIRS + [(true_reading, garbled)] * 10))
    generator = CandidateGenerator(lexicon, channel, params.restore)
    assert expected in [c.text for c in generator.candidates(garbled)]


def test_candidates_split_three_or_more_syllables(generator):
    texts = [c.text for c in generator._split_candidates("donvjcachlam", "lower")]
    assert "đơn vị cách làm" in texts
    three = [c for c in generator._split_candidates("chirccuadon", "lower") if len(c.words) == 3]
    assert three and three[0].words == ("chức", "của", "đơn")


def test_restore_splits_headings_run_together():
    from pipeline.params import load_params
    from pipeline.restore import restore_text

    params = load_params().restore  # the shipped models
    assert restore_text("KT. CHU TICH\nPHOCHUTICH", params).text == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    assert restore_text("Hoi dong nhandantinh;", params).text == "Hội đồng nhân dân tỉnh;"
    assert restore_text("Microsoft Covid", params).text == "Microsoft Covid"  # foreign words stay


def test_candidates_read_a_capital_p_or_b_as_d_with_stroke():
    from pipeline.params import load_params
    from pipeline.restore import load_restorer, restore_text

    params = load_params().restore  # the shipped channel: Tesseract `eng` prints Đ as P or B
    assert "Đối" in [c.text for c in load_restorer(params).generator.candidates("Péi")]
    assert restore_text("2.1 Péi voi cac don vi", params).text == "2.1 Đối với các đơn vị"
    assert restore_text("Ban hanh ké hoach", params).text == "Ban hành kế hoạch"


def test_candidates_put_back_a_lost_vowel(params):
    """The English model prints ươ as u and ôi as i now and then (Hướng → Hung): that reading is always a
    candidate."""
    from pipeline.candidates import _lost_vowel_skeletons
    from pipeline.restore import load_restorer

    assert [_lost_vowel_skeletons(k) for k in ("hung", "trung", "lui", "di", "cuoc", "ung", "dai")] == \
        [[("huong", "ư")], [("truong", "ư")], [("luoi", "ư")], [("doi", "ôơ")], [], [], []]
    assert "Hướng" in [c.text for c in load_restorer(params.restore).generator.candidates("Hung")]


def test_candidates_split_a_lone_vowel_syllable_off_a_short_token(params):
    """YTE is Y TẾ run together (Bộ Y tế): a vowel that is a syllable on its own may be the first piece."""
    from pipeline.restore import load_restorer

    assert "Y TẾ" in [c.text for c in load_restorer(params.restore).generator.candidates("YTE")]
