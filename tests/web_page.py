"""Drives the browser page (web/dist) in headless Chromium through WebDriver (Selenium,
chromium-driver) for tests/web.rs, which compares what it prints with the CLI.

    python3 tests/web_page.py DIST OUT LETTER... --paste TEXTFILE --image PICTURE

Serves DIST on 127.0.0.1, loads the page, checks each LETTER on its own (chosen through
the file input, the first one right after the page has loaded) and then the pasted
text and a picture, and prints one JSON object: per input the findings the page shows (rule,
severity, context, sentence) and the milliseconds from choosing to the shown result;
what the page says about the picture;
every request the browser made, with the document that made it (Chromium's performance
log); the compressed size of
the embedded WebAssembly. Screenshots at desktop and phone width go to OUT.
"""

import argparse
import base64
import functools
import gzip
import http.server
import json
import os
import re
import sys
import tempfile
import threading

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

SHOWN_FINDINGS = """
return Array.from(document.querySelectorAll('#ergebnis section.finding[data-rule]')).map(s => ({
  rule: s.dataset.rule, severity: s.dataset.severity, context: s.dataset.context,
  sentence: s.querySelector('blockquote').textContent.replace(/^„|“$/g, ''),
}));
"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    handler = functools.partial(Quiet, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def browser(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,900",
        "--lang=de-DE",
    ]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(options=options, service=service)


def check(driver, act):
    """Removes what the page shows, does `act` and returns the shown findings and time."""
    driver.find_element(By.ID, "leeren").click()
    seq = driver.execute_script("return document.documentElement.dataset.lastCheckSeq || ''")
    act()
    WebDriverWait(driver, 60).until(
        lambda d: d.execute_script("return document.documentElement.dataset.lastCheckSeq || ''")
        != seq
    )
    millis = float(driver.execute_script("return document.documentElement.dataset.lastCheckMs"))
    return {"findings": driver.execute_script(SHOWN_FINDINGS), "millis": millis}


def screenshot(driver, path, width):
    driver.set_window_size(width, 900)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(height, 6000))
    driver.save_screenshot(path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dist")
    parser.add_argument("out")
    parser.add_argument("letters", nargs="+")
    parser.add_argument("--paste", required=True)
    parser.add_argument("--image", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    with open(os.path.join(args.dist, "formlos-wasm.js"), encoding="ascii") as script:
        embedded = re.search(r'"([A-Za-z0-9+/=]+)"', script.read()).group(1)
    wasm = base64.b64decode(embedded)

    server = serve(args.dist)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    result = {"base": base, "wasm_bytes": len(wasm), "wasm_gzip_bytes": len(gzip.compress(wasm, 9))}
    with tempfile.TemporaryDirectory() as profile:
        driver = browser(profile)
        try:
            driver.get_log("performance")  # the browser's own start-up pages
            driver.get(base + "index.html")
            WebDriverWait(driver, 60).until(
                lambda d: d.execute_script("return document.documentElement.dataset.ready") == "true"
            )
            chooser = driver.find_element(By.ID, "datei")
            shown = {}
            for letter in args.letters:
                shown[letter] = check(driver, lambda: chooser.send_keys(os.path.abspath(letter)))
                if letter == args.letters[0]:
                    screenshot(driver, os.path.join(args.out, "desktop.png"), 1280)
                    screenshot(driver, os.path.join(args.out, "phone.png"), 390)
                    driver.set_window_size(1280, 900)
            with open(args.paste, encoding="utf-8") as pasted:
                text = pasted.read()

            def paste():
                field = driver.find_element(By.ID, "text")
                driver.execute_script("arguments[0].value = arguments[1];", field, text)
                driver.find_element(By.ID, "pruefen").click()

            shown["paste"] = check(driver, paste)
            result["downloads"] = driver.execute_script(
                "return Array.from(document.querySelectorAll('#download-list a')).map(a => a.download)"
            )
            check(driver, lambda: chooser.send_keys(os.path.abspath(args.image)))
            result["image_note"] = driver.execute_script(
                "const s = document.getElementById('nicht-geprueft'); return s ? s.textContent : ''"
            )
            result["shown"] = shown
            requests = []
            for entry in driver.get_log("performance"):
                message = json.loads(entry["message"])["message"]
                if message["method"] == "Network.requestWillBeSent":
                    params = message["params"]
                    requests.append({"url": params["request"]["url"], "document": params.get("documentURL", "")})
            result["requests"] = requests
        finally:
            driver.quit()
            server.shutdown()
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
