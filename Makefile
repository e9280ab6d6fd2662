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

# The whole test suite.
test: setup
	.venv/bin/python -m pytest
