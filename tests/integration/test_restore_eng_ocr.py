"""restore on real English-model OCR of a generated page: the garbling it exists for, made by Tesseract."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rapidfuzz.distance import Levenshtein

from pipeline.channel import gold_lines_for

pytestmark = pytest.mark.tesseract

# Written for this test (not from the samples or bench/gold): a short administrative paragraph.
TEXT = """ỦY BAN NHÂN DÂN HUYỆN

Căn cứ kết quả kiểm tra công tác văn thư năm 2023, Ủy ban nhân dân huyện yêu cầu các cơ quan,
đơn vị thực hiện nghiêm việc lập hồ sơ, nộp lưu tài liệu vào lưu trữ cơ quan đúng thời hạn;
báo cáo kết quả thực hiện về Phòng Nội vụ trước ngày 15 tháng 12 năm 2023.
"""


def _tokens(text: str) -> list[str]:
    return [t.strip(",.;:") for t in text.split() if t.strip(",.;:")]


def test_restore_improves_real_eng_ocr(tesseract, render_page, params, tmp_path):
    page = render_page(TEXT, tier="typical", seed=3)
    png = tmp_path / "page.png"
    page.image.save(png)
    ocr = subprocess.run([tesseract, str(png), "stdout", "-l", "eng", "--psm", "6"], capture_output=True,
                         text=True, check=True, timeout=120).stdout.strip()
    ocr = "\n".join(line for line in ocr.split("\n") if line.strip())
    gold = "\n".join(gold_lines_for(page.truth, ocr))

    from pipeline.restore import restore_text

    restored = restore_text(ocr, params.restore)
    assert restored.text.count("\n") == ocr.count("\n")
    before = Levenshtein.distance(_tokens(ocr), _tokens(gold)) / len(_tokens(gold))
    after = Levenshtein.distance(_tokens(restored.text), _tokens(gold)) / len(_tokens(gold))
    print(f"token error rate: OCR {before:.3f}, restored {after:.3f}")
    assert before > 0.5  # English-model OCR really garbled the marks
    assert after < 0.15 and after < before / 4


def test_restore_cli_is_line_for_line(tmp_path):
    text = "Cong hoa xa hoi\n\n\fchu nghia Viet Nam;  \nsé 12/QD-UBND\n"
    src = tmp_path / "in.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out.txt"
    result = subprocess.run([sys.executable, "-m", "pipeline", "restore", str(src), "-o", str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    restored = out.read_text(encoding="utf-8")
    assert restored.split("\n")[2].startswith("\f") and restored.count("\n") == text.count("\n")
    assert "12/QĐ-UBND" in restored
