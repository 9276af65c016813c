#!/bin/sh
# app/engine/fused.c -> app/engine/_fused.so, the compiled training kernel (app/engine/fused.py). make deps and the
# Dockerfile run it. As root without a C compiler, it installs Debian's gcc first.
# -std=c11: no contraction into fused multiply-adds, so that the arithmetic rounds as numpy's does.
set -eu
cd "$(dirname "$0")/.."
CC=${CC:-cc}
if ! command -v "$CC" >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc libc6-dev >/dev/null
    else
        echo "no C compiler ($CC): training runs in numpy alone, slower (install gcc and run make deps)" >&2
        exit 0
    fi
fi
"$CC" -std=c11 -O2 -Wall -Wextra -Werror -fPIC -shared -o app/engine/_fused.so app/engine/fused.c -lm
