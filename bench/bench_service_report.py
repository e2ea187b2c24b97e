#!/usr/bin/env python3
# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the service report (target: under 2 s).

In a database where aftersales_service is installed, builds a completed
request with 50 work steps and 20 spare parts consumed through real stock
moves (an accepted plan, a checklist, the customer's signature), then renders
its service report to PDF with wkhtmltopdf, as the completion and the portal
do. An HTTP server is started so that wkhtmltopdf loads the report's styles
as in production. Prints the median of --runs renderings; everything is
rolled back.

    ~/.local/share/aftersales/venv/bin/python bench/bench_service_report.py \
        --db DBNAME [--steps 50] [--parts 20] [--runs 5]
"""

import argparse
import statistics
import time
from pathlib import Path

SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAA"
    "AABJRU5ErkJggg=="
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database with aftersales_service")
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--parts", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--http-port", type=int, default=8169)
    parser.add_argument(
        "--addons-path", default=str(Path(__file__).resolve().parent.parent)
    )
    parser.add_argument("--db-host", default="")
    return parser.parse_args()


def build_request(env, steps, parts):
    """A completed request with ``steps`` steps and ``parts`` used parts."""
    from odoo import Command

    category = env["helpdesk.ticket.category"].create(
        {"name": "Bench sofa repair", "aftersales_kind": "repair"}
    )
    env["aftersales.service.checklist.item"].create(
        [
            {"category_id": category.id, "check_type": kind, "name": f"{kind} {i}"}
            for kind in ("safety", "functional")
            for i in range(3)
        ]
    )
    customer = env["res.partner"].create(
        {"name": "Bench customer", "email": "bench@example.com", "city": "Hangzhou"}
    )
    warehouse = env["stock.warehouse"].search(
        [("company_id", "=", env.company.id)], limit=1
    )
    products = env["product.product"].create(
        [
            {
                "name": f"Bench part {i}",
                "type": "consu",
                "is_storable": True,
                "tracking": "lot",
                "lst_price": 10.0 + i,
            }
            for i in range(parts)
        ]
    )
    lots = env["stock.lot"].create(
        [{"name": f"BENCH-{i:03}", "product_id": p.id} for i, p in enumerate(products)]
    )
    for product, lot in zip(products, lots, strict=True):
        env["stock.quant"]._update_available_quantity(
            product, warehouse.lot_stock_id, 5, lot_id=lot
        )
    ticket = env["helpdesk.ticket"].create(
        {
            "name": "Bench: sofa seat sags",
            "description": "<p>The seat sags and squeaks.</p>",
            "partner_id": customer.id,
            "category_id": category.id,
        }
    )
    plan = env["aftersales.service.plan"].create(
        {
            "ticket_id": ticket.id,
            "cause": "Broken springs and worn webbing.",
            "steps": "Replace the springs and the webbing.",
            "line_ids": [
                Command.create({"line_type": "part", "product_id": p.id})
                for p in products
            ],
        }
    )
    plan.action_send()
    plan._action_accept_signature("Bench customer", SIGNATURE)
    ticket.service_check_ids.write({"done": True})
    ticket.action_aftersales_start_work()
    env["aftersales.service.step"].create(
        [
            {"ticket_id": ticket.id, "note": f"Step {i}: checked and fixed part {i}."}
            for i in range(steps)
        ]
    )
    used = env["aftersales.service.part"].create(
        [
            {
                "ticket_id": ticket.id,
                "product_id": p.id,
                "lot_id": lot.id,
                "location_id": warehouse.lot_stock_id.id,
            }
            for p, lot in zip(products, lots, strict=True)
        ]
    )
    used.action_consume()
    ticket.sudo().write(
        {
            "resolution_summary": "Springs and webbing replaced.",
            "service_completed_date": ticket.create_date,
            "service_signed_by": "Bench customer",
            "service_signature": SIGNATURE,
        }
    )
    return ticket


def main():
    args = parse_args()
    import odoo
    from odoo import api
    from odoo.modules.registry import Registry
    from odoo.service import server

    odoo.tools.config.parse_config(
        [
            "--addons-path",
            args.addons_path,
            "--db_host",
            args.db_host,
            "-d",
            args.db,
            "--http-port",
            str(args.http_port),
            "--http-interface",
            "127.0.0.1",
        ]
    )
    registry = Registry(args.db)
    server.server = server.ThreadedServer(odoo.http.root)
    server.server.http_spawn()
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        env["ir.config_parameter"].set_param(
            "report.url", f"http://127.0.0.1:{args.http_port}"
        )
        ticket = build_request(env, args.steps, args.parts)
        env.flush_all()
        print(
            f"request {ticket.number}: {len(ticket.service_step_ids)} steps, "
            f"{len(ticket.service_part_ids)} parts with lots"
        )
        timings, html_timings = [], []
        pdf = b""
        for _run in range(args.runs):
            env.invalidate_all()
            start = time.perf_counter()
            env["ir.actions.report"]._render_qweb_html(
                "aftersales_service.action_report_service", ticket.ids
            )
            html_timings.append(time.perf_counter() - start)
            env.invalidate_all()
            start = time.perf_counter()
            pdf = ticket._aftersales_render_service_report()
            timings.append(time.perf_counter() - start)
        median = statistics.median(timings)
        print(
            f"QWeb HTML rendering, median of {args.runs}: "
            f"{statistics.median(html_timings):.3f} s"
        )
        print(
            f"service report PDF (wkhtmltopdf), median of {args.runs}: {median:.3f} s "
            f"(min {min(timings):.3f}, max {max(timings):.3f}), {len(pdf)} bytes"
        )
        print("target < 2 s:", "met" if median < 2 else "MISSED")
        cr.rollback()
    server.server.stop()


if __name__ == "__main__":
    main()
