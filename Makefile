# Two commands on a fresh machine: `make run` and `make test`. Everything else is set up on the way.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
VENDOR := static/vendor

.PHONY: run test test-py test-js test-browser lint bench fuzz load classroom docker-test docker-engine nginx wrk ci deps assets browser clean torch-test

run: deps assets  ## serve the app on http://$(HOST):$(PORT) (numpy's BLAS on one thread, as the image runs it)
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(VENV)/bin/uvicorn --factory app.main:create_app --host $(HOST) --port $(PORT) \
		--workers $${BACKPROP_WORKERS:-1} --log-level $${BACKPROP_LOG_LEVEL:-info} --root-path "$${BACKPROP_ROOT_PATH:-}"

test: deps assets browser nginx  ## every test: engine, API, front-end modules, the page in chromium
	$(VENV)/bin/ruff check app tests bench scripts
	$(PY) -m pytest -q -m "not slow"
	node --test tests/js/

# ---- set-up ----
deps: $(VENV)/.installed app/engine/_fused.so
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# The compiled training kernel (app/engine/fused.py); without a C compiler training runs in numpy alone.
app/engine/_fused.so: app/engine/fused.c scripts/build-kernel.sh
	scripts/build-kernel.sh

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Third-party front-end files come from node_modules, never from the repository.
# The recipe is a script because the Dockerfile runs the same one.
assets: $(VENDOR)/.built
$(VENDOR)/.built: node_modules/.installed scripts/build-assets.sh $(shell find static/js -name '*.js')
	scripts/build-assets.sh

# Debian's chromium for the page tests; Playwright cannot download browsers here.
browser:
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "chromium is missing: install Debian's chromium package (browser tests will skip)"; fi; }

# Debian's nginx for the scale-out test (two replicas behind it); docker.io and mmdebstrap for the image test.
nginx:
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; \
		else echo "nginx is missing: install Debian's nginx-light package (the nginx test will skip)"; fi; }

docker-engine:
	@{ command -v dockerd && command -v mmdebstrap; } >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends docker.io mmdebstrap >/dev/null; \
		else echo "dockerd or mmdebstrap is missing: the Docker test will skip"; fi; }

# ---- bounded suites outside `make test` ----
FUZZ_EXAMPLES ?= 500
fuzz: deps  ## schemathesis against the OpenAPI schema, $(FUZZ_EXAMPLES) cases per endpoint
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q -m slow tests/api/test_schema_fuzz.py

LOAD_SECONDS ?= 60
load: deps wrk  ## bounded load on loopback: backprop vs a no-op floor, latency, RSS
	$(PY) bench/load.py --seconds $(LOAD_SECONDS)

CLASSROOM_SECONDS ?= 20
classroom: deps assets nginx  ## 30 learners training live and 10 exploring, two replicas behind nginx: learners per server core
	$(PY) bench/classroom.py --seconds $(CLASSROOM_SECONDS)

wrk:
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
		else echo "wrk is missing (apt-get install wrk): bench/load.py falls back to an asyncio client"; fi; }

docker-test: deps docker-engine  ## build the image (local Debian base, own dockerd) and run it
	$(PY) -m pytest -q tests/deploy/test_docker.py

# torch in a venv of its own (torch==2.13.0 is the CPU wheel on local disk; a plain torch may pull CUDA builds).
TORCH_VENV := .venv-torch
torch-test: deps $(TORCH_VENV)/.installed  ## the PyTorch scripts of /api/v1/code, run by torch, against /backprop
	BACKPROP_TORCH_PYTHON=$(abspath $(TORCH_VENV))/bin/python $(PY) -m pytest -q -m torch tests/code/test_pytorch_script.py

$(TORCH_VENV)/.installed:
	$(PYTHON) -m venv $(TORCH_VENV)
	$(TORCH_VENV)/bin/python -m pip install -q torch==2.13.0 numpy
	touch $@

lint: deps
	$(VENV)/bin/ruff check app tests bench scripts

bench: deps assets browser  ## benchmark figures (not pass/fail)
	$(PY) bench/engine.py
	$(PY) bench/api.py
	$(PY) bench/train.py
	$(PY) bench/page.py

clean:
	rm -rf $(VENV) $(TORCH_VENV) node_modules $(VENDOR)
