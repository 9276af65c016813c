// The body of the page's live-training frame for its defaults, built by the page's own modules (for
// bench/train.py and bench/classroom.py): reads the dataset's {input, target} as JSON on stdin and
// prints frameBody(state) of the state the page trains after pressing Train, without optimizer_state.
//   node bench/frame_body.mjs < dataset.json
import { readFileSync } from "node:fs";
import { defaultState } from "../static/js/app/state.js";
import { TRAIN_DEFAULTS } from "../static/js/app/url.js";
import { frameBody } from "../static/js/training/body.js";
import { split } from "../static/js/training/data.js";
import { fitToData } from "../static/js/training/fit.js";

const data = JSON.parse(readFileSync(0, "utf8"));
const { train, test } = split(data.input, data.target, TRAIN_DEFAULTS.testFraction, TRAIN_DEFAULTS.dataSeed);
const state = fitToData(defaultState(), { input: train.input, target: train.target, test, train: TRAIN_DEFAULTS });
process.stdout.write(JSON.stringify(frameBody(state)));
