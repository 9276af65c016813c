"""Screenshots of the page in five states, to compare a change that should look the same before and after.

    .venv/bin/python scripts/screens.py shoot DIR      # five PNGs into DIR (a real uvicorn, Debian's chromium)
    .venv/bin/python scripts/screens.py compare A B    # per state: pixels that differ, and the largest difference

The states: the default page, a weight's card, a node's card, train mode after 50 single steps, and a
dense [8,64,64,64,8] network. The live figures that move from run to run (updates per second) are
blanked before each shot. Comparing decodes the PNGs in the browser itself (no imaging package).
"""
import base64
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.support import CHROMIUM_ARGS, chromium_path, fragment, serve, sigmoid_state  # noqa: E402

STATES = ("default", "weight-card", "node-card", "train-50", "dense")


def shoot(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    proc, base = serve()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})

            def settle(name):
                page.wait_for_timeout(600)
                page.evaluate("document.querySelectorAll('#train-rate').forEach(e => e.textContent = '')")
                page.mouse.move(1, 1)
                page.screenshot(path=str(out / f"{name}.png"))

            page.goto(base + "/")
            page.wait_for_selector("body[data-ready]")
            settle("default")
            page.locator('.edge[data-l="2"][data-i="0"][data-j="1"]').dispatch_event("click")
            page.locator(".gradcheck [data-numeric]").wait_for()
            page.locator(".chain .cost-curve").wait_for()
            settle("weight-card")
            page.locator('.node[data-l="1"][data-i="1"]').dispatch_event("click")
            page.locator(".node-panel .gradcheck [data-numeric]").wait_for()
            settle("node-card")
            page.locator('button[aria-label="Close"]').first.click()
            page.click("#mode button[data-mode=train]")
            page.wait_for_selector("svg.plane circle.dot")
            for k in range(50):
                page.click("#train-step")
                _wait_steps(page, k + 1)
            settle("train-50")
            page.goto(base + "/" + fragment(sigmoid_state([8, 64, 64, 64, 8])))
            page.wait_for_selector("body[data-ready]")
            settle("dense")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)


def _wait_steps(page, n: int) -> None:
    for _ in range(400):
        if int(page.evaluate("+(document.querySelector('#train-steps').dataset.value || 0)")) >= n:
            return
        page.wait_for_timeout(25)
    raise RuntimeError(f"the page did not reach step {n}")


DIFF = """async ([a, b]) => {
    const load = (src) => new Promise((ok) => { const i = new Image(); i.onload = () => ok(i); i.src = src; });
    const [x, y] = await Promise.all([load(a), load(b)]);
    if (x.width !== y.width || x.height !== y.height) return {size: [x.width, x.height, y.width, y.height]};
    const px = (img) => { const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
        const g = c.getContext('2d'); g.drawImage(img, 0, 0); return g.getImageData(0, 0, c.width, c.height).data; };
    const p = px(x), q = px(y);
    let differ = 0, most = 0;
    for (let k = 0; k < p.length; k += 4) {
        const d = Math.max(Math.abs(p[k] - q[k]), Math.abs(p[k + 1] - q[k + 1]), Math.abs(p[k + 2] - q[k + 2]));
        if (d > 0) differ++;
        most = Math.max(most, d);
    }
    return {differ, most, total: p.length / 4};
}"""


def compare(a: Path, b: Path) -> int:
    from playwright.sync_api import sync_playwright

    uri = lambda p: "data:image/png;base64," + base64.b64encode(p.read_bytes()).decode()  # noqa: E731
    worst = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        for name in STATES:
            r = page.evaluate(DIFF, [uri(a / f"{name}.png"), uri(b / f"{name}.png")])
            if "size" in r:
                print(f"{name:12s} sizes differ: {r['size']}")
                worst = max(worst, 1)
                continue
            share = r["differ"] / r["total"]
            print(f"{name:12s} {r['differ']:8d} of {r['total']} pixels differ ({100 * share:.3f} %), largest channel difference {r['most']}")
            worst = max(worst, r["differ"])
        browser.close()
    return 0 if worst == 0 else 1


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    if cmd == "shoot":
        shoot(Path(args[0]))
    else:
        sys.exit(compare(Path(args[0]), Path(args[1])))
