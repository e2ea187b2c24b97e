# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SLA benchmark: request creation, escalation job and compliance pivot.

One command, from the repository root::

    ~/.local/share/aftersales/venv/bin/python bench/bench_sla.py

It creates (once) three databases without demo data, ``bench_sla_bare``
(helpdesk_mgmt), ``bench_sla_oca`` (helpdesk_mgmt_sla) and ``bench_sla_ours``
(aftersales_service), then measures in one run, each in a transaction rolled
back at the end:

* ms and SQL queries per request created, one by one (``--single``, 200) and
  in one batch (``--batch``, 2,000): bare helpdesk_mgmt; aftersales_service
  without any policy (its intake: routing, acknowledgement email...) and with
  5 and 50 policies (the last one matches, two targets of which one counts 3
  working days on the company calendar); helpdesk_mgmt_sla with 5 and 50
  policies on the team (each one matches: a line per policy, its design).
  Ratios are given against bare helpdesk_mgmt and, for ours, against our
  create without policies (what the SLA engine itself costs).
* the escalation job (``aftersales.sla.line._cron_escalate``) over 100,000
  open requests inserted with SQL, 1 % of them crossing a threshold;
* the SLA compliance pivot (``aftersales.sla.report`` grouped by kind and
  month, and by team and agent) over 200,000 requests inserted with SQL.

Options: ``--db-prefix``, ``--single``, ``--batch``, ``--escalation`` and
``--pivot`` (0 skips that part), ``--recreate`` (drop and re-install the
databases).
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import UTC, datetime

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV_BIN = os.path.dirname(sys.executable)


def odoo_args(dbname=None):
    args = [f"--addons-path={ROOT}", "--db_host=", "--log-level=warn"]
    if dbname:
        args.append(f"--database={dbname}")
    return args


def ensure_db(dbname, modules, recreate):
    import odoo.sql_db

    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname])
        exists = bool(cr.fetchone())
    if exists and not recreate:
        return
    if exists:
        subprocess.run(["dropdb", dbname], check=True)
    print(f"installing {modules} in {dbname}...", flush=True)
    subprocess.run(
        [
            os.path.join(VENV_BIN, "odoo"),
            *odoo_args(dbname),
            "-i",
            modules,
            "--stop-after-init",
        ],
        check=True,
    )


def env_for(dbname):
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    registry = Registry(dbname)
    cr = registry.cursor()
    return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": False})


def measure(env, make_vals, single, batch):
    """(ms, queries) per ticket, one by one then in one batch."""
    cr = env.cr
    Ticket = env["helpdesk.ticket"]
    Ticket.create(make_vals())  # warm caches like a running server
    env.flush_all()
    results = []
    start_q, start_t = cr.sql_log_count, time.perf_counter()
    for _i in range(single):
        Ticket.create(make_vals())
        env.flush_all()
    results.append(
        (
            (time.perf_counter() - start_t) * 1000 / single,
            (cr.sql_log_count - start_q) / single,
        )
    )
    vals_list = [make_vals() for _i in range(batch)]
    start_q, start_t = cr.sql_log_count, time.perf_counter()
    Ticket.create(vals_list)
    env.flush_all()
    results.append(
        (
            (time.perf_counter() - start_t) * 1000 / batch,
            (cr.sql_log_count - start_q) / batch,
        )
    )
    return results


def base_data(env):
    team = env["helpdesk.ticket.team"].create({"name": "Bench team"})
    partner = env["res.partner"].create(
        {"name": "Bench customer", "email": "b@example.com"}
    )
    return team, partner


def bench_bare(dbname, args):
    env = env_for(dbname)
    try:
        team, partner = base_data(env)
        return measure(
            env,
            lambda: {
                "name": "Bench",
                "description": "<p>x</p>",
                "team_id": team.id,
                "partner_id": partner.id,
            },
            args.single,
            args.batch,
        )
    finally:
        env.cr.rollback()
        env.cr.close()


def bench_oca(dbname, args):
    out = {}
    for count in (5, 50):
        env = env_for(dbname)
        try:
            team, partner = base_data(env)
            team.write(
                {
                    "use_sla": True,
                    "resource_calendar_id": env.company.resource_calendar_id.id,
                }
            )
            done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
            env["helpdesk.sla"].create(
                [
                    {
                        "name": f"SLA {i}",
                        "team_ids": [(4, team.id)],
                        "stage_id": done.id,
                        "days": 1,
                        "hours": i % 8,
                    }
                    for i in range(count)
                ]
            )
            out[count] = measure(
                env,
                lambda team=team, partner=partner: {
                    "name": "Bench",
                    "description": "<p>x</p>",
                    "team_id": team.id,
                    "partner_id": partner.id,
                },
                args.single,
                args.batch,
            )
        finally:
            env.cr.rollback()
            env.cr.close()
    return out


