# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, tagged

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestSlaEscalation(AftersalesCommon):
    with_sla = True

    def _sla_activities(self, ticket):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                ("summary", "like", "SLA"),
            ],
            order="id",
        )

    @freeze_time("2026-03-02 00:00:00")
    def test_levels_raised_once_agent_then_leader_then_breach(self):
        ticket = self._ticket("consultation")
        other = self._ticket("consultation")
        Line = self.env["aftersales.sla.line"]
        with freeze_time("2026-03-02 11:00:00"):
            Line._cron_escalate()
        self.assertFalse(self._sla_activities(ticket))
        self.assertFalse(ticket.sla_at_risk)
        # 50 %: the agent
        with freeze_time("2026-03-02 12:30:00"):
            Line._cron_escalate()
        activities = self._sla_activities(ticket)
        self.assertEqual(activities.user_id, self.user_agent)
        self.assertIn("SLA warning", activities.summary)
        self.assertTrue(ticket.sla_at_risk)
        self.assertEqual(
            self.env["helpdesk.ticket"].search(
                [("sla_at_risk", "=", True), ("id", "in", (ticket | other).ids)]
            ),
            ticket | other,
        )
        # the same level is never raised twice
        with freeze_time("2026-03-02 13:00:00"):
            Line._cron_escalate()
        self.assertEqual(len(self._sla_activities(ticket)), 1)
        # 75 %: the team leader
        with freeze_time("2026-03-02 18:30:00"):
            Line._cron_escalate()
        activities = self._sla_activities(ticket)
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities[1].user_id, self.user_supervisor)
        self.assertEqual(self._line(ticket, "first_reply").escalation_level, "2")
        # breach: the agent informs the customer and agrees a new plan (R14)
        with freeze_time("2026-03-03 00:30:00"):
            Line._cron_escalate()
        activities = self._sla_activities(ticket)
        self.assertEqual(len(activities), 3)
        self.assertEqual(activities[2].user_id, self.user_agent)
        self.assertIn("Inform the customer", str(activities[2].note))
        self.assertTrue(ticket.sla_breached)
        self.assertFalse(ticket.sla_at_risk)
        self.assertEqual(self._line(ticket, "first_reply").state, "breached")
        with freeze_time("2026-03-04 00:00:00"):
            self.assertEqual(Line._cron_escalate(), 0)
        self.assertEqual(len(self._sla_activities(ticket)), 3)

    @freeze_time("2026-03-02 00:00:00")
    def test_cron_jumps_to_highest_level_and_skips_met_and_paused(self):
        late = self._ticket("consultation")
        met = self._ticket("consultation")
        paused = self._ticket("consultation")
        with freeze_time("2026-03-02 01:00:00"):
            met.with_user(self.user_agent).message_post(
                body="Answer", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
            paused.sla_pause_reason = "customer"
        with freeze_time("2026-03-02 20:00:00"):
            self.env["aftersales.sla.line"]._cron_escalate(batch_size=1)
        self.assertEqual(len(self._sla_activities(late)), 1)
        self.assertEqual(self._sla_activities(late).user_id, self.user_supervisor)
        self.assertFalse(self._sla_activities(met))
        self.assertFalse(self._sla_activities(paused))

    def test_cron_is_scheduled(self):
        cron = self.env.ref("aftersales_service.ir_cron_aftersales_sla_escalate")
        self.assertTrue(cron.active)
        self.assertEqual(cron.code.strip(), "model._cron_escalate()")


@tagged("post_install", "-at_install")
class TestSlaCauseAnalysis(AftersalesCommon):
    with_sla = True

    @freeze_time("2026-03-02 00:00:00")
    def test_late_resolution_needs_cause(self):
        ticket = self._ticket("technical")
        with freeze_time("2026-03-04 01:00:00"):
            self.assertTrue(ticket.cause_analysis_required)
            with self.assertRaisesRegex(UserError, "record the delay cause"):
                ticket.with_user(self.user_agent).stage_id = self.stage_done
            self.assertFalse(ticket.resolved_date)
            form = Form(ticket.with_user(self.user_agent))
            form.cause_category_id = self.cause
            form.cause_explanation = "The spare board came from the factory."
            form.save()
            ticket.with_user(self.user_agent).stage_id = self.stage_done
        self.assertEqual(ticket.resolved_date, datetime(2026, 3, 4, 1, 0))

    @freeze_time("2026-03-02 00:00:00")
    def test_explanation_is_required_too(self):
        ticket = self._ticket("technical")
        with freeze_time("2026-03-05 00:00:00"), self.assertRaises(UserError):
            ticket.write(
                {"stage_id": self.stage_done.id, "cause_category_id": self.cause.id}
            )

    @freeze_time("2026-03-02 00:00:00")
    def test_quick_resolution_and_cancellation_need_no_cause(self):
        quick = self._ticket("technical")
        cancelled = self._ticket("technical")
        with freeze_time("2026-03-03 23:00:00"):
            quick.stage_id = self.stage_done
        with freeze_time("2026-03-09 00:00:00"):
            cancelled.stage_id = self.stage_cancelled
        self.assertTrue(quick.resolved_date)
        self.assertTrue(cancelled.closed)

    @freeze_time("2026-03-02 00:00:00")
    def test_limit_is_a_company_setting(self):
        """The company's setting is the default of the kinds created
        afterwards; each kind then has its own limit."""
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.aftersales_cause_analysis_hours, 48.0)
        settings.aftersales_cause_analysis_hours = 24.0
        settings.execute()
        self.assertEqual(self.company.aftersales_cause_analysis_hours, 24.0)
        kind = self.env["helpdesk.ticket.category"].create(
            {"name": "Technical, 24 h", "aftersales_kind": "technical"}
        )
        self.assertEqual(kind.aftersales_cause_analysis_hours, 24.0)
        ticket = self._ticket("technical", category_id=kind.id)
        with freeze_time("2026-03-03 01:00:00"), self.assertRaises(UserError):
            ticket.stage_id = self.stage_done
        # a kind keeps the limit it was given
        self.assertEqual(
            self.categories["technical"].aftersales_cause_analysis_hours, 48
        )


@tagged("post_install", "-at_install")
class TestSlaEscalationQueries(AftersalesCommon):
    with_sla = True

    def _due_requests(self, count):
        with freeze_time("2026-03-02 00:00:00"):
            tickets = self.env["helpdesk.ticket"].create(
                [
                    {
                        "name": f"Due {i}",
                        "description": "<p>x</p>",
                        "category_id": self.categories["consultation"].id,
                        "team_id": self.team.id,
                        "user_id": self.user_agent.id,
                        "partner_id": self.customer.id,
                    }
                    for i in range(count)
                ]
            )
        self.env.flush_all()
        self.env.invalidate_all()
        return tickets

    def _escalation_queries(self, count):
        tickets = self._due_requests(count)
        start = self.cr.sql_log_count
        with freeze_time("2026-03-02 12:30:00"):
            done = self.env["aftersales.sla.line"]._cron_escalate()
            self.env.flush_all()
        self.assertEqual(done, count)
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [("res_model", "=", "helpdesk.ticket"), ("res_id", "in", tickets.ids)]
            ),
            count,
        )
        return self.cr.sql_log_count - start

    def test_query_count_does_not_grow_with_due_lines(self):
        """A batch of due lines costs the same queries, whether 3 or 30."""
        self._escalation_queries(1)  # warm the caches like a running server
        few = self._escalation_queries(3)
        many = self._escalation_queries(30)
        self.assertEqual(few, many)
