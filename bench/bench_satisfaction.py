# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Satisfaction benchmark: the invitation, reminder and expiry job.

One command, from the repository root::

    ~/.local/share/aftersales/venv/bin/python bench/bench_satisfaction.py

It installs once a database without demo data, ``bench_satisfaction``
(aftersales_service, updated on each run), copies it for the run, creates
``--requests`` customers (10,000 by default) with the ORM and as many closed
requests waiting for their survey with SQL, then runs the scheduled job
``After-Sales: satisfaction surveys and reminders`` as the scheduler does
(``ir.cron.method_direct_trigger``: its own cursor, a commit per batch through
``ir.cron._commit_progress``) three times:

* invitations: one survey answer and one email per request;
* reminders: every invitation made due (its next reminder moved to the past);
* expiry: a third of the invitations answered, the others' deadline passed.

For each run it prints the wall time, the requests per second, the SQL
queries in all and per batch (``--batch-size``), and the batches; then the
idle run (nothing to do). Options: ``--requests``, ``--batch-size``,
``--recreate``.
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV_BIN = os.path.dirname(sys.executable)
DB = "bench_satisfaction"


def odoo_args(dbname=None):
    args = [f"--addons-path={ROOT}", "--db_host=", "--log-level=warn"]
    if dbname:
        args.append(f"--database={dbname}")
    return args


def ensure_db(dbname, recreate):
    import odoo.sql_db

    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname])
        exists = bool(cr.fetchone())
    if exists and recreate:
        subprocess.run(["dropdb", dbname], check=True)
        exists = False
    mode = "-u" if exists else "-i"
    print(f"{'updating' if exists else 'installing'} aftersales_service in {dbname}...")
    subprocess.run(
        [
            os.path.join(VENV_BIN, "odoo"),
            *odoo_args(dbname),
            mode,
            "aftersales_service",
            "--stop-after-init",
        ],
        check=True,
    )


def copy_db(template, dbname):
    quiet = dict(os.environ, PGOPTIONS="-c client_min_messages=warning")
    subprocess.run(["dropdb", "--if-exists", dbname], check=True, env=quiet)
    subprocess.run(["createdb", "-T", template, dbname], check=True)


def setup(dbname, count, batch_size):
    """Customers, closed requests waiting for their survey, the job's batch
    size; committed."""
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    registry = Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        team = env["helpdesk.ticket.team"].create({"name": "Bench team"})
        partners = env["res.partner"].create(
            [
                {"name": f"Customer {i}", "email": f"customer{i}@example.com"}
                for i in range(count)
            ]
        )
        env.flush_all()
        done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        now = datetime.now(UTC).replace(tzinfo=None)
        cr.execute(
            """
            INSERT INTO helpdesk_ticket (number, name, description, company_id,
                   team_id, partner_id, commercial_partner_id, stage_id, priority,
                   active, create_date, write_date, sla_received_date, closed_date,
                   resolved_date, satisfaction_state)
            SELECT 'S' || p.id, 'Bench ' || p.id, '<p>x</p>', %(company)s,
                   %(team)s, p.id, p.id, %(done)s, '1', true, %(now)s, %(now)s,
                   %(now)s, %(now)s, %(now)s, 'pending'
              FROM res_partner p WHERE p.id = ANY(%(partners)s)
            """,
            {
                "company": env.company.id,
                "team": team.id,
                "done": done.id,
                "now": now,
                "partners": partners.ids,
            },
        )
        cron = env.ref("aftersales_service.ir_cron_satisfaction")
        cron.code = f"model._cron_satisfaction(batch_size={batch_size})"
        cr.execute("ANALYZE helpdesk_ticket; ANALYZE res_partner")
        cr.commit()
    return registry


def run_job(registry):
    """Run the job as the scheduler does until it has nothing left (it stops
    itself when its time is up); wall time, queries, runs."""
    from odoo import SUPERUSER_ID, api, sql_db

    start_queries, start, runs = sql_db.sql_counter, time.perf_counter(), 0
    while True:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env.ref("aftersales_service.ir_cron_satisfaction").method_direct_trigger()
            runs += 1
            cr.execute(
                """SELECT
                    (SELECT count(*) FROM helpdesk_ticket
                      WHERE satisfaction_state = 'pending')
                  + (SELECT count(*) FROM survey_user_input
                      WHERE aftersales_next_reminder <= now() AT TIME ZONE 'UTC'
                        AND state != 'done')"""
            )
            if not cr.fetchone()[0]:
                break
    return time.perf_counter() - start, sql_db.sql_counter - start_queries, runs


def count(registry, query):
    with registry.cursor() as cr:
        cr.execute(query)
        return cr.fetchone()[0]


def report(label, done, seconds, queries, runs, batch_size):
    batches = max(-(-done // batch_size), 1)
    print(
        f"{label:12} {done:7d} {seconds:8.1f} s {done / seconds:8.0f}/s "
        f"{queries:8d} q {queries / batches:7.1f} q/batch ({batches} batches, "
        f"{runs} job runs)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--recreate", action="store_true")
    args = parser.parse_args()

    from odoo.service.server import load_server_wide_modules
    from odoo.tools import config

    config.parse_config(odoo_args())
    load_server_wide_modules()
    ensure_db(DB, args.recreate)
    run_db = f"{DB}_run"
    copy_db(DB, run_db)
    print(f"creating {args.requests} customers and closed requests...")
    registry = setup(run_db, args.requests, args.batch_size)
    print(
        f"\n{'step':12} {'items':>7} {'time':>10} {'rate':>10} {'queries':>10} "
        f"{'per batch':>11}"
    )

    seconds, queries, runs = run_job(registry)
    invited = count(
        registry,
        "SELECT count(*) FROM helpdesk_ticket WHERE satisfaction_state = 'invited'",
    )
    report("invitations", invited, seconds, queries, runs, args.batch_size)

    past = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=1)
    with registry.cursor() as cr:
        cr.execute(
            "UPDATE survey_user_input SET aftersales_next_reminder = %s"
            " WHERE aftersales_ticket_id IS NOT NULL",
            [past],
        )
    seconds, queries, runs = run_job(registry)
    reminded = count(
        registry,
        "SELECT count(*) FROM survey_user_input WHERE aftersales_reminder_count = 1",
    )
    report("reminders", reminded, seconds, queries, runs, args.batch_size)

    with registry.cursor() as cr:
        cr.execute(
            """UPDATE survey_user_input SET state = 'done',
                      aftersales_next_reminder = NULL
                WHERE aftersales_ticket_id %% 3 = 0;
               UPDATE helpdesk_ticket SET satisfaction_state = 'answered'
                WHERE id %% 3 = 0;
               UPDATE survey_user_input SET deadline = %s,
                      aftersales_next_reminder = NULL
                WHERE state != 'done'""",
            [past],
        )
    seconds, queries, runs = run_job(registry)
    expired = count(
        registry,
        "SELECT count(*) FROM helpdesk_ticket WHERE satisfaction_state = 'expired'",
    )
    report("expiry", expired, seconds, queries, runs, args.batch_size)

    seconds, queries, runs = run_job(registry)
    print(f"{'idle run':12} {seconds * 1000:14.0f} ms {queries:19d} q")
    from odoo import sql_db

    registry.delete(run_db)
    sql_db.close_db(run_db)
    subprocess.run(["dropdb", "--if-exists", run_db], check=True)


if __name__ == "__main__":
    main()
