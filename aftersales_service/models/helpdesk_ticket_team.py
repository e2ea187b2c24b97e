# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        help="Hours and public holidays in which SLA targets counted in the "
        "team's working time run; empty: the company's working time.",
    )

    def write(self, vals):
        res = super().write(vals)
        if "resource_calendar_id" in vals:
            self.env["helpdesk.ticket"]._sla_rematch_open_requests(
                [("team_id", "in", self.ids)]
            )
        return res
