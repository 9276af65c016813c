"""How the routes answer: strict JSON, never NaN or Infinity."""

import pytest

from tests.conftest import strict_json


def test_strict_json_response_never_sends_nan():
    from app.api.errors import ComputeError
    from app.api.routes.reply import reply

    values = [0.1, 1e308, -2.5e-300, 1 / 3, 5e-324]
    assert strict_json(reply({"x": values}).body) == {"x": values}  # every float round-trips exactly
    assert reply({"message": "NaN is not a number; Infinity neither"}).body.startswith(b'{"message"')
    for bad in (float("nan"), float("inf"), -float("inf")):
        with pytest.raises(ComputeError):
            reply({"x": [1.0, bad]})


def test_work_is_placed_on_the_loop_in_the_pool_or_one_at_a_time():
    import threading
    import time

    from app.api.routes.reply import IN_POOL, ON_LOOP, ONE_AT_A_TIME, _alone, place

    assert [place(w, 10, 100) for w in (0, 10, 11, 99, 100)] == [ON_LOOP, ON_LOOP, IN_POOL, IN_POOL, ONE_AT_A_TIME]
    running, most = [], []

    def heavy():
        running.append(1)
        most.append(len(running))
        time.sleep(0.01)
        running.pop()

    threads = [threading.Thread(target=_alone, args=(heavy,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most == [1, 1, 1, 1]  # never two heavy requests computing at once
