# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import TrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingCoverage(TrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Requirement = cls.env["aftersales.training.requirement"]
        cls.req_repair = Requirement.create(
            {
                "name": "Repair team: two trainings a year",
                "scope": "team",
                "team_id": cls.team_repair.id,
                "topic_ids": [(6, 0, (cls.topic_product | cls.topic_etiquette).ids)],
                "new_hire_grace_days": 60,
            }
        )
        cls.req_returns = Requirement.create(
            {
                "name": "Returns team: two trainings a year",
                "scope": "team",
                "team_id": cls.team_returns.id,
            }
        )
        cls.Obligation = cls.env["aftersales.training.obligation"]

    def _obligation(self, requirement, employee):
        return self.Obligation.search(
            [("requirement_id", "=", requirement.id), ("employee_id", "=", employee.id)]
        )

    def test_manager_without_hr_rights_generates_obligations(self):
        manager = self.user_manager
        self.assertFalse(manager.has_group("hr.group_hr_user"))
        with freeze_time("2026-01-05 09:00:00"):
            with Form(
                self.env["aftersales.training.requirement"].with_user(manager)
            ) as form:
                form.name = "After-sales department: two trainings a year"
                form.scope = "department"
                form.department_id = self.department
            action = form.record.action_generate_obligations()
        obligations = (
            self.env["aftersales.training.obligation"]
            .with_user(manager)
            .search(action["domain"])
        )
        self.assertEqual(
            obligations.employee_id,
            self.emp_trainer
            | self.emp_staff
            | self.emp_staff2
            | self.emp_staff3
            | self.emp_nologin,
        )
        self.assertEqual(obligations.department_id, self.department)
        self.assertEqual(
            set(obligations.mapped("hire_date")), {False, date(2025, 3, 1)}
        )
        # The manager opens an obligation from the list
        with Form(obligations.filtered(lambda o: o.employee_id == self.emp_staff)) as f:
            self.assertEqual(f.department_id, self.department)
            self.assertEqual(f.state, "pending")
        # A team requirement too, and a second press adds nobody
        with freeze_time("2026-01-05 09:00:00"):
            self.req_repair.with_user(manager).action_generate_obligations()
            self.req_repair.with_user(manager).action_generate_obligations()
        self.assertEqual(
            self.req_repair.obligation_ids.employee_id,
            self.emp_trainer | self.emp_staff | self.emp_staff2,
        )

    def test_obligation_states_over_a_year(self):
        with freeze_time("2026-01-05 09:00:00"):
            obligations = self.req_repair._generate_obligations(date(2026, 1, 5))
        self.assertEqual(
            obligations.employee_id, self.emp_trainer | self.emp_staff | self.emp_staff2
        )
        staff = self._obligation(self.req_repair, self.emp_staff)
        staff2 = self._obligation(self.req_repair, self.emp_staff2)
        self.assertEqual(
            (staff.period_name, str(staff.date_due)), ("2026", "2026-12-31")
        )
        self.assertEqual(staff.state, "pending")
        with freeze_time("2026-03-10 09:00:00"):
            self._record(self.emp_staff, self.course_product, "2026-03-10")
            # Outside the topic pool: does not count
            self._record(self.emp_staff, self.course_process, "2026-03-11")
            # Failed: does not count
            self._record(
                self.emp_staff, self.course_etiquette, "2026-03-12", passed=False
            )
        self.assertEqual((staff.done_count, staff.state), (1, "pending"))
        with freeze_time("2026-06-20 09:00:00"):
            self._record(self.emp_staff, self.course_etiquette, "2026-06-20")
        self.assertEqual((staff.done_count, staff.state), (2, "compliant"))
        # Two weeks before the due date: the person and their manager are reminded
        with freeze_time("2026-12-17 09:00:00"):
            self.Obligation._cron_notify()
        self.assertEqual(staff2.state, "pending")
        self.assertEqual(
            staff2.activity_ids.user_id, self.user_staff2 | self.user_trainer
        )
        self.assertFalse(staff.activity_ids, "compliant people are not reminded")
        # Once the year is over the missing person is overdue, warned once
        with freeze_time("2027-01-02 09:00:00"):
            self.Obligation._cron_notify()
            self.Obligation._cron_notify()
        self.assertEqual(staff2.state, "overdue")
        self.assertEqual(staff.state, "compliant")
        self.assertEqual(len(staff2.activity_ids), 4)
        self.assertIn(
            "overdue", staff2.activity_ids[0].summary + staff2.activity_ids[-1].summary
        )
        # A record in the next year does not fix last year
        with freeze_time("2027-01-03 09:00:00"):
            self._record(self.emp_staff2, self.course_product, "2027-01-03")
            self._record(self.emp_staff2, self.course_etiquette, "2027-01-03")
        self.assertEqual(staff2.state, "overdue")

    def test_coverage_with_transfer_new_hire_and_exemption(self):
        day = date(2026, 1, 2)
        with freeze_time("2026-01-02 09:00:00"):
            (self.req_repair | self.req_returns)._generate_obligations(day)
        # Mid-year Staff Wang moves from repair to returns, a new hire joins repair
        user_new = self.env["res.users"].create(
            {"name": "New Hire Qian", "login": "trc_new_hire"}
        )
        new_hire = self.env["hr.employee"].create(
            {
                "name": "New Hire Qian",
                "user_id": user_new.id,
                "contract_date_start": date(2026, 11, 15),
            }
        )
        self.team_repair.user_ids = [(3, self.user_staff2.id), (4, user_new.id)]
        self.team_returns.user_ids = [(4, self.user_staff2.id)]
        with freeze_time("2026-11-16 09:00:00"):
            created = (self.req_repair | self.req_returns)._generate_obligations(
                date(2026, 11, 16)
            )
        # Only the new hire is added; the transfer stays in the frozen population
        self.assertEqual(created.employee_id, new_hire)
        self.assertEqual(str(created.date_due), "2027-01-14")
        self.assertFalse(self._obligation(self.req_returns, self.emp_staff2))
        # Returns: Staff Zhao is exempt (long leave)
        zhao = self._obligation(self.req_returns, self.emp_staff3)
        with self.assertRaisesRegex(UserError, "exemption reason"):
            zhao.with_user(self.user_manager).action_exempt()
        zhao.with_user(self.user_manager).exemption_reason = "Maternity leave"
        zhao.with_user(self.user_manager).action_exempt()
        self.assertEqual(zhao.state, "exempt")
        with self.assertRaisesRegex(ValidationError, "Give the reason"):
            zhao.exemption_reason = False
        # Trainings during the year
        for employee in (self.emp_staff, self.emp_trainer):
            self._record(employee, self.course_product, "2026-04-01")
            self._record(employee, self.course_etiquette, "2026-09-01")
        with freeze_time("2027-01-05 09:00:00"):
            self.Obligation._cron_notify()
            coverage = self.Obligation._get_coverage(
                [("period_name", "=", "2026")], groupby=["team_id"]
            )
        # Repair: trainer and Li compliant, Wang overdue, the new hire still in grace
        self.assertEqual(
            coverage[self.team_repair,],
            {"total": 4, "compliant": 2, "overdue": 1, "rate": 50.0},
        )
        self.assertEqual(self._obligation(self.req_repair, new_hire).state, "pending")
        # Returns: its only person is exempt, so it has no rate to report
        self.assertNotIn((self.team_returns,), coverage)
        # Wang's trainings after the move still count for the frozen repair line
        self._record(self.emp_staff2, self.course_product, "2026-12-01")
        self._record(self.emp_staff2, self.course_etiquette, "2026-12-02")
        coverage = self.Obligation._get_coverage(
            [("period_name", "=", "2026")], groupby=["team_id"]
        )
        self.assertEqual(coverage[self.team_repair,]["rate"], 75.0)
        # the monthly report of November shows the repair team's coverage
        with freeze_time("2027-01-05 09:00:00"):
            report = self.env["aftersales.management.report"].create(
                {"date_from": "2026-11-01"}
            )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "aftersales_service.action_report_aftersales_monthly", report.ids
            )[0]
            .decode()
        )
        self.assertIn("Training coverage", html)
        self.assertRegex(html, r"75\.0 %")
        self.assertEqual(
            report._get_training_coverage(), [(self.team_repair.name, 4, 3, 0, 75.0)]
        )

    def test_training_matrix_and_mandatory_course(self):
        self.req_repair.mandatory_course_ids = self.course_process
        with freeze_time("2026-01-02 09:00:00"):
            self.req_repair._generate_obligations(date(2026, 1, 2))
            self._record(self.emp_staff, self.course_product, "2026-01-02")
            self._record(self.emp_staff, self.course_etiquette, "2026-01-02")
        staff = self._obligation(self.req_repair, self.emp_staff)
        # Two trainings from the pool but the mandatory course is missing
        self.assertEqual((staff.done_count, staff.state), (2, "pending"))
        with freeze_time("2026-01-03 09:00:00"):
            self._record(self.emp_staff, self.course_process, "2026-01-03")
        self.assertEqual(staff.state, "compliant")
        with freeze_time("2027-01-03 09:00:00"):
            self.Obligation._cron_notify()
        obligations = self.req_repair.obligation_ids
        matrix = obligations._get_training_matrix()
        self.assertEqual(
            matrix[self.emp_staff],
            {self.topic_product: "done", self.topic_etiquette: "done"},
        )
        self.assertEqual(
            matrix[self.emp_staff2],
            {self.topic_product: "overdue", self.topic_etiquette: "overdue"},
        )

    def test_coverage_is_set_based(self):
        with freeze_time("2026-01-02 09:00:00"):
            self.req_repair._generate_obligations(date(2026, 1, 2))
        self.Obligation.invalidate_model()
        with self.assertQueryCount(1):
            self.Obligation._get_coverage()
        obligations = self.Obligation.search([])
        obligations.invalidate_model()
        with self.assertQueryCount(6):
            obligations._refresh_states(date(2027, 1, 2))
        self.assertEqual(set(obligations.mapped("state")), {"overdue"})