def our_policies(env, count, team):
    """``count`` policies; only the last one (highest sequence) matches."""
    Policy = env["aftersales.sla.policy"]
    Policy.search([]).write({"active": False})
    targets = [
        (0, 0, {"target_type": "first_reply", "duration": 24}),
        (
            0,
            0,
            {
                "target_type": "resolved",
                "duration": 3,
                "duration_unit": "working_days",
                "calendar_mode": "company",
            },
        ),
    ]
    vals = [
        {
            "name": f"Bench {i}",
            "sequence": i,
            "aftersales_kind": "repair",
            "service_tier": "key",
            "target_ids": targets,
        }
        for i in range(count - 1)
    ]
    vals.append(
        {
            "name": "Bench match",
            "sequence": count,
            "aftersales_kind": "repair",
            "team_ids": [(4, team.id)],
            "target_ids": targets,
        }
    )
    Policy.create(vals)


def bench_ours(dbname, args):
    out = {}
    for count in (0, 5, 50):
        env = env_for(dbname)
        try:
            team, partner = base_data(env)
            category = env["helpdesk.ticket.category"].create(
                {"name": "Bench repair", "aftersales_kind": "repair"}
            )
            if count:
                our_policies(env, count, team)
            else:
                env["aftersales.sla.policy"].search([]).write({"active": False})
            out[count] = measure(
                env,
                lambda team=team, partner=partner, category=category: {
                    "name": "Bench",
                    "description": "<p>x</p>",
                    "team_id": team.id,
                    "partner_id": partner.id,
                    "category_id": category.id,
                },
                args.single,
                args.batch,
            )
        finally:
            env.cr.rollback()
            env.cr.close()
    return out


def insert_requests(env, count, due_share=0.0, months=12):
    """``count`` open requests with one running SLA line each, by SQL."""
    cr = env.cr
    company = env.company.id
    team, _partner = base_data(env)
    users = env["res.users"].search([("share", "=", False)], limit=5).ids
    now = datetime.now(UTC).replace(tzinfo=None)
    kinds = ["repair", "return", "consultation", "complaint", "technical"]
    cr.execute(
        """
        INSERT INTO helpdesk_ticket (number, name, description, company_id, team_id,
               user_id, aftersales_kind, priority, active, create_date, write_date,
               sla_received_date)
        SELECT 'B' || g, 'Bench ' || g, '<p>x</p>', %(company)s, %(team)s,
               (%(users)s::int[])[1 + g %% %(nusers)s],
               (%(kinds)s::varchar[])[1 + g %% 5],
               '1', true, %(now)s - (g %% %(days)s) * interval '1 day',
               %(now)s, %(now)s - (g %% %(days)s) * interval '1 day'
          FROM generate_series(1, %(count)s) g
        RETURNING id
        """,
        {
            "company": company,
            "team": team.id,
            "users": users,
            "nusers": len(users),
            "kinds": kinds,
            "now": now,
            "days": months * 30,
            "count": count,
        },
    )
    ids = [r[0] for r in cr.fetchall()]
    due_every = int(1 / due_share) if due_share else 0
    cr.execute(
        """
        INSERT INTO aftersales_sla_line (ticket_id, target_type, start_event, state,
               escalation_level, duration_hours, warning_percent, critical_percent,
               start_date, resume_date, deadline, warning_date, critical_date,
               next_escalation_date, met_date)
        SELECT t.id, 'first_reply', 'creation',
               CASE WHEN %(closed)s AND t.id %% 4 = 0 THEN 'breached'
                    WHEN %(closed)s THEN 'met' ELSE 'running' END,
               '0', 24, 50, 75, t.create_date, t.create_date,
               d.deadline, d.deadline - interval '12 hours',
               d.deadline - interval '6 hours',
               CASE WHEN %(closed)s THEN NULL ELSE d.deadline - interval '12 hours' END,
               CASE WHEN %(closed)s THEN t.create_date + interval '20 hours' END
          FROM helpdesk_ticket t,
               LATERAL (SELECT CASE WHEN %(due)s > 0 AND t.id %% %(due)s = 0
                                    THEN %(now)s - interval '13 hours'
                                    ELSE %(now)s + interval '30 days' END
                               + interval '12 hours' AS deadline) d
         WHERE t.id = ANY(%(ids)s)
        """,
        {"ids": ids, "due": due_every, "now": now, "closed": not due_share},
    )
    cr.execute("ANALYZE helpdesk_ticket; ANALYZE aftersales_sla_line")
    env.invalidate_all()
    return ids


