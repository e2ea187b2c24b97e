# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockReturnPicking(models.TransientModel):
    _inherit = "stock.return.picking"

    def _prepare_picking_default_values(self):
        """An after-sales return goes to quarantine and stays linked to its
        request and to the delivery it comes from."""
        vals = super()._prepare_picking_default_values()
        return_id = self.env.context.get("aftersales_return_id")
        if return_id:
            operation = self.env["aftersales.return"].browse(return_id)
            vals.update(
                {
                    "aftersales_return_id": operation.id,
                    "aftersales_ticket_id": operation.ticket_id.id,
                    "aftersales_origin_delivery_id": self.picking_id.id,
                    "origin": f"{operation.ticket_id.number} / {operation.name} / "
                    f"{self.picking_id.name}",
                }
            )
        location_id = self.env.context.get("aftersales_return_location_id")
        if location_id:
            vals["location_dest_id"] = location_id
        return vals
