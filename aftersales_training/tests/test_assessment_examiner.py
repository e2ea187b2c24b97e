# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from urllib.parse import parse_qs, urlsplit

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from .common import TrainingCommon


@tagged("post_install", "-at_install")
class TestAssessmentExaminer(TrainingCommon):
    """The examiner of a practical rubric chooses on screen whom it assesses:
    the person's line of the quarterly assessment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rubric = cls.env["survey.survey"].create(
            {
                "title": "Q1 practical rubric: on-site repair",
                "scoring_type": "scoring_without_answers",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "Explains the cause to the customer",
                            "question_type": "simple_choice",
                            "suggested_answer_ids": [
                                Command.create(
                                    {"value": "Clearly", "answer_score": 10}
                                ),
                                Command.create({"value": "Partly", "answer_score": 7}),
                                Command.create({"value": "Not at all"}),
                            ],
                        }
                    )
                ],
            }
        )
        cls.question = cls.rubric.question_ids
        with Form(
            cls.env["aftersales.assessment.cycle"].with_user(cls.user_manager)
        ) as form:
            form.name = "2026 Q1"
            form.date_from = "2026-01-01"
            form.date_to = "2026-03-31"
            form.team_ids.add(cls.team_repair)
            form.practical_survey_id = cls.rubric
        cls.cycle = form.record

    def _line(self, employee):
        return self.cycle.line_ids.filtered(lambda line: line.employee_id == employee)

    def _answer_of(self, action):
        token = parse_qs(urlsplit(action["url"]).query)["answer_token"][0]
        return (
            self.env["survey.user_input"]
            .with_user(self.user_trainer)
            .search([("access_token", "=", token)])
        )

    def test_examiner_assesses_the_chosen_person(self):
        self.cycle.with_user(self.user_manager).action_open()
        examiner = self.user_trainer
        # In the cycle's results the examiner presses "Assess" on Li's line
        with Form(self.cycle.with_user(examiner)) as form:
            self.assertEqual(len(form.line_ids), 3)
        line = self._line(self.emp_staff).with_user(examiner)
        action = line.action_start_practical()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertTrue(action["url"].startswith(self.rubric.get_start_url()))
        answer = self._answer_of(action)
        self.assertEqual(answer.partner_id, examiner.partner_id)
        self.assertEqual(answer.aftersales_assessed_employee_id, self.emp_staff)
        # Leaving and pressing again resumes the same answer
        self.assertEqual(self._answer_of(line.action_start_practical()), answer)
        # The examiner fills the rubric in (the survey page saves the answer
        # of its token with sudo)
        partly = self.question.suggested_answer_ids.filtered(
            lambda a: a.value == "Partly"
        )
        with freeze_time("2026-03-20 03:00:00"):
            answer.sudo()._save_lines(self.question, partly.id)
            answer.sudo()._mark_done()
        self.assertEqual(answer.scoring_percentage, 70.0)
        # Wang is assessed too, by the same examiner
        other = self._answer_of(
            self._line(self.emp_staff2).with_user(examiner).action_start_practical()
        )
        self.assertEqual(other.aftersales_assessed_employee_id, self.emp_staff2)
        self.assertNotEqual(other, answer)
        clearly = self.question.suggested_answer_ids.filtered(
            lambda a: a.value == "Clearly"
        )
        with freeze_time("2026-03-21 03:00:00"):
            other.sudo()._save_lines(self.question, clearly.id)
            other.sudo()._mark_done()
        # The scores go to the persons assessed, not to the examiner
        self.cycle.with_user(self.user_manager).action_load_scores()
        self.assertEqual(self._line(self.emp_staff).practical_score, 70.0)
        self.assertEqual(self._line(self.emp_staff2).practical_score, 100.0)
        self.assertEqual(self._line(self.emp_trainer).practical_score, 0.0)

    def test_who_cannot_assess(self):
        self.cycle.with_user(self.user_manager).action_open()
        line_trainer = self._line(self.emp_trainer)
        with self.assertRaisesRegex(UserError, "cannot assess yourself"):
            line_trainer.with_user(self.user_trainer).action_start_practical()
        # Staff see their own result but examine nobody
        with self.assertRaises(AccessError):
            self._line(self.emp_staff).with_user(
                self.user_staff
            ).action_start_practical()
        with self.assertRaises(AccessError):
            self.env["survey.user_input"].with_user(self.user_staff).create(
                {
                    "survey_id": self.rubric.id,
                    "aftersales_assessed_employee_id": self.emp_staff2.id,
                }
            )
        self.cycle.with_user(self.user_manager).practical_survey_id = False
        with self.assertRaisesRegex(UserError, "Choose the practical rubric"):
            self._line(self.emp_staff).with_user(
                self.user_trainer
            ).action_start_practical()
        self.cycle.with_user(self.user_manager).action_close()
        with self.assertRaisesRegex(UserError, "not in progress"):
            self._line(self.emp_staff).with_user(
                self.user_trainer
            ).action_start_practical()
        self.assertFalse(
            self.env["survey.user_input"].search([("survey_id", "=", self.rubric.id)])
        )
