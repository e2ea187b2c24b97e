# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, new_test_user, tagged

from .common import SatisfactionCommon


@tagged("post_install", "-at_install")
class TestCorrectionPlan(SatisfactionCommon):
    """Month and quarter end: a team at 80 % satisfaction (target 85 %) and a
    team answering in 60 hours on average (target 48) get correction plans."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="as_service_manager",
            groups="aftersales_service.group_aftersales_supervisor",
        )
        cls.company.aftersales_service_manager_id = cls.manager
        cls.good_team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Good Team",
                "user_id": cls.user_supervisor.id,
                "user_ids": [Command.set([cls.user_agent.id])],
            }
        )

    def setUp(self):
        super().setUp()
        # February: the SLA team answers 5 surveys, 4 satisfied (80 %)
        for day, score in ((2, 5), (3, 4), (4, 5), (5, 4), (6, 2)):
            self._feb_answer(day, score, self.team)
        # the good team: 5 satisfied answers
        for day in (9, 10, 11, 12, 13):
            self._feb_answer(day, 5, self.good_team)

    def _feb_answer(self, day, score, team):
        with freeze_time(f"2026-02-{day:02d} 02:00:00"):
            ticket = self._ticket("repair", team_id=team.id)
            self._close(ticket)
            self._run_survey_job()
        with freeze_time(f"2026-02-{day:02d} 06:00:00"):
            self._answer(ticket.satisfaction_input_id, score)

    def _plans(self):
        return self.env["aftersales.correction.plan"].search([], order="id")

    def test_team_at_80_percent_gets_a_plan_at_month_end(self):
        with freeze_time("2026-03-01 01:00:00"):
            plans = self.env["aftersales.correction.plan"]._cron_open_plans()
        team_plan = plans.filtered(lambda p: not p.user_id)
        self.assertRecordValues(
            team_plan,
            [
                {
                    "team_id": self.team.id,
                    "kpi": "satisfaction",
                    "period": "month",
                    "date_from": date(2026, 2, 1),
                    "date_to": date(2026, 2, 28),
                    "kpi_value": 80.0,
                    "kpi_target": 85.0,
                    "sample_size": 5,
                    "owner_id": self.user_supervisor.id,
                    "state": "open",
                }
            ],
        )
        agent_plan = plans - team_plan
        self.assertEqual(agent_plan.user_id, self.user_agent, "the agent's own plan")
        self.assertEqual(agent_plan.team_id, self.team)
        self.assertNotIn(self.good_team, plans.team_id)
        self.assertEqual(
            team_plan.activity_ids.user_id, self.user_supervisor | self.manager
        )
        # once per period
        with freeze_time("2026-03-01 05:00:00"):
            self.assertFalse(self.env["aftersales.correction.plan"]._cron_open_plans())

    def test_quarter_end_and_response_time(self):
        # March: five requests answered after 60 hours on average
        for day in (2, 3, 4, 5, 6):
            with freeze_time(f"2026-03-{day:02d} 01:00:00"):
                ticket = self._ticket("consultation", team_id=self.good_team.id)
            with freeze_time(f"2026-03-{day + 2:02d} 13:00:00"):
                ticket.with_user(self.user_agent).message_post(
                    body="Here is the answer",
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
        with freeze_time("2026-04-01 01:00:00"):
            plans = self.env["aftersales.correction.plan"]._cron_open_plans()
        by_key = {(p.team_id, p.kpi, p.period, bool(p.user_id)): p for p in plans}
        quarter = by_key[(self.team, "satisfaction", "quarter", False)]
        self.assertEqual(
            (quarter.date_from, quarter.date_to), (date(2026, 1, 1), date(2026, 3, 31))
        )
        self.assertEqual(quarter.kpi_value, 80.0)
        slow = by_key[(self.good_team, "response_time", "month", False)]
        self.assertEqual(slow.kpi_value, 60.0)
        self.assertEqual(slow.kpi_target, 48.0)
        self.assertIn((self.good_team, "response_time", "quarter", False), by_key)
        self.assertNotIn((self.team, "satisfaction", "month", False), by_key, "March")

    def test_plan_flow_through_its_buttons_only(self):
        with freeze_time("2026-03-01 01:00:00"):
            plan = self.env["aftersales.correction.plan"]._cron_open_plans()[:1]
        plan = plan.with_user(self.user_supervisor)
        for user in (self.user_agent, self.user_supervisor):
            with self.assertRaises(UserError):
                plan.with_user(user).write({"state": "done"})
        with self.assertRaises(UserError):
            plan.action_start()
        with Form(plan) as form:
            form.analysis = "Repairs re-opened twice for the same part."
            with form.action_ids.new() as action:
                action.name = "Check the part before closing"
                action.user_id = self.user_agent
                action.date_due = date(2026, 3, 15)
        plan.action_start()
        self.assertEqual(plan.state, "in_progress")
        with self.assertRaises(UserError):
            plan.action_review()
        plan.review_result = "March satisfaction back to 92 %."
        plan.action_review()
        self.assertEqual(plan.state, "done")
        self.assertFalse(plan.activity_ids)
        # agents read their team's plans, not change them
        self.assertTrue(plan.with_user(self.user_agent).has_access("read"))
        with self.assertRaises(AccessError):
            plan.with_user(self.user_agent).write({"analysis": "x"})
