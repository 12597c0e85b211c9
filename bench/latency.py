#!/usr/bin/env python3
"""Interaction latency in the real app (issue 20, part 4), through tauri-driver.

Usage: latency.py APP WORKDIR ROUNDS OUT.json   (the app's environment is inherited; the
remembered session from bench/signin.py puts it on the services view)

In the page, with `performance.now()`: from the click on each navigation item to the
first frame painted with its view (its heading is new), and to the first frame painted
with its data in (no "Loading…" status left in <main>), and from each key press in the feedback field (real key events
through WebKitWebDriver) to the first frame painted after the character is in the field.
"After the frame is painted" = a task queued from inside a requestAnimationFrame callback
(it runs once that frame has been rendered).
"""
import json
import sys
import time
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from driver import app_session

NAV = ["order", "billing", "details", "feedback", "contact", "settings", "services"]
LOADING = ["Loading…", "Ladataan…", "Laddar…"]

# Clicks `sel`; resolves with [ms until the frame after the new view (its heading) is
# painted, ms until the frame after its data is in (no "Loading…" left) is painted].
CLICK_JS = """
const [sel, loading, done] = arguments;
const h1 = () => document.querySelector('main h1');
const before = h1();
const shown = () => { const h = h1(); return h && h !== before; };
const complete = () => shown() && ![...document.querySelectorAll('main [role=status]')]
  .some((e) => loading.includes(e.textContent.trim()));
const t = [null, null];
const t0 = performance.now();
document.querySelector(sel).click();
const painted = (i) => requestAnimationFrame(() => setTimeout(() => {
  if (t[i] === null) t[i] = performance.now() - t0;
  if (i === 1) done(t);
}, 0));
let asked = false;
const check = () => {
  if (!asked && shown()) { asked = true; painted(0); }
  if (complete()) { if (!asked) { asked = true; painted(0); } painted(1); }
  else requestAnimationFrame(check);
};
setTimeout(check, 0);
setTimeout(() => done(t), 5000);
"""

# Records, for every key press in the field, the ms from keydown to the frame painted
# after its `input` event.
TYPE_SETUP_JS = """
const field = document.querySelector(arguments[0]);
window.__lat = [];
let t0 = null;
field.addEventListener('keydown', () => { t0 = performance.now(); }, true);
field.addEventListener('input', () => {
  const start = t0;
  requestAnimationFrame(() => setTimeout(() => window.__lat.push(performance.now() - start), 0));
});
field.focus();
"""


def p95(v: list[float]) -> float | None:
    v = sorted(x for x in v if x is not None)
    return v[min(len(v) - 1, int(round(0.95 * (len(v) - 1))))] if v else None


def main() -> None:
    app, work, rounds, out = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
    with app_session(app, work / "tauri-driver-latency.log") as d:
        wait = WebDriverWait(d, 30)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid^="service-row-"]'))
        time.sleep(2)  # the start-up refresh and update check settle
        d.set_script_timeout(10)
        clicks: dict[str, list[float]] = {v: [] for v in NAV}
        complete: dict[str, list[float]] = {v: [] for v in NAV}
        # One uncounted pass: each view's code chunk loads once, as in real use.
        for r in range(rounds + 1):
            for v in NAV:
                shown, done = d.execute_async_script(CLICK_JS, f'[data-testid="nav-{v}"]', LOADING)
                if r:
                    clicks[v].append(shown)
                    complete[v].append(done)
                time.sleep(0.3)
        d.execute_async_script(CLICK_JS, '[data-testid="nav-feedback"]', LOADING)
        field = d.find_element(By.CSS_SELECTOR, '[data-testid="feedback-message"]')
        d.execute_script(TYPE_SETUP_JS, '[data-testid="feedback-message"]')
        text = "Hei! Nettiyhteys katkeilee iltaisin. " * max(1, rounds // 2)
        for ch in text:
            field.send_keys(ch)
        time.sleep(0.5)
        typing = d.execute_script("return window.__lat")
        typed = field.get_attribute("value")
    all_clicks = [x for v in clicks.values() for x in v]
    all_complete = [x for v in complete.values() for x in v]
    res = {
        "complete_ms": {v: [round(x, 1) if x is not None else None for x in xs] for v, xs in complete.items()},
        "complete_p95_ms": round(p95(all_complete), 1) if p95(all_complete) is not None else None,
        "complete_timeouts": sum(1 for x in all_complete if x is None),
        "click_ms": {v: [round(x, 1) if x is not None else None for x in xs] for v, xs in clicks.items()},
        "click_p95_ms": round(p95(all_clicks), 1) if p95(all_clicks) is not None else None,
        "click_timeouts": sum(1 for x in all_clicks if x is None),
        "click_p95_ms_by_view": {v: round(p95(xs), 1) if p95(xs) is not None else None
                                 for v, xs in clicks.items()},
        "typing_ms": [round(x, 1) for x in typing],
        "typing_p95_ms": round(p95(typing), 1) if typing else None,
        "typed_chars": len(text), "field_chars": len(typed or ""),
        "rounds": rounds,
    }
    out.write_text(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
