# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.tests import freeze_time, tagged

from .common import TrainingCommon

FEB = (date(2026, 2, 1), date(2026, 2, 28))


@tagged("post_install", "-at_install")
class TestTrainingSatisfaction(TrainingCommon):
    """The satisfaction KPI and the customer evaluation read the answers of
    the service addon's satisfaction survey (made by its real flow: close,
    invitation job, survey answer)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Customer Qian", "email": "qian@example.com"}
        )
        survey = cls.env.ref("aftersales_service.survey_satisfaction")
        cls.questions = {q.aftersales_role: q for q in survey.question_ids}
        # Li: 2, 3 and 5 in February (1 satisfied of 3); Wang: 5 and 4
        # (2 of 2) plus a January 3 not counted in February; Chen: one 1
        cls.scores = {
            cls.user_staff: [("2026-02-10", 2), ("2026-02-11", 3), ("2026-02-12", 5)],
            cls.user_staff2: [("2026-01-20", 3), ("2026-02-10", 5), ("2026-02-11", 4)],
            cls.user_trainer: [("2026-02-10", 1)],
        }
        for user, answers in cls.scores.items():
            for day, score in answers:
                cls._answered_ticket(user, day, score)
        cls.employees = cls.emp_trainer | cls.emp_staff | cls.emp_staff2

    @classmethod
    def _answered_ticket(cls, user, day, score):
        with freeze_time(f"{day} 02:00:00"):
            ticket = cls.env["helpdesk.ticket"].create(
                {
                    "name": f"Cracked tile for {user.name}",
                    "description": "<p>Cracked after laying</p>",
                    "team_id": cls.team_repair.id,
                    "user_id": user.id,
                    "partner_id": cls.customer.id,
                }
            )
            ticket.stage_id = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
            cls.env["helpdesk.ticket"]._cron_satisfaction()
        with freeze_time(f"{day} 06:00:00"):
            answer = ticket.satisfaction_input_id.sudo()
            solved = cls.questions["solved"]
            answer._save_lines(cls.questions["overall"], str(score))
            answer._save_lines(
                solved, solved.suggested_answer_ids.filtered("aftersales_positive").id
            )
            answer._mark_done()
        return ticket

    def test_satisfaction_kpi_values(self):
        rule = self.env["aftersales.training.remedial.rule"].create(
            {
                "name": "Satisfaction under 85%",
                "kpi": "satisfaction",
                "course_id": self.course_etiquette.id,
            }
        )
        values = rule._get_kpi_values("satisfaction", self.employees, *FEB)
        self.assertEqual(
            values,
            {
                self.emp_staff.id: (100 / 3, 3),
                self.emp_staff2.id: (100.0, 2),
                self.emp_trainer.id: (0.0, 1),
            },
        )

    @freeze_time("2026-03-02 09:00:00")
    def test_unsatisfying_agent_gets_remedial_training(self):
        rule = (
            self.env["aftersales.training.remedial.rule"]
            .with_user(self.user_manager)
            .create(
                {
                    "name": "Satisfaction under 85%",
                    "kpi": "satisfaction",
                    "threshold": 85,
                    "min_sample": 2,
                    "team_ids": [Command.set(self.team_repair.ids)],
                    "course_id": self.course_etiquette.id,
                    "due_days": 30,
                }
            )
        )
        rule.action_apply_last_period()
        assignment = rule.assignment_ids
        # Li is retrained; Wang is satisfying; Chen's sample is too small
        self.assertEqual(assignment.employee_id, self.emp_staff)
        self.assertEqual(assignment.kpi, "satisfaction")
        self.assertAlmostEqual(assignment.kpi_value, 100 / 3)
        self.assertEqual(assignment.sample_size, 3)
        self.assertEqual(assignment.course_id, self.course_etiquette)

    def test_quarterly_customer_evaluation_from_satisfaction(self):
        cycle = (
            self.env["aftersales.assessment.cycle"]
            .with_user(self.user_manager)
            .create(
                {
                    "name": "2026 Q1",
                    "date_from": "2026-01-01",
                    "date_to": "2026-03-31",
                    "team_ids": [Command.set(self.team_repair.ids)],
                }
            )
        )
        cycle.action_open()
        cycle.action_load_scores()
        lines = {line.employee_id: line for line in cycle.line_ids}
        # hand-computed: the average overall score of the quarter x 20
        self.assertEqual(
            lines[self.emp_staff].customer_score, round((2 + 3 + 5) / 3 * 20, 2)
        )
        self.assertEqual(
            lines[self.emp_staff2].customer_score, round((3 + 5 + 4) / 3 * 20, 2)
        )
        self.assertEqual(lines[self.emp_trainer].customer_score, 20.0)

        # the manager's own evaluation is kept when the scores are reloaded
        lines[self.emp_staff2].with_user(self.user_manager).write(
            {"customer_score_manual": True, "customer_score": 70.0}
        )
        cycle.with_user(self.user_manager).action_load_scores()
        self.assertEqual(lines[self.emp_staff2].customer_score, 70.0)
        self.assertEqual(lines[self.emp_staff].customer_score, 66.67)
