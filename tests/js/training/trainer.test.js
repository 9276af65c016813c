import { test } from "node:test";
import assert from "node:assert/strict";
import { createTrainer } from "../../../static/js/training/trainer.js";

/** A stand-in for POST /api/v1/train: counts steps and echoes the optimizer state it was sent. */
function fakeApi({ divergeAt = Infinity } = {}) {
  const bodies = [];
  return {
    bodies,
    async train(body) {
      bodies.push(body);
      await new Promise((r) => setTimeout(r, 1));
      const before = body.optimizer_state?.step ?? 0;
      const step = before + body.steps;
      const diverged = step >= divergeAt;
      return {
        optimizer_state: { step: diverged ? divergeAt : step },
        history: [],
        diverged,
        divergence: diverged ? { step: divergeAt, layer: 1, message: "diverged" } : null,
      };
    },
  };
}

test("each frame carries the optimizer state of the one before", async () => {
  const api = fakeApi();
  const frames = [];
  const t = createTrainer({ api, request: () => ({ steps: 5 }), onFrame: (r, info) => frames.push(info.steps), onStop: () => {} });
  await t.step(1);
  await t.step(3);
  assert.deepEqual(frames, [1, 4]);
  assert.equal(api.bodies[0].optimizer_state, null);
  assert.deepEqual(api.bodies[1].optimizer_state, { step: 1 });
  assert.equal(t.steps, 4);
  t.reset();
  assert.equal(t.steps, 0);
  await t.step(2);
  assert.equal(api.bodies[2].optimizer_state, null, "reset starts a new run");
});

test("play chains frames until pause; nothing is sent after pause resolves", async () => {
  const api = fakeApi();
  const t = createTrainer({ api, request: () => ({ steps: 10 }), onFrame: () => {}, onStop: () => {} });
  t.play();
  assert.equal(t.running, true);
  await new Promise((r) => setTimeout(r, 30));
  await t.pause();
  const sent = api.bodies.length;
  assert.ok(sent >= 2, `several frames were sent (${sent})`);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(api.bodies.length, sent);
  assert.equal(t.running, false);
  assert.equal(t.steps, sent * 10);
});

test("a diverged frame stops the run and says why", async () => {
  const api = fakeApi({ divergeAt: 25 });
  let reason = null;
  const t = createTrainer({ api, request: () => ({ steps: 10 }), onFrame: () => {}, onStop: (r) => (reason = r) });
  t.play();
  for (let k = 0; k < 100 && !reason; k++) await new Promise((r) => setTimeout(r, 2));
  assert.equal(reason.divergence.step, 25);
  assert.equal(t.running, false);
  assert.equal(api.bodies.length, 3);
});

test("two runs in lockstep: one request each per frame, each with its own optimizer state", async () => {
  const api = fakeApi();
  const frames = [];
  let bodies = () => [{ steps: 5, run: "A" }, { steps: 5, run: "B" }];
  const t = createTrainer({ api, request: () => bodies(), onFrame: (r, info, others) => frames.push([info.steps, others.length]), onStop: () => {} });
  await t.step(2);
  await t.step(3);
  assert.deepEqual(api.bodies.map((b) => [b.run, b.optimizer_state?.step ?? null]), [["A", null], ["B", null], ["A", 2], ["B", 2]]);
  assert.deepEqual(frames, [[2, 1], [5, 1]]);
  bodies = () => [{ steps: 5, run: "A" }];
  await t.step(1);
  assert.deepEqual(api.bodies.at(-1).optimizer_state, { step: 5 }, "A alone again: its own state carries on");
  assert.equal(api.bodies.length, 5);
});

test("run B's divergence stops both, and says it was B", async () => {
  const api = fakeApi();
  const train = api.train;
  api.train = async (body) => {
    const r = await train(body);
    return body.run === "B" ? { ...r, diverged: true, divergence: { step: 3, message: "B diverged" } } : r;
  };
  let reason = null;
  const t = createTrainer({ api, request: () => [{ steps: 10, run: "A" }, { steps: 10, run: "B" }], onFrame: () => {}, onStop: (r) => (reason = r) });
  t.play();
  for (let k = 0; k < 100 && !reason; k++) await new Promise((r) => setTimeout(r, 2));
  assert.equal(reason.run, 1);
  assert.equal(reason.divergence.message, "B diverged");
  assert.equal(t.running, false);
});

