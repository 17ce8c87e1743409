"""vanban: OCR clean-up and structured extraction for scanned Vietnamese government directives."""

__version__ = "0.1.0"
