// Training data as CSV, in and out: any number of columns under a header that names them; the
// targets read from the names (columns.js), the rest inputs; Download writes the same table back,
// with a split column, so that uploading it again gives the same data, split as it was.
// Pure: no DOM, so node --test imports it as the browser does.
import { checkTable, guessTargets, parseTable } from "./columns.js";
import { dataCsv, fromTable } from "./dataset.js";

/**
 * Read CSV text as training data: {data, guessed} (guessed: no column was named as a target, so the
 * targets are a guess the learner should see), or {errors}, each naming its line and what is wrong.
 */
export function readCsv(text, options = {}) {
  const table = parseTable(text);
  if (!table.columns.length || table.errors.some((e) => e.startsWith("line 1 "))) return { errors: table.errors };
  const { targets, named } = guessTargets(table);
  const errors = [...table.errors, ...checkTable(table, targets)];
  if (errors.length) return { errors };
  return { data: fromTable(table, targets, options), guessed: !named };
}

/** The table a data object was read from: its rows, training rows first, with their split. */
export function tableOf(data) {
  return {
    columns: data.columns,
    rows: [...data.rows.train, ...data.rows.test],
    split: [...data.rows.train.map(() => "train"), ...data.rows.test.map(() => "test")],
  };
}

/** Other target columns for the same table (the split kept): {data} or {errors}. */
export function chooseTargets(data, targets) {
  const table = tableOf(data);
  const errors = checkTable(table, targets);
  if (errors.length) return { errors };
  return { data: fromTable(table, targets, { standardise: data.standardise, name: data.name, extra: sourceOf(data) }) };
}

const sourceOf = ({ source, licence, dropped }) => Object.fromEntries(Object.entries({ source, licence, dropped }).filter(([, v]) => v !== undefined));

export const toCsv = dataCsv;
