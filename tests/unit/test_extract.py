"""pipeline.extract (the stage runner) and `vanban extract`: files in, fields JSON out, bad input reported."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from pipeline.extract import fields_json, run_extract
from pipeline.fields import extract_fields
from pipeline.records import StageReport

TEXT = """\
UBND TỈNH KON TUM   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NỘI VỤ   Độc lập - Tự do - Hạnh phúc
Số: 21/SNV-VP   Kon Tum, ngày 3 tháng 6 năm 2021
V/v nộp báo cáo

Kính gửi: Các sở, ngành.

Đề nghị các đơn vị gửi báo cáo trước ngày 15/6/2021.

Nơi nhận:
- Như trên;
- Lưu: VT.

GIÁM ĐỐC

Lê Thị Hoa
"""


def test_extract_run_reads_restored_text_and_keeps_raw_line(tmp_path, params):
    (tmp_path / "text").mkdir()
    (tmp_path / "restored").mkdir()
    (tmp_path / "text" / "d1.txt").write_text(TEXT.replace("Hoa", "Hoà?"), encoding="utf-8")
    (tmp_path / "restored" / "d1.txt").write_text(TEXT, encoding="utf-8")
    report = StageReport(stage="extract")
    run_extract(["d1"], tmp_path, params, report)
    out = json.loads((tmp_path / "fields" / "d1.json").read_text(encoding="utf-8"))
    assert (out["number"], out["symbol"], out["signer"]) == ("21", "SNV-VP", "Lê Thị Hoa")
    signer = next(e for e in out["evidence"] if e["field"] == "signer")
    assert signer["raw_text"] == "Lê Thị Hoà?" and signer["text"] == "Lê Thị Hoa"
    assert report.failures == []


def test_extract_run_is_byte_identical_on_rerun(tmp_path, params):
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "d1.txt").write_text(TEXT, encoding="utf-8")
    run_extract(["d1"], tmp_path, params, StageReport(stage="extract"))
    first = (tmp_path / "fields" / "d1.json").read_bytes()
    run_extract(["d1"], tmp_path, params, StageReport(stage="extract"))
    assert (tmp_path / "fields" / "d1.json").read_bytes() == first


def test_extract_run_bad_and_empty_text_give_nulls_and_batch_goes_on(tmp_path, params, capsys):
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "a_bad.txt").write_bytes(b"\xff\xfe\xfa not utf-8")
    (tmp_path / "text" / "b_empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "text" / "c_good.txt").write_text(TEXT, encoding="utf-8")
    report = StageReport(stage="extract")
    run_extract(["a_bad", "b_empty", "c_good"], tmp_path, params, report)
    err = capsys.readouterr().err
    assert "vanban: error: " in err and "a_bad.txt: not UTF-8" in err
    assert "vanban: warning: " in err and "b_empty.txt: empty text" in err
    assert [f.code for f in report.failures] == ["V101"]
    for doc_id in ("a_bad", "b_empty"):
        out = json.loads((tmp_path / "fields" / f"{doc_id}.json").read_text(encoding="utf-8"))
        assert out["number"] is None and out["deadlines"] == [] and out["evidence"] == []
    assert json.loads((tmp_path / "fields" / "c_good.json").read_text(encoding="utf-8"))["number"] == "21"


def test_extract_fields_json_adds_word_boxes(params):
    ocr = {"pages": [{"words": [
        {"text": w, "line": i, "bbox": [10 * j, 5 * i, 10 * j + 8, 5 * i + 4]}
        for i, line in enumerate(TEXT.split("\n")) for j, w in enumerate(line.split())
    ]}]}
    out = fields_json(extract_fields(TEXT, params.extract), ocr=ocr)
    number = next(e for e in out["evidence"] if e["field"] == "number")
    assert number["boxes"] == [[10, 10, 18, 14]]  # "21/SNV-VP", the second word of line 3


@pytest.mark.parametrize("use_output", [False, True])
def test_extract_cli_one_file(tmp_path, capsys, use_output):
    src = tmp_path / "in.txt"
    src.write_text(TEXT, encoding="utf-8")
    args = ["extract", str(src)] + (["-o", str(tmp_path / "o.json")] if use_output else [])
    assert main(args) == 0
    text = (tmp_path / "o.json").read_text(encoding="utf-8") if use_output else capsys.readouterr().out
    assert json.loads(text)["date"] == "2021-06-03"


def test_extract_cli_batch_exit_status_and_outputs(tmp_path):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\xff\xff")
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "in"), "--out", str(out)]) == 4  # ExitCode.input_failed
    assert sorted(p.name for p in (out / "fields").iterdir()) == ["bad.json", "good.json"]
    rows = [json.loads(line) for line in (out / "failures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["code"] for r in rows] == ["V101"]

