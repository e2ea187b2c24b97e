# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..tools.selections import PAUSE_REASONS


class AftersalesSlaPause(models.Model):
    """One interval during which the SLA clocks of a request stood still."""

    _name = "aftersales.sla.pause"
    _description = "After-Sales SLA Pause"
    _order = "start_date desc, id desc"
    _check_company_auto = True

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Request",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    reason = fields.Selection(PAUSE_REASONS, required=True)
    start_date = fields.Datetime(string="Paused On", required=True)
    end_date = fields.Datetime(string="Resumed On")
