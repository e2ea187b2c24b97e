# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

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
