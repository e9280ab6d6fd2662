# The two commands of README.md. Each sets itself up first (scripts/setup.sh).
.PHONY: run test setup

HOST ?= 127.0.0.1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

setup:
	@./scripts/setup.sh

# Check the dossiers, build the site and serve it with search on http://$(HOST):$(PORT)/
run: setup
	.venv/bin/watwerkt check
	.venv/bin/watwerkt serve --host $(HOST) --port $(PORT)

# A named subset for the oldest versions pyproject.toml allows: unit tests, real builds of the
# sample site (identity, PDFs) and the CLI.
FLOOR_TESTS := tests/test_rules.py tests/test_loader.py tests/test_export.py tests/test_render.py \
	tests/test_cli.py tests/test_foreign_site.py tests/test_identity.py tests/test_watch.py

# The whole test suite on the exact versions of requirements.lock, then FLOOR_TESTS on the floors.
test: setup
	@start=$$(date +%s); \
	.venv/bin/python -m pytest && \
	./scripts/setup.sh floor && \
	echo "make test: deelverzameling op de laagste versies (requirements.floor.txt)" && \
	.venv-floor/bin/python -m pytest -q -p no:cacheprovider $(FLOOR_TESTS) && \
	echo "make test: klaar in $$(( $$(date +%s) - start )) s"
