// A table of numbers read from CSV text, of any width: its header names the columns; which of them are
// targets is read from the names (y…, target, label, class) or chosen later; a text column is a class
// label; a `split` column (train/test) keeps the rows' split, so that a downloaded file uploads back
// exactly. Pure: no DOM, so node --test imports it as the browser does.

const MAX_ERRORS_NAMED = 50; // a broken file of a million lines stops being read after this many

/** One CSV line's cells: commas outside double quotes separate them; "" inside quotes is a quote. */
export function cellsOf(line) {
  const cells = [];
  let cell = "";
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const c = line[k];
    if (quoted) {
      if (c === '"' && line[k + 1] === '"') cell += c, k++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") cells.push(cell), (cell = "");
    else cell += c;
  }
  cells.push(cell);
  return cells.map((x) => x.trim());
}

/** A cell as CSV writes it: quoted when it holds a comma, a quote or spaces at its ends. */
export const csvCell = (v) => {
  const s = String(v);
  return /[",\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const isSplit = (name) => name.toLowerCase() === "split";

/** Whether a column's name says it is a target: y, y0, y_1, "y (mpg)", target…, label…, class, species. */
export const namedTarget = (name) => /^(y(\d+|[\s_(].*)?|targets?(\b.*)?|labels?(\b.*)?|class(es)?|species)$/i.test(name.trim());

/**
 * Parse CSV text into a table: {columns, rows, split, errors}. rows hold numbers, and text where a
 * cell is not a number (only a target may be text: checkTable judges that once targets are chosen);
 * split is "train"/"test" per row, or null when the file has no split column; lines, each row's line.
 * Each error names its line.
 */
export function parseTable(text) {
  const lines = String(text).replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = lines[0]?.trim();
  if (!header) return { columns: [], rows: [], split: null, errors: ["the file is empty: it needs a header row, then one sample per row"] };
  const names = cellsOf(header);
  const errors = [];
  const blank = names.findIndex((n) => n === "");
  if (blank >= 0) errors.push(`line 1 (the header), column ${blank + 1} has no name`);
  const dup = names.find((n, k) => names.indexOf(n) !== k);
  if (dup !== undefined) errors.push(`line 1 (the header) names “${dup}” twice`);
  if (names.length < 2 + names.filter(isSplit).length) errors.push("line 1 (the header) has one column: a sample needs an input and a target");
  const at = names.findIndex(isSplit);
  const columns = names.filter((_, k) => k !== at);
  const rows = [];
  const lineNo = []; // each row's line in the file, for messages
  const split = at >= 0 ? [] : null;
  for (let k = 1; k < lines.length && errors.length < MAX_ERRORS_NAMED; k++) {
    if (!lines[k].trim()) continue;
    const cells = cellsOf(lines[k]);
    if (cells.length !== names.length) {
      errors.push(`line ${k + 1} has ${cells.length} values, but the header has ${names.length} columns`);
      continue;
    }
    if (at >= 0) {
      const s = cells[at].toLowerCase();
      if (s !== "train" && s !== "test") {
        errors.push(`line ${k + 1}, column ${at + 1} (split): “${cells[at].slice(0, 20)}” is neither train nor test`);
        continue;
      }
      split.push(s);
    }
    rows.push(cells.filter((_, j) => j !== at).map(valueOf));
    lineNo.push(k + 1);
  }
  if (!errors.length && rows.length === 0) errors.push("the file has a header but no samples");
  if (split && !errors.length && !split.includes("train")) errors.push("every row's split is test: at least one must be train");
  return { columns, rows, split, lines: lineNo, errors };
}

/** A cell's value: a finite number, or its text ("" stays "", a missing number). */
function valueOf(cell) {
  if (cell === "") return "";
  const v = Number(cell);
  return Number.isFinite(v) && !/^0x/i.test(cell) ? v : cell;
}

/** A column of class names: most of its cells are text (a few numbers among them are names too). */
export const isTextColumn = (rows, k) => 2 * rows.filter((r) => typeof r[k] === "string" && r[k] !== "").length > rows.length;

/**
 * The target columns a table's names suggest: those named as targets; else a text column, the
 * label; else the last column. {targets, named}: named false when it was a guess.
 */
export function guessTargets({ columns, rows }) {
  const named = columns.flatMap((c, k) => (namedTarget(c) ? [k] : []));
  if (named.length && named.length < columns.length) return { targets: named, named: true };
  const text = columns.flatMap((_, k) => (isTextColumn(rows, k) ? [k] : []));
  if (text.length === 1) return { targets: text, named: false };
  return { targets: [columns.length - 1], named: false };
}

/**
 * What is wrong with a table for these targets, line by line (empty when it can be trained on): an
 * input must be a number; a target column is numbers, or one column of class names.
 */
export function checkTable({ columns, rows, lines }, targets) {
  const errors = [];
  if (!targets.length) errors.push("no column is a target: choose at least one");
  if (targets.length === columns.length) errors.push("every column is a target: at least one must be an input");
  const text = targets.filter((k) => isTextColumn(rows, k));
  if (text.length && targets.length > 1) {
    errors.push(`“${columns[text[0]]}” holds class names, so it must be the only target (${targets.length} are chosen)`);
  }
  const line = (r) => lines?.[r] ?? r + 2;
  for (let r = 0; r < rows.length && errors.length < MAX_ERRORS_NAMED; r++) {
    const bad = rows[r].findIndex((v, k) => (text.includes(k) ? v === "" : typeof v !== "number"));
    if (bad < 0) continue;
    const v = rows[r][bad];
    const what = v === "" ? "is empty" : `“${String(v).slice(0, 20)}” is not a finite number`;
    errors.push(`line ${line(r)}, column ${bad + 1} (${columns[bad]}): ${what}`);
  }
  return errors;
}

/** The class names of a text target column, sorted (the same classes in any order of rows). */
export const classNames = (rows, k) => [...new Set(rows.map((r) => String(r[k])))].sort();
