"""A very small Chrome DevTools Protocol driver for the browser tests (headless Debian chromium).

It starts chromium with ``--remote-debugging-port=0`` on a page, reads the port chromium chose
from ``DevToolsActivePort`` in its profile folder, and talks to the page and to the browser
over websockets (``websocket-client``): enough to evaluate script in the page, click, type and
let a download land in a folder.
"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import websocket


class Browser:
    """One headless chromium process with one page open on ``url``."""

    def __init__(self, chromium: str, profile: Path, url: str) -> None:
        self.profile = profile
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--remote-debugging-port=0", "--remote-allow-origins=*", f"--user-data-dir={profile}", url],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self._next = 0
        port = self._port()
        base = f"http://127.0.0.1:{port}"
        version = json.load(urllib.request.urlopen(f"{base}/json/version", timeout=10))
        pages = [t for t in json.load(urllib.request.urlopen(f"{base}/json/list", timeout=10))
                 if t.get("type") == "page"]
        self.browser_ws = websocket.create_connection(version["webSocketDebuggerUrl"], timeout=30)
        self.page_ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=30)

    def _port(self) -> int:
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if marker.is_file() and marker.read_text().strip():
                return int(marker.read_text().split()[0])
            if self.process.poll() is not None:
                raise RuntimeError("chromium exited before opening its debugging port")
            time.sleep(0.1)
        raise RuntimeError("chromium did not open its debugging port")

    def _call(self, ws: websocket.WebSocket, method: str, **params: Any) -> dict[str, Any]:
        self._next += 1
        ident = self._next
        ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            reply = json.loads(ws.recv())
            if reply.get("id") == ident:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def allow_downloads(self, folder: Path) -> None:
        """Let downloads of the page land in ``folder`` under their own names."""
        self._call(self.browser_ws, "Browser.setDownloadBehavior", behavior="allow",
                   downloadPath=str(folder))

    def evaluate(self, expression: str) -> Any:
        """Return the value of ``expression`` evaluated in the page (after the page has loaded)."""
        result = self._call(self.page_ws, "Runtime.evaluate", expression=expression,
                            returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 20) -> Any:
        """Return the first truthy value of ``expression``, polling the page until ``timeout``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                value = self.evaluate(expression)
            except RuntimeError:  # the page is still loading
                value = None
            if value:
                return value
            time.sleep(0.1)
        raise TimeoutError(expression)

    def close(self) -> None:
        """Close the connections and end the chromium process this object started."""
        for ws in (self.page_ws, self.browser_ws):
            try:
                ws.close()
            except OSError:
                pass
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
