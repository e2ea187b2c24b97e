# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import TrainingCommon

CRON = "aftersales_training.ir_cron_freeze_quarter_coverage"


@tagged("post_install", "-at_install")
class TestCoverageQuarter(TrainingCommon):
    """A yearly requirement keeps each quarter's coverage as it stood at the
    quarter's end (Shanghai company calendar, UTC+8)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.requirement = (
            cls.env["aftersales.training.requirement"]
            .with_user(cls.user_manager)
            .create(
                {
                    "name": "Repair team: two trainings a year",
                    "scope": "team",
                    "team_id": cls.team_repair.id,
                }
            )
        )
        cls.Snapshot = cls.env["aftersales.training.coverage.snapshot"]

    def _report(self, user):
        """The manager's pivot: coverage per team and quarter, side by side."""
        groups = (
            self.env["aftersales.training.coverage.snapshot"]
            .with_user(user)
            .formatted_read_group(
                [("state", "!=", "exempt")],
                ["team_id", "quarter_name"],
                ["coverage_rate:avg", "__count"],
            )
        )
        return {
            (group["team_id"][1], group["quarter_name"]): (
                round(group["coverage_rate:avg"], 2),
                group["__count"],
            )
            for group in groups
        }

    def _freeze_job(self, when):
        with freeze_time(when):
            self._run_cron(CRON)

    def test_quarter_rates_are_frozen(self):
        manager = self.user_manager
        with freeze_time("2026-01-02 02:00:00"):
            self.requirement.with_user(manager).action_generate_obligations()
        # First quarter: Li is covered, Chen half-way, Wang has nothing
        self._record(self.emp_staff, self.course_product, "2026-02-10")
        self._record(self.emp_staff, self.course_etiquette, "2026-03-05")
        self._record(self.emp_trainer, self.course_product, "2026-03-10")
        # The job of 31 March 23:59 in Shanghai freezes nothing yet
        self._freeze_job("2026-03-31 15:59:00")
        self.assertFalse(self.Snapshot.search([]))
        # 1 April 00:30 in Shanghai (still 31 March in UTC): Q1 is frozen
        self._freeze_job("2026-03-31 16:30:00")
        self.assertEqual(
            self._report(manager), {("Repair Team", "2026-Q1"): (33.33, 3)}
        )
        q1 = self.Snapshot.search([("quarter_name", "=", "2026-Q1")])
        wang_q1 = q1.filtered(lambda s: s.employee_id == self.emp_staff2)
        self.assertEqual(
            (wang_q1.state, wang_q1.done_count, wang_q1.required_count),
            ("pending", 0, 2),
        )
        # Second quarter: Wang moves to the returns team and another
        # department; his March training is recorded late; Chen completes
        new_department = self.env["hr.department"].create({"name": "Logistics"})
        self.team_repair.user_ids = [(3, self.user_staff2.id)]
        self.team_returns.user_ids = [(4, self.user_staff2.id)]
        self.emp_staff2.department_id = new_department
        with freeze_time("2026-04-08 02:00:00"):
            self.requirement.with_user(manager).action_generate_obligations()
            self._record(self.emp_staff2, self.course_product, "2026-03-20")
            self._record(self.emp_trainer, self.course_etiquette, "2026-05-06")
        self._freeze_job("2026-04-02 02:00:00")
        self._freeze_job("2026-06-30 16:30:00")
        self._freeze_job("2026-07-02 02:00:00")
        self.assertEqual(
            self._report(manager),
            {
                ("Repair Team", "2026-Q1"): (33.33, 3),
                ("Repair Team", "2026-Q2"): (66.67, 3),
            },
        )
        self.assertEqual(wang_q1.department_id, self.department)
        self.assertEqual((wang_q1.state, wang_q1.done_count), ("pending", 0))
        # A training of February recorded in July makes Wang compliant today;
        # the quarters keep their rates
        self._record(self.emp_staff2, self.course_etiquette, "2026-02-01")
        obligations = self.requirement.obligation_ids
        self.assertEqual(set(obligations.mapped("state")), {"compliant"})
        self.assertEqual(self._report(manager)[("Repair Team", "2026-Q1")], (33.33, 3))
        self.assertEqual(self._report(manager)[("Repair Team", "2026-Q2")], (66.67, 3))

    def test_snapshots_are_read_only_and_follow_visibility(self):
        with freeze_time("2026-01-02 02:00:00"):
            self.requirement._generate_obligations(self.company._get_training_today())
        self._freeze_job("2026-03-31 16:30:00")
        snapshots = self.Snapshot.search([])
        self.assertEqual(len(snapshots), 3)
        # Nobody rewrites a quarter, not even the training manager
        for operation in (
            lambda s: s.write({"coverage_rate": 100.0, "state": "compliant"}),
            lambda s: s.unlink(),
        ):
            with self.assertRaises(AccessError):
                operation(snapshots[0].with_user(self.user_manager))
        with self.assertRaises(AccessError):
            self.Snapshot.with_user(self.user_manager).create(
                {
                    "obligation_id": snapshots[0].obligation_id.id,
                    "requirement_id": self.requirement.id,
                    "employee_id": self.emp_staff.id,
                    "quarter_name": "2026-Q2",
                    "date": "2026-06-30",
                    "state": "compliant",
                    "company_id": self.company.id,
                }
            )
        # Staff see their own quarter, the trainer their team's
        self.assertEqual(
            self.Snapshot.with_user(self.user_staff).search([]).employee_id,
            self.emp_staff,
        )
        self.assertEqual(
            self.Snapshot.with_user(self.user_trainer).search([]), snapshots
        )
        self.assertEqual(
            self._report(self.user_trainer), {("Repair Team", "2026-Q1"): (0.0, 3)}
        )

    def test_freezing_is_set_based(self):
        Employee = self.env["hr.employee"]
        for size in (3, 13):
            requirement = self.env["aftersales.training.requirement"].create(
                {
                    "name": f"Department of {size}",
                    "scope": "department",
                    "department_id": self.env["hr.department"]
                    .create({"name": f"Department of {size}"})
                    .id,
                }
            )
            employees = Employee.create(
                [
                    {
                        "name": f"Staff {size}-{i}",
                        "department_id": requirement.department_id.id,
                    }
                    for i in range(size)
                ]
            )
            for employee in employees[::2]:
                self._record(employee, self.course_product, "2026-02-02")
                self._record(employee, self.course_process, "2026-03-02")
            obligations = requirement._generate_obligations(
                self.company._get_training_today().replace(year=2026, month=1, day=5)
            )
            obligations[-1].write({"exemption_reason": "Long leave"})
            obligations[-1].action_exempt()
            self.env.invalidate_all()
            with self.assertQueryCount(10):
                snapshots = self.Snapshot._freeze(
                    obligations[0].date_from.replace(month=3, day=31), self.company
                )
            self.assertEqual(len(snapshots), size)
            self.assertEqual(
                snapshots.grouped("state").keys(), {"compliant", "pending", "exempt"}
            )
