#!/usr/bin/env python3
# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the training coverage computation (target: under 2 s).

Creates 2,000 employees with four quarters of training obligations and about
1.5 trainings per person and quarter in a database where aftersales_training is
installed, then times the state refresh of every obligation and the coverage
rate per team and period. Everything is rolled back unless --commit is given.

    ~/.local/share/aftersales/venv/bin/python bench/bench_training_coverage.py \
        --db DBNAME [--employees 2000] [--addons-path .]
"""

import argparse
import random
import time
from datetime import date
from pathlib import Path


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database with aftersales_training")
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument(
        "--addons-path", default=str(Path(__file__).resolve().parent.parent)
    )
    parser.add_argument("--db-host", default="")
    parser.add_argument("--commit", action="store_true", help="keep the data")
    return parser.parse_args()


def timed(label, func, cr, results):
    queries_before = cr.sql_log_count
    start = time.perf_counter()
    value = func()
    elapsed = time.perf_counter() - start
    results.append((label, elapsed, cr.sql_log_count - queries_before))
    return value


def main():
    args = parse_args()
    import odoo
    from odoo import api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        ["--addons-path", args.addons_path, "--db_host", args.db_host, "-d", args.db]
    )
    random.seed(42)
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        results = []
        department = env["hr.department"].create({"name": "Bench After-Sales"})
        teams = env["helpdesk.ticket.team"].create(
            [{"name": f"Bench team {i}"} for i in range(args.teams)]
        )
        employees = timed(
            f"create {args.employees} employees",
            lambda: env["hr.employee"].create(
                [
                    {"name": f"Bench staff {i}", "department_id": department.id}
                    for i in range(args.employees)
                ]
            ),
            cr,
            results,
        )
        topics = env["aftersales.training.topic"].search([])
        courses = env["aftersales.training.course"].create(
            [
                {"name": f"Bench {topic.name} {i}", "topic_id": topic.id, "hours": 2}
                for topic in topics
                for i in range(2)
            ]
        )
        requirements = env["aftersales.training.requirement"].create(
            [
                {
                    "name": f"Bench quarterly {team.name}",
                    "scope": "department",
                    "department_id": department.id,
                    "periodicity": "quarter",
                    "min_trainings": 1,
                }
                for team in teams[:1]
            ]
        )
        quarters = [date(2026, month, 1) for month in (1, 4, 7, 10)]
        obligations = env["aftersales.training.obligation"]
        for day in quarters:
            obligations |= timed(
                f"generate obligations {day:%Y-%m}",
                lambda day=day: requirements._generate_obligations(day),
                cr,
                results,
            )
        # Spread the people over the teams (the frozen team of the snapshot)
        for index, team in enumerate(teams):
            obligations.filtered(
                lambda o, i=index: o.employee_id.id % args.teams == i
            ).write({"team_id": team.id})
        vals_list = []
        for employee in employees:
            for day in quarters:
                for _i in range(random.choice((0, 1, 2, 3))):
                    vals_list.append(
                        {
                            "employee_id": employee.id,
                            "course_id": random.choice(courses).id,
                            "date": day.replace(day=random.randint(1, 28)),
                            "hours": 2,
                            "score": random.randint(50, 100),
                            "passed": random.random() > 0.1,
                        }
                    )
        timed(
            f"create {len(vals_list)} training records",
            lambda: env["aftersales.training.record"].create(vals_list),
            cr,
            results,
        )
        env.flush_all()
        env.invalidate_all()
        Obligation = env["aftersales.training.obligation"]
        obligations = Obligation.browse(obligations.ids)
        timed(
            f"refresh states of {len(obligations)} obligations",
            lambda: (obligations._refresh_states(date(2027, 1, 5)), env.flush_all()),
            cr,
            results,
        )
        env.invalidate_all()
        coverage = timed(
            "coverage per team and period",
            lambda: Obligation._get_coverage(
                [("id", "in", obligations.ids)], groupby=["team_id", "period_name"]
            ),
            cr,
            results,
        )
        overall = timed(
            "coverage per period",
            lambda: Obligation._get_coverage(
                [("id", "in", obligations.ids)], groupby=["period_name"]
            ),
            cr,
            results,
        )
        print(f"{'step':<45}{'seconds':>10}{'queries':>10}")
        for label, elapsed, queries in results:
            print(f"{label:<45}{elapsed:>10.3f}{queries:>10}")
        total = sum(r[1] for r in results[-3:])
        print(
            f"coverage computation (refresh + reports): {total:.3f} s "
            f"for {len(obligations)} obligations, {len(coverage)} team-period lines"
        )
        for (period,), line in sorted(overall.items()):
            print(f"  {period}: {line['compliant']}/{line['total']} = {line['rate']}%")
        print("target < 2 s:", "met" if total < 2 else "MISSED")
        if args.commit:
            cr.commit()
        else:
            cr.rollback()


if __name__ == "__main__":
    main()
