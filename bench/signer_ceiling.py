"""How far any reader of mark-less OCR can get on signers' names (issue 5's garbled → restored signer figure).

    .venv/bin/python bench/signer_ceiling.py [--out bench/results/signer_ceiling.json]

`eng` OCR of a Vietnamese name mostly erases its marks ("Vi Van Thuan", "Truong Cong Luan"), and its channel is
flat between the readings (Thanh is printed for Thanh, Thành and Thạnh alike). A reader then can do no better
than the commonest name with those letters. This benchmark measures, on the same documents as bench/extract.py's
"all garbled→restored" pool (run that first: it caches the OCR):
- restored: the signer extracted from the restored text equals the gold or one of its `accept_signer` values
  (as bench/extract.py scores it);
- modal: the gold's family name and given name are each the commonest reading of their mark-less letters among
  the names of dictionaries/names.tsv (counts per role), or the name is written without marks: the names a
  reader of mark-less text gets right when it knows the name lists' frequencies;
- rarer: a listed but rarer reading (Luận for Luân, Phượng for Phương, Vi for Vũ); unlisted: a syllable no name
  list holds (Mlô, Kbuôr, Păn), whose marks no list can restore.
Middle names are left out (the LM reads Văn and Thị well), so "modal" is an upper bound of the share a
frequency-guided reader gets right, except where OCR kept a mark ("Tién") that tells two names apart.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import extract as bench_extract  # noqa: E402

from pipeline.fields import extract_fields  # noqa: E402
from pipeline.params import load_params  # noqa: E402
from pipeline.vietnamese import skeleton  # noqa: E402

NAMES = ROOT / "dictionaries/names.tsv"
FOLDERS = ("independent", "fresh", "blind", "blind2")


def modal_readings(path: Path = NAMES) -> dict[str, dict[str, str]]:
    """role → mark-less form → the commonest listed syllable with it (ties: the first in file order)."""
    best: dict[str, dict[str, tuple[str, int]]] = {}
    for row in path.read_text(encoding="utf-8").splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        role, syllable, count, *_ = row.split("\t")
        key = skeleton(syllable)
        seen = best.setdefault(role, {}).get(key)
        if seen is None or int(count) > seen[1]:
            best[role][key] = (syllable, int(count))
    return {role: {k: v[0] for k, v in forms.items()} for role, forms in best.items()}


def name_class(name: str, modal: dict[str, dict[str, str]]) -> str:
    """"modal", "rarer" or "unlisted" (see the module's docstring)."""
    syllables = unicodedata.normalize("NFC", name).lower().split()
    roles = ((syllables[0], "surname"), (syllables[-1], "given")) if len(syllables) >= 2 else ((syllables[0], "given"),)
    for syllable, role in roles:
        if syllable == skeleton(syllable):
            continue  # nothing to restore
        reading = modal.get(role, {}).get(skeleton(syllable))
        if reading is None:
            return "unlisted"
        if reading != syllable:
            return "rarer"
    return "modal"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "bench/results/signer_ceiling.json")
    args = ap.parse_args(argv)
    params = load_params(ROOT / "params.yaml")
    sets = {"dev": bench_extract.dev_docs("restored", params),
            "directives": bench_extract.garbled_directives(params, restored=True)}
    for folder in FOLDERS:
        sets[folder] = bench_extract.garbled_directives(params, True, "eng", bench_extract.directive_docs(folder))
    modal = modal_readings()
    rows, per_doc = {}, []
    for name, docs in sets.items():
        counts = {"documents": 0, "restored": 0, "modal": 0, "rarer": 0, "unlisted": 0, "restored_of_modal": 0}
        for doc_id, text, gold in docs:
            if not gold.get("signer"):
                continue
            pred = extract_fields(text, params.extract).signer
            accepted = {bench_extract.norm(v) for v in (gold["signer"], *gold.get("accept_signer", []))}
            right = bench_extract.norm(pred) in accepted
            kind = name_class(gold["signer"], modal)
            counts["documents"] += 1
            counts["restored"] += right
            counts[kind] += 1
            counts["restored_of_modal"] += right and kind == "modal"
            per_doc.append({"set": name, "doc": doc_id, "gold": gold["signer"], "restored": pred, "class": kind})
        rows[name] = counts
    rows["all"] = {k: sum(r[k] for r in rows.values()) for k in next(iter(rows.values()))}
    print("shares of the set's documents with a signer (restored, modal) and of its modal ones (restored of modal);"
          " rarer and unlisted are counts")
    print(f"{'set':12s} {'docs':>5s} {'restored':>9s} {'modal':>7s} {'restored of modal':>18s} {'rarer':>6s} "
          f"{'unlisted':>9s}")
    for name, r in rows.items():
        n = max(1, r["documents"])
        print(f"{name:12s} {r['documents']:5d} {r['restored'] / n:9.3f} {r['modal'] / n:7.3f} "
              f"{r['restored_of_modal'] / max(1, r['modal']):18.3f} {r['rarer']:6d} {r['unlisted']:9d}")
    bench_extract.write_results(args.out, {"command": "python bench/signer_ceiling.py", "sets": rows,
                                           "documents": per_doc})
    return 0


if __name__ == "__main__":
    sys.exit(main())
