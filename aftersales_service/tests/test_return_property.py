# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from freezegun import freeze_time
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import AftersalesCommon

STEPS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "return",
                "exchange",
                "replenishment",
                "stock_in",
                "inventory_return",
                "quarantine",
                "replenishment_partial",
                "replenishment_complete",
            ]
        ),
        st.integers(min_value=1, max_value=6),
        st.integers(min_value=0, max_value=6),
    ),
    min_size=1,
    max_size=5,
)


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestReturnProperty(AftersalesCommon):
    """Whatever the sequence of returns, exchanges, replenishments (shipped
    at once, in parts or all together), inspections and quarantines: on-hand
    per lot and location equals what the done moves say, nothing is returned
    beyond delivered minus already returned, and no customer goes negative."""

    with_tile_shop = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._ticket(cls.cat_quality)
        cls.quarantine = cls.warehouse._aftersales_get_quarantine_location()

    # -- observation --------------------------------------------------
    def _snapshot(self):
        quants = self.env["stock.quant"].search(
            [("product_id", "=", self.tile.id), ("location_id.usage", "=", "internal")]
        )
        on_hand = defaultdict(float)
        for quant in quants:
            on_hand[quant.lot_id, quant.location_id] += quant.quantity
        return on_hand

    def _move_delta(self, since_id):
        lines = self.env["stock.move.line"].search(
            [
                ("product_id", "=", self.tile.id),
                ("state", "=", "done"),
                ("id", ">", since_id),
            ]
        )
        delta = defaultdict(float)
        for line in lines:
            delta[line.lot_id, line.location_dest_id] += line.quantity
            delta[line.lot_id, line.location_id] -= line.quantity
        return delta

    def _returned_from_delivery(self):
        returns = self.delivery.move_ids.returned_move_ids.filtered(
            lambda m: m.state != "cancel"
        )
        return sum(
            returns.move_line_ids.filtered(lambda ml: ml.lot_id == self.lot_a).mapped(
                "quantity"
            )
        )

    def _check_invariants(self, start_quants, start_line_id):
        now = self._snapshot()
        delta = self._move_delta(start_line_id)
        for key in (
            set(now)
            | set(start_quants)
            | {k for k in delta if k[1].usage == "internal"}
        ):
            self.assertAlmostEqual(
                now[key] - start_quants[key],
                delta[key],
                msg=f"on hand of {key[0].name} in {key[1].complete_name}",
            )
        self.assertLessEqual(self._returned_from_delivery(), 10.0)
        customers = self.env.ref("stock.stock_location_customers")
        for lot in (self.lot_a, self.lot_b):
            self.assertGreaterEqual(
                sum(
                    self.env["stock.quant"]
                    .search(
                        [("lot_id", "=", lot.id), ("location_id", "=", customers.id)]
                    )
                    .mapped("quantity")
                ),
                0.0,
                f"no customer holds negative stock of {lot.name}",
            )

    # -- actions ------------------------------------------------------
    def _run_return(self, operation, qty, keep):
        before = self._returned_from_delivery()
        rec = self._operation(self.ticket, operation, float(qty))
        try:
            rec.action_submit()
            rec.with_user(self.user_supervisor).action_approve()
        except UserError:
            # Refused: too much, or no replacement in stock; nothing moved.
            self.assertTrue(
                qty > 10.0 - before or rec.available_qty < qty,
                "refused only when over-returned or short",
            )
            self.assertFalse(rec.picking_ids)
            return
        keeper = rec.with_user(self.user_warehouse)
        keeper._receive(float(qty))
        to_stock = float(min(keep, qty))
        keeper._inspect(to_stock, qty - to_stock)
        if rec.out_picking_id:
            self._ship(rec.out_picking_id)

    def _run_inventory_return(self, qty, first):
        """A return received from Inventory in two parts (a backorder),
        each part inspected; ``first`` units come first, maybe too many."""
        rec = self._operation(self.ticket, "return", float(qty))
        try:
            rec.action_submit()
            rec.with_user(self.user_supervisor).action_approve()
        except UserError:
            self.assertFalse(rec.picking_ids)
            return
        receipt = rec.return_picking_id.with_user(self.user_warehouse)
        receipt.move_ids.move_line_ids.quantity = float(first)
        receipt.move_ids.picked = True
        try:
            with self.env.cr.savepoint():
                receipt.with_context(cancel_backorder=False).button_validate()
                if receipt.state != "done":
                    receipt._action_done()
        except UserError:
            # More than can be returned: nothing is received; the supervisor
            # cancels the operation and its receipt.
            self.assertEqual(rec.state, "approved")
            self.assertFalse(rec.received_qty)
            rec.with_user(self.user_supervisor).action_cancel()
            self.assertEqual(receipt.state, "cancel")
            return
        keeper = rec.with_user(self.user_warehouse)
        keeper._inspect(rec.to_inspect_qty, 0.0)
        backorder = receipt.backorder_ids
        if backorder:
            self._ship(backorder)
            keeper._inspect(0.0, rec.to_inspect_qty)
        self.assertEqual(rec.state, "done")

    def _run_quarantine(self):
        try:
            self.ticket.with_user(
                self.user_warehouse
            ).action_aftersales_quarantine_lot()
        except UserError:
            return

    def _run_replenishment(self, qty):
        rec = self._operation(self.ticket, "replenishment", float(qty))
        rec.action_submit()
        if rec.out_picking_id.state == "assigned":
            self._ship(rec.out_picking_id)

    def _run_split_replenishment(self, now, later, policy):
        """The customer's choice on the operation: what is in stock ships now
        and the rest later ("5 now, 7 later", a backorder), or all together
        once everything is in."""
        ordered = float(now + later)
        customers = self.customers_location
        before = self._on_hand(self.lot_a, customers)
        rec = self._operation(
            self.ticket, "replenishment", ordered, shipment_policy=policy
        )
        rec.action_submit()
        out = rec.out_picking_id.with_user(self.user_warehouse)
        reserved = out.move_ids.quantity
        self.assertLessEqual(reserved, ordered)
        self.assertLessEqual(set(out.move_line_ids.lot_id), {self.lot_a})
        if policy == "complete" and reserved < ordered:
            self.assertNotEqual(out.state, "assigned", "waits for everything")
        if policy == "partial" and 0 < reserved < ordered:
            self.assertEqual(out.state, "assigned", "what is there leaves now")
            out.move_ids.picked = True
            action = out.button_validate()
            Form(
                self.env["stock.backorder.confirmation"]
                .with_user(self.user_warehouse)
                .with_context(**action["context"])
            ).save().process()
            self.assertEqual(self._on_hand(self.lot_a, customers), before + reserved)
            out = out.backorder_ids
            self.assertEqual(out.aftersales_return_id, rec)
            self.assertEqual(out.move_ids.product_uom_qty, ordered - reserved)
            self.env.flush_all()
            self._check_invariants(self._start_quants, self._start_line_id)
        # Goods come in; earlier waiting deliveries of the lot may take their
        # share first.
        for _attempt in range(6):
            missing = out.move_ids.product_uom_qty - out.move_ids.quantity
            if missing <= 0:
                break
            self._stock_in(missing)
            out.action_assign()
        self.assertEqual(out.state, "assigned")
        self.assertEqual(out.move_line_ids.lot_id, self.lot_a)
        self._ship(out)
        self.assertEqual(self._on_hand(self.lot_a, customers), before + ordered)

    def _ship(self, picking):
        picking = picking.with_user(self.user_warehouse)
        picking.move_ids.picked = True
        picking.with_context(
            skip_backorder=True, picking_ids_not_to_backorder=picking.ids
        ).button_validate()

    def _stock_in(self, qty):
        self.env["stock.quant"].with_context(inventory_mode=True).create(
            {
                "product_id": self.tile.id,
                "location_id": self.stock.id,
                "lot_id": self.lot_a.id,
                "inventory_quantity": self._snapshot()[self.lot_a, self.stock] + qty,
            }
        ).action_apply_inventory()

    @settings(
        max_examples=8,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
    )
    @given(steps=STEPS)
    # "5 now, 7 later" and "all 12 together", also after a quarantine
    @example(steps=[("stock_in", 5, 0), ("replenishment_partial", 5, 7)])
    @example(steps=[("stock_in", 5, 0), ("replenishment_complete", 5, 7)])
    @example(
        steps=[
            ("stock_in", 6, 0),
            ("quarantine", 1, 0),
            ("replenishment_partial", 2, 3),
        ]
    )
    # A receipt validated from Inventory with more than can still be returned
    @example(steps=[("inventory_return", 1, 5), ("inventory_return", 1, 6)])
    # An earlier waiting delivery takes its share of the goods coming in
    @example(steps=[("replenishment", 1, 5), ("replenishment_complete", 6, 5)])
    def test_stock_matches_moves(self, steps):
        savepoint = self.env.cr.savepoint()
        try:
            start_quants = self._start_quants = self._snapshot()
            start_line_id = self._start_line_id = (
                self.env["stock.move.line"].search([], order="id desc", limit=1).id
            )
            for kind, qty, keep in steps:
                if kind == "stock_in":
                    self._stock_in(qty)
                elif kind == "replenishment":
                    self._run_replenishment(qty)
                elif kind == "inventory_return":
                    self._run_inventory_return(qty, keep)
                elif kind == "quarantine":
                    self._run_quarantine()
                elif kind.startswith("replenishment_"):
                    self._run_split_replenishment(qty, keep, kind.split("_")[1])
                else:
                    self._run_return(kind, qty, keep)
                self.env.flush_all()
                self._check_invariants(start_quants, start_line_id)
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()
