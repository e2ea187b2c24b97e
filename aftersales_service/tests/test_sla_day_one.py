# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SLA on the paths service staff take every day (issue 11, points 5 and
8-11), as the agent or the supervisor, through the form and its buttons."""

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from ..tools.worktime import format_duration
from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestSlaDayOne(AftersalesCommon):
    with_sla = True

    def _close(self, ticket, user=None, stage=None):
        ticket.with_user(user or self.user_agent).stage_id = stage or self.stage_done

    # 5. complex is its own tracked flag, with a reason
    @freeze_time("2026-03-02 02:00:00")
    def test_complex_flag_selects_the_investigation_target(self):
        complex_policy = self.env.ref("aftersales_service.sla_policy_complaint_complex")
        standard = self.env.ref("aftersales_service.sla_policy_complaint")
        # a VIP complaint at the highest priority is not complex by itself
        ticket = self._ticket("complaint", user=self.user_agent, priority="3")
        self.assertEqual(ticket.sla_line_ids.policy_id, standard)
        form = Form(ticket.with_user(self.user_agent))
        form.aftersales_complex = True
        with self.assertRaises(AssertionError):
            form.save()  # the reason is required on screen
        with self.assertRaises(ValidationError):
            ticket.with_user(self.user_agent).write({"aftersales_complex": True})
        form.aftersales_complex_reason = "Tiles, installer and supplier involved"
        form.save()
        self.assertTrue(ticket.aftersales_complex)
        resolved = self._line(ticket, "resolved")
        self.assertEqual(resolved.policy_id, complex_policy)
        # 5 working days from Monday 10:00 Shanghai (Monday 9 is a holiday)
        self.assertEqual(resolved.deadline, datetime(2026, 3, 10, 2, 0))
        self.assertEqual(resolved.start_date, datetime(2026, 3, 2, 2, 0))
        # the supervisor takes it back
        ticket.with_user(self.user_supervisor).aftersales_complex = False
        running = ticket.sla_line_ids.filtered(lambda ln: ln.state != "cancelled")
        self.assertEqual(running.policy_id, standard)
        self.assertEqual(resolved.state, "cancelled")

    # 8. cause analysis when the kind's threshold or a resolution target is missed
    @freeze_time("2026-03-02 02:00:00")
    def test_return_meeting_every_target_closes_without_cause_analysis(self):
        kind_return = self.env.ref("aftersales_service.kind_return")
        self.assertEqual(kind_return.aftersales_cause_analysis_hours, 0)
        self._policy(
            [
                {
                    "target_type": "resolved",
                    "duration": 5,
                    "duration_unit": "working_days",
                    "calendar_mode": "company",
                }
            ],
            aftersales_kind="return",
        )
        ticket = self._ticket("return", category_id=kind_return.id)
        with freeze_time("2026-03-06 02:00:00"):  # four days later, in time
            self.assertFalse(ticket.cause_analysis_required)
            self._close(ticket)
        self.assertEqual(self._line(ticket, "resolved").state, "met")

    @freeze_time("2026-03-02 02:00:00")
    def test_missed_resolution_target_needs_cause_analysis(self):
        self._policy([{"target_type": "resolved", "duration": 4}])
        ticket = self._ticket("repair")
        self.assertEqual(self.categories["repair"].aftersales_cause_analysis_hours, 48)
        with freeze_time("2026-03-02 08:00:00"):  # 6 h: within 48 h, target missed
            self.assertTrue(ticket.cause_analysis_required)
            with self.assertRaisesRegex(UserError, "missed its resolution target"):
                self._close(ticket)
            self.assertFalse(ticket.closed)
            with Form(ticket.with_user(self.user_agent)) as form:
                form.cause_category_id = self.cause
                form.cause_explanation = "Part arrived late from the supplier."
            self._close(ticket)
        self.assertTrue(ticket.closed)

    # 9. cancelling keeps breached targets breached
    @freeze_time("2026-03-02 02:00:00")
    def test_cancelling_keeps_breached_targets(self):
        self._policy(
            [
                {"target_type": "first_reply", "duration": 2},
                {"target_type": "resolved", "duration": 24},
            ]
        )
        ticket = self._ticket("repair")
        reply, resolved = (
            self._line(ticket, "first_reply"),
            self._line(ticket, "resolved"),
        )
        with freeze_time("2026-03-02 05:00:00"):  # reply overdue, job not run yet
            self._close(ticket, stage=self.stage_cancelled)
        self.assertEqual(reply.state, "breached")
        self.assertEqual(resolved.state, "cancelled")
        self.assertTrue(ticket.sla_breached)
        self.assertFalse(reply.next_escalation_date)
        report = self.env["aftersales.sla.line"].search(
            [("ticket_id", "=", ticket.id), ("state", "=", "breached")]
        )
        self.assertEqual(report, reply, "still counted in the compliance report")

    # 10. breach is decided by the clock, not by when the job runs
    @freeze_time("2026-03-02 02:00:00")
    def test_pause_after_the_deadline_stays_breached(self):
        self._policy([{"target_type": "first_reply", "duration": 2}])
        late_no_job = self._ticket("repair")
        late_job = self._ticket("repair")
        with freeze_time("2026-03-02 05:00:00"):
            # the escalation job has seen one of the two breaches only
            self._line(late_job, "first_reply")._escalate(datetime(2026, 3, 2, 5, 0))
        self.assertEqual(self._line(late_job, "first_reply").state, "breached")
        self.assertEqual(self._line(late_no_job, "first_reply").state, "running")
        with freeze_time("2026-03-02 06:00:00"):
            for ticket in (late_no_job, late_job):
                with Form(ticket.with_user(self.user_agent)) as form:
                    form.sla_pause_reason = "supplier"
        for ticket in (late_no_job, late_job):
            self.assertEqual(self._line(ticket, "first_reply").state, "breached")
        # the breach not seen yet is still notified by the job
        with freeze_time("2026-03-02 06:30:00"):
            self.env["aftersales.sla.line"]._cron_escalate()
        self.assertEqual(self._line(late_no_job, "first_reply").escalation_level, "3")
        with freeze_time("2026-03-02 07:00:00"):
            for ticket in (late_no_job, late_job):
                ticket.with_user(self.user_agent).sla_pause_reason = False
        for ticket in (late_no_job, late_job):
            self.assertEqual(self._line(ticket, "first_reply").state, "breached")
            self.assertTrue(ticket.sla_breached)

    # 11. durations as people write them
    def test_durations_read_as_people_write_them(self):
        env = self.env
        self.assertEqual(format_duration(env, 48.0), "48 hours")
        self.assertEqual(format_duration(env, 1.0), "1 hour")
        self.assertEqual(format_duration(env, 1.5), "1.5 hours")
        self.assertEqual(format_duration(env, 3.0, "working_days"), "3 working days")

    @freeze_time("2026-03-02 02:00:00")
    def test_cause_analysis_message_reads_48_hours(self):
        ticket = self._ticket("replenishment")  # no SLA target to miss
        with freeze_time("2026-03-05 02:00:00"), self.assertRaises(UserError) as caught:
            self._close(ticket)
        message = str(caught.exception)
        self.assertIn("took more than 48 hours", message)
        self.assertNotIn("48.0", message)
