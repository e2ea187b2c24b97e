# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import deliver
from .test_portal_center import PNG


@tagged("post_install", "-at_install")
class TestPortalIntake(HttpCase):
    """A customer records a request in the portal with the same intake and
    checks as the backend, and sees no other customer's data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.customer = env["res.partner"].create(
            {
                "name": "Portal Tiles Co",
                "is_company": True,
                "email": "tiles@example.com",
            }
        )
        cls.portal_user = new_test_user(
            env,
            login="as_portal_customer",
            password="as_portal_customer_pw",
            groups="base.group_portal",
            name="Ma Jun",
            email="ma.jun@example.com",
        )
        cls.portal_user.partner_id.parent_id = cls.customer
        cls.stranger = env["res.partner"].create({"name": "Stranger"})
        cls.product = env["product.product"].create(
            {
                "name": "Tile 60x60 Ivory",
                "type": "consu",
                "is_storable": True,
                "tracking": "lot",
            }
        )
        cls.lot = env["stock.lot"].create(
            {"name": "IV-2026-07", "product_id": cls.product.id}
        )
        cls.warehouse = env["stock.warehouse"].search(
            [("company_id", "=", env.company.id)], limit=1
        )
        cls.delivery = deliver(env, cls.customer, cls.product, 10, cls.lot)
        cls.other_lot = env["stock.lot"].create(
            {"name": "IV-2026-99", "product_id": cls.product.id}
        )
        cls.other_delivery = deliver(env, cls.stranger, cls.product, 10, cls.other_lot)
        cls.kind_quality = env.ref("aftersales_service.kind_quality")

    def _submit(self, **values):
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "category": self.kind_quality.id,
            "subject": "Pinholes in the glaze",
            "description": "Most tiles of the pallet have pinholes.",
        }
        files = values.pop("files", {"attachment": ("pinholes.png", PNG, "image/png")})
        data.update(values)
        return self.url_open("/submitted/ticket", data=data, files=files)

    def _requests(self):
        return self.env["helpdesk.ticket"].search(
            [("commercial_partner_id", "=", self.customer.id)]
        )

    def test_form_offers_kinds_and_own_deliveries_only(self):
        self.authenticate("as_portal_customer", "as_portal_customer_pw")
        page = self.url_open("/new/ticket").text
        self.assertIn("Quality Issue", page)
        self.assertIn(f"/new/ticket?category={self.kind_quality.id}", page)
        page = self.url_open(f"/new/ticket?category={self.kind_quality.id}").text
        self.assertIn("Kind of request", page)
        self.assertIn("IV-2026-07", page)
        self.assertIn(self.delivery.name, page)
        self.assertNotIn(self.other_delivery.name, page)

    def test_portal_request_with_delivery_and_batch(self):
        self.authenticate("as_portal_customer", "as_portal_customer_pw")
        response = self._submit(
            delivery=str(self.delivery.id),
            lot_name="IV-2026-07",
            install_location="Living room",
            expected_resolution="Replace the pallet",
        )
        self.assertEqual(response.status_code, 200)
        ticket = self._requests()
        self.assertEqual(len(ticket), 1)
        self.assertEqual(
            ticket.channel_id, self.env.ref("aftersales_service.channel_portal")
        )
        self.assertEqual(ticket.delivery_id, self.delivery)
        self.assertEqual(ticket.lot_id, self.lot)
        self.assertEqual(ticket.product_id, self.product)
        self.assertEqual(
            ticket.team_id, self.env.ref("aftersales_service.team_quality")
        )
        self.assertEqual(ticket.expected_resolution, "Replace the pallet")
        self.assertTrue(response.url.endswith(f"/my/ticket/{ticket.id}"))
        self.assertIn("IV-2026-07", response.text)

    def test_bad_input_shows_error_and_saves_nothing(self):
        self.authenticate("as_portal_customer", "as_portal_customer_pw")
        cases = [
            ({"delivery": str(self.other_delivery.id)}, "not one of yours"),
            ({"lot_name": "IV-2026-99"}, "no serial or lot number IV-2026-99"),
            ({"purchase_date": "2099-01-01"}, "in the future"),
            ({"category": "999999"}, "Choose the kind of your request"),
        ]
        for values, message in cases:
            with self.subTest(values=values):
                response = self._submit(**values)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertIn("Pinholes in the glaze", response.text, "input kept")
        self.assertFalse(self._requests())

    def test_close_other_customers_request_refused(self):
        other = self.env["helpdesk.ticket"].create(
            {
                "name": "Not yours",
                "description": "<p>x</p>",
                "partner_id": self.stranger.id,
                "category_id": self.kind_quality.id,
            }
        )
        stage_before = other.stage_id
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.authenticate("as_portal_customer", "as_portal_customer_pw")
        response = self.url_open(
            "/ticket/close",
            data={
                "ticket_id": other.id,
                "stage_id": done.id,
                "csrf_token": http.Request.csrf_token(self),
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        other.invalidate_recordset()
        self.assertEqual(other.stage_id, stage_before)
