# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import AftersalesCommon


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestReturnStockExact(AftersalesCommon):
    """Side paths a warehouse takes every day keep every unit where it
    belongs: the same lot only, backorders, receipts validated from
    Inventory (issue 12, points 1-3, 7, 8)."""

    with_tile_shop = True

    def _approved(self, operation, quantity, **vals):
        ticket = self._ticket(self.cat_quality)
        rec = self._operation(ticket, operation, quantity, **vals)
        rec.action_submit()
        if rec.state == "to_approve":
            rec.with_user(self.user_supervisor).action_approve()
        return rec

    def _validate_with_backorder(self, picking, quantity):
        """The keeper validates from Inventory less than planned and keeps
        the rest for a backorder."""
        picking = picking.with_user(self.user_warehouse)
        picking.move_ids.move_line_ids.quantity = quantity
        picking.move_ids.picked = True
        action = picking.button_validate()
        self.assertEqual(action["res_model"], "stock.backorder.confirmation")
        Form(
            self.env["stock.backorder.confirmation"]
            .with_user(self.user_warehouse)
            .with_context(**action["context"])
        ).save().process()
        return picking.backorder_ids

    def _customer_stock(self, lot):
        return self._on_hand(lot, self.customers_location)

    # -- 3. receipts validated from Inventory ---------------------------
    def test_inventory_receipt_above_returnable_refused(self):
        ret = self._approved("return", 10.0)
        receipt = ret.return_picking_id.with_user(self.user_warehouse)
        receipt.move_ids.move_line_ids.quantity = 12.0
        receipt.move_ids.picked = True
        with self.assertRaisesRegex(UserError, "can still be returned"):
            receipt.button_validate()
        self.assertEqual(receipt.state, "assigned")
        self.assertEqual(ret.state, "approved")
        self.assertGreaterEqual(self._customer_stock(self.lot_a), 0.0)

    def test_inventory_receipt_of_another_lot_refused(self):
        ret = self._approved("return", 2.0)
        receipt = ret.return_picking_id.with_user(self.user_warehouse)
        receipt.move_ids.move_line_ids.lot_id = self.lot_b
        receipt.move_ids.picked = True
        with self.assertRaisesRegex(UserError, "returns lot TB-A only"):
            receipt.button_validate()

    # -- 1. the same lot only ---------------------------------------------
    def test_same_lot_outgoing_never_takes_another_lot(self):
        self._stock(self.lot_a, 2)
        self._stock(self.lot_b, 20)
        repl = self._approved("replenishment", 5.0)
        out = repl.out_picking_id.with_user(self.user_warehouse)
        self.assertEqual(out.move_ids.quantity, 2.0)
        # "Check Availability" and the scheduler do not fill it with TB-B.
        out.action_assign()
        self.env["stock.rule"].with_user(self.user_warehouse).sudo().run_scheduler()
        self.assertEqual(out.move_line_ids.lot_id, self.lot_a)
        self.assertEqual(out.move_ids.quantity, 2.0)
        # Nor does a person changing the lot by hand.
        out.move_line_ids.lot_id = self.lot_b
        out.move_ids.picked = True
        with self.assertRaisesRegex(UserError, "may only move lot TB-A"):
            out.with_context(
                skip_backorder=True, picking_ids_not_to_backorder=out.ids
            ).button_validate()

    # -- 2. backorders ------------------------------------------------------
    def test_outgoing_backorder_keeps_request_lot_and_notifies(self):
        self._stock(self.lot_a, 2)
        self._stock(self.lot_b, 20)
        repl = self._approved("replenishment", 5.0)
        ticket = repl.ticket_id
        out = repl.out_picking_id.with_user(self.user_warehouse)
        out.aftersales_carrier = "SF Express"
        backorder = self._validate_with_backorder(out, 2.0)
        self.assertEqual(backorder.aftersales_ticket_id, ticket)
        self.assertEqual(backorder.aftersales_return_id, repl)
        self.assertEqual(backorder.aftersales_origin_delivery_id, self.delivery)
        self.assertEqual(backorder.move_ids.aftersales_lot_id, self.lot_a)
        backorder.with_user(self.user_warehouse).action_assign()
        self.assertFalse(backorder.move_line_ids, "TB-B is never reserved")
        self._stock(self.lot_a, 3)
        backorder = backorder.with_user(self.user_warehouse)
        backorder.action_assign()
        self.assertEqual(backorder.move_line_ids.lot_id, self.lot_a)
        backorder.aftersales_tracking_ref = "SF123"
        backorder.move_ids.picked = True
        before = len(self._customer_messages(ticket))
        backorder.button_validate()
        self.assertEqual(backorder.state, "done")
        self.assertIn("SF123", self._customer_messages(ticket)[0].body)
        self.assertEqual(len(self._customer_messages(ticket)), before + 1)
        self.assertEqual(self._on_hand(self.lot_b, self.stock), 20.0)

    def test_receipt_backorder_goes_through_inspection(self):
        ret = self._approved("return", 5.0)
        quarantine = self.warehouse.aftersales_quarantine_location_id
        backorder = self._validate_with_backorder(ret.return_picking_id, 3.0)
        self.assertEqual(backorder.aftersales_return_id, ret)
        self.assertEqual(backorder.aftersales_ticket_id, ret.ticket_id)
        self.assertEqual(ret.state, "received")
        self.assertEqual(ret.received_qty, 3.0)
        keeper = ret.with_user(self.user_warehouse)
        keeper._inspect(3.0, 0.0)
        self.assertEqual(ret.state, "approved", "2 more are on their way")
        # The rest arrives: the count wizard receives the backorder.
        Form(
            self.env["aftersales.return.receive"]
            .with_user(self.user_warehouse)
            .with_context(default_return_id=ret.id)
        ).save().action_confirm()
        self.assertEqual(backorder.state, "done")
        self.assertEqual(ret.received_qty, 5.0)
        self.assertEqual(ret.to_inspect_qty, 2.0)
        self.assertEqual(self._on_hand(self.lot_a, quarantine), 2.0)
        keeper._inspect(0.0, 2.0)
        self.assertEqual(ret.state, "done")
        self.assertEqual((ret.inspected_stock_qty, ret.inspected_scrap_qty), (3.0, 2.0))
        self.assertEqual(self._on_hand(self.lot_a, quarantine), 0.0)
        self.assertEqual(self._on_hand(self.lot_a, self.stock), 3.0)
        self.assertEqual(self._customer_stock(self.lot_a), 10.0 + 5.0 - 5.0)

    # -- 7. who pays shipping --------------------------------------------
    def test_customer_told_who_pays_shipping(self):
        ret = self._approved("return", 1.0)
        message = self._customer_messages(ret.ticket_id).filtered(
            lambda m: "approved" in m.body
        )
        self.assertIn("paid by us (the company)", message.body)

    # -- 8. the lot of the request was in its delivery ---------------------
    def test_request_lot_not_in_delivery_refused(self):
        with self.assertRaisesRegex(ValidationError, "was not shipped in delivery"):
            self._ticket(
                self.cat_quality,
                user=self.user_agent,
                partner_id=self.other_customer.id,
                lot_id=self.lot_b.id,
                delivery_id=self.other_delivery.id,
            )
        ticket = self._ticket(self.cat_quality, user=self.user_agent)
        with self.assertRaisesRegex(ValidationError, "was not shipped in delivery"):
            ticket.with_user(self.user_agent).write(
                {
                    "partner_id": self.other_customer.id,
                    "delivery_id": self.other_delivery.id,
                    "lot_id": self.lot_b.id,
                }
            )

    # -- 6. partial or complete shipment ----------------------------------
    def test_customer_choice_of_partial_or_complete_shipment(self):
        self._stock(self.lot_a, 5)
        partial = self._approved("replenishment", 12.0)
        self.assertEqual(partial.shipment_policy, "partial")
        out = partial.out_picking_id
        self.assertEqual(out.move_type, "direct")
        self.assertEqual(out.state, "assigned", "5 can leave now, 7 later")
        backorder = self._validate_with_backorder(out, 5.0)
        self.assertEqual(backorder.move_ids.product_uom_qty, 7.0)
        self.assertEqual(backorder.aftersales_return_id, partial)

        self._stock(self.lot_a, 5)
        together = self._approved("replenishment", 12.0, shipment_policy="complete")
        out = together.out_picking_id
        self.assertEqual(out.move_type, "one")
        self.assertEqual(out.move_ids.quantity, 5.0)
        self.assertNotEqual(out.state, "assigned", "waits for all 12")
        with self.assertRaisesRegex(UserError, "already submitted"):
            together.write({"shipment_policy": "partial"})
