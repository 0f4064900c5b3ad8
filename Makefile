# The two commands in README.md are the contract: `make run` and `make test`
# work on a fresh machine with nothing but Python 3.11+ and the package index.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint format clean bench soak

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("Facilitator needs Python 3.11 or newer." if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.app-installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.test-installed: $(VENV)/.app-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

run: $(VENV)/.app-installed
	$(BIN)/facilitator $(ARGS)

test: $(VENV)/.test-installed lint
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

# Every benchmark on five years of a busy team's data (made once into .bench-data/):
# a table of figures against their targets, written to tests/benchmarks/results.md,
# never a pass or fail. BENCH_ARGS passes options, e.g. BENCH_ARGS="--only screens".
bench: $(VENV)/.app-installed
	PYTHONPATH=tests $(BIN)/python -m benchmarks $(BENCH_ARGS)

# The soak test: 10,000 random operations on real data files (people, check-in, notes,
# claims, exports), with money totals, orphan rows, counts and the file's integrity
# checked after each; a minute or two. `make test` runs a few hundred of them.
soak: $(VENV)/.test-installed
	SOAK=full $(BIN)/pytest tests/soak -s $(PYTEST_ARGS)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
