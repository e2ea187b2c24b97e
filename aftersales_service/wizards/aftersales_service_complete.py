# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesServiceComplete(models.TransientModel):
    """Completion on the technician's screen: the resolution summary, then
    the customer's name and signature, or the customer signs the report later
    in their portal."""

    _name = "aftersales.service.complete"
    _description = "Complete the Service with the Customer's Signature"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    resolution_summary = fields.Text(
        required=True, help="What was done and the result; shown to the next cases."
    )
    acceptance_mode = fields.Selection(
        [
            ("screen", "Signs on this screen"),
            ("portal", "Signs the report in their portal"),
        ],
        string="The Customer",
        required=True,
        default="screen",
    )
    signed_by = fields.Char(string="Customer's Name")
    signature = fields.Binary(string="Customer's Signature")

    def action_complete(self):
        self.ensure_one()
        self.ticket_id._aftersales_complete(
            self.signed_by,
            self.signature,
            self.resolution_summary,
            in_portal=self.acceptance_mode == "portal",
        )
        return {"type": "ir.actions.act_window_close"}
