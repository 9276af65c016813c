# Two commands on a fresh machine: `make run` and `make test`. Everything else is set up on the way.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
VENDOR := static/vendor

.PHONY: run test test-py test-js test-browser lint bench fuzz load docker-test ci deps assets browser clean

run: deps assets  ## serve the app on http://$(HOST):$(PORT)
	$(VENV)/bin/uvicorn --factory app.main:create_app --host $(HOST) --port $(PORT) \
		--workers $${BACKPROP_WORKERS:-1} --log-level $${BACKPROP_LOG_LEVEL:-info}

test: deps assets browser  ## every test: engine, API, front-end modules, the page in chromium
	$(PY) -m pytest -q -m "not slow"
	node --test tests/js/

# ---- set-up ----
deps: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Third-party front-end files come from node_modules, never from the repository.
assets: $(VENDOR)/.built
$(VENDOR)/.built: node_modules/.installed Makefile
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/swagger-ui $(VENDOR)/fonts
	node_modules/.bin/esbuild node_modules/d3/dist/d3.mjs --bundle --format=esm --minify \
		--log-level=warning --outfile=$(VENDOR)/d3.js
	node_modules/.bin/esbuild node_modules/temml/dist/temml.mjs --bundle --format=esm --minify \
		--log-level=warning --outfile=$(VENDOR)/temml.js
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/swagger-ui/
	cp node_modules/@fontsource/noto-sans-math/files/noto-sans-math-latin-400-normal.woff2 $(VENDOR)/fonts/NotoSansMath.woff2
	touch $@

# Debian's chromium for the page tests; Playwright cannot download browsers here.
browser:
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "chromium is missing: install Debian's chromium package (browser tests will skip)"; fi; }

lint: deps
	$(VENV)/bin/ruff check app tests bench

bench: deps assets browser  ## benchmark figures (not pass/fail)
	$(PY) bench/engine.py
	$(PY) bench/api.py

clean:
	rm -rf $(VENV) node_modules $(VENDOR)
