# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSatisfactionPortal(HttpCase):
    """The customer answers through the survey's own routes with their
    personal token; wrong, late and repeated answers are refused and count
    nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.survey = env.ref("aftersales_service.survey_satisfaction")
        cls.questions = {q.aftersales_role: q for q in cls.survey.question_ids}
        cls.customer_user = new_test_user(
            env,
            login="sat_customer",
            password="sat_customer_pw",
            groups="base.group_portal",
            name="Chen Jie",
            email="chen.jie@example.com",
        )
        cls.other_user = new_test_user(
            env,
            login="sat_other",
            password="sat_other_pw",
            groups="base.group_portal",
            name="Wang Lei",
            email="wang.lei@example.com",
        )
        agent = new_test_user(
            env, login="sat_agent", groups="aftersales_service.group_aftersales_agent"
        )
        cls.team = env["helpdesk.ticket.team"].create(
            {"name": "Satisfaction Portal Team", "user_ids": [Command.set(agent.ids)]}
        )
        cls.ticket = env["helpdesk.ticket"].create(
            {
                "name": "Noisy fridge",
                "description": "<p>Noise</p>",
                "team_id": cls.team.id,
                "user_id": agent.id,
                "partner_id": cls.customer_user.partner_id.id,
            }
        )
        cls.ticket.stage_id = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        env["helpdesk.ticket"]._cron_satisfaction()
        cls.answer = cls.ticket.satisfaction_input_id

    def _submit(self, answer, overall):
        solved = self.questions["solved"]
        yes = solved.suggested_answer_ids.filtered("aftersales_positive")
        post = {
            str(self.questions["overall"].id): str(overall),
            str(solved.id): str(yes.id),
            str(self.questions["speed"].id): "4",
            str(self.questions["attitude"].id): "4",
        }
        url = f"/survey/submit/{self.survey.access_token}/{answer.access_token}"
        response = self.url_open(url, json={"params": post})
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_customer_answers_once(self):
        self.authenticate("sat_customer", "sat_customer_pw")
        page = self.url_open(f"/my/ticket/{self.ticket.id}")
        self.assertIn(self.answer.access_token, page.text, "the link is on the page")
        result = self._submit(self.answer, 5)
        self.assertNotIn("error", result)
        self.assertEqual(self.ticket.satisfaction_score, 5)
        self.assertEqual(self.ticket.satisfaction_state, "answered")

        again = self._submit(self.answer, 1)
        self.assertEqual(again["result"][1]["error"], "unauthorized")
        self.assertEqual(self.ticket.satisfaction_score, 5, "counted once")
        self.assertTrue(self.ticket.closed)
        page = self.url_open(f"/my/ticket/{self.ticket.id}")
        self.assertNotIn(self.answer.access_token, page.text)

    def test_another_customers_token_is_refused(self):
        self.authenticate("sat_other", "sat_other_pw")
        result = self._submit(self.answer, 1)
        self.assertEqual(result["result"][1]["error"], "answer_wrong_user")
        self.assertFalse(self.answer.user_input_line_ids)
        self.assertFalse(self.ticket.satisfaction_score)
        self.assertTrue(self.ticket.closed, "not reopened by a stranger")
        # nor can they see the request and its link
        page = self.url_open(f"/my/ticket/{self.ticket.id}")
        self.assertNotIn(self.answer.access_token, page.text)

    def test_expired_token_is_refused(self):
        self.answer.sudo().deadline = datetime(2026, 1, 1)
        self.authenticate("sat_customer", "sat_customer_pw")
        result = self._submit(self.answer, 1)
        self.assertEqual(result["result"][1]["error"], "answer_deadline")
        self.assertFalse(self.ticket.satisfaction_score)
        self.assertTrue(self.ticket.closed)
