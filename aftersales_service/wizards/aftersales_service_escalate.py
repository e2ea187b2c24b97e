# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesServiceEscalate(models.TransientModel):
    """The agent hands the diagnosis to an engineer, saying why."""

    _name = "aftersales.service.escalate"
    _description = "Escalate a Request to an Engineer"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Engineer",
        required=True,
        domain=[("share", "=", False)],
    )
    reason = fields.Text(required=True)

    def action_escalate(self):
        self.ensure_one()
        self.ticket_id._aftersales_escalate(self.user_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
