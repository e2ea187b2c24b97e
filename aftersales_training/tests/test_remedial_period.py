# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo.tests import Form, freeze_time, tagged
from odoo.tools import mute_logger

from .common import TrainingCommon

CRON = "aftersales_training.ir_cron_apply_remedial_rules"


@tagged("post_install", "-at_install")
class TestRemedialPeriod(TrainingCommon):
    """Remedial rules judge their own period (month or quarter) on the
    company's calendar days (Shanghai, UTC+8), from real SLA lines."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls._setup_sla_response()

    def _rule(self, name, period, **values):
        """A rule as the training manager fills it in."""
        with Form(
            self.env["aftersales.training.remedial.rule"].with_user(self.user_manager)
        ) as form:
            form.name = name
            form.kpi = "sla_response"
            form.period = period
            form.threshold = 85
            form.min_sample = 2
            form.team_ids.add(self.team_repair)
            form.course_id = values.get("course", self.course_process)
            form.due_days = 30
        return form.record

    def test_monthly_job_judges_the_company_month(self):
        rule = self._rule("First reply under 85%", "month")
        # Li answers two April requests late, the last one on 30 April at
        # 23:00 in Shanghai (15:00 UTC)
        self._answered_request(
            self.user_staff, "2026-04-10 01:00:00", "2026-04-10 08:00:00"
        )
        self._answered_request(
            self.user_staff, "2026-04-30 06:00:00", "2026-04-30 15:00:00"
        )
        # The job runs at 01:00 on 1 May in Shanghai, still 30 April in UTC
        with freeze_time("2026-04-30 17:00:00"):
            self._run_cron(CRON)
        assignment = rule.assignment_ids
        self.assertEqual(assignment.employee_id, self.emp_staff)
        self.assertEqual(
            (assignment.date_from, assignment.date_to, assignment.date_due),
            (date(2026, 4, 1), date(2026, 4, 30), date(2026, 5, 31)),
        )
        self.assertEqual((assignment.kpi_value, assignment.sample_size), (0.0, 2))
        self.assertEqual(assignment.activity_ids.date_deadline, date(2026, 5, 31))
        self.assertEqual(rule.date_last_judged, date(2026, 4, 30))
        # Later runs of the month judge April no more
        with freeze_time("2026-05-20 17:00:00"):
            self._answered_request(
                self.user_staff2, "2026-04-20 01:00:00", "2026-04-20 08:00:00"
            )
            self._answered_request(
                self.user_staff2, "2026-04-21 01:00:00", "2026-04-21 08:00:00"
            )
            self._run_cron(CRON)
        self.assertEqual(rule.assignment_ids, assignment)

    def test_quarterly_rule_judges_the_quarter_once(self):
        quarterly = self._rule("First reply under 85% over a quarter", "quarter")
        monthly = self._rule("First reply under 85% over a month", "month")
        # One late answer in January and one in February: too few to judge a
        # month (minimum 2), enough for the quarter
        self._answered_request(
            self.user_staff, "2026-01-15 01:00:00", "2026-01-15 08:00:00"
        )
        self._answered_request(
            self.user_staff, "2026-02-10 01:00:00", "2026-02-10 08:00:00"
        )
        with freeze_time("2026-02-01 01:00:00"):
            self._run_cron(CRON)
        with freeze_time("2026-03-01 01:00:00"):
            self._run_cron(CRON)
        self.assertFalse(quarterly.assignment_ids | monthly.assignment_ids)
        # On 1 April (Shanghai) the job judges the first quarter
        with freeze_time("2026-03-31 16:30:00"):
            self._run_cron(CRON)
        assignment = quarterly.assignment_ids
        self.assertEqual(assignment.employee_id, self.emp_staff)
        self.assertEqual(
            (assignment.date_from, assignment.date_to, assignment.date_due),
            (date(2026, 1, 1), date(2026, 3, 31), date(2026, 5, 1)),
        )
        self.assertEqual((assignment.kpi_value, assignment.sample_size), (0.0, 2))
        self.assertFalse(monthly.assignment_ids)
        # The manager changes the course and presses the button again, the job
        # runs every day: the quarter is judged once, and Li is assigned once
        quarterly.with_user(self.user_manager).course_id = self.course_etiquette
        with freeze_time("2026-04-02 02:00:00"):
            quarterly.with_user(self.user_manager).action_apply_last_period()
            self._run_cron(CRON)
        with freeze_time("2026-05-01 02:00:00"):
            self._run_cron(CRON)
        self.assertEqual(quarterly.assignment_ids, assignment)
        self.assertEqual(quarterly.date_last_judged, date(2026, 3, 31))
        # The next quarter's KPI shows whether it helped: April to June
        self._answered_request(
            self.user_staff, "2026-06-30 01:00:00", "2026-06-30 02:00:00"
        )
        assignment.invalidate_recordset(["next_kpi_value"])
        self.assertEqual(assignment.next_kpi_value, 100.0)
        # A person never gets the same rule's course twice for a period
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            assignment.copy()

    def test_same_course_once_per_period_and_person(self):
        monthly = self._rule("First reply under 85% over a month", "month")
        quarterly = self._rule("First reply under 85% over a quarter", "quarter")
        for day in ("2026-03-02", "2026-03-03"):
            self._answered_request(
                self.user_staff, f"{day} 01:00:00", f"{day} 08:00:00"
            )
        # Both rules judge Li's March on 1 April: she gets the course once
        with freeze_time("2026-03-31 16:30:00"):
            self._run_cron(CRON)
        assignments = (monthly | quarterly).assignment_ids
        self.assertEqual(len(assignments), 1)
        self.assertEqual(assignments.employee_id, self.emp_staff)
