# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import Form, freeze_time, tagged

from odoo.addons.aftersales_training.models.aftersales_assessment_cycle import (
    AftersalesAssessmentCycle,
)

from .common import TrainingCommon


@tagged("post_install", "-at_install")
class TestAssessment(TrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle = (
            cls.env["aftersales.assessment.cycle"]
            .with_user(cls.user_manager)
            .create(
                {
                    "name": "2026 Q1",
                    "date_from": "2026-01-01",
                    "date_to": "2026-03-31",
                    "team_ids": [(6, 0, cls.team_repair.ids)],
                    "benchmark_count": 1,
                }
            )
        )

    def test_weights_must_sum_to_100(self):
        with self.assertRaisesRegex(
            ValidationError, r"add up to 100% \(they add up to 90"
        ):
            self.cycle.with_user(self.user_manager).weight_customer = 20
        with (
            self.assertRaisesRegex(ValidationError, "add up to 100%"),
            Form(
                self.env["aftersales.assessment.cycle"].with_user(self.user_manager)
            ) as form,
        ):
            form.name = "Bad weights"
            form.date_from = "2026-04-01"
            form.date_to = "2026-06-30"
            form.weight_theory = 50
            form.weight_practical = 50
            form.weight_customer = 10

    def test_weighting_ranking_and_benchmark(self):
        self.cycle.with_user(self.user_manager).action_open()
        lines = self.cycle.line_ids
        self.assertEqual(
            lines.employee_id, self.emp_trainer | self.emp_staff | self.emp_staff2
        )
        by_employee = {line.employee_id: line for line in lines}
        # Trainers enter practical and customer scores of their team
        scores = {
            self.emp_staff: (80, 70, 90),  # 32 + 21 + 27 = 80
            self.emp_staff2: (95, 90, 50),  # 38 + 27 + 15 = 80, customer below 60
            self.emp_trainer: (60, 60, 60),
        }
        for employee, (theory, practical, customer) in scores.items():
            by_employee[employee].with_user(self.user_trainer).write(
                {
                    "theory_score": theory,
                    "practical_score": practical,
                    "customer_score": customer,
                }
            )
        staff, staff2, trainer = (
            by_employee[self.emp_staff],
            by_employee[self.emp_staff2],
            by_employee[self.emp_trainer],
        )
        self.assertEqual((staff.total_score, staff2.total_score), (80.0, 80.0))
        self.assertEqual(trainer.total_score, 60.0)
        self.assertTrue(staff.passed)
        self.assertFalse(staff2.passed, "a part under its pass mark fails")
        # Ties share a rank; only passed people can be benchmarks
        self.assertEqual((staff.rank, staff2.rank, trainer.rank), (1, 1, 3))
        self.assertTrue(staff.is_benchmark)
        self.assertFalse(staff2.is_benchmark or trainer.is_benchmark)
        # Changing the weights re-ranks: theory counts most
        self.cycle.with_user(self.user_manager).write(
            {"weight_theory": 60, "weight_practical": 20, "weight_customer": 20}
        )
        self.assertEqual(staff2.total_score, 85.0)
        self.assertEqual((staff2.rank, staff.rank), (1, 2))
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            staff.with_user(self.user_trainer).theory_score = 120

    def test_scores_loaded_from_surveys_and_customer_hook(self):
        exam = self.env["survey.survey"].create(
            {
                "title": "Q1 theory exam",
                "scoring_type": "scoring_with_answers",
                "certification": True,
            }
        )
        rubric = self.env["survey.survey"].create(
            {"title": "Q1 practical rubric", "scoring_type": "scoring_without_answers"}
        )
        self.cycle.write(
            {"theory_survey_id": exam.id, "practical_survey_id": rubric.id}
        )
        UserInput = self.env["survey.user_input"]
        with freeze_time("2026-02-10 09:00:00"):
            attempts = UserInput.create(
                [
                    {"survey_id": exam.id, "partner_id": self.user_staff.partner_id.id},
                    {"survey_id": exam.id, "partner_id": self.user_staff.partner_id.id},
                    {
                        "survey_id": rubric.id,
                        "partner_id": self.user_trainer.partner_id.id,
                        "aftersales_assessed_employee_id": self.emp_staff.id,
                    },
                ]
            )
            attempts.write({"state": "done", "end_datetime": "2026-02-10 09:00:00"})
        # Scores as the survey engine stores them
        attempts[0].scoring_percentage = 70
        attempts[1].scoring_percentage = 85
        attempts[2].scoring_percentage = 75
        self.cycle.action_open()

        def customer_scores(cycle, employees, date_from, date_to):
            self.assertEqual(str(date_from), "2026-01-01")
            return {self.emp_staff.id: 92.0}

        with patch.object(
            AftersalesAssessmentCycle,
            "_get_customer_evaluation_scores",
            customer_scores,
        ):
            self.cycle.with_user(self.user_manager).action_load_scores()
        line = self.cycle.line_ids.filtered(lambda x: x.employee_id == self.emp_staff)
        self.assertEqual(
            (line.theory_score, line.practical_score, line.customer_score),
            (85.0, 75.0, 92.0),
        )
        # Without the service addon's data the hook gives nothing
        self.assertEqual(
            self.cycle._get_customer_evaluation_scores(
                self.emp_staff, self.cycle.date_from, self.cycle.date_to
            ),
            {},
        )
