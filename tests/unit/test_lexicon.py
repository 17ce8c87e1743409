"""The lexicon: candidate map order, word look-up, acronyms, and the shipped dictionaries/."""

import time

import pytest

from pipeline.lexicon import load_lexicon, parse_lexicon
from pipeline.vietnamese import is_valid_syllable, normalize_tone_placement, skeleton


@pytest.fixture
def small_lexicon():
    syllables = ["cán\t900\tx", "can\t50\tx", "cấn\t10\tx", "bộ\t800\tx", "bọ\t20\tx"]
    return parse_lexicon(syllables, ["cán bộ"], ["UBND\tủy ban nhân dân\tproject"])


def test_lexicon_forms_most_frequent_first(small_lexicon):
    assert small_lexicon.forms_by_skeleton["can"] == ("cán", "can", "cấn")
    assert small_lexicon.forms_by_skeleton["bo"] == ("bộ", "bọ")


def test_lexicon_unigram_logprobs_sum_to_one(small_lexicon):
    assert sum(10**p for p in small_lexicon.syllables.values()) == pytest.approx(1.0)
    assert small_lexicon.unigram_logprob("zzz") < min(small_lexicon.syllables.values())


def test_lexicon_is_word(small_lexicon):
    assert small_lexicon.is_word(("Cán", "bộ")) and small_lexicon.is_word(("bọ",))
    assert not small_lexicon.is_word(("bộ", "cán"))


def test_lexicon_acronyms_upper_case(small_lexicon):
    assert small_lexicon.is_acronym("UBND") and small_lexicon.is_acronym("ubnd")
    assert small_lexicon.acronym_expansions["UBND"] == "ủy ban nhân dân"


def test_lexicon_shipped_loads_fast_and_is_normalised():
    load_lexicon.cache_clear()
    start = time.perf_counter()
    lexicon = load_lexicon()
    elapsed = time.perf_counter() - start
    assert elapsed < 3.0  # contract: well under a second on an idle core; generous for a loaded CI box
    assert len(lexicon.syllables) > 10_000
    sample = sorted(lexicon.syllables)[::500]
    assert all(s == normalize_tone_placement(s) and is_valid_syllable(s) and s == s.lower() for s in sample)
    assert "hòa" in lexicon.syllables and "hoà" not in lexicon.syllables
    assert {"UBND", "HĐND", "TĐKT", "QĐ", "KH", "SNV"} <= lexicon.acronyms
    assert "BAN" not in lexicon.acronyms  # spelled like a syllable: would block restoring "bán"/"bản"
    assert lexicon.forms_by_skeleton["duoc"][0] == "được"
    assert all(skeleton(f) == "chuc" for f in lexicon.forms_by_skeleton["chuc"])
    assert lexicon.is_word(("cán", "bộ")) and lexicon.is_word(("thi", "đua"))
