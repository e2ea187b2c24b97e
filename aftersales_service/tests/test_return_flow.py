# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import AftersalesCommon


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestReturnFlow(AftersalesCommon):
    with_tile_shop = True

    def test_quality_return_inspection_scrap_then_same_lot_exchange(self):
        """Quality return inside its window → receipt into quarantine →
        inspection to scrap → same-lot exchange shipped with tracking."""
        self._stock(self.lot_a, 6)
        ticket = self._ticket(self.cat_quality)
        self.assertTrue(ticket.return_eligible)
        self.assertEqual(ticket.return_shipping_payer, "company")
        self.assertIn("30 days", ticket.return_eligibility_reason)

        exchange = self._operation(ticket, "exchange", 2.0)
        self.assertEqual(exchange.lot_id, self.lot_a)
        self.assertEqual(exchange.returnable_qty, 10.0)
        exchange.action_submit()
        self.assertEqual(exchange.state, "to_approve")
        with self.assertRaises(AccessError):
            exchange.action_approve()
        exchange.with_user(self.user_supervisor).action_approve()
        self.assertEqual(exchange.state, "approved")
        self.assertTrue(ticket.return_reviewed_date)
        self.assertEqual(exchange.shipping_payer, "company")

        # The return comes from the original delivery, with its lot, into
        # quarantine; the replacement reserves the same lot.
        receipt = exchange.return_picking_id
        quarantine = self.warehouse.aftersales_quarantine_location_id
        self.assertEqual(receipt.return_id, self.delivery)
        self.assertEqual(receipt.location_dest_id, quarantine)
        self.assertEqual(receipt.move_line_ids.lot_id, self.lot_a)
        self.assertEqual(receipt.aftersales_ticket_id, ticket)
        out = exchange.out_picking_id
        self.assertEqual(out.partner_id, self.customer)
        self.assertEqual(out.aftersales_origin_delivery_id, self.delivery)
        self.assertIn(ticket.number, out.origin)
        self.assertEqual(out.state, "assigned")
        self.assertEqual(out.move_line_ids.lot_id, self.lot_a)
        self.assertEqual(ticket.picking_ids, receipt | out)
        self.assertEqual(ticket.picking_count, 2)

        # Warehouse keeper counts, then inspects: both units scrapped.
        wizard = Form(
            self.env["aftersales.return.receive"]
            .with_user(self.user_warehouse)
            .with_context(default_return_id=exchange.id)
        )
        self.assertEqual(wizard.received_qty, 2.0)
        wizard.save().action_confirm()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(exchange.state, "received")
        self.assertEqual(self._on_hand(self.lot_a, quarantine), 2.0)

        wizard = Form(
            self.env["aftersales.return.inspect"]
            .with_user(self.user_warehouse)
            .with_context(default_return_id=exchange.id)
        )
        wizard.stock_qty = 0.0
        self.assertEqual(wizard.scrap_qty, 2.0)
        wizard.note = "Glaze cracks on both tiles"
        wizard.save().action_confirm()
        self.assertEqual(exchange.state, "done")
        self.assertEqual(exchange.inspected_scrap_qty, 2.0)
        self.assertEqual(self._on_hand(self.lot_a, quarantine), 0.0)
        scrap = self.env["stock.scrap"].search([("origin", "=", exchange.name)])
        self.assertEqual(scrap.state, "done")
        self.assertEqual(scrap.lot_id, self.lot_a)

        # Ship the replacement with tracking; the customer is told.
        out = out.with_user(self.user_warehouse)
        out.write(
            {"aftersales_carrier": "SF Express", "aftersales_tracking_ref": "SF1234"}
        )
        out.move_ids.picked = True
        out.button_validate()
        self.assertEqual(out.state, "done")
        self.assertEqual(self._on_hand(self.lot_a, self.stock), 4.0)
        bodies = " ".join(self._customer_messages(ticket).mapped("body"))
        self.assertIn("SF1234", bodies)
        self.assertIn("SF Express", bodies)

    def test_return_to_stock_after_inspection(self):
        ticket = self._ticket(self.cat_quality)
        ret = self._operation(ticket, "return", 3.0)
        ret.action_submit()
        ret.with_user(self.user_supervisor).action_approve()
        ret.with_user(self.user_warehouse)._receive(3.0)
        ret.with_user(self.user_warehouse)._inspect(2.0, 1.0, "One chipped")
        self.assertEqual(self._on_hand(self.lot_a, self.stock), 2.0)
        self.assertEqual(ret.returnable_qty, 7.0)
        transfers = ticket.picking_ids
        self.assertEqual(len(transfers), 2, "receipt and put-away to stock")
        self.assertTrue(all(p.state == "done" for p in transfers))

    def test_receipt_discrepancy_recorded_and_told(self):
        ticket = self._ticket(self.cat_quality)
        ret = self._operation(ticket, "return", 4.0)
        ret.action_submit()
        ret.with_user(self.user_supervisor).action_approve()
        keeper_ret = ret.with_user(self.user_warehouse)
        with self.assertRaisesRegex(UserError, "describe the discrepancy"):
            keeper_ret._receive(3.0)
        with self.assertRaises(AccessError):
            ret.with_user(self.user_agent)._receive(3.0, "one missing")
        keeper_ret._receive(3.0, "One tile missing from the box")
        self.assertEqual(ret.received_qty, 3.0)
        self.assertEqual(ret.discrepancy_qty, -1.0)
        self.assertEqual(
            ret.return_picking_id.move_ids.quantity, 3.0, "stock follows the count"
        )
        self.assertIn(
            "One tile missing",
            " ".join(self._customer_messages(ticket).mapped("body")),
        )

    def test_non_quality_return_outside_window_refused_with_reason(self):
        ticket = self._ticket(
            self.cat_return,
            purchase_date="2026-02-01",
            return_unused=True,
            return_packaging_intact=True,
            return_resaleable=True,
        )
        self.assertEqual(ticket.return_reason, "other")
        self.assertFalse(ticket.return_eligible)
        self.assertEqual(ticket.return_shipping_payer, "customer")
        self.assertIn("7 days", ticket.return_eligibility_reason)
        self.assertIn("2026-02-08", ticket.return_eligibility_reason)
        ret = self._operation(ticket, "return", 1.0)
        ret.action_submit()
        supervisor_ret = ret.with_user(self.user_supervisor)
        with self.assertRaisesRegex(UserError, "window ended on 2026-02-08"):
            supervisor_ret.action_approve()
        self.assertFalse(ret.return_picking_id)
        supervisor_ret.action_refuse()
        self.assertEqual(ret.state, "refused")
        self.assertIn("2026-02-08", ret.decision_reason)
        self.assertTrue(ticket.return_reviewed_date)
        self.assertFalse(ticket.picking_ids)

    def test_non_quality_return_needs_conditions(self):
        ticket = self._ticket(self.cat_return, return_unused=True)
        self.assertFalse(ticket.return_eligible)
        self.assertIn("packaging intact", ticket.return_eligibility_reason)
        ticket.write({"return_packaging_intact": True, "return_resaleable": True})
        self.assertTrue(ticket.return_eligible)
        self.assertIn("paid by the customer", ticket.return_eligibility_reason)

    def test_agent_approves_small_compensation_only(self):
        self.company.aftersales_agent_compensation_limit = 100.0
        ticket = self._ticket(self.cat_quality)
        small = self._operation(
            ticket, "compensation", compensation_type="gift", compensation_amount=50
        )
        big = self._operation(
            ticket,
            "compensation",
            compensation_type="discount",
            compensation_amount=500,
        )
        (small | big).action_submit()
        small.with_user(self.user_agent).action_approve()
        self.assertEqual(small.state, "done")
        with self.assertRaises(AccessError):
            big.with_user(self.user_agent).action_approve()
        big.with_user(self.user_supervisor).action_approve()
        self.assertEqual(big.decision_user_id, self.user_supervisor)

    def test_refund_when_exchange_short(self):
        ticket = self._ticket(self.cat_quality)
        exchange = self._operation(ticket, "exchange", 2.0, shortage_action="refund")
        exchange.action_submit()
        exchange.with_user(self.user_supervisor).action_approve()
        self.assertEqual(exchange.state, "done")
        self.assertFalse(ticket.picking_ids)
        self.assertEqual(ticket.refund_decision, "refund")

    def test_portal_customer_reads_own_operations(self):
        self._operation(self._ticket(self.cat_quality), "compensation")
        ticket = self._ticket(
            self.cat_quality,
            partner_id=self.user_portal.partner_id.id,
            lot_id=False,
            delivery_id=False,
        )
        draft = self._operation(ticket, "compensation", compensation_amount=80)
        ret = self._operation(ticket, "compensation", compensation_amount=50)
        ret.action_submit()
        Return = self.env["aftersales.return"].with_user(self.user_portal)
        self.assertEqual(Return.search([]), ret, "not the other's, not a draft")
        with self.assertRaises(AccessError):
            draft.with_user(self.user_portal).read(["compensation_amount"])
        with self.assertRaises(AccessError):
            ret.with_user(self.user_portal).write({"quantity": 5})

    def test_internal_user_and_warehouse_limits(self):
        ticket = self._ticket(self.cat_quality)
        ret = self._operation(ticket, "return", 1.0)
        with self.assertRaises(AccessError):
            self.env["aftersales.return"].with_user(self.user_internal).search([])
        with self.assertRaises(AccessError):
            self.env["aftersales.return"].with_user(self.user_warehouse).create(
                {"ticket_id": ticket.id}
            )
        ret.action_submit()
        with self.assertRaises(AccessError):
            ret.with_user(self.user_warehouse).action_approve()
        # The keeper reads the request behind the transfer.
        self.assertEqual(ticket.with_user(self.user_warehouse).number, ticket.number)

    def test_operations_stay_in_their_company(self):
        other_company = self.env["res.company"].create({"name": "Tile Shop South"})
        ticket = self._ticket(self.cat_quality)
        ret = self._operation(ticket, "compensation")
        self.user_supervisor.write(
            {"company_ids": [(4, other_company.id)], "company_id": other_company.id}
        )
        Return = (
            self.env["aftersales.return"]
            .with_user(self.user_supervisor)
            .with_context(allowed_company_ids=other_company.ids)
        )
        self.assertFalse(Return.search([("id", "=", ret.id)]))
        self.assertEqual(
            Return.with_context(allowed_company_ids=self.company.ids).search(
                [("id", "=", ret.id)]
            ),
            ret,
        )

    def test_exchange_short_shipped_later(self):
        self._stock(self.lot_a, 1)
        ticket = self._ticket(self.cat_quality)
        exchange = self._operation(ticket, "exchange", 3.0, shortage_action="later")
        exchange.action_submit()
        exchange.with_user(self.user_supervisor).action_approve()
        self.assertEqual(exchange.return_picking_id.state, "assigned")
        out = exchange.out_picking_id
        self.assertEqual(out.move_ids.quantity, 1.0, "the unit in stock is reserved")
        self.assertEqual(exchange.expected_date.isoformat(), "2026-03-09")
        self.assertIn("Procurement raised", exchange.procurement_note)
        self.assertFalse(ticket.refund_decision)

    def test_agent_requests_through_the_forms(self):
        self._stock(self.lot_a, 5)
        ticket = self._ticket(self.cat_quality)
        with Form(ticket.with_user(self.user_agent)) as ticket_form:
            self.assertTrue(ticket_form.return_eligible)
            self.assertEqual(ticket_form.return_shipping_payer, "company")
        action = (
            ticket.with_user(self.user_agent)
            .with_context(aftersales_operation="exchange")
            .action_aftersales_new_operation()
        )
        form = Form(
            self.env["aftersales.return"]
            .with_user(self.user_agent)
            .with_context(**action["context"])
        )
        self.assertEqual(form.operation, "exchange")
        self.assertEqual(form.lot_id, self.lot_a)
        self.assertEqual(form.returnable_qty, 10.0)
        self.assertEqual(form.available_qty, 5.0)
        form.quantity = 2
        form.reason = "Two tiles with glaze cracks"
        exchange = form.save()
        exchange.action_submit()
        self.assertEqual(exchange.state, "to_approve")

    def test_receipt_validated_from_inventory_counts(self):
        ticket = self._ticket(self.cat_quality)
        ret = self._operation(ticket, "return", 2.0)
        ret.action_submit()
        ret.with_user(self.user_supervisor).action_approve()
        receipt = ret.return_picking_id.with_user(self.user_warehouse)
        receipt.move_ids.picked = True
        receipt.button_validate()
        self.assertEqual(ret.state, "received")
        self.assertEqual(ret.received_qty, 2.0)
        self.assertFalse(ret.discrepancy_note)
        quarantine = self.warehouse.aftersales_quarantine_location_id
        self.assertEqual(self._on_hand(self.lot_a, quarantine), 2.0)
