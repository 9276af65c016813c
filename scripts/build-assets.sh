#!/bin/sh
# Builds static/vendor/ from node_modules/ (npm ci first). Shared by `make assets` and the Dockerfile,
# so that the page's third-party files are made one way only.
set -eu
cd "$(dirname "$0")/.."
VENDOR=static/vendor
BIN=node_modules/.bin

rm -rf "$VENDOR" && mkdir -p "$VENDOR/swagger-ui" "$VENDOR/fonts"
"$BIN/esbuild" node_modules/d3/dist/d3.mjs --bundle --format=esm --minify \
	--log-level=warning --outfile="$VENDOR/d3.js"
"$BIN/esbuild" node_modules/temml/dist/temml.mjs --bundle --format=esm --minify \
	--log-level=warning --outfile="$VENDOR/temml.js"
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css "$VENDOR/swagger-ui/"
cp node_modules/@fontsource/noto-sans-math/files/noto-sans-math-latin-400-normal.woff2 "$VENDOR/fonts/NotoSansMath.woff2"
touch "$VENDOR/.built"
