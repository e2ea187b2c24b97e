# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Screenshots of the customer portal (list and request page) in one language.

Run against a server with the demo data (``bin/run`` on a demo database), as
the demo portal customer, with the venv's Python::

    python docs/screenshots/portal_screenshots.py --db DB --lang en_US
    python docs/screenshots/portal_screenshots.py --db DB --lang zh_CN

It sets the portal customer's language and time zone (as admin, over XML-RPC), logs in,
and drives headless Chromium over its DevTools protocol: the session cookie,
a 1280 px wide window, the full page height. Writes
``portal_<lang>_list.png`` and ``portal_<lang>_request.png`` beside itself
(``en`` for en_US).
"""

import argparse
import base64
import json
import subprocess
import tempfile
import time
import xmlrpc.client
from pathlib import Path

import requests
import websocket

HERE = Path(__file__).parent
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


class Page:
    """One Chromium tab driven over the DevTools protocol."""

    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=60)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def shoot(self, url, path, width=1280):
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=900,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.call("Page.navigate", url=url)
        for _i in range(60):
            time.sleep(0.5)
            state = self.call("Runtime.evaluate", expression="document.readyState")
            if state["result"].get("value") == "complete":
                break
        time.sleep(4)  # the frontend's scripts (the conversation) and fonts
        height = self.call(
            "Runtime.evaluate", expression="document.documentElement.scrollHeight"
        )["result"]["value"]
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        time.sleep(0.5)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        print(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--lang", default="en_US")
    parser.add_argument("--tz", default="Asia/Shanghai", help="the customer's")
    parser.add_argument("--login", default="portal")
    parser.add_argument("--password", default="portal")
    parser.add_argument("--admin-password", default="admin")
    parser.add_argument(
        "--request",
        default="aftersales_service.demo_portal_request_visit",
        help="xml id of the request to show",
    )
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--port", type=int, default=9322)
    args = parser.parse_args()

    common = xmlrpc.client.ServerProxy(f"{args.url}/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(f"{args.url}/xmlrpc/2/object")
    admin = common.authenticate(args.db, "admin", args.admin_password, {})

    def call(model, method, *params, **kw):
        return models.execute_kw(
            args.db, admin, args.admin_password, model, method, list(params), kw
        )

    module, name = args.request.split(".")
    request_id = call(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )[0]["res_id"]
    user_ids = call("res.users", "search", [("login", "=", args.login)])
    call("res.users", "write", user_ids, {"lang": args.lang, "tz": args.tz})

    session = requests.Session()
    response = session.post(
        f"{args.url}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "params": {"db": args.db, "login": args.login, "password": args.password},
        },
    )
    response.raise_for_status()
    cookie = session.cookies["session_id"]

    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        browser = subprocess.Popen(
            [
                args.chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--remote-debugging-port={args.port}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _i in range(40):
                try:
                    targets = requests.get(
                        f"http://127.0.0.1:{args.port}/json", timeout=2
                    ).json()
                    break
                except requests.ConnectionError:
                    time.sleep(0.5)
            target = next(t for t in targets if t["type"] == "page")
            page = Page(target["webSocketDebuggerUrl"])
            host = args.url.split("//", 1)[1].split(":")[0]
            page.call("Network.enable")
            page.call(
                "Network.setCookie",
                name="session_id",
                value=cookie,
                domain=host,
                path="/",
            )
            tag = "en" if args.lang == "en_US" else args.lang
            page.shoot(f"{args.url}/my/tickets", HERE / f"portal_{tag}_list.png")
            page.shoot(
                f"{args.url}/my/ticket/{request_id}",
                HERE / f"portal_{tag}_request.png",
            )
        finally:
            browser.terminate()
            browser.wait(10)


if __name__ == "__main__":
    main()
