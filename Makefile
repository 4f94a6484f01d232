# The two entry points: `make demo` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: demo test production drill benchmark install install-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"

## Set up, load the demo session and serve it at http://127.0.0.1:$(PORT) (SQLite, in-memory channel layer).
demo: install
	bash -c 'source scripts/office-packages.sh && bash scripts/system-packages.sh "$${OFFICE_PACKAGES[@]}"'
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "Rapporteur is at http://127.0.0.1:$(PORT)/ (administration: http://127.0.0.1:$(PORT)/admin/)"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Set up and serve the production stack on loopback (PostgreSQL, Redis, two ASGI workers, the job worker, nginx
## with TLS) with the demo loaded, at https://127.0.0.1:8443/, until Ctrl-C. Its state stays in var/production/.
production: install
	bash -c 'source scripts/office-packages.sh && bash scripts/system-packages.sh "$${OFFICE_PACKAGES[@]}" postgresql redis-server nginx openssl'
	$(BIN)/python scripts/production.py

## The production stack under load for 5 minutes while Redis, a web worker, PostgreSQL and the job worker fail in
## turn; prints the errors inside and outside each fault and what was lost, and fails if anything was.
drill: install
	bash -c 'source scripts/office-packages.sh && bash scripts/system-packages.sh "$${OFFICE_PACKAGES[@]}" postgresql redis-server nginx openssl'
	$(BIN)/python scripts/drill.py

## Speed with ten years of data: pages beside /healthz (wrk), the import, the report's build, live fan-out, the
## workers' memory, each as a ratio measured side by side; one `AIM …` line per aim. About 20 minutes.
benchmark: install
	bash -c 'source scripts/office-packages.sh && bash scripts/system-packages.sh "$${OFFICE_PACKAGES[@]}" postgresql redis-server wrk'
	$(BIN)/python scripts/benchmark.py

## Set up and run the whole test suite (and, with CI set, again against PostgreSQL).
test:
	bash scripts/test.sh
