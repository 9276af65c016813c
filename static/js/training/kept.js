// A training frame's samples named by the data_key the server returned for them (POST /api/v1/train's
// remember_data): the next frames send the key instead of the same samples, since each replica behind the
// proxy keeps them a while. A replica that does not hold them refuses the key by name, and the frame goes
// again with its samples; after the k-th refusal in a row the next 2^k frames go whole, so that every
// replica a round-robin proxy alternates learns them.

/**
 * @param {{train: (body) => Promise<object>}} api
 * @returns {(body, run: number) => Promise<object>} POST /api/v1/train of one run's frame; a refusal
 *   other than the key's is thrown with its run
 */
export function keptSender(api) {
  const kept = []; // per run: its samples as last sent (JSON), their key, frames still to send whole, refusals in a row

  return async function send(body, run) {
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
  };
}
