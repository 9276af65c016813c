// The training loop: one POST /api/v1/train per frame, chained while playing.
// The server keeps nothing: the optimizer's state travels with each request, so
// play, pause and step give the same run as one long request (seeded minibatches).
// A comparison trains two runs in lockstep: a frame sends one request per run (in parallel),
// each with its own optimizer state, and lands when every answer has.

import { keptSender } from "./kept.js";

/**
 * @param {{train: (body) => Promise<object>}} api
 * @param {() => object | object[]} request  the body of the next frame without optimizer_state, or
 *   one per run (run A's first)
 * @param {(response, info, others) => ({divergence} | null)} onFrame  after every frame, with run A's
 *   response, {steps, rate, stepRate} (frames and steps per second, measured) and the other runs'
 *   responses; a divergence it returns stops the run
 * @param {(reason: {divergence?, error?, run?}) => void} onStop  when training stops by itself
 *   (run: which run's answer stopped it, 0 for A)
 */
export function createTrainer({ api, request, onFrame, onStop }) {
  let states = []; // each run's optimizer state
  let running = false;
  let busy = null; // the requests under way
  const stamps = []; // [time, step] of each frame, for frames and steps per second

  const send = keptSender(api); // each run's POST /api/v1/train, its samples named by data_key once kept

  async function frame(steps) {
    const bodies = [request()].flat().map((b, k) => ({ ...b, optimizer_state: states[k] ?? null, ...(steps ? { steps } : {}) }));
    busy = Promise.all(bodies.map((body, run) => send(body, run)));
    let res;
    try {
      res = await busy;
    } finally {
      busy = null;
    }
    states = res.map((r) => r.optimizer_state);
    const now = performance.now();
    stamps.push([now, states[0].step]);
    while (stamps.length && now - stamps[0][0] > 2000) stamps.shift();
    // onFrame may find a divergence the server could not (a cost blown up, still finite): {divergence}
    const found = onFrame(res[0], { steps: states[0].step, rate: rate(), stepRate: stepRate() }, res.slice(1));
    const run = res.findIndex((r) => r.diverged);
    if (run >= 0 || found?.divergence) {
      running = false;
      onStop(run >= 0 ? { divergence: res[run].divergence, run } : { divergence: found.divergence, run: 0 });
    }
    return res[0];
  }

  /** Frames (requests answered) per second over the last two seconds. */
  function rate() {
    if (stamps.length < 2) return 0;
    return ((stamps.length - 1) * 1000) / (stamps.at(-1)[0] - stamps[0][0]);
  }

  /** Training steps per second over the same two seconds: a frame takes stepsPerFrame of them. */
  function stepRate() {
    if (stamps.length < 2) return 0;
    return ((stamps.at(-1)[1] - stamps[0][1]) * 1000) / (stamps.at(-1)[0] - stamps[0][0]);
  }

  async function loop() {
    while (running) {
      try {
        await frame();
      } catch (error) {
        running = false;
        onStop({ error, run: error.run ?? 0 });
        return;
      }
      // no wait here: the views draw on the browser's next frame while this request is in flight
    }
  }

  return {
    get running() {
      return running;
    },
    get steps() {
      return states[0]?.step ?? 0;
    },
    rate,
    stepRate,
    play() {
      if (running) return;
      running = true;
      stamps.length = 0;
      loop();
    },
    /** Stop after the request under way; resolves when it has landed. */
    async pause() {
      running = false;
      if (busy) await busy.catch(() => null);
    },
    /** One frame of `steps` steps (1 by default), when paused. */
    async step(steps = 1) {
      if (running || busy) return null;
      return frame(steps);
    },
    /** Forget the optimizers' states: the next frame starts a new run. */
    reset() {
      running = false;
      states = [];
      stamps.length = 0;
    },
  };
}
