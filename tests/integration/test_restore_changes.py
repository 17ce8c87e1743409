"""Every change record points at exactly what it says, in the input line and in the restored line, and the
restored text keeps the input's lines — on real garbled OCR the project ships and on awkward edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EDGE_CASES = ["\f\fa : Kinh gui: a", "----", "...", "", "   ", "\f", "a ; ei + : .", "Cac-phong. : 4",
              "\fTHU'C HIEN ty’, : q", "x" * 300, "ỦY BAN  Cac-phong-ban.va : a", "trat ty’-an toan",
              "ke hoach nam 2020 nhu"]


def _texts() -> list[tuple[str, str]]:
    files = sorted((ROOT / "bench" / "data" / "restore" / "heldout-eng").glob("*.input.txt"))[::4]
    files += sorted((ROOT / "data" / "raw" / "samples").glob("00[013]_*.txt"))
    return [(p.name, p.read_text(encoding="utf-8")) for p in files] + [("edge cases", "\n".join(EDGE_CASES))]


@pytest.mark.parametrize(("name", "text"), _texts(), ids=lambda v: v if len(v) < 60 else None)
def test_change_offsets_are_exact_and_lines_kept(name, text):
    from pipeline.params import load_params
    from pipeline.restore import restore_text

    restored = restore_text(text, load_params().restore)
    lines_in, lines_out = text.split("\n"), restored.text.split("\n")
    assert len(lines_in) == len(lines_out)
    assert restored.changes, name
    for change in restored.changes:
        if change.reason == "hopeless-line":
            continue
        line_in, line_out = lines_in[change.line - 1], lines_out[change.line - 1]
        # slices clamp at the end: a span one past the line would still compare equal without these
        assert change.char_end <= len(line_in) and change.restored_end <= len(line_out), change
        assert line_in[change.char_start : change.char_end] == change.original, change
        assert line_out[change.restored_start : change.restored_end] == change.restored, change
