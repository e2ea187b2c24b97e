# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SLA benchmark: request creation, escalation job and compliance pivot.

One command, from the repository root::

    ~/.local/share/aftersales/venv/bin/python bench/bench_sla.py

It creates once three databases without demo data, ``bench_sla_bare``
(helpdesk_mgmt), ``bench_sla_oca`` (helpdesk_mgmt_sla) and ``bench_sla_ours``
(aftersales_service, updated on each run). For each run, every configuration
measured gets its own copy of one of them with its set-up committed (team,
customer, policies), so that all of them stay open side by side; then, in one
run:

* ms and SQL queries per request created, one by one (``--single``, 300 in
  all) and in batches (``--batch``, 1,500 in all): bare helpdesk_mgmt;
  aftersales_service without any policy (its intake: routing, priority,
  acknowledgement job...) and with 5 and 50 policies (the last one matches,
  two targets of which one counts 3 working days on the company calendar);
  helpdesk_mgmt_sla with 5 and 50 policies on the team (each one matches: a
  line per policy, its design). Ratios are given against bare helpdesk_mgmt
  and, for ours, against our create without policies (what the SLA engine
  costs). The configurations take turns in ``--rounds`` rounds (each round in
  a different order); a figure is the median round and a ratio the median of
  the ratios measured in each round, so that the load of a shared machine
  hits every configuration alike. The registries are frozen out of Python's
  garbage collector after set-up and each sample starts with a collection,
  so that one configuration's garbage is not collected in another's sample.
  Requests are created in transactions rolled back at the end.
* the same with realistic data, each against bare helpdesk_mgmt with the
  same customers: 200 distinct customers, each with a done delivery of a
  lot-tracked product; a quarter of our requests name their lot, a quarter
  their delivery (the intake completes the rest), 5 policies;
* the escalation job (``aftersales.sla.line._cron_escalate``) over 100,000
  open requests inserted with SQL, 1 % of them crossing a threshold;
* the SLA compliance pivot (``aftersales.sla.report`` grouped by kind and
  month, and by team and agent) over 200,000 requests inserted with SQL.

