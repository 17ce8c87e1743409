"""`vanban run` end to end with real Tesseract on generated pages of every input kind (issue 3's CLI
contract): outputs per document, CER ceilings, exact text layers, one error line per bad input, exit
status, byte-identical re-runs, and no truncation of earlier outputs by a failing run."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from fixtures.render import write_bad_inputs, write_input
from rapidfuzz.distance import Levenshtein

pytestmark = pytest.mark.tesseract

# CER ceilings per tier: regression guards well above what bench/ocr.py measures, not targets.
CER_CEILING = {"clean": 0.02, "typical": 0.03, "hard": 0.08}
EXIT_INPUT_FAILED = 4


def vanban(*args: str, cwd: Path, params_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args, "--params", str(params_path), "--jobs", "2"],
                          cwd=cwd, capture_output=True, text=True, timeout=600)


def cer(truth: str, output: str) -> float:
    ref = " ".join(unicodedata.normalize("NFC", truth).split())
    hyp = " ".join(unicodedata.normalize("NFC", output).split())
    return Levenshtein.distance(ref, hyp) / max(1, len(ref))


def page_texts(out: Path, doc_id: str) -> list[str]:
    return (out / "text" / f"{doc_id}.txt").read_text(encoding="utf-8").rstrip("\n").split("\f")


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# fmt: off
GOOD_INPUTS = [
    # kind,       tier,      options
    ("png",       "typical", {"rotation": 90}),
    ("jpeg",      "typical", {"colour_seal": True}),
    ("tiff",      "hard",    {}),
    ("pdf-image", "typical", {}),
    ("pdf-text",  "clean",   {}),
    ("pdf-mixed", "typical", {}),
]
# fmt: on


def test_cli_run_reads_every_input_kind(tmp_path, tesseract, params_path):
    inputs = tmp_path / "in"
    made = {kind: (write_input(kind, inputs, tier=tier, seed=i, **opts), tier)
            for i, (kind, tier, opts) in enumerate(GOOD_INPUTS)}
    (inputs / "already_ocred.txt").write_text("Số: 7/QĐ-UBND\fTrang hai", encoding="utf-8")

    proc = vanban("run", "in", "--out", "out", cwd=tmp_path, params_path=params_path)

    assert proc.returncode == 0, proc.stderr
    assert "vanban: error" not in proc.stderr
    out = tmp_path / "out"
    assert (out / "failures.jsonl").read_text() == ""
    assert page_texts(out, "already_ocred") == ["Số: 7/QĐ-UBND", "Trang hai"]
    for kind, (rendered, tier) in made.items():
        doc_id = rendered.path.stem
        texts = page_texts(out, doc_id)
        assert len(texts) == len(rendered.truths), kind
        record = json.loads((out / "ocr" / f"{doc_id}.json").read_text(encoding="utf-8"))
        assert [p["page_no"] for p in record["pages"]] == list(range(1, len(texts) + 1))
        for page_no, (truth, text, page) in enumerate(zip(rendered.truths, texts, record["pages"], strict=True), 1):
            if page_no in rendered.ocr_pages:
                assert page["source"] == "ocr", kind
                assert cer(truth, text) <= CER_CEILING[tier], f"{kind} p{page_no}: {text!r}"
                assert (out / "pages" / doc_id / f"page-{page_no:04d}.png").is_file()
                word = page["words"][0]
                assert 0 <= word["conf"] <= 100 and len(word["bbox"]) == 4
            else:
                assert page["source"] == "text-layer", kind
                assert text == truth, f"{kind} p{page_no}: text layer not exact"
                assert all(w["conf"] is None for w in page["words"])
    sideways = json.loads((out / "ocr" / "png.json").read_text(encoding="utf-8"))["pages"]
    assert [p["rotation"] for p in sideways] in ([90], [270]), "a page scanned sideways was not turned"


def test_cli_run_bad_inputs_one_error_line_each(tmp_path, tesseract, params_path):
    bad = write_bad_inputs(tmp_path / "in")
    write_input("png", tmp_path / "in", tier="clean", name="good")

    proc = vanban("run", "in", "in_empty_folder", "--out", "out", cwd=tmp_path, params_path=params_path)

    assert proc.returncode == EXIT_INPUT_FAILED, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("vanban: error: ")]
    for what, path in bad.items():
        shown = str(path.relative_to(tmp_path))
        mine = [line for line in errors if line.startswith(f"vanban: error: {shown}:")]
        assert len(mine) == 1, f"{what}: expected one error line for {shown}, got {mine} in {errors}"
        assert len(mine[0]) > len(f"vanban: error: {shown}: ") + 5, f"{what}: no reason given"
    assert len(errors) == len(bad), errors
    assert page_texts(tmp_path / "out", "good")[0].strip(), "the good input was not processed"
    failed = [json.loads(line) for line in (tmp_path / "out" / "failures.jsonl").read_text().splitlines()]
    assert {f["path"] for f in failed} == {str(p.relative_to(tmp_path)) for p in bad.values()}


def test_cli_run_rerun_is_byte_identical(tmp_path, tesseract, params_path):
    write_input("png", tmp_path / "in", tier="typical", seed=3)
    write_input("pdf-mixed", tmp_path / "in", tier="typical", seed=4)

    first = vanban("run", "in", "--out", "out1", cwd=tmp_path, params_path=params_path)
    second = vanban("run", "in", "--out", "out2", cwd=tmp_path, params_path=params_path)

    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    one, two = tree_bytes(tmp_path / "out1"), tree_bytes(tmp_path / "out2")
    assert one and sorted(one) == sorted(two), first.stderr + second.stderr
    assert [name for name in one if one[name] != two[name]] == []


def test_cli_run_failing_run_keeps_earlier_outputs(tmp_path, tesseract, params_path):
    rendered = write_input("png", tmp_path / "in", tier="clean", name="letter")
    first = vanban("run", "in", "--out", "out", cwd=tmp_path, params_path=params_path)
    assert first.returncode == 0, first.stderr
    before = tree_bytes(tmp_path / "out")

    rendered.path.write_bytes(rendered.path.read_bytes()[:200])  # the same document, now truncated
    second = vanban("run", "in", "--out", "out", cwd=tmp_path, params_path=params_path)

    assert second.returncode == EXIT_INPUT_FAILED, second.stderr
    assert [line for line in second.stderr.splitlines() if line.startswith("vanban: error: in/letter.png:")]
    after = tree_bytes(tmp_path / "out")
    for name in ("text/letter.txt", "ocr/letter.json"):
        assert after[name] == before[name], f"{name} changed by a failing run"
    assert not [name for name in after if name.endswith(".tmp")], "temporary files left behind"
