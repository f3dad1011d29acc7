#!/usr/bin/env python3
"""Measure the site in headless Chromium: page weight, search latency per keystroke, time to ready.

Usage: python bench/site_bench.py [--runs 5] [--big] [--page-items N]

Goals (issue 4): at most 60 KB gzipped for the 100-item document, all files; per-keystroke p95 at
most 2 ms at 100 items and 10 ms at 10,000; search ready within 200 ms at 10,000 items; (issue 16)
the first question's top above 400 px on a 1280 by 800 screen, for the seed and 10,000 items.
A keystroke here is what the input handler does: fold, search, rank, move result nodes,
highlight matches; layout and paint come after and are not counted. Results held in chunk scripts
arrive later: "shown" is the time from the keystroke until every result of its first page is in
the page, chunks loaded (the next keystroke waits for it, as a reader typing at 10 keys a second
would). ``--big`` adds a collection of 100,000 items; ``--page-items`` overrides how many items the
page holds as HTML, to choose that number.
"""

from __future__ import annotations

import argparse
import gzip
import random
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qapress.build import sources
from qapress.items import Document, Item
from qapress.render import paths
from qapress.render.site.page import PAGE_ITEMS, render_site
from qapress.settings import Settings

QUERIES = ("autoencoder", "variational latent", "denoisng", "β-vae kl", "sparse penalty", "reconstr error")
TOPICS = ("fundamentals", "generative::variational", "generative::adversarial", "training::objectives",
          "regularised::sparse", "applications::domains", "latent-space")


def synthetic(count: int, seed: int = 4) -> Document:
    """Return a document of ``count`` items over a large vocabulary with a realistic skew."""
    rng = random.Random(seed)
    source = (ROOT / "source" / "autoencoders.md").read_text(encoding="utf-8")
    real = sorted({w.strip(".,;:()*?") for w in source.split() if w.isascii()} - {""})
    syllables = ["ka", "lo", "mi", "ne", "ro", "ta", "vu", "shi", "en", "cod", "lat", "ent", "gra", "phy"]
    made_up = {"".join(rng.choices(syllables, k=rng.randint(2, 5))) for _ in range(30000)}
    vocabulary = real + sorted(made_up)
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]

    def sentence(length: int) -> str:
        return " ".join(rng.choices(vocabulary, weights, k=length))

    items = tuple(
        Item(n, sentence(rng.randint(5, 12)) + "?", sentence(rng.randint(20, 60)) + ".",
             ("synthetic", *rng.sample(TOPICS, rng.randint(1, 2))), f"q{n}", n)
        for n in range(1, count + 1)
    )
    return Document("synthetic.md", "synthetic", f"Synthetic {count}", items)


def write(documents: Sequence[Document], folder: Path, page_items: int = PAGE_ITEMS) -> dict[str, bytes]:
    """Render the site into ``folder``; return its files."""
    files = render_site(documents, Settings(stamp=0), page_items=page_items)
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return files


def driver() -> Any:
    """Start Debian's headless Chromium."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,800"):
        options.add_argument(flag)
    browser = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    # The window's frame takes some of its size; the page itself gets exactly 1280 by 800.
    screen = {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", screen)
    return browser


KEYSTROKES = """
const done = arguments[arguments.length - 1];
const page = window.qapress.page, engine = window.qapress.engine, words = qapressSearch.words;
const full = [], shown = [], bare = [];
(async () => {
  for (const query of arguments[0]) {
    for (let end = 1; end <= query.length; end++) {
      const typed = query.slice(0, end);
      let t = performance.now();
      page.change({q: typed});
      full.push(performance.now() - t);
      await page.settled;
      shown.push(performance.now() - t);
      engine.matchCache.clear();
      t = performance.now();
      engine.search(Array.from(new Set(words(typed))), null);
      bare.push(performance.now() - t);
    }
    page.change({q: ''});
    await page.settled;
  }
  return [full, shown, bare];
})().then(done);
"""

READY = """
const nav = performance.getEntriesByType('navigation')[0];
const ready = performance.getEntriesByName('qapress-ready')[0].startTime;
const first = document.querySelector('main .item').getBoundingClientRect().top;
return [ready, ready - nav.domInteractive, first];
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(browser: Any, url: str, runs: int) -> dict[str, float]:
    """Return medians over ``runs`` page loads of ready time and keystroke percentiles."""
    rows: dict[str, list[float]] = {}
    for _ in range(runs):
        browser.get("about:blank")
        browser.get(url)
        ready, after_html, first = browser.execute_script(READY)
        full, shown, bare = browser.execute_async_script(KEYSTROKES, list(QUERIES))
        for name, value in (("ready", ready), ("after_html", after_html), ("first", first),
                            ("p50", percentile(full, 0.5)), ("p95", percentile(full, 0.95)),
                            ("shown_p95", percentile(shown, 0.95)),
                            ("search_p95", percentile(bare, 0.95))):
            rows.setdefault(name, []).append(value)
    return {name: statistics.median(values) for name, values in rows.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big", action="store_true", help="add a collection of 100,000 items")
    parser.add_argument("--page-items", type=int, default=PAGE_ITEMS,
                        help=f"items the page holds as HTML (default {PAGE_ITEMS})")
    args = parser.parse_args()
    autoencoders = sources.gather([ROOT / "source" / "autoencoders.md"]).documents[0]
    sites = [("autoencoders (100)", lambda: autoencoders), ("synthetic 100", lambda: synthetic(100)),
             ("synthetic 10,000", lambda: synthetic(10_000))]
    if args.big:
        sites.append(("synthetic 100,000", lambda: synthetic(100_000)))
    browser = driver()
    browser.set_script_timeout(600)
    try:
        with tempfile.TemporaryDirectory() as temp:
            print(f"{'site':<22}{'files KB':>10}{'gzip KB':>10}{'ready ms':>10}{'after HTML':>11}"
                  f"{'key p50':>9}{'key p95':>9}{'shown p95':>10}{'search p95':>11}{'Q1 top px':>10}")
            for name, make in sites:
                folder = Path(temp) / name.replace(" ", "_")
                files = write([make()], folder, args.page_items)
                raw = sum(len(data) for data in files.values()) / 1024
                packed = sum(len(gzip.compress(data, 9)) for data in files.values()) / 1024
                m = measure(browser, (folder / paths.SITE_INDEX).as_uri(), args.runs)
                print(f"{name:<22}{raw:>10.1f}{packed:>10.1f}{m['ready']:>10.1f}{m['after_html']:>11.1f}"
                      f"{m['p50']:>9.2f}{m['p95']:>9.2f}{m['shown_p95']:>10.2f}{m['search_p95']:>11.2f}"
                      f"{m['first']:>10.0f}",
                      flush=True)
    finally:
        browser.quit()
    print(f"median of {args.runs} page loads; key = one keystroke of {len(QUERIES)} queries typed out")


if __name__ == "__main__":
    main()
