# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import deliver


@tagged("post_install", "-at_install")
class TestAftersalesTours(HttpCase):
    def test_agent_opens_app(self):
        new_test_user(
            self.env,
            login="tour_agent",
            password="tour_agent_pw",
            groups="aftersales_service.group_aftersales_agent",
        )
        self.start_tour("/odoo", "aftersales_open_app_tour", login="tour_agent")

    def test_agent_records_phone_repair(self):
        """An agent records a phone repair request for a serial-tracked
        dishwasher: the delivery fills product and serial."""
        env = self.env
        agent = new_test_user(
            env,
            login="tour_repair_agent",
            password="tour_repair_agent_pw",
            groups="aftersales_service.group_aftersales_agent",
        )
        env.ref("aftersales_service.team_repair").user_ids = [Command.link(agent.id)]
        company = env["res.partner"].create(
            {"name": "Tour Kitchen Ltd", "is_company": True}
        )
        contact = env["res.partner"].create(
            {"name": "Zhou Min", "parent_id": company.id, "email": "zhou@example.com"}
        )
        product = env["product.product"].create(
            {
                "name": "Tour Dishwasher",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
            }
        )
        serial = env["stock.lot"].create(
            {"name": "TOUR-SN-0001", "product_id": product.id}
        )
        delivery = deliver(env, contact, product, 1, serial)
        self.assertEqual(delivery.state, "done")

        self.start_tour(
            "/odoo/action-aftersales_service.aftersales_request_action",
            "aftersales_phone_repair_tour",
            login="tour_repair_agent",
        )
        ticket = env["helpdesk.ticket"].search(
            [("name", "=", "Dishwasher leaks after each cycle")]
        )
        self.assertEqual(ticket.lot_id, serial)
        self.assertEqual(ticket.delivery_id, delivery)
        self.assertEqual(ticket.aftersales_kind, "repair")
        self.assertEqual(
            ticket.channel_id, env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        )
        self.assertEqual(ticket.team_id, env.ref("aftersales_service.team_repair"))
        self.assertEqual(ticket.user_id, agent)
        self.assertFalse(ticket.aftersales_missing_info)