Options: ``--db-prefix``, ``--single``, ``--batch``, ``--rounds``,
``--escalation`` and ``--pivot`` (0 skips that part), ``--recreate`` (drop and
re-install the databases, e.g. after changing the addons).
"""

import argparse
import gc
import os
import statistics
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


def ensure_db(dbname, modules, recreate, update=False):
    """Install ``modules`` in a new database; an existing one is kept (and
    its modules updated with ``update``, for the addons of this repository)."""
    import odoo.sql_db

    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname])
        exists = bool(cr.fetchone())
    if exists and not recreate and not update:
        return
    if exists and recreate:
        subprocess.run(["dropdb", dbname], check=True)
    mode = "-u" if exists and not recreate else "-i"
    print(f"{'updating' if mode == '-u' else 'installing'} {modules} in {dbname}...")
    subprocess.run(
        [
            os.path.join(VENV_BIN, "odoo"),
            *odoo_args(dbname),
            mode,
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


def copy_db(template, dbname):
    quiet = dict(os.environ, PGOPTIONS="-c client_min_messages=warning")
    subprocess.run(["dropdb", "--if-exists", dbname], check=True, env=quiet)
    subprocess.run(["createdb", "-T", template, dbname], check=True)


def base_data(env):
    team = env["helpdesk.ticket.team"].create({"name": "Bench team"})
    partner = env["res.partner"].create(
        {"name": "Bench customer", "email": "b@example.com"}
    )
    return team, partner


def setup_bare(env):
    team, partner = base_data(env)
    return {
        "name": "Bench",
        "description": "<p>x</p>",
        "team_id": team.id,
        "partner_id": partner.id,
    }


def setup_oca(env, count):
    vals = setup_bare(env)
    team = env["helpdesk.ticket.team"].browse(vals["team_id"])
    team.write(
        {"use_sla": True, "resource_calendar_id": env.company.resource_calendar_id.id}
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
    return vals


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


def setup_ours(env, count):
    vals = setup_bare(env)
    category = env["helpdesk.ticket.category"].create(
        {"name": "Bench repair", "aftersales_kind": "repair"}
    )
    vals["category_id"] = category.id
    if count:
        our_policies(env, count, env["helpdesk.ticket.team"].browse(vals["team_id"]))
    else:
        env["aftersales.sla.policy"].search([]).write({"active": False})
    return vals


REALISTIC_CUSTOMERS = 200


def realistic_customers(env):
    return env["res.partner"].create(
        [
            {"name": f"Customer {i:03d}", "email": f"c{i:03d}@example.com"}
            for i in range(REALISTIC_CUSTOMERS)
        ]
    )


def setup_bare_realistic(env):
    """Bare helpdesk_mgmt with distinct customers (it has no product, lot or
    delivery to record)."""
    vals = setup_bare(env)
    customers = realistic_customers(env).ids

    def vals_for(i):
        return dict(vals, partner_id=customers[i % len(customers)])

    return vals_for


def deliver_lots(env, customers):
    """A done delivery of one lot-tracked unit to each customer, as their
    purchase: the requests name them."""
    warehouse = env["stock.warehouse"].search(
        [("company_id", "=", env.company.id)], limit=1
    )
    stock, dest = warehouse.lot_stock_id, env.ref("stock.stock_location_customers")
    product = env["product.product"].create(
        {"name": "Sofa", "type": "consu", "is_storable": True, "tracking": "lot"}
    )
    lots = env["stock.lot"].create(
        [{"name": f"SOFA-{i:04d}", "product_id": product.id} for i in customers.ids]
    )
    for lot in lots:
        env["stock.quant"]._update_available_quantity(product, stock, 1, lot_id=lot)
    pickings = env["stock.picking"].create(
        [
            {
                "partner_id": customer.id,
                "picking_type_id": warehouse.out_type_id.id,
                "location_id": stock.id,
                "location_dest_id": dest.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "product_uom_qty": 1,
                            "location_id": stock.id,
                            "location_dest_id": dest.id,
                        },
                    )
                ],
            }
            for customer in customers
        ]
    )
    pickings.action_confirm()
    for picking, lot in zip(pickings, lots, strict=True):
        picking.move_ids._do_unreserve()
        picking.move_ids._update_reserved_quantity(1, stock, lot_id=lot, strict=False)
    pickings.move_ids.picked = True
    pickings.with_context(skip_backorder=True).button_validate()
    return product, lots, pickings


def setup_ours_realistic(env, count):
    """Distinct customers; half the requests are about a purchase: a
    quarter name the lot (the delivery, product and date are found from it),
    a quarter the delivery (product, lot and date are read from it)."""
    vals = setup_ours(env, count)
    customers = realistic_customers(env)
    _product, lots, pickings = deliver_lots(env, customers)
    rows = list(zip(customers.ids, lots.ids, pickings.ids, strict=True))

    def vals_for(i):
        customer, lot, picking = rows[i % len(rows)]
        request = dict(vals, partner_id=customer)
        if i % 4 == 1:
            request["lot_id"] = lot
        elif i % 4 == 3:
            request["delivery_id"] = picking
        return request

    return vals_for


class Config:
    """One configuration measured: its own database, set-up committed, and a
    transaction kept open for the measures (rolled back at the end)."""

    def __init__(self, label, template, dbname, setup, group="simple"):
        copy_db(template, dbname)
        env = env_for(dbname)
        vals = setup(env)
        # a set-up gives the values of every request, or a function of the
        # request's rank giving them
        self.vals_for = vals if callable(vals) else (lambda _i, vals=vals: dict(vals))
        env.cr.commit()
        self.label, self.env, self.group = label, env, group
        self.single, self.batch = [], []
        self.counter = 0

    def _next_vals(self, count):
        vals_list = [self.vals_for(self.counter + i) for i in range(count)]
        self.counter += count
        return vals_list

    def create(self, count, one_by_one):
        cr, Ticket = self.env.cr, self.env["helpdesk.ticket"]
        vals_list = self._next_vals(count)
        gc.collect()  # the garbage of the previous sample is not charged here
        start_q, start_t = cr.sql_log_count, time.perf_counter()
        if one_by_one:
            for vals in vals_list:
                Ticket.create(vals)
                self._finish()
        else:
            Ticket.create(vals_list)
            self._finish()
        return (
            (time.perf_counter() - start_t) * 1000 / count,
            (cr.sql_log_count - start_q) / count,
        )

    def _finish(self):
        """What committing the request does, short of the commit itself:
        pending computations, then the pre-commit hooks (tracking messages,
        the after-sales analysis rows)."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.flush_all()

    def result(self, reference=None):
        """Per request, one by one and in batch: (ms of the median round,
        queries, median over the rounds of the ratio to ``reference``'s ms in
        the same round)."""
        out = []
        for kind in ("single", "batch"):
            samples = getattr(self, kind)
            ref = getattr(reference, kind) if reference else None
            out.append(
                (
                    statistics.median(ms for ms, _q in samples),
                    statistics.mean(q for _ms, q in samples),
                    statistics.median(
                        ms / ref_ms
                        for (ms, _q), (ref_ms, _rq) in zip(samples, ref, strict=True)
                    )
                    if ref
                    else None,
                )
            )
        return out

    def close(self):
        self.env.cr.rollback()
        self.env.cr.close()