test("frames and steps per second are measured apart: a frame of five steps counts five", async () => {
  const api = fakeApi();
  const infos = [];
  const t = createTrainer({ api, request: () => ({ steps: 5 }), onFrame: (r, info) => infos.push(info), onStop: () => {} });
  for (let k = 0; k < 4; k++) await t.step(5);
  const last = infos.at(-1);
  assert.ok(last.rate > 0);
  assert.ok(Math.abs(last.stepRate / last.rate - 5) < 1e-9, `${last.stepRate} / ${last.rate}`);
  assert.equal(t.stepRate(), last.stepRate);
});

/** POST /api/v1/train as the server keeps samples: a data_key for remember_data, refused once forgotten. */
function keepingApi() {
  const keys = new Map();
  const bodies = [];
  return {
    bodies,
    keys,
    async train(body) {
      bodies.push(body);
      let data = [body.input, body.target];
      if (body.data_key) {
        if (!keys.has(body.data_key)) {
          const e = new Error("data_key names samples this server does not hold");
          e.errors = [{ field: "data_key", message: e.message }];
          throw e;
        }
        data = keys.get(body.data_key);
      }
      const key = body.data_key ?? `k${keys.size}`;
      if (body.remember_data) keys.set(key, data);
      const step = (body.optimizer_state?.step ?? 0) + body.steps;
      return { optimizer_state: { step }, history: [], diverged: false, data_key: key, seen: data };
    },
  };
}

test("frames send the data_key of unchanged samples, the samples again when they change or the key is refused", async () => {
  const api = keepingApi();
  let sample = [[0, 1]];
  const seen = [];
  const t = createTrainer({ api, request: () => ({ steps: 1, input: sample, target: [[1]] }), onFrame: (r) => seen.push(r.seen), onStop: () => {} });
  await t.step(1);
  assert.deepEqual(api.bodies[0].input, [[0, 1]], "the first frame sends its samples");
  assert.equal(api.bodies[0].remember_data, true);
  await t.step(1);
  assert.equal(api.bodies[1].data_key, "k0", "the next, their key");
  assert.ok(!("input" in api.bodies[1]) && !("target" in api.bodies[1]));
  assert.deepEqual(seen[1], [[[0, 1]], [[1]]], "and the server trains on the same samples");
  sample = [[0, 2]];
  await t.step(1);
  assert.deepEqual(api.bodies[2].input, [[0, 2]], "new samples go whole");
  api.keys.clear(); // a restart, or another replica
  await t.step(1);
  assert.equal(api.bodies[3].data_key, "k1");
  assert.deepEqual(api.bodies[4].input, [[0, 2]], "a refused key: the same frame again, with its samples");
  assert.equal(t.steps, 4, "and the run goes on");
  await t.step(1);
  assert.deepEqual(api.bodies[5].input, [[0, 2]], "after a refusal, two frames whole (two replicas alternating both learn them)");
  await t.step(1);
  assert.ok(api.bodies[6].data_key && !("input" in api.bodies[6]), "then the key again");
});

test("behind a round-robin proxy of two replicas, a lone learner's frames settle on the key", async () => {
  const replicas = [keepingApi(), keepingApi()];
  let turn = 0;
  const bodies = [];
  const api = { async train(body) { bodies.push(body); return replicas[turn++ % 2].train(body); } };
  const t = createTrainer({ api, request: () => ({ steps: 1, input: [[1, 2]], target: [[0]] }), onFrame: () => {}, onStop: () => {} });
  for (let k = 0; k < 12; k++) await t.step(1);
  assert.equal(t.steps, 12);
  assert.ok(bodies.slice(-6).every((b) => b.data_key && !("input" in b)), "the last frames all send the key");
  assert.ok(bodies.length <= 12 + 2, "at most a couple of refused requests on the way");
});
