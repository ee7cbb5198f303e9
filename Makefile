# dateline — quick start: `make run`, then `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-all install install-system clean

$(BIN)/python:
	$(PY) -m venv $(VENV) || { bash scripts/install-system.sh venv && $(PY) -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Debian packages the tests need (PostgreSQL server, Chromium + driver); root only.
install-system:
	@bash scripts/install-system.sh

## Install, then run the main job on the bundled sample articles and print a summary.
run: install
	$(BIN)/dateline demo

## Install what tests need when absent, then run the whole suite and ruff.
test: install install-system
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

## Benchmarks (not part of `make test`): print ratios measured in one run.
bench: install
	$(BIN)/python bench/pipeline_speed.py

## The other benchmarks: ingest scale, clustering cost, Dask vs local, web page latency.
bench-all: bench
	$(BIN)/python bench/ingest_scale.py
	$(BIN)/python bench/cluster_scaling.py
	$(BIN)/python bench/dask_vs_local.py
	$(BIN)/python bench/web_pages.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
