# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import ServiceCommon

SIGNATURE = base64.b64encode(
    base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
)


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestServicePlan(ServiceCommon):
    """The agent writes a solution plan with costs, sends it, records the
    customer's answer; versions, limits and the SLA events follow."""

    def test_handling_methods_are_data(self):
        methods = self.env["aftersales.handling.method"].search([])
        self.assertEqual(
            set(methods.mapped("code")),
            {
                "remote",
                "on_site",
                "workshop",
                "replacement",
                "refund",
                "compensation",
                "information",
            },
        )
        ticket = self._ticket(user=self.user_agent)
        with Form(ticket.with_user(self.user_agent)) as form:
            form.handling_method_id = self.env.ref(
                "aftersales_service.handling_method_on_site"
            )
        self.assertEqual(ticket.handling_method_id.code, "on_site")

    def test_costs_and_confirmation_rules(self):
        ticket = self._ticket()
        plan = self._plan(ticket)
        part, labour = plan.line_ids
        self.assertEqual(part.price_unit, 120.0)
        self.assertEqual(part.name, "Seat spring kit")
        self.assertEqual(labour.price_unit, 80.0, "the company's labour rate")
        self.assertEqual(plan.amount_total, 240.0)
        self.assertEqual(plan.amount_customer, 0.0, "under warranty")
        self.assertFalse(plan.written_confirmation_required)
        plan.payer = "customer"
        self.assertEqual(plan.amount_customer, 240.0)
        self.assertTrue(plan.written_confirmation_required)
        plan.write({"payer": "company", "lead_time_days": 10})
        self.assertTrue(plan.written_confirmation_required, "longer than 7 days")

    def test_send_meets_plan_proposed_and_emails_customer(self):
        ticket = self._ticket()
        plan = self._plan(ticket)
        self.assertFalse(ticket.plan_proposed_date)
        plan.with_user(self.user_agent).action_send()
        self.assertEqual(plan.state, "sent")
        self.assertEqual(ticket.plan_proposed_date.isoformat(), "2026-03-02T09:00:00")
        self.assertEqual(ticket.service_plan_id, plan)
        message = plan.message_ids.filtered(
            lambda m: m.message_type == "comment" and self.customer in m.partner_ids
        )
        self.assertEqual(len(message), 1)
        self.assertIn(plan.access_token, message.body)
        self.assertIn(f"/my/service/plan/{plan.id}", message.body)
        with self.assertRaisesRegex(UserError, "was already sent"):
            plan.with_user(self.user_agent).action_send()

    def test_email_in_customer_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.customer.lang = "zh_CN"
        template = self.env.ref("aftersales_service.mail_template_service_plan_sent")
        template.with_context(lang="zh_CN").subject = (
            "{{ object.company_id.name }}："
            "您的请求 {{ object.ticket_id.number }} 的解决方案"
        )
        plan = self._plan(self._ticket())
        plan.with_user(self.user_agent).action_send()
        message = plan.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn("解决方案", message.subject)

    def test_sent_plan_is_frozen_and_versions(self):
        ticket = self._ticket()
        plan = self._plan(ticket)
        plan.with_user(self.user_agent).action_send()
        with self.assertRaisesRegex(UserError, "make a new version"):
            plan.with_user(self.user_agent).cause = "Something else"
        with self.assertRaisesRegex(UserError, "make a new version"):
            plan.line_ids[0].with_user(self.user_agent).quantity = 2
        action = plan.with_user(self.user_agent).action_new_version()
        new = self.env["aftersales.service.plan"].browse(action["res_id"])
        self.assertEqual((new.version, new.state), (2, "draft"))
        self.assertEqual(plan.state, "superseded")
        self.assertEqual(len(new.line_ids), 2)
        self.assertEqual(ticket.service_plan_id, new)
        new.with_user(self.user_agent).line_ids[0].quantity = 2
        self.assertEqual(new.amount_total, 360.0)
        with self.assertRaisesRegex(UserError, "not the latest version"):
            plan.with_user(self.user_agent).action_new_version()

    def test_agent_records_phone_confirmation_sla_plan_confirmed(self):
        policy = self.env["aftersales.sla.policy"].create(
            {
                "name": "Repair plan",
                "team_ids": [(6, 0, self.team.ids)],
                "sequence": 1,
                "target_ids": [
                    (0, 0, {"target_type": "plan_proposed", "duration": 24}),
                    (0, 0, {"target_type": "plan_confirmed", "duration": 72}),
                ],
            }
        )
        ticket = self._ticket()
        self.assertEqual(ticket.sla_line_ids.policy_id, policy)
        plan = self._plan(ticket)
        plan.with_user(self.user_agent).action_send()
        line = ticket.sla_line_ids.filtered(
            lambda ln: ln.target_type == "plan_proposed"
        )
        self.assertEqual(line.state, "met")
        with freeze_time("2026-03-03 10:00:00"):
            wizard = Form(
                self.env["aftersales.service.plan.decision"]
                .with_user(self.user_agent)
                .with_context(default_plan_id=plan.id)
            )
            wizard.method = "phone"
            wizard.signed_by = "Wang Fang"
            wizard.save().action_confirm()
        self.assertEqual(plan.state, "accepted")
        self.assertEqual(plan.confirmation_method, "phone")
        self.assertEqual(plan.confirmed_by_id, self.user_agent)
        self.assertEqual(ticket.plan_confirmed_date.isoformat(), "2026-03-03T10:00:00")
        confirmed = ticket.sla_line_ids.filtered(
            lambda ln: ln.target_type == "plan_confirmed"
        )
        self.assertEqual(confirmed.state, "met")

    def test_written_confirmation_required(self):
        ticket = self._ticket()
        plan = self._plan(ticket, payer="customer")
        plan.with_user(self.user_agent).action_send()
        with self.assertRaisesRegex(UserError, "phone consent is not enough"):
            plan.with_user(self.user_agent)._action_accept_recorded("phone", "Wang")
        with self.assertRaisesRegex(UserError, "Attach the customer's written"):
            plan.with_user(self.user_agent)._action_accept_recorded("written", "Wang")
        self.assertEqual(plan.state, "sent")
        scan = (
            self.env["ir.attachment"]
            .with_user(self.user_agent)
            .create({"name": "consent.pdf", "datas": base64.b64encode(b"%PDF-1.4")})
        )
        plan.with_user(self.user_agent)._action_accept_recorded(
            "written", "Wang Fang", attachments=scan
        )
        self.assertEqual(plan.state, "accepted")
        self.assertEqual(plan.confirmation_attachment_ids, scan)
        self.assertEqual(scan.res_model, "aftersales.service.plan")

    def test_cost_limit_needs_supervisor(self):
        ticket = self._ticket()
        plan = self._plan(
            ticket,
            lines=[{"line_type": "other", "name": "New frame", "price_unit": 2500}],
        )
        self.assertTrue(plan.supervisor_required)
        with self.assertRaisesRegex(UserError, "a supervisor must send it"):
            plan.with_user(self.user_agent).action_send()
        self.assertEqual(plan.state, "draft")
        plan.with_user(self.user_supervisor).action_send()
        self.assertEqual(plan.state, "sent")

    def test_expired_or_superseded_plan_cannot_be_accepted(self):
        ticket = self._ticket()
        plan = self._plan(ticket)
        plan.with_user(self.user_agent).action_send()
        with (
            freeze_time("2026-03-17 09:00:00"),
            self.assertRaisesRegex(UserError, "expired on"),
        ):
            plan.with_user(self.user_agent)._action_accept_recorded("phone", "Wang")
        self.assertEqual(plan.state, "sent")
        plan.with_user(self.user_agent).action_new_version()
        with self.assertRaisesRegex(UserError, "replaced by a newer version"):
            plan.sudo()._action_accept_signature("Wang Fang", SIGNATURE)
        self.assertEqual(plan.state, "superseded")
        self.assertFalse(plan.signature)
        self.assertFalse(ticket.plan_confirmed_date)

    def test_sending_expired_plan_refused(self):
        plan = self._plan(self._ticket(), valid_until="2026-03-01")
        with self.assertRaisesRegex(UserError, "already past"):
            plan.with_user(self.user_agent).action_send()

    def test_state_only_through_actions(self):
        ticket = self._ticket()
        plan = self._plan(ticket)
        for vals in (
            {"state": "accepted"},
            {"signed_by": "Forger"},
            {"version": 5},
        ):
            with self.assertRaises(AccessError):
                plan.with_user(self.user_agent).write(vals)
            with self.assertRaises(AccessError):
                plan.with_user(self.user_supervisor).write(vals)
        with self.assertRaises(AccessError):
            self.env["aftersales.service.plan"].with_user(self.user_agent).create(
                {"ticket_id": ticket.id, "cause": "x", "state": "accepted"}
            )
        self.assertEqual(plan.state, "draft")

    def test_refusal_records_reason_and_asks_for_another(self):
        ticket = self._ticket()
        plan = self._plan(ticket)
        plan.with_user(self.user_agent).action_send()
        wizard = Form(
            self.env["aftersales.service.plan.decision"]
            .with_user(self.user_agent)
            .with_context(default_plan_id=plan.id)
        )
        wizard.decision = "refuse"
        wizard.note = "Too expensive"
        wizard.save().action_confirm()
        self.assertEqual(plan.state, "refused")
        self.assertEqual(plan.refusal_reason, "Too expensive")
        self.assertTrue(ticket.activity_ids)
        new = self.env["aftersales.service.plan"].browse(
            plan.with_user(self.user_agent).action_new_version()["res_id"]
        )
        self.assertEqual(plan.state, "refused", "a refusal stays a refusal")
        self.assertEqual(new.version, 2)

    def test_team_visibility(self):
        ticket = self._ticket()
        plan = self._plan(ticket)
        Plan = self.env["aftersales.service.plan"]
        self.assertIn(plan, Plan.with_user(self.user_agent).search([]))
        self.assertNotIn(plan, Plan.with_user(self.user_other_agent).search([]))
        self.assertIn(plan, Plan.with_user(self.user_supervisor).search([]))
        with self.assertRaises(AccessError):
            plan.with_user(self.user_other_agent).cause = "Not my team"
        # the portal customer sees sent plans only
        self.assertFalse(Plan.with_user(self.portal_wang).search([]))
        plan.with_user(self.user_agent).action_send()
        self.assertEqual(Plan.with_user(self.portal_wang).search([]), plan)
        self.assertFalse(Plan.with_user(self.portal_chen).search([]))
        with self.assertRaises(AccessError):
            plan.with_user(self.portal_wang).write({"cause": "Portal edit"})
