# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import SatisfactionCommon


@tagged("post_install", "-at_install")
class TestSatisfactionFollowup(SatisfactionCommon):
    """Follow-up call (回访): an activity and an SLA target after completion;
    the agent's phone answer counts like the customer's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.followup_type = cls.env.ref(
            "aftersales_service.mail_activity_type_followup"
        )
        cls.policy = cls._policy(
            cls,
            [
                {
                    "target_type": "followed_up",
                    "start_event": "resolved",
                    "duration": 2,
                    "duration_unit": "working_days",
                    "calendar_mode": "company",
                }
            ],
        )

    def _followup_activity(self, ticket):
        return ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == self.followup_type
        )

    # Monday 2 March 2026, 10:00 in Shanghai
    @freeze_time("2026-03-02 02:00:00")
    def test_completion_plans_the_call_and_its_sla_target(self):
        ticket = self._ticket("repair")
        line = self._line(ticket, "followed_up")
        self.assertEqual(line.state, "pending", "waits for the completion")
        self._close(ticket)
        activity = self._followup_activity(ticket)
        self.assertEqual(activity.user_id, self.user_agent, "the handling agent")
        self.assertEqual(activity.date_deadline, date(2026, 3, 3))
        self.assertEqual(line.state, "running", "closing does not stop it")
        # 16 working hours from Monday 10:00 (Shanghai): Wednesday 10:00
        self.assertEqual(line.deadline, datetime(2026, 3, 4, 2, 0))

        with freeze_time("2026-03-03 06:00:00"):
            ticket.with_user(self.user_agent).action_satisfaction_phone_survey()
        self.assertEqual(ticket.satisfaction_input_id.aftersales_channel, "phone")
        self.assertFalse(line.met_date, "opening the survey is not the call")

    @freeze_time("2026-03-02 02:00:00")
    def test_phone_answer_counts_and_completes_the_followup(self):
        ticket = self._closed_and_invited()
        web = ticket.satisfaction_input_id
        with freeze_time("2026-03-03 06:00:00"):
            action = ticket.with_user(
                self.user_agent
            ).action_satisfaction_phone_survey()
            phone = ticket.satisfaction_input_id
            self.assertNotEqual(phone, web)
            self.assertIn(phone.access_token, action["url"])
            self.assertEqual(phone.partner_id, self.user_agent.partner_id)
            self.assertFalse(ticket.satisfaction_url, "no web link while on the phone")
            self._answer(phone, 4, comment="Fixed, thanks")
        self.assertRecordValues(
            ticket,
            [
                {
                    "satisfaction_state": "answered",
                    "satisfaction_channel": "phone",
                    "satisfaction_score": 4,
                    "satisfaction_satisfied": True,
                    "followup_date": datetime(2026, 3, 3, 6, 0),
                    "followup_user_id": self.user_agent.id,
                }
            ],
        )
        self.assertFalse(self._followup_activity(ticket), "activity done")
        self.assertEqual(self._line(ticket, "followed_up").state, "met")
        # the customer's old link no longer counts
        with self.assertRaises(UserError):
            self._answer(web, 1)
        self.assertEqual(ticket.satisfaction_score, 4)
        self.assertTrue(ticket.closed)

    @freeze_time("2026-03-02 02:00:00")
    def test_phone_answer_of_two_reopens_like_a_web_one(self):
        ticket = self._closed_and_invited()
        ticket.with_user(self.user_agent).action_satisfaction_phone_survey()
        self._answer(ticket.satisfaction_input_id, 2, solved=False)
        self.assertEqual(ticket.stage_id, self.stage_in_progress)
        self.assertEqual(ticket.satisfaction_channel, "phone")

    @freeze_time("2026-03-02 02:00:00")
    def test_followup_done_after_a_web_answer_and_refusals(self):
        ticket = self._ticket("repair")
        with self.assertRaises(UserError):
            ticket.with_user(self.user_agent).action_satisfaction_phone_survey()
        self._close(ticket)
        self._run_survey_job()
        self._answer(ticket.satisfaction_input_id, 5)
        with self.assertRaises(UserError):
            ticket.with_user(self.user_agent).action_satisfaction_phone_survey()
        with freeze_time("2026-03-05 03:00:00"):
            ticket.with_user(self.user_agent).action_satisfaction_followup_done()
        line = self._line(ticket, "followed_up")
        self.assertEqual(line.state, "breached", "done after the deadline")
        self.assertEqual(line.met_date, datetime(2026, 3, 5, 3, 0))
        with self.assertRaises(UserError):
            ticket.with_user(self.user_agent).write({"followup_date": False})
