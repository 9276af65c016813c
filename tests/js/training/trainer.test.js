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
