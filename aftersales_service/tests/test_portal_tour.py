# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import deliver


@tagged("post_install", "-at_install")
class TestPortalTours(HttpCase):
    """What a customer clicks in the portal, in headless Chromium."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.customer = env["res.partner"].create(
            {"name": "Tour Household", "is_company": True, "email": "home@example.com"}
        )
        cls.portal_user = new_test_user(
            env,
            login="tour_portal_customer",
            password="tour_portal_customer_pw",
            groups="base.group_portal",
            name="Gao Lan",
            email="gao.lan@example.com",
        )
        cls.portal_user.partner_id.parent_id = cls.customer
        cls.product = env["product.product"].create(
            {
                "name": "Tour Portal Dishwasher",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
            }
        )
        cls.serial = env["stock.lot"].create(
            {"name": "TOUR-PORTAL-SN-7", "product_id": cls.product.id}
        )
        cls.delivery = deliver(env, cls.customer, cls.product, 1, cls.serial)

    def test_customer_submits_repair_with_photo_and_own_serial(self):
        self.start_tour(
            "/my/tickets", "aftersales_portal_submit_tour", login="tour_portal_customer"
        )
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "Dishwasher shows error E24")]
        )
        self.assertEqual(ticket.lot_id, self.serial)
        self.assertEqual(ticket.delivery_id, self.delivery)
        self.assertEqual(ticket.aftersales_kind, "repair")
        self.assertEqual(ticket.install_location, "Kitchen, 3rd floor")
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["e24.png"])
        self.assertEqual(ticket.partner_id, self.portal_user.partner_id)

    def test_customer_follows_emailed_link_without_account(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Cooker hood rattles",
                "description": "<p>Phoned in.</p>",
                "partner_id": self.customer.id,
                "category_id": self.env.ref("aftersales_service.kind_repair").id,
            }
        )
        ticket._aftersales_send_acknowledgement()
        body = ticket.message_ids.filtered(lambda m: "/my/ticket/" in m.body)[:1].body
        link = body[body.index("/my/ticket/") :].split('"')[0].replace("&amp;", "&")
        self.assertIn("access_token=", link)
        self.start_tour(link, "aftersales_portal_follow_tour")
