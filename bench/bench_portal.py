# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Portal benchmark: server time and SQL queries of the after-sales center.

One command, from the repository root::

    ~/.local/share/aftersales/venv/bin/python bench/bench_portal.py

It creates once a database without demo data (``bench_portal``, option
``--db``; ``--recreate`` re-installs it), then commits in it a portal
customer with 1,000 requests, and a request with 50 messages and two
transfers (one to the customer, one back). Pages are requested through
Odoo's own WSGI application in this process (no network: the time is the
server's), as the logged-in customer, ``--repeat`` times after two warm-up
requests; the median is printed with the SQL queries of one request:

* ``/my/tickets``, pages 1 and 10 (80 requests a page): the same number of
  queries on every page, whatever the customer's number of requests;
* the request page of the request with 50 messages and two transfers.

Targets: the list under 300 ms, the request page under 150 ms.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV_BIN = os.path.dirname(sys.executable)
LOGIN = "bench_portal_customer"


def odoo_args(dbname, data_dir):
    return [
        f"--addons-path={ROOT}",
        "--db_host=",
        "--log-level=warn",
        f"--data-dir={data_dir}",
        f"--database={dbname}",
        f"--db-filter=^{dbname}$",
    ]


def ensure_database(dbname, data_dir, recreate):
    exists = subprocess.run(
        ["psql", "-lqt"], capture_output=True, text=True, check=True
    ).stdout
    present = any(line.split("|")[0].strip() == dbname for line in exists.splitlines())
    if present and not recreate:
        return
    subprocess.run(["dropdb", "--if-exists", dbname], check=True)
    print(f"installing aftersales_service into {dbname}...", flush=True)
    subprocess.run(
        [
            os.path.join(VENV_BIN, "odoo"),
            *odoo_args(dbname, data_dir),
            "-i",
            "aftersales_service",
            "--stop-after-init",
        ],
        check=True,
    )


def set_up(env):
    """The customer, their 1,000 requests and the busy request (once)."""
    from odoo import Command

    user = env["res.users"].search([("login", "=", LOGIN)])
    if user:
        return user, env["helpdesk.ticket"].search(
            [("name", "=", "Bench busy request")], limit=1
        )
    company = env["res.partner"].create(
        {"name": "Bench Customer Co", "is_company": True}
    )
    user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Bench Customer",
                "login": LOGIN,
                "password": LOGIN,
                "email": "bench@example.com",
                "group_ids": [Command.set([env.ref("base.group_portal").id])],
            }
        )
    )
    user.partner_id.parent_id = company
    kinds = [
        env.ref("aftersales_service.kind_repair"),
        env.ref("aftersales_service.kind_consultation"),
        env.ref("aftersales_service.kind_return"),
    ]
    Ticket = env["helpdesk.ticket"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_notrack=True
    )
    for start in range(0, 1000, 200):
        Ticket.create(
            [
                {
                    "name": f"Bench request {i}",
                    "description": "<p>Bench</p>",
                    "partner_id": user.partner_id.id,
                    "category_id": kinds[i % 3].id,
                    "sla_pause_reason": "customer" if i % 50 == 0 else False,
                }
                for i in range(start, start + 200)
            ]
        )
    busy = Ticket.create(
        {
            "name": "Bench busy request",
            "description": "<p>Fifty messages</p>",
            "partner_id": user.partner_id.id,
            "category_id": kinds[2].id,
        }
    )
    for i in range(50):
        busy.message_post(
            body=f"Message {i}",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=user.partner_id.id if i % 2 else env.user.partner_id.id,
        )
    warehouse = env["stock.warehouse"].search([], limit=1)
    customers = env.ref("stock.stock_location_customers")
    for picking_type, src, dest in (
        (warehouse.out_type_id, warehouse.lot_stock_id, customers),
        (warehouse.in_type_id, customers, warehouse.lot_stock_id),
    ):
        env["stock.picking"].create(
            {
                "partner_id": company.id,
                "picking_type_id": picking_type.id,
                "location_id": src.id,
                "location_dest_id": dest.id,
                "aftersales_ticket_id": busy.id,
                "aftersales_carrier": "SF Express",
                "aftersales_tracking_ref": "SF0001",
            }
        )
    env.cr.commit()
    return user, busy


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="bench_portal")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--recreate", action="store_true")
    opts = parser.parse_args()
    data_dir = os.path.join(
        os.environ.get("XDG_DATA_HOME", os.path.expanduser("~/.local/share")),
        "aftersales",
        "bench_portal_data",
    )
    ensure_database(opts.db, data_dir, opts.recreate)

    from werkzeug.test import Client

    import odoo
    from odoo import api, http, sql_db
    from odoo.modules.registry import Registry
    from odoo.service import security
    from odoo.tools import config

    config.parse_config(odoo_args(opts.db, data_dir))
    registry = Registry(opts.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        user, busy = set_up(env)
        uid, busy_id = user.id, busy.id
        ticket_count = env["helpdesk.ticket"].search_count(
            [("partner_id", "=", user.partner_id.id)]
        )
    # the customer's session, as a login would make it
    session = http.root.session_store.new()
    session.update(http.get_default_session(), db=opts.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, uid, {})
        session.uid = uid
        session.login = LOGIN
        session.session_token = security.compute_session_token(session, env)
        session.context = dict(env["res.users"].context_get())
    http.root.session_store.save(session)
    client = Client(http.root)
    client.set_cookie("session_id", session.sid, domain="localhost")

    def measure(url):
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        times, queries = [], []
        for _ in range(opts.repeat):
            before = sql_db.sql_counter
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            queries.append(sql_db.sql_counter - before)
            assert response.status_code == 200
        return statistics.median(times), statistics.median(queries), response

    print(f"customer with {ticket_count} requests")
    results = {}
    for label, url, target in (
        ("/my/tickets page 1", "/my/tickets", 300),
        ("/my/tickets page 10", "/my/tickets/page/10", 300),
        ("/my/tickets?filterby=open", "/my/tickets?filterby=open", 300),
        (
            "request page (50 messages, 2 transfers)",
            f"/my/ticket/{busy_id}",
            150,
        ),
    ):
        ms, queries, response = measure(url)
        results[label] = (ms, queries)
        verdict = "ok" if ms < target else "OVER TARGET"
        print(
            f"{label:45s} {ms:7.1f} ms  {queries:4.0f} queries  "
            f"(target < {target} ms: {verdict})"
        )
    assert b"SF0001" in response.data, "the transfers are on the request page"
    same = results["/my/tickets page 1"][1] == results["/my/tickets page 10"][1]
    print(f"same number of queries on page 1 and page 10: {same}")


if __name__ == "__main__":
    main()
