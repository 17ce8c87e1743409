"""The syllable LM: token mapping, back-off arithmetic, the Kneser–Ney estimator, the shipped model."""

import importlib.util
import math
import random
import sys
import time
from pathlib import Path

import pytest

from pipeline.lm import BOS, EOS, NUM, UNK, lm_segments, lm_token, load_lm, parse_lm

ACRONYMS = frozenset({"UBND", "KH"})


def _build_lm_module():
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_lm.py"
    spec = importlib.util.spec_from_file_location("build_lm", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# fmt: off
@pytest.mark.parametrize(("token", "expected"), [
    ("Hoà", "hòa"), ("2019", NUM), ("312/KH-UBND", NUM), ("UBND", "ubnd"), ("xyzq", UNK), ("Paris", UNK),
])
# fmt: on
def test_lm_token(token, expected):
    assert lm_token(token, ACRONYMS) == expected


def test_lm_segments_break_at_punctuation_and_lines():
    text = "Kế hoạch số 312/KH-UBND của UBND tỉnh; Độc lập - Tự do\nHạnh phúc"
    assert lm_segments(text, ACRONYMS) == [
        ("kế", "hoạch", "số", NUM, "của", "ubnd", "tỉnh"), ("độc", "lập"), ("tự", "do"), ("hạnh", "phúc"),
    ]


def test_lm_backoff_arithmetic():
    text = "\n".join([
        "1\t<s>\t-99\t-0.5", "1\ta\t-1.0\t-0.2", "1\tb\t-1.5\t-0.3", "1\t</s>\t-0.8\t",
        "2\t<s> a\t-0.4\t-0.1", "2\ta b\t-0.6\t", "3\t<s> a b\t-0.05\t",
    ])
    lm = parse_lm(text)
    assert lm.order == 3
    assert lm.logprob("b", (BOS, "a")) == pytest.approx(-0.05)  # seen trigram
    assert lm.logprob("a", ("b", "a")) == pytest.approx(-0.2 - 1.0)  # no (b a a) nor (a a): backoff(a) + P(a)
    assert lm.logprob("b", ("b", "a")) == pytest.approx(-0.6)  # bigram (a b), no backoff for (b a)
    assert lm.logprob("a", ("a",)) == pytest.approx(-0.2 - 1.0)  # backoff(a) + P(a)
    assert lm.logprob("zz", ()) == lm.oov_logprob == pytest.approx(-1.5)
    assert lm.score_segment(["a", "b"]) == pytest.approx(-0.4 - 0.05 + (-0.3 - 0.8))


@pytest.mark.parametrize("min_top_count", [1, 2])  # 2: singleton trigrams pruned, backoffs renormalised
def test_lm_kneser_ney_distributions_sum_to_one(min_top_count):
    build_lm = _build_lm_module()
    sources = [
        ([("cán", "bộ", "công", "chức"), ("công", "chức")], 1, True),
        ([("cán", "bộ", "viên", "chức")] * 3, 2, True),
        ([("thi", "đua")], 1, False),
    ]
    raw, continuation = build_lm.count_ngrams(sources, 3)
    assert raw[1][("cán", "bộ")] == 1 + 3 * 2 and continuation[0][("bộ",)] == 1 + 2  # one left context each
    model = build_lm.estimate_kneser_ney(
        raw, continuation, ["cán", "bộ", "thi", "đua", "nhân"], base={"bộ": 0.5, "cán": 0.2}, min_top_count=min_top_count
    )
    assert ((BOS, "công", "chức") in model) == (min_top_count == 1)
    text = "\n".join(f"{len(g)}\t{' '.join(g)}\t{p}\t{'' if b is None else b}" for g, (p, b) in model.items())
    lm = parse_lm(text)
    vocab = [g[0] for g in model if len(g) == 1 and g != (BOS,)]
    for context in [(), (BOS,), ("cán",), (BOS, "cán"), (BOS, "công"), ("cán", "bộ"), ("nhân",)]:
        assert sum(10 ** lm.logprob(w, context) for w in vocab) == pytest.approx(1.0, abs=1e-3), context
    assert lm.logprob("bộ", ("cán",)) > lm.logprob("đua", ("cán",))


def test_lm_shipped_model_prefers_context():
    load_lm.cache_clear()
    start = time.perf_counter()
    lm = load_lm()
    assert time.perf_counter() - start < 6.0  # contract < 3 s; slack for a busy 2-core CI machine
    assert lm.order == 3 and EOS in lm and UNK in lm and NUM in lm
    assert lm.logprob("bộ", ("cán",)) > lm.logprob("bọ", ("cán",)) + 2
    assert lm.logprob("tỉnh", ("ubnd",)) > lm.logprob("tính", ("ubnd",))
    assert lm.logprob("tháng", ("ngày", NUM)) > lm.logprob("thắng", ("ngày", NUM))
    assert all(math.isfinite(lm.logprob(w, ("x", "y"))) for w in ("của", "zzz"))


def test_lm_template_corpus_is_deterministic_and_well_formed():
    path = Path(__file__).resolve().parents[2] / "scripts"
    sys.path.insert(0, str(path))
    try:
        spec = importlib.util.spec_from_file_location("make_corpus", path / "make_corpus.py")
        make_corpus = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(make_corpus)
    finally:
        sys.path.remove(str(path))
    units = [("Hà Nam", ["Huyện Kim Bảng", "Thành phố Phủ Lý"]), ("Lạng Sơn", ["Huyện Cao Lộc"])]
    first = [make_corpus.make_document(random.Random(7), units) for _ in range(3)]
    again = [make_corpus.make_document(random.Random(7), units) for _ in range(3)]
    assert first == again
    tokens = [t for doc in first for seg in lm_segments(doc, ACRONYMS) for t in seg]
    assert "Độc lập - Tự do - Hạnh phúc" in first[0]
    assert sum(t == UNK for t in tokens) / len(tokens) < 0.05  # names aside, every word is a real syllable
