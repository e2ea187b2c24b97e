# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged, warmup

from .common import SatisfactionCommon


@tagged("post_install", "-at_install")
class TestSatisfactionReminder(SatisfactionCommon):
    def _reminders(self, ticket):
        return ticket.message_ids.filtered(
            lambda m: "a minute for request" in (m.subject or "")
        )

    @freeze_time("2026-03-02 02:00:00")
    def test_two_reminders_three_days_apart_then_expiry(self):
        ticket = self._closed_and_invited()
        answer = ticket.satisfaction_input_id
        with freeze_time("2026-03-05 01:59:00"):
            self.assertEqual(self._run_survey_job()["reminded"], 0)
        with freeze_time("2026-03-05 02:00:00"):
            self.assertEqual(self._run_survey_job()["reminded"], 1)
        self.assertEqual(answer.aftersales_reminder_count, 1)
        self.assertEqual(answer.aftersales_next_reminder, datetime(2026, 3, 8, 2, 0))
        self.assertEqual(len(self._reminders(ticket)), 1)
        with freeze_time("2026-03-08 03:00:00"):
            self.assertEqual(self._run_survey_job()["reminded"], 1)
        self.assertEqual(answer.aftersales_reminder_count, 2)
        self.assertFalse(answer.aftersales_next_reminder, "the limit is reached")
        with freeze_time("2026-03-12 03:00:00"):
            counts = self._run_survey_job()
        self.assertEqual(counts["reminded"], 0)
        self.assertEqual(counts["expired"], 0)
        self.assertEqual(len(self._reminders(ticket)), 2)
        self.assertEqual(ticket.satisfaction_state, "invited")

        with freeze_time("2026-03-16 02:00:00"):
            self.assertEqual(self._run_survey_job()["expired"], 1)
            self.assertEqual(ticket.satisfaction_state, "expired")
            self.assertFalse(ticket.satisfaction_url)
            with self.assertRaises(UserError):
                self._answer(answer, 1)
        self.assertFalse(ticket.satisfaction_score)
        self.assertTrue(ticket.closed)

    @freeze_time("2026-03-02 02:00:00")
    def test_reminders_stop_after_an_answer(self):
        ticket = self._closed_and_invited()
        with freeze_time("2026-03-03 02:00:00"):
            self._answer(ticket.satisfaction_input_id, 5)
        with freeze_time("2026-03-05 02:00:00"):
            counts = self._run_survey_job()
        self.assertEqual(counts["reminded"], 0)
        self.assertFalse(self._reminders(ticket))
        with freeze_time("2026-03-20 02:00:00"):
            self.assertEqual(self._run_survey_job()["expired"], 0)
        self.assertEqual(ticket.satisfaction_state, "answered")

    @freeze_time("2026-03-02 02:00:00")
    def test_company_settings_drive_the_schedule(self):
        self.company.write(
            {
                "aftersales_survey_reminder_days": 1,
                "aftersales_survey_reminder_max": 1,
                "aftersales_survey_expiry_days": 0,
            }
        )
        ticket = self._closed_and_invited()
        answer = ticket.satisfaction_input_id
        self.assertFalse(answer.deadline, "no expiry")
        with freeze_time("2026-03-03 02:00:00"):
            self.assertEqual(self._run_survey_job()["reminded"], 1)
        self.assertFalse(answer.aftersales_next_reminder)

    @freeze_time("2026-03-02 02:00:00")
    def test_survey_chosen_by_kind_then_team(self):
        kind_survey = self.survey.copy({"title": "Repair survey"})
        team_survey = self.survey.copy({"title": "Team survey"})
        self.categories["repair"].aftersales_survey_id = kind_survey
        self.team.aftersales_survey_id = team_survey
        repair = self._closed_and_invited("repair")
        other = self._closed_and_invited("consultation")
        self.assertEqual(repair.satisfaction_input_id.survey_id, kind_survey)
        self.assertEqual(other.satisfaction_input_id.survey_id, team_survey)

    @freeze_time("2026-03-02 02:00:00")
    @warmup
    def test_invitation_job_queries_are_bounded_per_batch(self):
        """Invitations of a batch: a fixed number of queries plus one per
        request (the followers read by the mass mailing's log)."""
        partners = self.env["res.partner"].create(
            [
                {"name": f"Batch {i}", "email": f"batch{i}@example.com"}
                for i in range(40)
            ]
        )
        Ticket = self.env["helpdesk.ticket"]

        def close(batch):
            tickets = Ticket.create(
                [
                    {
                        "name": "Batch request",
                        "description": "<p>x</p>",
                        "team_id": self.team.id,
                        "partner_id": partner.id,
                        "category_id": self.categories["repair"].id,
                        "tag_ids": [Command.clear()],
                    }
                    for partner in batch
                ]
            )
            tickets.write({"stage_id": self.stage_done.id})
            self.env.flush_all()
            return tickets

        close(partners[:5])
        self._run_survey_job()  # warm-up
        small = close(partners[5:15])
        # a fixed number per batch, whatever its size (25 since the visits
        # and the stored analysis joined the request)
        with self.assertQueryCount(25):
            self._run_survey_job()
        big = close(partners[15:])
        with self.assertQueryCount(25):
            self._run_survey_job()
        self.assertEqual(set((small | big).mapped("satisfaction_state")), {"invited"})
