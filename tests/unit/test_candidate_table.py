"""The shipped candidate table (models/candidates.tsv.gz): fresh for the shipped params, models and code, and
holding exactly what the generator computes; a table built under another fingerprint is not used."""

from __future__ import annotations

import dataclasses
import gzip

import pytest

from pipeline.candidates import (
    CANDIDATE_TABLE_PATH,
    CandidateGenerator,
    encode_candidates,
    read_candidate_table,
    shipped_fingerprint,
)
from pipeline.channel import load_channel
from pipeline.lexicon import load_lexicon

REBUILD = "stale: run .venv/bin/python scripts/build_candidate_table.py"


@pytest.fixture(scope="module")
def table(params) -> dict[str, str]:
    found = read_candidate_table(shipped_fingerprint(params.restore))
    assert found is not None, f"{CANDIDATE_TABLE_PATH.name} is missing or {REBUILD}"
    return found


def test_candidate_table_rows_equal_computed_candidates(table, params):
    generator = CandidateGenerator(load_lexicon(), load_channel(), params.restore)  # no table: computes
    tokens = sorted(table)
    assert len(tokens) > 50000  # the pairs' tokens and the likely garblings
    sample = tokens[:: len(tokens) // 1500]  # spread over the whole table (about 2 s)
    differ = [t for t in sample if table[t] != encode_candidates(generator.compute_candidates(t))]
    assert not differ, f"rows differ from the generator for {differ[:5]}: {REBUILD}"


def test_candidate_table_is_what_the_generator_serves(table, params):
    with_table = CandidateGenerator(load_lexicon(), load_channel(), params.restore, table)
    token = next(t for t in sorted(table) if len(table[t]) > 40)
    assert with_table.candidates(token) == with_table.compute_candidates(token)
    assert with_table.candidates(token)[0].words[0] in with_table.lexicon.syllables


def test_candidate_table_of_other_params_is_ignored(tmp_path, params):
    other = dataclasses.replace(params.restore, max_candidates=params.restore.max_candidates + 1)
    assert shipped_fingerprint(other) != shipped_fingerprint(params.restore)
    path = tmp_path / "candidates.tsv.gz"
    path.write_bytes(gzip.compress(f"# fingerprint {shipped_fingerprint(params.restore)}\ncong\t[]\n".encode()))
    assert read_candidate_table(shipped_fingerprint(other), path) is None
    assert read_candidate_table(shipped_fingerprint(params.restore), path) == {"cong": "[]"}
    assert read_candidate_table("x", tmp_path / "missing.tsv.gz") is None
