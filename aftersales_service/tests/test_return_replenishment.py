# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import AftersalesCommon


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestReturnReplenishment(AftersalesCommon):
    with_tile_shop = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.resource_calendar_id.tz = "Europe/Brussels"
        cls.factory = cls.env["stock.location"].create(
            {"name": "Tile Factory", "usage": "internal", "company_id": cls.company.id}
        )

    def _supply_route(self):
        route = self.env["stock.route"].create(
            {
                "name": "From the tile factory",
                "product_selectable": True,
                "rule_ids": [
                    Command.create(
                        {
                            "name": "Factory → Stock",
                            "action": "pull",
                            "procure_method": "make_to_stock",
                            "location_src_id": self.factory.id,
                            "location_dest_id": self.stock.id,
                            "picking_type_id": self.warehouse.int_type_id.id,
                            "company_id": self.company.id,
                        }
                    )
                ],
            }
        )
        self.tile.route_ids = [Command.link(route.id)]

    def test_same_lot_replenishment_in_stock(self):
        self._stock(self.lot_a, 10)
        self._stock(self.lot_b, 50)
        ticket = self._ticket(self.cat_replenish)
        repl = self._operation(ticket, "replenishment", 4.0)
        self.assertEqual(repl.available_qty, 10.0, "only lot TB-A counts")
        repl.action_submit()
        self.assertEqual(repl.state, "approved", "no approval for a replenishment")
        out = repl.out_picking_id
        self.assertEqual(out.state, "assigned")
        self.assertEqual(out.move_line_ids.lot_id, self.lot_a)
        self.assertEqual(out.partner_id, self.customer)
        self.assertFalse(repl.procurement_note)

    def test_same_lot_replenishment_short_raises_procurement(self):
        """Short of the lot: the available part is reserved, the rest procured,
        the customer gets the expected date."""
        self._supply_route()
        self._stock(self.lot_a, 3)
        self._stock(self.lot_b, 50)
        ticket = self._ticket(self.cat_replenish)
        repl = self._operation(ticket, "replenishment", 8.0)
        repl.action_submit()
        out = repl.out_picking_id
        self.assertEqual(out.move_ids.quantity, 3.0)
        self.assertEqual(out.move_line_ids.lot_id, self.lot_a)
        self.assertEqual(out.state, "assigned", "partially available")
        # 5 working days of the company calendar (Mon 2 March → Mon 9 March).
        self.assertEqual(repl.expected_date, date(2026, 3, 9))
        supply = self.env["stock.move"].search(
            [
                ("product_id", "=", self.tile.id),
                ("location_id", "=", self.factory.id),
                ("location_dest_id", "=", self.stock.id),
            ]
        )
        self.assertEqual(supply.product_uom_qty, 5.0)
        self.assertEqual(supply.origin, repl.name)
        self.assertIn("Procurement raised", repl.procurement_note)
        messages = " ".join(self._customer_messages(ticket).mapped("body"))
        self.assertIn("2026-03-09", messages)

    def test_short_with_default_reception_and_agreed_date(self):
        """The warehouse's own reception route orders from the vendor for the
        date agreed with the customer."""
        ticket = self._ticket(self.cat_replenish)
        repl = self._operation(ticket, "replenishment", 2.0, expected_date="2026-03-20")
        repl.action_submit()
        self.assertEqual(repl.expected_date, date(2026, 3, 20), "the agreed date")
        supply = self.env["stock.move"].search([("origin", "=", repl.name)])
        self.assertEqual(supply.location_dest_id, self.stock)
        self.assertEqual(supply.product_uom_qty, 2.0)
        self.assertEqual(supply.date.date(), date(2026, 3, 20))
        self.assertEqual(repl.out_picking_id.state, "confirmed")

    def test_short_without_any_rule_lists_reordering(self):
        self.env["stock.rule"].search(
            [("location_dest_id", "=", self.stock.id)]
        ).active = False
        ticket = self._ticket(self.cat_replenish)
        repl = self._operation(ticket, "replenishment", 2.0)
        repl.action_submit()
        orderpoint = self.env["stock.warehouse.orderpoint"].search(
            [("product_id", "=", self.tile.id), ("location_id", "=", self.stock.id)]
        )
        self.assertEqual(orderpoint.trigger, "manual")
        self.assertIn("Reordering rule", repl.procurement_note)
        self.assertEqual(repl.expected_date, date(2026, 3, 9))

    def test_new_expected_date_told_to_customer(self):
        ticket = self._ticket(self.cat_replenish)
        repl = self._operation(ticket, "replenishment", 2.0)
        repl.action_submit()
        self.assertEqual(repl.expected_date, date(2026, 3, 9))
        repl.with_user(self.user_warehouse).expected_date = "2026-03-16"
        self.assertEqual(repl.out_picking_id.scheduled_date.date(), date(2026, 3, 16))
        self.assertIn(
            "now expects 2026-03-16",
            " ".join(self._customer_messages(ticket).mapped("body")),
        )
