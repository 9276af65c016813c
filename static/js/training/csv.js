// Training data as CSV, in and out: a header row, then the input columns and the target columns.
// Pure: no DOM, so node --test imports it as the browser does.

/** The current data as CSV: a header row (x1.., y1..), then one sample per row. */
export function toCsv(input, target) {
  const nIn = input[0]?.length ?? 0;
  const nOut = target[0]?.length ?? 0;
  const head = [...Array.from({ length: nIn }, (_, k) => `x${k + 1}`), ...Array.from({ length: nOut }, (_, k) => `y${k + 1}`)];
  const rows = input.map((x, s) => [...x, ...target[s]].map(String).join(","));
  return [head.join(","), ...rows].join("\n") + "\n";
}

/**
 * Parse CSV text: a header row, then `nIn` input columns and `nOut` target columns per row.
 * Returns {input, target, errors}; each error names its line and says what is wrong.
 */
export function parseCsv(text, nIn, nOut) {
  const errors = [];
  const lines = String(text).replace(/^\uFEFF/, "").split(/\r?\n/);
  const width = nIn + nOut;
  const header = lines[0]?.trim();
  if (!header) return { input: [], target: [], errors: ["the file is empty: it needs a header row, then one sample per row"] };
  const cols = header.split(",").length;
  if (cols !== width) {
    errors.push(`line 1 (the header) has ${cols} columns, but the network needs ${nIn} input and ${nOut} target columns (${width} in all)`);
  }
  const input = [];
  const target = [];
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k].trim();
    if (!line) continue;
    const cells = line.split(",");
    if (cells.length !== width) {
      errors.push(`line ${k + 1} has ${cells.length} values, but the network needs ${width}`);
      continue;
    }
    const values = cells.map((c) => (c.trim() === "" ? NaN : Number(c)));
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      errors.push(`line ${k + 1}, column ${bad + 1}: “${cells[bad].trim().slice(0, 20)}” is not a finite number`);
      continue;
    }
    input.push(values.slice(0, nIn));
    target.push(values.slice(nIn));
  }
  if (!errors.length && input.length === 0) errors.push("the file has a header but no samples");
  return { input, target, errors };
}
