# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, tagged

from .common import SatisfactionCommon


@tagged("post_install", "-at_install")
class TestSatisfactionFlow(SatisfactionCommon):
    @freeze_time("2026-03-02 02:00:00")
    def test_closing_invites_in_the_customers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "aftersales_service")]
        )._update_translations(["zh_CN"])
        self.customer.lang = "zh_CN"
        ticket = self._ticket("repair")
        self._close(ticket)
        self.assertEqual(ticket.satisfaction_state, "pending")
        self.assertFalse(ticket.satisfaction_input_id, "sent by the job, not inline")

        counts = self._run_survey_job()

        self.assertEqual(counts["invited"], 1)
        answer = ticket.satisfaction_input_id
        self.assertEqual(ticket.satisfaction_state, "invited")
        self.assertEqual(answer.survey_id, self.survey)
        self.assertEqual(answer.partner_id, self.customer)
        self.assertEqual(answer.aftersales_channel, "web")
        self.assertEqual(answer.deadline, datetime(2026, 3, 16, 2, 0))
        self.assertEqual(answer.aftersales_next_reminder, datetime(2026, 3, 5, 2, 0))
        self.assertEqual(ticket.satisfaction_invited_date, datetime(2026, 3, 2, 2, 0))
        message = ticket.message_ids.filtered(
            lambda m: (
                ticket.number in (m.subject or "")
                and answer.access_token in (m.body or "")
            )
        )
        self.assertEqual(len(message), 1, "one email with the personal link")
        self.assertIn("我们的服务", message.subject)
        self.assertIn("填写问卷", message.body)
        mail = (
            self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        )
        self.assertEqual(mail.recipient_ids, self.customer, "an email is queued")
        self.assertIn(answer.access_token, ticket.satisfaction_url)

    @freeze_time("2026-03-02 02:00:00")
    def test_cancelled_request_gets_no_survey(self):
        ticket = self._ticket("repair")
        ticket.with_user(self.user_agent).stage_id = self.stage_cancelled
        self._run_survey_job()
        self.assertFalse(ticket.satisfaction_state)
        self.assertFalse(ticket.satisfaction_input_id)

    @freeze_time("2026-03-02 02:00:00")
    def test_satisfied_answer_is_stored_and_keeps_the_request_closed(self):
        ticket = self._closed_and_invited()
        with freeze_time("2026-03-03 04:00:00"):
            self._answer(ticket.satisfaction_input_id, 5, comment="Great")
        self.assertEqual(ticket.stage_id, self.stage_done)
        self.assertRecordValues(
            ticket,
            [
                {
                    "satisfaction_state": "answered",
                    "satisfaction_score": 5,
                    "satisfaction_satisfied": True,
                    "satisfaction_solved": True,
                    "satisfaction_speed_score": 4,
                    "satisfaction_attitude_score": 4,
                    "satisfaction_comment": "Great",
                    "satisfaction_channel": "web",
                    "satisfaction_answered_date": datetime(2026, 3, 3, 4, 0),
                    "satisfaction_reopen_count": 0,
                }
            ],
        )

    @freeze_time("2026-03-02 02:00:00")
    def test_score_two_reopens_escalates_and_loops_until_satisfied(self):
        self._policy(
            [
                {
                    "target_type": "resolved",
                    "duration": 2,
                    "duration_unit": "working_days",
                    "calendar_mode": "company",
                }
            ]
        )
        ticket = self._closed_and_invited()
        resolved = self._line(ticket, "resolved")
        self.assertEqual(resolved.state, "met")
        with freeze_time("2026-03-03 04:00:00"):
            self._answer(ticket.satisfaction_input_id, 2, comment="Still broken")
        self.assertEqual(ticket.stage_id, self.stage_in_progress)
        self.assertFalse(ticket.resolved_date)
        self.assertEqual(ticket.satisfaction_reopen_count, 1)
        self.assertFalse(ticket.satisfaction_satisfied)
        self.assertEqual(self._line(ticket, "resolved").state, "running")
        activity = ticket.activity_ids.filtered(lambda a: "Unhappy" in a.summary)
        self.assertEqual(activity.user_id, self.user_supervisor, "the team leader")
        self.assertIn("Still broken", str(activity.note))
        told = ticket.message_ids.filtered(
            lambda m: "taking up request" in (m.subject or "")
        )
        self.assertIn(self.customer, told.partner_ids)
        self.assertIn("supervisor will", str(told.body))

        # closed again: a new survey, the old link no longer counts
        with freeze_time("2026-03-03 10:00:00"):
            self._close(ticket)
            self._run_survey_job()
        second = ticket.satisfaction_input_id
        self.assertEqual(len(ticket.sudo().satisfaction_input_ids), 2)
        with freeze_time("2026-03-03 12:00:00"):
            self._answer(second, 4)
        self.assertEqual(ticket.stage_id, self.stage_done)
        self.assertTrue(ticket.satisfaction_satisfied)
        self.assertEqual(ticket.satisfaction_reopen_count, 1)

    @freeze_time("2026-03-02 02:00:00")
    def test_not_solved_reopens_even_when_rated_well(self):
        ticket = self._closed_and_invited()
        self._answer(ticket.satisfaction_input_id, 5, solved=False)
        self.assertEqual(ticket.stage_id, self.stage_in_progress)
        self.assertTrue(ticket.satisfaction_satisfied)
        self.assertFalse(ticket.satisfaction_solved)

    @freeze_time("2026-03-02 02:00:00")
    def test_supervisor_closes_the_loop_with_a_reason(self):
        ticket = self._closed_and_invited()
        self._answer(ticket.satisfaction_input_id, 1)
        with self.assertRaises(UserError):
            ticket.with_user(self.user_agent)._satisfaction_close_with_reason("No")
        action = ticket.with_user(
            self.user_supervisor
        ).action_satisfaction_close_unsatisfied()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.user_supervisor)
            .with_context(**action["context"])
        )
        wizard.reason = "Customer asks for a refund out of warranty; declined."
        wizard.save().action_confirm()
        self.assertEqual(ticket.stage_id, self.stage_done)
        self.assertEqual(ticket.satisfaction_state, "answered", "no new survey")
        self.assertIn("refund", ticket.satisfaction_close_reason)
        self.assertFalse(ticket.activity_ids.filtered(lambda a: "Unhappy" in a.summary))

    @freeze_time("2026-03-02 02:00:00")
    def test_results_cannot_be_typed(self):
        ticket = self._closed_and_invited()
        for user in (self.user_agent, self.user_supervisor):
            with self.assertRaises(UserError):
                ticket.with_user(user).write({"satisfaction_score": 5})
            with self.assertRaises(UserError):
                ticket.with_user(user).write({"satisfaction_state": "answered"})
        self.assertEqual(ticket.satisfaction_state, "invited")

    @freeze_time("2026-03-02 02:00:00")
    def test_answering_twice_or_late_or_an_old_link_counts_nothing(self):
        ticket = self._closed_and_invited()
        answer = ticket.satisfaction_input_id
        self._answer(answer, 5)
        with self.assertRaises(UserError):
            answer.sudo()._mark_done()
        self.assertEqual(ticket.satisfaction_score, 5)

        late = self._closed_and_invited()
        with freeze_time("2026-03-20 02:00:00"), self.assertRaises(UserError):
            self._answer(late.satisfaction_input_id, 1)
        self.assertFalse(late.satisfaction_score)
        self.assertEqual(late.stage_id, self.stage_done)
