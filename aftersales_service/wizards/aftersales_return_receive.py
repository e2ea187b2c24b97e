# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AftersalesReturnReceive(models.TransientModel):
    """The warehouse keeper counts the returned goods against the request."""

    _name = "aftersales.return.receive"
    _description = "Receive Returned Goods"

    return_id = fields.Many2one("aftersales.return", required=True, readonly=True)
    picking_id = fields.Many2one(related="return_id.return_picking_id")
    product_id = fields.Many2one(related="return_id.product_id")
    lot_id = fields.Many2one(related="return_id.lot_id")
    expected_qty = fields.Float(
        string="Expected Quantity",
        compute="_compute_expected_qty",
        digits="Product Unit",
        help="Requested minus already received (a receipt backorder).",
    )
    received_qty = fields.Float(
        string="Received Quantity",
        digits="Product Unit",
        compute="_compute_received_qty",
        store=True,
        readonly=False,
    )
    has_discrepancy = fields.Boolean(compute="_compute_has_discrepancy")
    note = fields.Text(
        string="Discrepancy",
        help="What differs from the request: missing or extra units, damage, "
        "wrong lot. The customer is told.",
    )

    @api.depends("return_id")
    def _compute_expected_qty(self):
        for wizard in self:
            operation = wizard.return_id
            wizard.expected_qty = max(operation.quantity - operation.received_qty, 0.0)

    @api.depends("expected_qty")
    def _compute_received_qty(self):
        for wizard in self:
            wizard.received_qty = wizard.expected_qty

    @api.depends("received_qty", "expected_qty")
    def _compute_has_discrepancy(self):
        for wizard in self:
            wizard.has_discrepancy = wizard.received_qty != wizard.expected_qty

    def action_confirm(self):
        self.ensure_one()
        self.return_id._receive(self.received_qty, self.note)
        return {"type": "ir.actions.act_window_close"}
