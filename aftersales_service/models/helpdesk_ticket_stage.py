# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    _name = "helpdesk.ticket.stage"
    # teams cache their applicable stages
    _inherit = ["helpdesk.ticket.stage", "aftersales.cached.mixin"]  # noqa: RUF012

    aftersales_cancel = fields.Boolean(
        string="Cancellation",
        help="A closing stage that ends the request without serving it "
        "(cancelled, rejected): it never completes an SLA target, it cancels "
        "the running ones.",
    )

    def write(self, vals):
        res = super().write(vals)
        if {"closed", "aftersales_cancel"} & set(vals):
            self.env["aftersales.analysis"]._mark_dirty_where(
                [("stage_id", "in", self.ids)]
            )
        return res
