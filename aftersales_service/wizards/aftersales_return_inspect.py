# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AftersalesReturnInspect(models.TransientModel):
    """After the count, each returned unit goes back to stock or to scrap."""

    _name = "aftersales.return.inspect"
    _description = "Inspect Returned Goods"

    return_id = fields.Many2one("aftersales.return", required=True, readonly=True)
    product_id = fields.Many2one(related="return_id.product_id")
    lot_id = fields.Many2one(related="return_id.lot_id")
    received_qty = fields.Float(related="return_id.to_inspect_qty")
    stock_qty = fields.Float(string="Back to Stock", digits="Product Unit")
    scrap_qty = fields.Float(
        string="To Scrap",
        digits="Product Unit",
        compute="_compute_scrap_qty",
        store=True,
        readonly=False,
    )
    note = fields.Text(string="Inspection Notes")

    @api.depends("stock_qty", "received_qty")
    def _compute_scrap_qty(self):
        for wizard in self:
            wizard.scrap_qty = max(wizard.received_qty - wizard.stock_qty, 0.0)

    def action_confirm(self):
        self.ensure_one()
        self.return_id._inspect(self.stock_qty, self.scrap_qty, self.note)
        return {"type": "ir.actions.act_window_close"}
