# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesSatisfactionClose(models.TransientModel):
    """The supervisor closes a request whose customer stays unhappy."""

    _name = "aftersales.satisfaction.close"
    _description = "Close a Request without Satisfaction"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Request", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.ticket_id._satisfaction_close_with_reason(self.reason)
        return {"type": "ir.actions.act_window_close"}
