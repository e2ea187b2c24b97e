# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import AftersalesCommon


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestReturnOtherLot(AftersalesCommon):
    """Issue 12, point 5: after a lot is quarantined, another lot of the same
    product ships only once the customer's acceptance is recorded, and then
    only that lot ships."""

    with_tile_shop = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot_c = cls.env["stock.lot"].create(
            {"name": "TB-C", "product_id": cls.tile.id}
        )
        cls.other_tile = cls.env["product.product"].create(
            {
                "name": "Wall Tile 300x600 White",
                "type": "consu",
                "is_storable": True,
                "tracking": "lot",
            }
        )
        cls.other_product_lot = cls.env["stock.lot"].create(
            {"name": "WT-1", "product_id": cls.other_tile.id}
        )

    def _reported_inspection(self, ticket):
        inspection = self.env["aftersales.quality.inspection"].create(
            {
                "ticket_id": ticket.id,
                "result": "defect",
                "severity": "serious",
                "defect": "Shade differs",
                "responsibility": "production",
            }
        )
        inspection.action_submit_report()
        return inspection

    def test_exchange_of_quarantined_lot_ships_the_accepted_lot_only(self):
        self._stock(self.lot_a, 6)
        self._stock(self.lot_b, 20)
        self._stock(self.lot_c, 20)
        ticket = self._ticket(self.cat_quality)
        ticket.with_user(self.user_warehouse).action_aftersales_quarantine_lot()
        inspection = self._reported_inspection(ticket)
        supervised = inspection.with_user(self.user_supervisor)
        with Form(supervised) as form:
            form.outcome = "exchange"
            form.outcome_qty = 8
            form.shortage_action = "other_lot"
            form.replacement_lot_id = self.lot_b
        # The other lot is the supervisor's choice, the acceptance an action's
        as_agent = inspection.with_user(self.user_agent)
        with self.assertRaises(AccessError):
            as_agent.write({"replacement_lot_id": self.lot_c.id})
        with self.assertRaises(AccessError):
            as_agent.write({"lot_accepted_date": "2026-03-02 09:00:00"})
        with self.assertRaises(ValidationError):
            supervised.write({"replacement_lot_id": self.other_product_lot.id})
        # Not before the customer accepts it
        with self.assertRaisesRegex(UserError, "has not accepted lot TB-B"):
            supervised.action_decide()
        self.assertEqual(inspection.state, "reported")
        self.assertFalse(ticket.aftersales_return_ids)
        # The agent on the phone records the acceptance; who and when are kept
        as_agent.action_record_lot_acceptance()
        self.assertEqual(inspection.lot_accepted_user_id, self.user_agent)
        self.assertEqual(str(inspection.lot_accepted_date), "2026-03-02 09:00:00")
        self.assertIn("TB-B", ticket.message_ids[0].body)
        # Another lot asks the customer again
        supervised.replacement_lot_id = self.lot_c
        self.assertFalse(inspection.lot_accepted_date)
        with self.assertRaisesRegex(UserError, "has not accepted lot TB-C"):
            supervised.action_decide()
        supervised.replacement_lot_id = self.lot_b
        as_agent.action_record_lot_acceptance()
        supervised.action_decide()
        exchange = inspection.return_id
        self.assertEqual(exchange.state, "approved")
        self.assertEqual(exchange.replacement_lot_id, self.lot_b)
        self.assertEqual(exchange.lot_accepted_user_id, self.user_agent)
        out = exchange.out_picking_id
        self.assertEqual(out.move_ids.aftersales_lot_id, self.lot_b)
        self.assertEqual(out.move_ids.quantity, 8.0)
        self.assertEqual(out.move_line_ids.lot_id, self.lot_b)
        # Checking availability again never brings another lot in
        out.do_unreserve()
        out.action_assign()
        self.assertEqual(out.move_line_ids.lot_id, self.lot_b)
        # Decided: the lot stays
        with self.assertRaisesRegex(UserError, "already decided"):
            exchange.with_user(self.user_supervisor).write(
                {"replacement_lot_id": self.lot_c.id}
            )
        out.move_ids.picked = True
        out.button_validate()
        quarantine = self.warehouse.aftersales_quarantine_location_id
        self.assertEqual(self._on_hand(self.lot_a, quarantine), 6.0)
        self.assertEqual(self._on_hand(self.lot_b, self.stock), 12.0)
        self.assertEqual(self._on_hand(self.lot_c, self.stock), 20.0)

    def test_replenishment_with_other_lot_needs_acceptance_and_stock(self):
        self._stock(self.lot_b, 3)
        ticket = self._ticket(self.cat_replenish)
        repl = self._operation(
            ticket, "replenishment", 5.0, shortage_action="other_lot"
        )
        with self.assertRaises(AccessError):
            repl.write({"replacement_lot_id": self.lot_b.id})
        repl.with_user(self.user_supervisor).replacement_lot_id = self.lot_b
        with self.assertRaisesRegex(UserError, "has not accepted lot TB-B"):
            repl.action_submit()
        self.assertEqual(repl.state, "draft")
        self.assertFalse(repl.out_picking_id)
        repl.action_record_lot_acceptance()
        # The accepted lot is short too: nothing half-done
        with self.assertRaisesRegex(UserError, "Only 3.0 Units of lot TB-B"):
            repl.action_submit()
        self.assertEqual(repl.state, "draft")
        self._stock(self.lot_b, 2)
        repl.action_submit()
        self.assertEqual(repl.state, "approved")
        self.assertEqual(repl.out_picking_id.move_line_ids.lot_id, self.lot_b)
        self.assertEqual(repl.out_picking_id.move_ids.quantity, 5.0)

    def test_acceptance_needs_an_other_lot_choice(self):
        ticket = self._ticket(self.cat_replenish)
        repl = self._operation(ticket, "replenishment", 5.0, shortage_action="later")
        with self.assertRaisesRegex(UserError, "before recording"):
            repl.action_record_lot_acceptance()
        self.assertFalse(repl.lot_accepted_date)
