# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Managers' view benchmark: the after-sales analysis and the monthly report.

One command, from the repository root::

    ~/.local/share/aftersales/venv/bin/python bench/bench_analysis.py

It installs once a database without demo data, ``bench_analysis``
(aftersales_service, updated on each run), inserts with SQL ``--requests``
requests (1,000,000) spread over ten months (so 100,000 a month, each month
with every kind) with their replies, resolutions, SLA outcomes, reopenings,
satisfaction answers and costs, then
measures, in a transaction rolled back at the end:

* the build of the analysis's fact table from those requests (what an
  install or an update does; afterwards the write path keeps it exact);
* the analysis grouped by kind x month as the pivot reads it
  (``formatted_read_group`` with the pivot's measures: count, average first
  response, compliance, complaints, satisfaction, feedback rate and cost),
  the median of ``--rounds`` runs; target under 1 s;
* the figures of the monthly report of one month (100,000 requests), and the
  whole PDF through wkhtmltopdf; target under 10 s.
"""

import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from bench_sla import ensure_db, env_for, odoo_args

KINDS = ["repair", "return", "consultation", "complaint", "technical"]


def insert_requests(env, count):
    cr = env.cr
    company = env.company
    team = env["helpdesk.ticket.team"].create({"name": "Bench team"})
    partner = env["res.partner"].create({"name": "Bench customer"})
    Category = env["helpdesk.ticket.category"]
    categories = [
        Category.create({"name": f"Bench {kind}", "aftersales_kind": kind}).id
        for kind in KINDS
    ]
    channels = env["helpdesk.ticket.channel"].search([]).ids or [None]
    users = env["res.users"].search([("share", "=", False)], limit=5).ids
    done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id
    new = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new").id
    cr.execute(
        """
        INSERT INTO helpdesk_ticket (number, name, description, company_id, team_id,
               user_id, partner_id, commercial_partner_id, category_id,
               aftersales_kind, channel_id, stage_id, priority, active, create_date,
               write_date, sla_received_date, first_reply_date, resolved_date,
               analysis_resolution_hours, analysis_resolution_work_hours,
               analysis_sla_met_count, analysis_sla_breached_count, sla_breached,
               analysis_reopen_count, analysis_compensation_amount,
               analysis_company_shipping_count, satisfaction_state,
               satisfaction_satisfied, satisfaction_score, analysis_parts_cost,
               analysis_labour_cost)
        SELECT 'B' || g, 'Bench ' || g, '<p>x</p>', %(company)s, %(team)s,
               (%(users)s::int[])[1 + g %% %(nusers)s], %(partner)s, %(partner)s,
               (%(categories)s::int[])[1 + g %% 5], (%(kinds)s::varchar[])[1 + g %% 5],
               (%(channels)s::int[])[1 + g %% %(nchannels)s],
               CASE WHEN g %% 3 = 0 THEN %(new)s ELSE %(done)s END,
               '1', true, r.received, r.received, r.received,
               CASE WHEN g %% 5 != 0
                    THEN r.received + (g %% 60) * interval '1 hour' END,
               CASE WHEN g %% 3 != 0
                    THEN r.received + (g %% 100) * interval '1 hour' END,
               CASE WHEN g %% 3 != 0 THEN g %% 100 END,
               CASE WHEN g %% 3 != 0 THEN (g %% 100) * 0.4 END,
               (g %% 4 != 0)::int, (g %% 4 = 0)::int, g %% 4 = 0,
               (g %% 50 = 0)::int,
               CASE WHEN g %% 5 = 3 AND g %% 7 = 0 THEN 50.0 ELSE 0.0 END, 0,
               CASE WHEN g %% 3 = 0 THEN NULL
                    WHEN g %% 11 < 6 THEN 'answered' ELSE 'invited' END,
               g %% 3 != 0 AND g %% 11 < 6 AND g %% 13 != 0,
               CASE WHEN g %% 3 != 0 AND g %% 11 < 6
                    THEN CASE WHEN g %% 13 = 0 THEN 2 ELSE 5 END END,
               CASE WHEN g %% 17 = 0 THEN 25.0 ELSE 0.0 END,
               CASE WHEN g %% 19 = 0 THEN 120.0 ELSE 0.0 END
          FROM generate_series(1, %(count)s) g,
               LATERAL (SELECT timestamp '2026-01-01'
                               + (g / 7 %% 10) * interval '1 month'
                               + (g %% 28) * interval '1 day'
                               + (g %% 24) * interval '1 hour' AS received) r
        """,
        {
            "company": company.id,
            "team": team.id,
            "users": users,
            "nusers": len(users),
            "partner": partner.id,
            "categories": categories,
            "kinds": KINDS,
            "channels": channels,
            "nchannels": len(channels),
            "new": new,
            "done": done,
            "count": count,
        },
    )
    cr.execute("ANALYZE helpdesk_ticket")
    env.invalidate_all()
    return team


def build_analysis(env):
    """The requests were inserted with SQL: rebuild the analysis's fact
    table from them, as an install or an update does."""
    start = time.perf_counter()
    env["aftersales.analysis"]._rebuild()
    return time.perf_counter() - start


def timed(function, rounds):
    samples = []
    result = None
    for _round in range(rounds):
        start = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", default="bench_analysis")
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--recreate", action="store_true")
    args = parser.parse_args()

    from odoo.service.server import load_server_wide_modules
    from odoo.tools import config

    config.parse_config(odoo_args())
    load_server_wide_modules()
    ensure_db(args.db, "aftersales_service", args.recreate, update=True)
    env = env_for(args.db)
    try:
        start = time.perf_counter()
        insert_requests(env, args.requests)
        print(
            f"{args.requests:,} requests inserted in "
            f"{time.perf_counter() - start:.1f} s"
        )
        print(f"Analysis fact table built in {build_analysis(env):.1f} s")
        Analysis = env["aftersales.analysis"]

        def pivot():
            env.invalidate_all()
            return Analysis.formatted_read_group(
                [],
                ["aftersales_kind", "received_date:month"],
                # the measures of the pivot view
                [
                    "__count",
                    "first_response_hours:avg",
                    "compliance:avg",
                    "complaint_count:sum",
                    "satisfaction_rate:avg",
                    "feedback_rate:avg",
                    "cost_amount:sum",
                ],
            )

        seconds, groups = timed(pivot, args.rounds)
        print(
            f"Analysis grouped by kind x month: {seconds * 1000:.0f} ms "
            f"(median of {args.rounds}), {len(groups)} groups, "
            f"{sum(g['__count'] for g in groups):,} requests  [target < 1 s]"
        )
        report = env["aftersales.management.report"].create({"date_from": "2026-03-01"})
        env.flush_all()

        def figures():
            env.invalidate_all()
            return report._get_report_data()

        seconds, data = timed(figures, args.rounds)
        print(
            f"Monthly report figures, {data['totals']['count']:,} requests in the "
            f"month: {seconds * 1000:.0f} ms (median of {args.rounds})"
        )
        start = time.perf_counter()
        pdf = report._render_pdf("en_US")
        print(
            f"Monthly report PDF (figures + QWeb + wkhtmltopdf): "
            f"{time.perf_counter() - start:.2f} s, {len(pdf):,} bytes  "
            "[target < 10 s]"
        )
    finally:
        env.cr.rollback()
        env.cr.close()


if __name__ == "__main__":
    main()
