"""vanban: OCR clean-up and structured extraction for scanned Vietnamese government directives.

Public API (imported lazily, so `import pipeline` stays cheap):
`rasterize_document`, `ocr_page`, `restore_text`, `extract_fields`, `build_dataset`, `load_params`.
"""

from __future__ import annotations

import importlib

from pipeline import accel

__version__ = "0.1.0"
accel.install()  # compiled restore modules, when built from the current source (pipeline/accel.py)

_API = {
    "rasterize_document": "pipeline.rasterize",
    "ocr_page": "pipeline.ocr",
    "restore_text": "pipeline.restore",
    "extract_fields": "pipeline.extract",
    "build_dataset": "pipeline.dataset",
    "load_params": "pipeline.params",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
