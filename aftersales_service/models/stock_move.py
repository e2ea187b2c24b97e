# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class StockMove(models.Model):
    _inherit = "stock.move"

    aftersales_lot_id = fields.Many2one(
        "stock.lot",
        string="After-Sales Lot",
        index="btree_not_null",
        readonly=True,
        help="The only lot this after-sales move may take (same-lot exchange, "
        "replenishment, quarantine, inspection). Backorders keep it.",
    )

    def _update_reserved_quantity_vals(
        self,
        need,
        location_id,
        lot_id=None,
        package_id=None,
        owner_id=None,
        strict=True,
    ):
        """A move bound to a lot reserves that lot and no other: for tiles,
        another lot is another shade."""
        if self.aftersales_lot_id:
            if lot_id and lot_id != self.aftersales_lot_id:
                return [], 0
            lot_id = self.aftersales_lot_id
        return super()._update_reserved_quantity_vals(
            need,
            location_id,
            lot_id=lot_id,
            package_id=package_id,
            owner_id=owner_id,
            strict=strict,
        )

    def _action_done(self, cancel_backorder=False):
        self._aftersales_check_bound_lot()
        return super()._action_done(cancel_backorder=cancel_backorder)

    def _aftersales_check_bound_lot(self):
        """Nothing but the bound lot leaves on a lot-bound move, even when a
        person changed the lot by hand on the transfer."""
        for move in self.filtered("aftersales_lot_id"):
            lots = move.move_line_ids.filtered("quantity").lot_id
            other = lots - move.aftersales_lot_id
            if other:
                raise UserError(
                    self.env._(
                        "%(picking)s may only move lot %(lot)s of %(product)s "
                        "(the same lot for the customer), not %(other)s: set "
                        "lot %(lot)s on its lines.",
                        picking=move.picking_id.name or move.reference,
                        lot=move.aftersales_lot_id.name,
                        product=move.product_id.display_name,
                        other=", ".join(other.mapped("name")),
                    )
                )