def bench_escalation(dbname, args):
    env = env_for(dbname)
    try:
        insert_requests(env, args.escalation, due_share=0.01)
        env.cr.execute(
            "SELECT count(*) FROM aftersales_sla_line"
            " WHERE next_escalation_date <= (now() AT TIME ZONE 'UTC')"
        )
        due = env.cr.fetchone()[0]
        start_q, start_t = env.cr.sql_log_count, time.perf_counter()
        done = env["aftersales.sla.line"]._cron_escalate()
        env.flush_all()
        elapsed = time.perf_counter() - start_t
        queries = env.cr.sql_log_count - start_q
        # a second run finds nothing to do
        start_t = time.perf_counter()
        env["aftersales.sla.line"]._cron_escalate()
        idle = time.perf_counter() - start_t
        return {
            "open": args.escalation,
            "due": due,
            "done": done,
            "s": elapsed,
            "queries": queries,
            "idle_s": idle,
        }
    finally:
        env.cr.rollback()
        env.cr.close()


def bench_pivot(dbname, args):
    env = env_for(dbname)
    try:
        insert_requests(env, args.pivot)
        Report = env["aftersales.sla.report"]
        timings = {}
        for label, groupby in (
            ("kind x month", ["aftersales_kind", "start_date:month"]),
            ("team x agent", ["team_id", "user_id"]),
        ):
            env.invalidate_all()
            start_t = time.perf_counter()
            groups = Report.formatted_read_group(
                [], groupby, ["compliance:avg", "breached_count:sum", "__count"]
            )
            timings[label] = (time.perf_counter() - start_t, len(groups))
        return timings
    finally:
        env.cr.rollback()
        env.cr.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db-prefix", default="bench_sla")
    parser.add_argument("--single", type=int, default=200)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--escalation", type=int, default=100_000)
    parser.add_argument("--pivot", type=int, default=200_000)
    parser.add_argument("--recreate", action="store_true")
    args = parser.parse_args()

    from odoo.service.server import load_server_wide_modules
    from odoo.tools import config

    config.parse_config(odoo_args())
    load_server_wide_modules()
    bare_db, oca_db, ours_db = (
        f"{args.db_prefix}_{s}" for s in ("bare", "oca", "ours")
    )
    ensure_db(bare_db, "helpdesk_mgmt", args.recreate)
    ensure_db(oca_db, "helpdesk_mgmt_sla", args.recreate)
    ensure_db(ours_db, "aftersales_service", args.recreate)

    bare = bench_bare(bare_db, args)
    oca = bench_oca(oca_db, args)
    ours = bench_ours(ours_db, args)
    rows = [("helpdesk_mgmt (bare)", bare, None)]
    rows.append(("aftersales_service, no policy", ours[0], None))
    for count in (5, 50):
        rows.append((f"aftersales_service, {count} policies", ours[count], ours[0]))
    for count in (5, 50):
        rows.append((f"helpdesk_mgmt_sla, {count} policies", oca[count], None))

    print(f"\nRequest creation (one by one: {args.single}, batch: {args.batch})")
    print(
        f"{'':38} {'single ms':>9} {'q':>6} {'x bare':>7} {'x ours0':>7}"
        f" | {'batch ms':>8} {'q':>6} {'x bare':>7} {'x ours0':>7}"
    )
    for label, ((s_ms, s_q), (b_ms, b_q)), own in rows:
        own_s = f"{s_ms / own[0][0]:7.2f}" if own else " " * 7
        own_b = f"{b_ms / own[1][0]:7.2f}" if own else " " * 7
        print(
            f"{label:38} {s_ms:9.1f} {s_q:6.1f} {s_ms / bare[0][0]:7.2f} {own_s}"
            f" | {b_ms:8.1f} {b_q:6.1f} {b_ms / bare[1][0]:7.2f} {own_b}"
        )

    if not args.escalation:
        return
    esc = bench_escalation(ours_db, args)
    print(
        f"\nEscalation job: {esc['open']} open requests, {esc['due']} due: "
        f"{esc['s']:.2f} s, {esc['queries']} queries, {esc['done']} lines raised; "
        f"idle run {esc['idle_s'] * 1000:.0f} ms"
    )
    if not args.pivot:
        return
    piv = bench_pivot(ours_db, args)
    for label, (seconds, groups) in piv.items():
        print(
            f"SLA compliance pivot over {args.pivot} requests, {label}: "
            f"{seconds * 1000:.0f} ms ({groups} groups)"
        )


if __name__ == "__main__":
    main()
