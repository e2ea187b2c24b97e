# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from .common import AftersalesCommon


class ReturnCommon(AftersalesCommon):
    """A tile shop: lot-tracked tiles, lot TB-A delivered to two customers,
    lot TB-B in stock too, and one request per kind."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env.ref("base.group_user").implied_ids = [
            Command.link(env.ref("stock.group_production_lot").id)
        ]
        Category = env["helpdesk.ticket.category"]
        cls.cat_quality = Category.create(
            {"name": "Tile quality", "aftersales_kind": "quality"}
        )
        cls.cat_return = Category.create(
            {"name": "Tile return", "aftersales_kind": "return"}
        )
        cls.cat_replenish = Category.create(
            {"name": "Tile replenishment", "aftersales_kind": "replenishment"}
        )
        cls.customer = env["res.partner"].create(
            {"name": "Lin Decoration", "email": "lin@example.com"}
        )
        cls.other_customer = env["res.partner"].create(
            {"name": "Zhou Builders", "email": "zhou@example.com"}
        )
        cls.warehouse = env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id
        cls.customers_location = env.ref("stock.stock_location_customers")
        cls.tile = env["product.product"].create(
            {
                "name": "Floor Tile 600x600 Grey",
                "type": "consu",
                "is_storable": True,
                "tracking": "lot",
            }
        )
        cls.lot_a = env["stock.lot"].create({"name": "TB-A", "product_id": cls.tile.id})
        cls.lot_b = env["stock.lot"].create({"name": "TB-B", "product_id": cls.tile.id})
        cls.delivery = cls._deliver(cls.customer, {cls.lot_a: 10, cls.lot_b: 2})
        cls.other_delivery = cls._deliver(cls.other_customer, {cls.lot_a: 5})

    @classmethod
    def _stock(cls, lot, qty, location=None):
        cls.env["stock.quant"]._update_available_quantity(
            cls.tile, location or cls.stock, qty, lot_id=lot
        )

    @classmethod
    def _deliver(cls, partner, qty_by_lot):
        env = cls.env
        for lot, qty in qty_by_lot.items():
            cls._stock(lot, qty)
        picking = env["stock.picking"].create(
            {
                "partner_id": partner.id,
                "picking_type_id": cls.warehouse.out_type_id.id,
                "location_id": cls.stock.id,
                "location_dest_id": cls.customers_location.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": cls.tile.id,
                            "product_uom_qty": sum(qty_by_lot.values()),
                            "location_id": cls.stock.id,
                            "location_dest_id": cls.customers_location.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        move = picking.move_ids
        move._do_unreserve()
        for lot, qty in qty_by_lot.items():
            move._update_reserved_quantity(qty, cls.stock, lot_id=lot, strict=False)
        move.picked = True
        picking.button_validate()
        assert picking.state == "done"
        return picking

    @classmethod
    def _ticket(cls, category, **vals):
        return cls.env["helpdesk.ticket"].create(
            {
                "name": "Tiles",
                "description": "<p>Tiles of batch TB-A.</p>",
                "partner_id": cls.customer.id,
                "category_id": category.id,
                "product_id": cls.tile.id,
                "lot_id": cls.lot_a.id,
                "delivery_id": cls.delivery.id,
                **vals,
            }
        )

    def _operation(self, ticket, operation="return", quantity=1.0, **vals):
        """An operation requested by the agent."""
        return (
            self.env["aftersales.return"]
            .with_user(self.user_agent)
            .create(
                {
                    "ticket_id": ticket.id,
                    "operation": operation,
                    "quantity": quantity,
                    **vals,
                }
            )
        )

    def _on_hand(self, lot, location):
        quants = self.env["stock.quant"].search(
            [("lot_id", "=", lot.id), ("location_id", "=", location.id)]
        )
        return sum(quants.mapped("quantity"))

    def _customer_messages(self, ticket):
        return ticket.message_ids.filtered(
            lambda m: m.message_type == "comment" and ticket.partner_id in m.partner_ids
        )
