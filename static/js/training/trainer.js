// The training loop: one POST /api/v1/train per frame, chained while playing.
// The server keeps nothing: the optimizer's state travels with each request, so
// play, pause and step give the same run as one long request (seeded minibatches).
// A comparison trains two runs in lockstep: a frame sends one request per run (in parallel),
// each with its own optimizer state, and lands when every answer has.

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

  // Each run's samples as last sent, and the data_key its answer gave for them: the next frames send the key
  // instead of the same samples (each replica behind the proxy keeps them a while). A replica that does not
  // hold them refuses the key by name, and the frame goes again with its samples; after the k-th refusal in a
  // row the next 2^k frames go whole, so that every replica a round-robin proxy alternates learns them.
  const kept = [];

  async function send(body, run) {
    const memo = (kept[run] ??= { data: null, key: null, whole: 0, misses: 0 });
    const data = JSON.stringify([body.input, body.target, body.test_input ?? null, body.test_target ?? null]);
    if (memo.data !== data) Object.assign(memo, { data, key: null, whole: 0, misses: 0 });
    let sent = { ...body, remember_data: true };
    if (memo.key && memo.whole === 0) {
      const { input, target, test_input, test_target, ...rest } = body;
      sent = { ...rest, data_key: memo.key };
    } else if (memo.whole > 0) memo.whole--;
    try {
      const res = await api.train(sent);
      if (res.data_key) memo.key = res.data_key;
      if (sent.data_key) memo.misses = 0;
      return res;
    } catch (e) {
      if (sent.data_key && e.errors?.some((x) => x.field === "data_key")) {
        memo.misses++;
        memo.whole = 2 ** memo.misses;
        return send(body, run);
      }
      kept[run] = null;
      throw Object.assign(e, { run });
    }
  }

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
