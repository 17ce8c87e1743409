# Set-up is idempotent: every target installs what it needs (Debian packages, .venv, the package).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SYSTEM_PACKAGES := tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd \
	ocrmypdf unpaper poppler-utils qpdf ghostscript \
	fonts-dejavu-core fonts-liberation2 fonts-noto-core

.PHONY: setup system venv accel run test bench lint clean

setup: system venv accel

system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	[ -x $(PY) ] || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

# Restore's hot modules compiled by Cython (pipeline/accel.py): seconds when up to date; without a compiler
# restore runs as plain Python (same output, slower).
accel: venv
	$(PY) scripts/build_accel.py

# The main job: every stage over the bundled data in data/raw/, reproducibly.
run: setup
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/dvc repro

# The full test suite (CI runs exactly this).
test: setup
	VANBAN_REQUIRE_TESSERACT=1 VANBAN_REQUIRE_ACCEL=1 $(VENV)/bin/pytest -q -n 2

bench: setup
	$(PY) bench/ocr.py
	$(PY) bench/restore.py
	$(PY) bench/extract.py

lint: venv
	$(VENV)/bin/ruff check .
