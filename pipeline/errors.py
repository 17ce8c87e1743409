"""Every error vanban reports, with a code (V1xx rasterize, V2xx ocr, V3xx restore, V4xx extract,
V9xx config/environment) and an exit code, so failures can be grepped across logs."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    ok = 0
    bad_args = 1
    config = 2
    missing_dependency = 3
    input_failed = 4  # at least one input could not be processed; the rest of the batch completed
    internal_error = 15
    ctrl_c = 130


class VanbanError(Exception):
    """Base class. `detail` is the one-line reason shown to the user (without the code prefix)."""

    code = "V000"
    exit_code = ExitCode.internal_error

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail

    def __str__(self) -> str:
        return f"[{self.code}] {self.detail}"


class ConfigError(VanbanError):
    code = "V902"
    exit_code = ExitCode.config


class MissingDependencyError(VanbanError):
    code = "V901"
    exit_code = ExitCode.missing_dependency


class DocumentError(VanbanError):
    """One input file (or page) failed; the batch goes on."""

    code = "V100"
    exit_code = ExitCode.input_failed


class UnreadableInputError(DocumentError):
    code = "V101"


class EncryptedPdfError(DocumentError):
    code = "V102"


class UnsupportedInputError(DocumentError):
    code = "V103"


class EmptyInputError(DocumentError):
    code = "V104"


class ImageTooSmallError(DocumentError):
    """An image too small to hold text (e.g. a 1×1 placeholder export)."""

    code = "V105"


class OcrError(DocumentError):
    code = "V200"


class OcrTimeoutError(OcrError):
    code = "V201"


class RestoreError(DocumentError):
    code = "V300"


class ExtractError(DocumentError):
    code = "V400"
