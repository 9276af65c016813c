"""The page in headless chromium: time to first draw, and time to re-colour after new gradients.

For [2,3,1], [4,16,16,4] and [8,64,64,64,8]: loads the page with the network in its #s= fragment
(weights initialised by the API from a seed), and reads
  - first draw: navigation start -> the graph drawn (performance mark "bpv:first-draw"), which
    includes loading the modules and the POST /api/v1/backprop round trip;
  - render: the JavaScript time of that first draw alone;
  - re-colour: new gradients pushed through the page's drawing path (window.__bpv.recolour), as
    script time and as time to the next frame.
  (boot) is navigation start -> the request (HTML, CSS, the modules' load and evaluation), (API)
  the POST /api/v1/backprop round trip inside the first draw, (graph) the graph's build (on
  dense graphs: the canvas and the .edge data carriers).
Targets: first draw of the largest under 300 ms, re-colour under 30 ms.
Run: .venv/bin/python bench/page.py  (needs `make assets` and Debian's chromium)
"""
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.support import chromium_path, fragment, serve, sigmoid_state  # noqa: E402

NETWORKS = [[2, 3, 1], [4, 16, 16, 4], [8, 64, 64, 64, 8]]
LOADS, RECOLOURS = 7, 15
FIRST_DRAW_TARGET, RECOLOUR_TARGET = 300.0, 30.0


def main() -> None:
    chromium = chromium_path()
    if chromium is None:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    proc, base = serve()
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            page.goto(base + "/")  # warm the HTTP cache for the modules, as a returning visitor has it
            page.wait_for_selector("body[data-ready]")
            for sizes in NETWORKS:
                firsts, renders, boots, apis, graphs = [], [], [], [], []
                for _ in range(LOADS):
                    page.goto("about:blank")
                    page.goto(base + "/" + fragment(sigmoid_state(sizes)))
                    page.wait_for_selector("body[data-ready]")
                    firsts.append(page.evaluate("performance.getEntriesByName('bpv:first-draw')[0].startTime"))
                    renders.append(page.evaluate("window.__bpv.timings.lastRender"))
                    marks = page.evaluate("Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, m.startTime]))")
                    boots.append(marks["bpv:request"])
                    apis.append(marks["bpv:response"] - marks["bpv:request"])
                    graphs.append(marks["bpv:graph"] - marks["bpv:model"])
                edges = page.evaluate("document.querySelectorAll('.edge').length")
                syncs, frames = [], []
                for k in range(RECOLOURS):
                    r = page.evaluate(f"window.__bpv.recolour({-1.3 if k % 2 else 0.7})")
                    syncs.append(r["sync"])
                    frames.append(r["frame"])
                rows.append((sizes, edges, statistics.median(firsts), statistics.median(renders),
                             statistics.median(syncs), statistics.median(frames),
                             statistics.median(boots), statistics.median(apis), statistics.median(graphs)))
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)

    print(f"page benchmark, headless chromium, 1280×800, medians of {LOADS} loads and {RECOLOURS} re-colours")
    print(f"{'network':<18}{'edges':>7}{'first draw':>12}{'(boot)':>9}{'(API)':>9}{'(render)':>10}{'(graph)':>9}{'re-colour':>11}{'(to frame)':>12}")
    for sizes, edges, first, render, sync, frame, boot_ms, api_ms, graph_ms in rows:
        print(f"{str(sizes):<18}{edges:>7}{first:>10.1f}ms{boot_ms:>7.1f}ms{api_ms:>7.1f}ms{render:>8.1f}ms{graph_ms:>7.1f}ms{sync:>9.1f}ms{frame:>10.1f}ms")
    sizes, _, first, _, sync, frame, _, _, _ = rows[-1]
    print(f"largest {sizes}: first draw {first:.0f} ms = {first / FIRST_DRAW_TARGET:.2f}× the {FIRST_DRAW_TARGET:.0f} ms target; "
          f"re-colour {sync:.1f} ms script, {frame:.1f} ms to the next frame = {frame / RECOLOUR_TARGET:.2f}× the {RECOLOUR_TARGET:.0f} ms target")


if __name__ == "__main__":
    main()
