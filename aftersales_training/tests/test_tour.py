# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTrainingTours(HttpCase):
    def test_manager_drills_into_overdue_person(self):
        manager = new_test_user(
            self.env,
            login="tour_training_manager",
            password="tour_training_manager_pw",
            groups="aftersales_training.group_training_manager",
        )
        users = [
            new_test_user(self.env, login=f"tour_staff_{i}", name=name)
            for i, name in enumerate(["Tour Compliant Person", "Tour Overdue Person"])
        ]
        team = self.env["helpdesk.ticket.team"].create(
            {"name": "Tour Team", "user_ids": [(6, 0, [u.id for u in users])]}
        )
        employees = self.env["hr.employee"].create(
            [{"name": user.name, "user_id": user.id} for user in users]
        )
        requirement = self.env["aftersales.training.requirement"].create(
            {
                "name": "Tour requirement",
                "team_id": team.id,
                "min_trainings": 1,
            }
        )
        requirement._generate_obligations(date(2025, 1, 1))
        course = self.env["aftersales.training.course"].create(
            {
                "name": "Tour course",
                "topic_id": self.env.ref("aftersales_training.topic_communication").id,
            }
        )
        self.env["aftersales.training.record"].create(
            {
                "employee_id": employees[0].id,
                "course_id": course.id,
                "date": "2025-05-01",
            }
        )
        self.assertEqual(
            requirement.obligation_ids.mapped("state"), ["compliant", "overdue"]
        )
        self.start_tour(
            "/odoo", "aftersales_training_coverage_tour", login=manager.login
        )

    def test_examiner_assesses_a_person_on_screen(self):
        examiner = new_test_user(
            self.env,
            login="tour_examiner",
            password="tour_examiner_pw",
            name="Tour Examiner",
            groups="aftersales_training.group_training_trainer",
        )
        assessed = new_test_user(
            self.env, login="tour_assessed", name="Tour Assessed Person"
        )
        team = self.env["helpdesk.ticket.team"].create(
            {
                "name": "Tour Examined Team",
                "user_ids": [Command.set([examiner.id, assessed.id])],
            }
        )
        employees = self.env["hr.employee"].create(
            [{"name": user.name, "user_id": user.id} for user in (examiner, assessed)]
        )
        rubric = self.env["survey.survey"].create(
            {
                "title": "Tour practical rubric",
                "questions_layout": "one_page",
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
                                Command.create({"value": "Partly", "answer_score": 5}),
                            ],
                        }
                    )
                ],
            }
        )
        # the browser answers at the real time: the cycle holds today
        cycle = self.env["aftersales.assessment.cycle"].create(
            {
                "name": "Tour quarter",
                "date_from": date.today().replace(day=1),
                "date_to": date.today(),
                "team_ids": [Command.set(team.ids)],
                "practical_survey_id": rubric.id,
            }
        )
        cycle.action_open()
        self.start_tour(
            f"/odoo/action-aftersales_training.aftersales_assessment_cycle_action/{cycle.id}",
            "aftersales_training_examiner_tour",
            login=examiner.login,
        )
        answer = self.env["survey.user_input"].search([("survey_id", "=", rubric.id)])
        self.assertEqual(answer.state, "done")
        self.assertEqual(answer.partner_id, examiner.partner_id)
        self.assertEqual(answer.aftersales_assessed_employee_id, employees[1])
        cycle.action_load_scores()
        line = cycle.line_ids.filtered(lambda x: x.employee_id == employees[1])
        self.assertEqual(line.practical_score, 50.0)
