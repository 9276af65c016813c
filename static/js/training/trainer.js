// The training loop: one POST /api/v1/train per frame, chained while playing.
// The server keeps nothing: the optimizer's state travels with each request, so
// play, pause and step give the same run as one long request (seeded minibatches).

/**
 * @param {{train: (body) => Promise<object>}} api
 * @param {() => object} request  the body of the next frame, without optimizer_state
 * @param {(response, info) => void} onFrame  after every frame, with {steps, rate}
 * @param {(reason: {divergence?, error?}) => void} onStop  when training stops by itself
 */
export function createTrainer({ api, request, onFrame, onStop }) {
  let optimizerState = null;
  let running = false;
  let busy = null; // the request under way
  const stamps = []; // frame times, for updates per second

  async function frame(steps) {
    const body = { ...request(), optimizer_state: optimizerState };
    if (steps) body.steps = steps;
    busy = api.train(body);
    let res;
    try {
      res = await busy;
    } finally {
      busy = null;
    }
    optimizerState = res.optimizer_state;
    const now = performance.now();
    stamps.push(now);
    while (stamps.length && now - stamps[0] > 2000) stamps.shift();
    onFrame(res, { steps: optimizerState.step, rate: rate() });
    if (res.diverged) {
      running = false;
      onStop({ divergence: res.divergence });
    }
    return res;
  }

  /** Updates per second over the last two seconds. */
  function rate() {
    if (stamps.length < 2) return 0;
    return ((stamps.length - 1) * 1000) / (stamps.at(-1) - stamps[0]);
  }

  async function loop() {
    while (running) {
      try {
        await frame();
      } catch (error) {
        running = false;
        onStop({ error });
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
      return optimizerState?.step ?? 0;
    },
    rate,
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
    /** Forget the optimizer's state: the next frame starts a new run. */
    reset() {
      running = false;
      optimizerState = null;
      stamps.length = 0;
    },
  };
}
