# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.tests import freeze_time, tagged

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestSlaSeedCommitments(AftersalesCommon):
    """The seeded policies reproduce the commitments of R8-R12."""

    with_sla = True

    @freeze_time("2026-03-02 02:00:00")
    def test_consultation_reply_within_24_hours(self):
        ticket = self._ticket("consultation", user=self.user_agent)
        line = self._line(ticket, "first_reply")
        self.assertEqual(line.state, "running")
        self.assertEqual(line.deadline, datetime(2026, 3, 3, 2, 0))
        self.assertEqual(ticket.sla_deadline, datetime(2026, 3, 3, 2, 0))
        # an internal note is not a reply to the customer
        ticket.with_user(self.user_agent).message_post(
            body="Checking stock", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertFalse(ticket.first_reply_date)
        with freeze_time("2026-03-02 05:00:00"):
            ticket.with_user(self.user_agent).message_post(
                body="Here is the answer",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(ticket.first_reply_date, datetime(2026, 3, 2, 5, 0))
        self.assertEqual(line.state, "met")
        self.assertEqual(line.met_date, datetime(2026, 3, 2, 5, 0))
        self.assertFalse(ticket.sla_deadline)
        self.assertFalse(ticket.sla_breached)

    @freeze_time("2026-03-02 02:00:00")
    def test_repair_visit_scheduled_within_48_hours(self):
        ticket = self._ticket("repair", user=self.user_agent)
        line = self._line(ticket, "visit_scheduled")
        self.assertEqual(line.deadline, datetime(2026, 3, 4, 2, 0))
        with freeze_time("2026-03-03 08:00:00"):
            ticket.with_user(self.user_agent).visit_date = datetime(2026, 3, 5, 1, 0)
        self.assertEqual(ticket.visit_scheduled_date, datetime(2026, 3, 3, 8, 0))
        self.assertEqual(line.state, "met")

    @freeze_time("2026-03-04 02:00:00")
    def test_return_processed_three_working_days_after_friday_approval(self):
        """Approved Friday 6 March 15:00 Shanghai; Monday 9 is a holiday: due
        Thursday 12 March 15:00 Shanghai (07:00 UTC)."""
        ticket = self._ticket("return", user=self.user_agent)
        review = self._line(ticket, "return_reviewed")
        processed = self._line(ticket, "resolved")
        self.assertEqual(review.deadline, datetime(2026, 3, 7, 2, 0))
        self.assertEqual(processed.state, "pending")
        self.assertFalse(processed.deadline)
        with freeze_time("2026-03-06 07:00:00"):
            # written by the returns flow when the supervisor approves
            ticket.return_reviewed_date = datetime(2026, 3, 6, 7, 0)
        self.assertEqual(review.state, "met")
        self.assertEqual(processed.state, "running")
        self.assertEqual(processed.start_date, datetime(2026, 3, 6, 7, 0))
        self.assertEqual(processed.deadline, datetime(2026, 3, 12, 7, 0))
        with freeze_time("2026-03-11 03:00:00"):
            # received a week ago: the cause analysis (R13) is due too
            ticket.with_user(self.user_agent).write(
                {
                    "stage_id": self.stage_done.id,
                    "cause_category_id": self.cause.id,
                    "cause_explanation": "Waited for the carrier pick-up.",
                }
            )
        self.assertEqual(ticket.resolved_date, datetime(2026, 3, 11, 3, 0))
        self.assertEqual(processed.state, "met")

    @freeze_time("2026-03-02 02:00:00")
    def test_complaint_targets_depend_on_complexity(self):
        simple = self._ticket("complaint", priority="3")
        self.assertEqual(
            sorted(simple.sla_line_ids.mapped("target_type")),
            ["first_reply", "followed_up", "plan_proposed"],
        )
        self.assertEqual(
            self._line(simple, "plan_proposed").deadline, datetime(2026, 3, 5, 2, 0)
        )
        complex_ = self._ticket(
            "complaint",
            priority="1",
            aftersales_complex=True,
            aftersales_complex_reason="Installer and supplier involved",
        )
        self.assertEqual(
            sorted(complex_.sla_line_ids.mapped("target_type")),
            ["first_reply", "followed_up", "plan_proposed", "resolved"],
        )
        # 5 working days of 8 h from Monday 10:00 Shanghai: Monday 9 March is
        # a holiday, so Tuesday 10 March 10:00 Shanghai
        self.assertEqual(
            self._line(complex_, "resolved").deadline, datetime(2026, 3, 10, 2, 0)
        )
        with freeze_time("2026-03-03 02:00:00"):
            simple.with_user(self.user_agent).action_sla_mark_plan_proposed()
        self.assertEqual(simple.plan_proposed_date, datetime(2026, 3, 3, 2, 0))
        self.assertEqual(self._line(simple, "plan_proposed").state, "met")

    @freeze_time("2026-03-02 02:00:00")
    def test_technical_support_response_and_resolution(self):
        ticket = self._ticket("technical")
        self.assertEqual(
            self._line(ticket, "first_reply").deadline, datetime(2026, 3, 3, 2, 0)
        )
        self.assertEqual(
            self._line(ticket, "resolved").deadline, datetime(2026, 3, 4, 2, 0)
        )

    def test_no_policy_no_line(self):
        ticket = self._ticket("replenishment")
        self.assertFalse(ticket.sla_line_ids)
        self.assertFalse(ticket.sla_deadline)


@tagged("post_install", "-at_install")
class TestSlaMatchingAndEvents(AftersalesCommon):
    with_sla = True

    @freeze_time("2026-03-02 02:00:00")
    def test_first_matching_policy_wins(self):
        vip = self._policy(
            [{"target_type": "first_reply", "duration": 4}],
            name="VIP consultation",
            aftersales_kind="consultation",
            service_tier="vip",
        )
        self.customer.aftersales_tier = "vip"
        ticket = self._ticket("consultation")
        self.assertEqual(ticket.sla_line_ids.policy_id, vip)
        self.assertEqual(ticket.sla_deadline, datetime(2026, 3, 2, 6, 0))
        other = self.env["res.partner"].create({"name": "Standard buyer"})
        ticket2 = self._ticket("consultation", partner_id=other.id)
        self.assertEqual(
            ticket2.sla_line_ids.policy_id,
            self.env.ref("aftersales_service.sla_policy_consultation"),
        )
        # another team: the team criterion excludes the VIP policy
        team2 = self.env["helpdesk.ticket.team"].create({"name": "Other team"})
        ticket3 = self._ticket("consultation", team_id=team2.id)
        self.assertNotEqual(ticket3.sla_line_ids.policy_id, vip)

    @freeze_time("2026-03-02 02:00:00")
    def test_cancelled_stage_never_counts_as_met(self):
        ticket = self._ticket("technical")
        ticket.with_user(self.user_agent).stage_id = self.stage_cancelled
        self.assertFalse(ticket.resolved_date)
        self.assertEqual(set(ticket.sla_line_ids.mapped("state")), {"cancelled"})
        self.assertFalse(ticket.sla_deadline)
        self.assertFalse(ticket.sla_breached)
        # reopened: the request gets fresh clocks
        with freeze_time("2026-03-02 05:00:00"):
            ticket.stage_id = self.stage_new
        running = ticket.sla_line_ids.filtered(lambda ln: ln.state == "running")
        self.assertEqual(len(running), 2)
        self.assertEqual(ticket.sla_deadline, datetime(2026, 3, 3, 5, 0))
        rejected = self._ticket("technical")
        rejected.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_rejected")
        self.assertFalse(rejected.resolved_date)
        self.assertNotIn("met", rejected.sla_line_ids.mapped("state"))

    @freeze_time("2026-03-02 02:00:00")
    def test_reopen_clears_resolution(self):
        ticket = self._ticket("technical")
        with freeze_time("2026-03-02 06:00:00"):
            ticket.stage_id = self.stage_done
        line = self._line(ticket, "resolved")
        self.assertEqual(line.state, "met")
        # closing stops the other clocks: no reply target left to escalate
        reply = ticket.sla_line_ids.filtered(lambda ln: ln.target_type == "first_reply")
        self.assertEqual(reply.state, "cancelled")
        self.assertFalse(reply.next_escalation_date)
        with freeze_time("2026-03-02 08:00:00"):
            ticket.stage_id = self.stage_new
        self.assertFalse(ticket.resolved_date)
        self.assertEqual(line.state, "running")
        self.assertFalse(line.met_date)
        self.assertEqual(ticket.sla_deadline, datetime(2026, 3, 4, 2, 0))

    @freeze_time("2026-03-02 02:00:00")
    def test_late_event_is_breached(self):
        ticket = self._ticket("consultation")
        with freeze_time("2026-03-04 02:00:00"):
            ticket.with_user(self.user_agent).message_post(
                body="Sorry for the delay",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        line = self._line(ticket, "first_reply")
        self.assertEqual(line.state, "breached")
        self.assertTrue(ticket.sla_breached)

    def test_agent_reads_but_cannot_edit_policies(self):
        policy = self.env.ref("aftersales_service.sla_policy_repair")
        self.assertTrue(policy.with_user(self.user_agent).name)
        self.assertFalse(
            self.env["aftersales.sla.policy"]
            .with_user(self.user_agent)
            .has_access("write")
        )
        self.assertTrue(
            self.env["aftersales.sla.policy"]
            .with_user(self.user_supervisor)
            .has_access("write")
        )
        self.assertFalse(
            self.env["aftersales.sla.line"]
            .with_user(self.user_portal)
            .has_access("read")
        )
