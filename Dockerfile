# backprop-viz: `docker build -t backprop . && docker run -p 8000:8000 backprop`
# Every stage starts from debian:bookworm-slim and uses Debian's own nodejs, npm and python3;
# the rest comes from package-lock.json (npm) and pyproject.toml (PyPI).
#
# EXTRA_CA_CERT: PEM text of a proxy's CA, for networks that intercept TLS. Only the build stages
# trust it; the final image never holds it.

# ---- the page's third-party assets, from package-lock.json ----
FROM debian:bookworm-slim AS assets
ARG EXTRA_CA_CERT=""
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && if [ -n "$EXTRA_CA_CERT" ]; then \
        printf '%s\n' "$EXTRA_CA_CERT" > /usr/local/share/ca-certificates/extra.crt && update-ca-certificates; fi
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY scripts/build-assets.sh scripts/
COPY static/js static/js
RUN scripts/build-assets.sh

# ---- the Python dependencies, read from pyproject.toml (code changes do not reinstall them), and the kernel ----
FROM debian:bookworm-slim AS deps
ARG EXTRA_CA_CERT=""
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 python3-venv ca-certificates gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/* \
    && if [ -n "$EXTRA_CA_CERT" ]; then \
        printf '%s\n' "$EXTRA_CA_CERT" > /usr/local/share/ca-certificates/extra.crt && update-ca-certificates; fi
COPY pyproject.toml /tmp/pyproject.toml
RUN python3 -m venv /opt/venv \
    && python3 -c "import tomllib; print('\n'.join(tomllib.load(open('/tmp/pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && PIP_CERT=/etc/ssl/certs/ca-certificates.crt /opt/venv/bin/pip install --no-cache-dir --disable-pip-version-check \
        -r /tmp/requirements.txt
# the compiled training kernel (app/engine/fused.py)
WORKDIR /src
COPY scripts/build-kernel.sh scripts/
COPY app/engine/fused.c app/engine/
RUN scripts/build-kernel.sh

# ---- the app ----
FROM debian:bookworm-slim
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin backprop
ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY --from=deps /opt/venv /opt/venv
WORKDIR /srv/backprop
COPY app app
COPY --from=deps /src/app/engine/_fused.so app/engine/
COPY templates templates
COPY static static
COPY --from=assets /src/static/vendor static/vendor
USER 10001

# PORT, BACKPROP_WORKERS, _LOG_LEVEL and _ROOT_PATH go to uvicorn when the container starts;
# the app reads the other BACKPROP_* settings itself.
# FORWARDED_ALLOW_IPS (read by uvicorn) trusts X-Forwarded-* from any proxy in front: narrow it to yours.
ENV PORT=8000 BACKPROP_WORKERS=1 BACKPROP_LOG_LEVEL=info BACKPROP_ROOT_PATH="" FORWARDED_ALLOW_IPS=*
# numpy's BLAS on one thread: requests run side by side, and idle BLAS threads spin (a large pass took six
# times the CPU time on two threads: bench/limits.py). Scale with BACKPROP_WORKERS or replicas instead.
ENV OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python3", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ['PORT'], timeout=4)"]
# sh only expands the variables; exec makes uvicorn PID 1, so that it gets SIGTERM from `docker stop`.
CMD ["sh", "-c", "exec uvicorn --factory app.main:create_app --host 0.0.0.0 --port \"$PORT\" --proxy-headers --workers \"$BACKPROP_WORKERS\" --log-level \"$BACKPROP_LOG_LEVEL\" --root-path \"$BACKPROP_ROOT_PATH\""]
