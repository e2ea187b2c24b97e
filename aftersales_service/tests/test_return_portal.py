# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time
from lxml import html

from odoo.tests import HttpCase, new_test_user, tagged

from .common import AftersalesCommon


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestReturnPortal(AftersalesCommon, HttpCase):
    """The customer follows their return on the request page: which rule
    applies and why, each operation's state and decision, the shipments with
    carrier and tracking reference; nobody else sees any of it."""

    with_tile_shop = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.portal_lin = new_test_user(
            env,
            login="as_portal_lin",
            password="as_portal_lin_pw",
            groups="base.group_portal",
            name="Lin Mei",
        )
        cls.portal_lin.partner_id.parent_id = cls.customer
        cls.portal_zhou = new_test_user(
            env,
            login="as_portal_zhou",
            password="as_portal_zhou_pw",
            groups="base.group_portal",
            name="Zhou Li",
        )
        cls.portal_zhou.partner_id.parent_id = cls.other_customer

        # A quality request bought on 20 February: window until 22 March.
        cls._stock(cls.lot_a, 1)
        cls.ticket = cls._ticket(cls.cat_quality, purchase_date="2026-02-20")
        exchange = env["aftersales.return"].create(
            {
                "ticket_id": cls.ticket.id,
                "operation": "exchange",
                "quantity": 3.0,
                "shortage_action": "later",
            }
        )
        exchange.action_submit()
        exchange.decision_reason = "Pinholes confirmed on the photos"
        exchange.with_user(cls.user_supervisor).action_approve()
        cls.exchange = exchange
        exchange.return_picking_id.write(
            {"aftersales_carrier": "ZTO Express", "aftersales_tracking_ref": "ZT778899"}
        )
        exchange.out_picking_id.write(
            {"aftersales_carrier": "SF Express", "aftersales_tracking_ref": "SF445566"}
        )
        gift = env["aftersales.return"].create(
            {
                "ticket_id": cls.ticket.id,
                "operation": "compensation",
                "compensation_type": "gift",
                "compensation_amount": 40.0,
            }
        )
        gift.action_submit()
        gift.decision_reason = "The exchange already covers the defect"
        gift.with_user(cls.user_supervisor).action_refuse()
        cls.inspection = env["aftersales.quality.inspection"].create(
            {
                "ticket_id": cls.ticket.id,
                "result": "defect",
                "severity": "minor",
                "defect": "Kiln log shows 1180C firing",
                "responsibility": "production",
            }
        )
        cls.inspection.action_submit_report()

    def _page(self, login, **kwargs):
        self.authenticate(login, f"{login}_pw")
        return self.url_open(f"/my/ticket/{self.ticket.id}", **kwargs)

    @staticmethod
    def _row_text(page, attribute, value):
        """Text of the table row marked with ``data-<attribute>="<value>"``."""
        rows = html.fromstring(page).xpath(f"//tr[@data-{attribute}='{value}']")
        return " ".join(" ".join(row.text_content().split()) for row in rows)

    def test_customer_sees_rule_operations_and_tracking(self):
        response = self._page("as_portal_lin")
        self.assertEqual(response.status_code, 200)
        page = response.text
        # The rule that applies and why.
        self.assertIn("Return rule", page)
        self.assertIn("accepted unconditionally, shipping paid by the company", page)
        self.assertIn("until 2026-03-22", page)
        self.assertIn("03/22/2026", page, "window end date")
        self.assertIn("Return shipping paid by", page)
        # The operations, in plain words, with the decision and its reason.
        self.assertIn(self.exchange.name, page)
        self.assertIn("Approved: please send the goods back", page)
        self.assertIn("Pinholes confirmed on the photos", page)
        self.assertIn("expected delivery", page)
        self.assertIn("03/09/2026", page, "expected date of the short exchange")
        self.assertIn("The exchange already covers the defect", page)
        self.assertIn("Refused on", page)
        exchange_row = self._row_text(page, "operation", self.exchange.name)
        self.assertIn("Approved: please send the goods back", exchange_row)
        self.assertIn("expected delivery: 03/09/2026", exchange_row)
        # Shipments both ways with carrier and tracking reference.
        out_row = self._row_text(page, "transfer", self.exchange.out_picking_id.name)
        self.assertIn("To you", out_row)
        self.assertIn("Planned for 03/09/2026", out_row)
        self.assertIn("SF Express SF445566", out_row)
        receipt = self.exchange.return_picking_id
        receipt_row = self._row_text(page, "transfer", receipt.name)
        self.assertIn("Back to us Waiting for your goods", receipt_row)
        self.assertIn("ZTO Express ZT778899", receipt_row)
        self.assertIn(self.exchange.out_picking_id.name, page)
        self.assertIn("SF Express", page)
        self.assertIn("SF445566", page)
        self.assertIn("ZT778899", page)
        # The inspection's progress, not its internals; no internal notes
        # nor the other customer of the lot.
        self.assertIn("our supervisor is choosing the solution", page)
        self.assertNotIn("Kiln log", page)
        self.assertNotIn("Procurement raised", page)
        self.assertNotIn(self.other_customer.name, page)

    def test_other_customer_gets_nothing(self):
        response = self._page("as_portal_zhou", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303, 403, 404))
        for page in (response.text, self._page("as_portal_zhou").text):
            for secret in (
                self.exchange.name,
                "SF445566",
                "ZT778899",
                "Pinholes confirmed",
                "accepted unconditionally",
            ):
                self.assertNotIn(secret, page)

    def test_replenishment_progress_without_return_rule(self):
        """A replenishment request shows the delivery date promised when the
        lot is short, no return rule, and nothing the agent is still drafting."""
        ticket = self._ticket(self.cat_replenish)
        replenishment = self.env["aftersales.return"].create(
            {
                "ticket_id": ticket.id,
                "operation": "replenishment",
                "quantity": 2.0,
                "expected_date": "2026-03-20",
            }
        )
        replenishment.action_submit()
        draft = self.env["aftersales.return"].create(
            {"ticket_id": ticket.id, "operation": "compensation"}
        )
        self.authenticate("as_portal_lin", "as_portal_lin_pw")
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertNotIn("Return rule", page)
        row = self._row_text(page, "operation", replenishment.name)
        self.assertIn("Approved: your delivery is being prepared", row)
        self.assertIn("expected delivery: 03/20/2026", row)
        self.assertNotIn(draft.name, page)
        out_row = self._row_text(page, "transfer", replenishment.out_picking_id.name)
        self.assertIn("To you Planned for 03/20/2026", out_row)
