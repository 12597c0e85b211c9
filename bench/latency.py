#!/usr/bin/env python3
"""Interaction latency in the real app (issue 20, part 4), through tauri-driver.

Usage: latency.py APP WORKDIR ROUNDS OUT.json   (the app's environment is inherited; the
remembered session from bench/signin.py puts it on the services view)

In the page, with `performance.now()`: from the click on each navigation item to the
first frame painted after its view is complete (its heading is new and no "Loading…"
status is left in <main>), and from each key press in the feedback field (real key events
through WebKitWebDriver) to the first frame painted after the character is in the field.
"After the frame is painted" = a task queued from inside a requestAnimationFrame callback
(it runs once that frame has been rendered).
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import WebDriverWait

NAV = ["order", "billing", "details", "feedback", "contact", "settings", "services"]
LOADING = ["Loading…", "Ladataan…", "Laddar…"]

# Clicks `sel` and resolves with the ms until the frame after the new view is painted.
CLICK_JS = """
const [sel, loading, done] = arguments;
const h1 = () => document.querySelector('main h1');
const before = h1();
const settled = () => {
  const h = h1();
  if (!h || h === before) return false;
  return ![...document.querySelectorAll('main [role=status]')]
    .some((e) => loading.includes(e.textContent.trim()));
};
const t0 = performance.now();
document.querySelector(sel).click();
const check = () => {
  if (settled()) requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
  else requestAnimationFrame(check);
};
setTimeout(check, 0);
setTimeout(() => done(null), 5000);
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


def p95(v: list[float]) -> float | None:
    v = sorted(x for x in v if x is not None)
    return v[min(len(v) - 1, int(round(0.95 * (len(v) - 1))))] if v else None


def main() -> None:
    app, work, rounds, out = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
    driver_bin = shutil.which("tauri-driver") or str(Path.home() / ".cargo/bin/tauri-driver")
    port, native = free_port(), free_port()
    log = open(work / "tauri-driver-latency.log", "w")
    drv = subprocess.Popen([driver_bin, "--port", str(port), "--native-port", str(native)],
                           stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_port(port)
        wait_port(native)
        opts = ArgOptions()
        opts.set_capability("browserName", "wry")
        opts.set_capability("tauri:options", {"application": app})
        d = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=opts)
        try:
            wait = WebDriverWait(d, 30)
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid^="service-row-"]'))
            time.sleep(2)  # the start-up refresh and update check settle
            d.set_script_timeout(10)
            clicks: dict[str, list[float]] = {v: [] for v in NAV}
            # One uncounted pass: each view's code chunk loads once, as in real use.
            for r in range(rounds + 1):
                for v in NAV:
                    ms = d.execute_async_script(CLICK_JS, f'[data-testid="nav-{v}"]', LOADING)
                    if r:
                        clicks[v].append(ms)
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
        finally:
            d.quit()
    finally:
        os.killpg(drv.pid, signal.SIGTERM)
        drv.wait(10)
        log.close()
    all_clicks = [x for v in clicks.values() for x in v]
    res = {
        "click_ms": {v: [round(x, 1) if x is not None else None for x in xs] for v, xs in clicks.items()},
        "click_p95_ms": round(p95(all_clicks), 1) if all_clicks else None,
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
