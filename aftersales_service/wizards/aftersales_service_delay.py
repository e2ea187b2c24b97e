# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesServiceDelay(models.TransientModel):
    """A planned date or a target will be missed (R14, R18): the agent or
    technician tells the customer why and records the new date agreed with
    them."""

    _name = "aftersales.service.delay"
    _description = "Inform the Customer of a Delay"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    reason = fields.Text(
        required=True, help="The explanation sent to the customer, in plain words."
    )
    agreed_date = fields.Date(
        string="New Agreed Date",
        required=True,
        help="The date agreed with the customer for the service.",
    )

    def action_inform(self):
        self.ensure_one()
        self.ticket_id._aftersales_inform_delay(self.reason, self.agreed_date)
        return {"type": "ir.actions.act_window_close"}
