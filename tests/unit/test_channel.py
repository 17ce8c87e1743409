"""Channel model: segment alignment, counting, scoring and page alignment, on hand-made pairs."""

from __future__ import annotations

import math

import pytest

from pipeline.channel import (
    ChannelModel,
    align_tokens,
    count_pairs,
    edit_segments,
    gold_lines_for,
    read_counts,
    write_counts,
)

# fmt: off
PAIRS = [("chức", "chirc")] * 6 + [("của", "cua")] * 8 + [("của", "ctia")] * 2 + [("Độc", "Poc")] * 3 + \
    [("ở", "6")] * 4 + [("công", "cong")] * 10 + [("cộng", "cong")] * 2 + [("viên", "vién")] * 5
# fmt: on


@pytest.fixture(scope="module")
def channel() -> ChannelModel:
    return ChannelModel(count_pairs(PAIRS))


@pytest.mark.parametrize(
    ("true", "garbled", "expected"),
    [
        ("chức", "chirc", [("c", "c"), ("h", "h"), ("ứ", "ir"), ("c", "c")]),
        ("Độc", "Poc", [("Độ", "Po"), ("c", "c")]),
        ("ở", "6", [("ở", "6")]),
    ],
)
def test_channel_edit_segments_merge_adjacent_edits(true, garbled, expected):
    assert edit_segments(true, garbled) == expected


def test_channel_prefers_the_garbling_seen_in_training(channel):
    # "chirc" was seen for "chức"; "chuộc" is one letter further and never seen garbled so.
    assert channel.logp("chức", "chirc") > channel.logp("chuộc", "chirc")
    assert channel.logp("của", "cua") > channel.logp("cửa", "ctia")


def test_channel_same_base_letter_is_cheaper_than_another_letter(channel):
    # Neither pair was seen: an unseen mark change must cost less than an unseen letter change.
    assert channel.logp("mã", "ma") > channel.logp("xa", "ma")


def test_channel_keeps_upper_and_lower_case_apart(channel):
    assert channel.logp("Độc", "Poc") > channel.logp("Độc", "poc")
    assert channel.glyph_base["6"] == "o"


def test_channel_counts_round_trip_is_deterministic(tmp_path):
    counts = count_pairs(PAIRS)
    data = write_counts(counts, tmp_path / "c.tsv.gz", min_token_count=1)
    assert data == write_counts(count_pairs(list(reversed(PAIRS))), tmp_path / "c.tsv.gz", min_token_count=1)
    (tmp_path / "c.tsv.gz").write_bytes(data)
    again = read_counts(tmp_path / "c.tsv.gz")
    assert again.segments == counts.segments and again.tokens == counts.tokens
    assert all(math.isfinite(ChannelModel(again).logp(t, g)) for t, g in PAIRS)


def test_channel_align_tokens_pairs_truth_with_ocr_across_line_breaks():
    truth = "Cán bộ, công chức\nviên chức thi đua"
    ocr = "Cén bg, cong chirc vién\nchuc thi dua"
    assert align_tokens(truth, ocr) == [
        ("Cán", "Cén"), ("bộ", "bg"), ("công", "cong"), ("chức", "chirc"), ("viên", "vién"),
        ("chức", "chuc"), ("thi", "thi"), ("đua", "dua"),
    ]


def test_channel_gold_lines_follow_the_ocr_line_breaks():
    truth = "Cán bộ, công chức\nviên chức thi đua"
    ocr = "Cén bg, cong chirc vién\nchuc thi dua"
    assert gold_lines_for(truth, ocr) == ["Cán bộ, công chức viên", "chức thi đua"]


def test_channel_scores_do_not_depend_on_call_order():
    # Backed-off scores are memoised; the memo must never feed back into the learned table.
    from pipeline.channel import CHANNEL_PATH, read_counts

    trues = ["BÁC", "BƯỚC", "KÉT", "KẺ", "HỘ TỐT", "người", "của", "chức", "Độc", "trước", "thưởng"]
    garbleds = ["BOC", "KT", "HDTDKT", "ngwo¢i", "ctia", "chirc", "Poc", "trude", "thwé'ng"]
    pairs = [(t, g) for t in trues for g in garbleds]
    first, second = ChannelModel(read_counts(CHANNEL_PATH)), ChannelModel(read_counts(CHANNEL_PATH))
    forward = [first.logp(t, g) for t, g in pairs]
    backward = [second.logp(t, g) for t, g in reversed(pairs)][::-1]
    assert forward == backward


def test_channel_likely_garblings_follow_the_counted_segments(channel):
    likely = channel.likely_garblings("của", 4)
    texts = [g for _lp, g in likely]
    # "cua" was counted 8 times, "ctia" twice: both come back, the more frequent first, scores falling.
    assert texts.index("cua") < texts.index("ctia")
    assert [lp for lp, _g in likely] == sorted((lp for lp, _g in likely), reverse=True)
    assert len(set(texts)) == len(texts) <= 4
    # Upper case was never seen: its letters are kept (the whole token as is).
    assert channel.likely_garblings("ZZ", 3) == [(2 * math.log(0.5), "ZZ")]
