# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import AftersalesCommon, deliver


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestQualityLot(AftersalesCommon):
    with_tile_shop = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.resource_calendar_id.tz = "Europe/Brussels"
        cls.shelf = cls.env["stock.location"].create(
            {"name": "Shelf 7", "usage": "internal", "location_id": cls.stock.id}
        )

    def test_lot_issue_stock_customers_quarantine(self):
        self._stock(self.lot_a, 6)
        self._stock(self.lot_a, 3, self.shelf)
        self._stock(self.lot_b, 20)
        ticket = self._ticket(self.cat_quality).with_user(self.user_agent)
        self.assertEqual(
            {(q.location_id, q.quantity) for q in ticket.lot_quant_ids},
            {(self.stock, 6.0), (self.shelf, 3.0)},
        )
        self.assertEqual(ticket.lot_customer_ids, self.other_customer)
        self.assertEqual(self.lot_a.aftersales_ticket_count, 1)
        action = self.lot_a.with_user(
            self.user_warehouse
        ).action_aftersales_view_tickets()
        self.assertEqual(self.env["helpdesk.ticket"].search(action["domain"]), ticket)

        with self.assertRaises(ValidationError):
            ticket.action_aftersales_quarantine_lot()
        ticket.with_user(self.user_warehouse).action_aftersales_quarantine_lot()
        quarantine = self.warehouse.aftersales_quarantine_location_id
        self.assertEqual(self._on_hand(self.lot_a, quarantine), 9.0)
        self.assertEqual(self._on_hand(self.lot_a, self.stock), 0.0)
        self.assertEqual(self._on_hand(self.lot_a, self.shelf), 0.0)
        self.assertEqual(self._on_hand(self.lot_b, self.stock), 20.0, "other lot stays")
        transfer = ticket.picking_ids
        self.assertEqual(transfer.state, "done")
        self.assertEqual(transfer.location_dest_id, quarantine)
        ticket.invalidate_recordset()
        self.assertEqual(
            {(q.location_id, q.quantity) for q in ticket.lot_quant_ids},
            {(quarantine, 9.0)},
        )
        # Quarantined stock is not promised to anyone.
        repl = self._operation(ticket, "replenishment", 1.0)
        self.assertEqual(repl.available_qty, 0.0)
        # Issue 12, point 4: nor sold: not free or forecast stock of the
        # warehouse, while still on hand per lot and location.
        tile = self.tile.with_user(self.user_agent).with_context(
            warehouse_id=self.warehouse.id
        )
        self.assertEqual(tile.free_qty, 20.0, "TB-B only")
        self.assertEqual(tile.virtual_available, 20.0)
        self.assertEqual(
            tile.with_context(
                location=quarantine.id, lot_id=self.lot_a.id, warehouse_id=False
            ).qty_available,
            9.0,
        )

    def test_inspection_deadline_report_and_compensation(self):
        ticket = self._ticket(self.cat_quality)
        form = Form(
            self.env["aftersales.quality.inspection"]
            .with_user(self.user_agent)
            .with_context(default_ticket_id=ticket.id)
        )
        form.user_id = self.user_warehouse
        inspection = form.save()
        # 3 working days (24 h) of the Brussels calendar from Mon 09:00 UTC.
        self.assertEqual(inspection.deadline, datetime(2026, 3, 5, 9, 0))
        self.assertEqual(inspection.lot_id, self.lot_a)
        self.assertTrue(inspection.activity_ids)

        inspection = inspection.with_user(self.user_warehouse)
        with self.assertRaisesRegex(UserError, "result and the responsibility"):
            inspection.action_submit_report()
        inspection.write(
            {
                "result": "defect",
                "severity": "minor",
                "defect": "Colour shade differs within the batch",
                "responsibility": "production",
            }
        )
        inspection.action_submit_report()
        self.assertEqual(inspection.state, "reported")

        # The outcome is the supervisor's: the inspector can't write it.
        with self.assertRaisesRegex(AccessError, "supervisor decides the outcome"):
            inspection.write({"outcome": "discount", "outcome_amount": 300})
        with self.assertRaises(AccessError):
            inspection.action_decide()
        supervised = inspection.with_user(self.user_supervisor)
        supervised.write({"outcome": "discount", "outcome_amount": 300})
        supervised.action_decide()
        self.assertEqual(inspection.state, "decided")
        compensation = inspection.return_id
        self.assertEqual(compensation.operation, "compensation")
        self.assertEqual(compensation.compensation_type, "discount")
        self.assertEqual(compensation.compensation_amount, 300)
        self.assertEqual(compensation.state, "done")
        self.assertEqual(compensation.decision_user_id, self.user_supervisor)

    def test_serious_defect_unconditional_return_company_shipping(self):
        # Bought long ago: outside every window, yet taken back.
        ticket = self._ticket(self.cat_quality, purchase_date="2025-06-01")
        self.assertFalse(ticket.return_eligible)
        inspection = self.env["aftersales.quality.inspection"].create(
            {
                "ticket_id": ticket.id,
                "result": "defect",
                "severity": "serious",
                "defect": "Tiles crack under normal load",
                "responsibility": "production",
            }
        )
        inspection.action_submit_report()
        supervised = inspection.with_user(self.user_supervisor)
        supervised.write({"outcome": "return", "outcome_qty": 10})
        supervised.action_decide()
        ret = inspection.return_id
        self.assertTrue(ret.unconditional)
        self.assertEqual(ret.shipping_payer, "company")
        self.assertEqual(ret.state, "approved")
        self.assertEqual(ret.return_picking_id.move_ids.product_uom_qty, 10)

    def test_lot_information_stays_in_the_company(self):
        """Issue 12, point 13: another company's stock and customers of a
        shared lot number stay out of the request."""
        south = self.env["res.company"].create({"name": "Tile Shop South"})
        env_south = self.env(
            context=dict(self.env.context, allowed_company_ids=south.ids)
        )
        shared = self.env["stock.lot"].create(
            {"name": "TB-SHARED", "product_id": self.tile.id, "company_id": False}
        )
        south_buyer = self.env["res.partner"].create({"name": "South Buyer"})
        deliver(env_south, south_buyer, self.tile, 3, shared)
        south_stock = (
            env_south["stock.warehouse"]
            .search([("company_id", "=", south.id)], limit=1)
            .lot_stock_id
        )
        env_south["stock.quant"]._update_available_quantity(
            self.tile, south_stock, 7, lot_id=shared
        )
        delivery = self._deliver(self.customer, {shared: 2})
        self._deliver(self.other_customer, {shared: 1})
        self._stock(shared, 4)
        ticket = self._ticket(
            self.cat_quality, lot_id=shared.id, delivery_id=delivery.id
        ).with_user(self.user_agent)
        self.assertEqual(ticket.lot_customer_ids, self.other_customer)
        self.assertEqual(
            {(q.location_id, q.quantity) for q in ticket.lot_quant_ids},
            {(self.stock, 4.0)},
        )

    def test_exchange_of_quarantined_lot_offers_shortage_choices(self):
        """Issue 12, point 5: once the lot is quarantined, the supervisor's
        exchange decision asks for the customer's choice on the inspection."""
        self._stock(self.lot_a, 6)
        ticket = self._ticket(self.cat_quality)
        ticket.with_user(self.user_warehouse).action_aftersales_quarantine_lot()
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
        supervised = inspection.with_user(self.user_supervisor)
        supervised.write({"outcome": "exchange", "outcome_qty": 2})
        with self.assertRaisesRegex(UserError, f"choose on {inspection.name}"):
            supervised.action_decide()
        self.assertEqual(inspection.state, "reported")
        self.assertFalse(ticket.aftersales_return_ids)
        supervised.write({"shortage_action": "later", "expected_date": "2026-03-20"})
        supervised.action_decide()
        exchange = inspection.return_id
        self.assertEqual(exchange.state, "approved")
        self.assertEqual(exchange.shortage_action, "later")
        self.assertEqual(str(exchange.expected_date), "2026-03-20")
        self.assertEqual(exchange.out_picking_id.move_ids.quantity, 0.0)
