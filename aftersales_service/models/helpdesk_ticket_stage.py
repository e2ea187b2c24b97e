# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    aftersales_cancel = fields.Boolean(
        string="Cancellation",
        help="A closing stage that ends the request without serving it "
        "(cancelled, rejected): it never completes an SLA target, it cancels "
        "the running ones.",
    )

    # ------------------------------------------------------------------
    # CRUD: teams cache their applicable stages
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