def bench_creation(args, bare_db, oca_db, ours_db):
    prefix = args.db_prefix
    configs = [
        Config("helpdesk_mgmt (bare)", bare_db, f"{prefix}_x_bare", setup_bare),
        Config(
            "aftersales_service, no policy",
            ours_db,
            f"{prefix}_x_ours0",
            lambda env: setup_ours(env, 0),
        ),
    ]
    for count in (5, 50):
        configs.append(
            Config(
                f"aftersales_service, {count} policies",
                ours_db,
                f"{prefix}_x_ours{count}",
                lambda env, count=count: setup_ours(env, count),
            )
        )
    for count in (5, 50):
        configs.append(
            Config(
                f"helpdesk_mgmt_sla, {count} policies",
                oca_db,
                f"{prefix}_x_oca{count}",
                lambda env, count=count: setup_oca(env, count),
            )
        )
    configs += [
        Config(
            "helpdesk_mgmt (bare), customers",
            bare_db,
            f"{prefix}_x_bare_real",
            setup_bare_realistic,
            group="realistic",
        ),
        Config(
            "aftersales_service, 5 policies, purchases",
            ours_db,
            f"{prefix}_x_ours_real",
            lambda env: setup_ours_realistic(env, 5),
            group="realistic",
        ),
    ]
    try:
        for config in configs:
            config.create(5, True)  # warm caches like a running server
        # the registries loaded are long-lived: out of the collector's way
        gc.collect()
        gc.freeze()
        single = max(1, args.single // args.rounds)
        batch = max(1, args.batch // args.rounds)
        for one_by_one, size in ((True, single), (False, batch)):
            for rnd in range(args.rounds):
                shift = rnd % len(configs)
                for config in configs[shift:] + configs[:shift]:
                    sample = config.create(size, one_by_one)
                    (config.single if one_by_one else config.batch).append(sample)
        bare, ours0 = configs[0], configs[1]
        bare_real = next(c for c in configs if c.group == "realistic")
        return {
            config.label: (
                config.result(bare if config.group == "simple" else bare_real),
                config.result(ours0)
                if config.label.startswith("aftersales") and config.group == "simple"
                else None,
            )
            for config in configs
        }
    finally:
        for config in configs:
            config.close()


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
    parser.add_argument("--single", type=int, default=300)
    parser.add_argument("--batch", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=15)
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
    ensure_db(ours_db, "aftersales_service", args.recreate, update=True)
    # ours has stock (a dependency): bare helpdesk_mgmt stays without it

    results = bench_creation(args, bare_db, oca_db, ours_db)
    print(
        f"\nRequest creation (one by one: {args.single}, in batches: {args.batch}; "
        f"{args.rounds} interleaved rounds: ms of the median round, ratios as the "
        "median of the ratios in each round)"
    )
    print(
        f"{'':44} {'single ms':>9} {'q':>5} {'x bare':>6} {'x ours0':>7}"
        f" | {'batch ms':>8} {'q':>5} {'x bare':>6} {'x ours0':>7}"
    )
    for label, (vs_bare, vs_ours0) in results.items():
        cells = []
        for kind in (0, 1):
            ms, queries, ratio = vs_bare[kind]
            own = vs_ours0[kind][2] if vs_ours0 and "policies" in label else None
            own = f"{own:7.2f}" if own else " " * 7
            cells.append(f"{ms:9.1f} {queries:5.1f} {ratio:6.2f} {own}")
        print(f"{label:44} {cells[0]} | {cells[1]}")

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
