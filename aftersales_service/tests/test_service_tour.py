# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import ServiceCommon
from .test_service_plan import SIGNATURE


@tagged("post_install", "-at_install")
class TestServiceTour(ServiceCommon, HttpCase):
    """What people click, in headless Chromium."""

    def test_portal_customer_accepts_plan_with_signature(self):
        ticket = self._ticket()
        plan = self._plan(ticket, valid_until=False)
        plan.with_user(self.user_agent).action_send()
        self.start_tour(
            f"/my/ticket/{ticket.id}",
            "aftersales_service_plan_portal_tour",
            login="as_portal_wang",
        )
        self.assertEqual(plan.state, "accepted")
        self.assertEqual(plan.confirmation_method, "signature")
        self.assertEqual(plan.signed_by, "Wang Fang")
        self.assertTrue(plan.signature)
        self.assertTrue(ticket.plan_confirmed_date)

    def test_technician_completes_visit(self):
        Item = self.env["aftersales.service.checklist.item"]
        Item.create(
            [
                {
                    "category_id": self.cat_repair.id,
                    "check_type": "safety",
                    "name": "Power unplugged",
                },
                {
                    "category_id": self.cat_repair.id,
                    "check_type": "functional",
                    "name": "Seat firm",
                },
            ]
        )
        self.env["stock.quant"]._update_available_quantity(self.spring, self.stock, 2)
        ticket = self._ticket()
        plan = self._plan(ticket, valid_until=False)
        plan.with_user(self.user_agent).action_send()
        plan.sudo()._action_accept_signature("Wang Fang", SIGNATURE)
        self.env["aftersales.service.part"].create(
            {"ticket_id": ticket.id, "product_id": self.spring.id}
        )
        self.start_tour(
            f"/odoo/action-aftersales_service.aftersales_request_action/{ticket.id}",
            "aftersales_service_visit_tour",
            login=self.user_agent.login,
        )
        self.assertTrue(ticket.service_completed_date)
        self.assertEqual(ticket.service_signed_by, "Wang Fang")
        self.assertEqual(
            ticket.resolution_summary, "Spring replaced, the seat is firm."
        )
        self.assertEqual(
            ticket.service_step_ids.mapped("note"), ["Replaced the broken spring."]
        )
        self.assertEqual(ticket.service_part_ids.state, "done")
        self.assertEqual(ticket.service_part_ids.move_id.state, "done")
        self.assertTrue(
            self.env["ir.attachment"].search_count(
                [
                    ("res_model", "=", "helpdesk.ticket"),
                    ("res_id", "=", ticket.id),
                    ("mimetype", "=", "application/pdf"),
                ]
            )
        )
