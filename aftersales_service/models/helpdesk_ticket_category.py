# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools.selections import AFTERSALES_KINDS


class HelpdeskTicketCategory(models.Model):
    """A category is an after-sales *kind* (or a sub-kind of one): it says who
    handles the request, what intake information it needs and what the
    customer is promised."""

    _inherit = "helpdesk.ticket.category"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    aftersales_kind = fields.Selection(
        AFTERSALES_KINDS,
        string="After-Sales Kind",
        compute="_compute_aftersales_kind",
        store=True,
        readonly=False,
        recursive=True,
        index=True,
        help="Sub-kinds take the kind of their parent.",
    )
    aftersales_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Handling Team",
        help="Requests of this kind are routed to this team.",
    )
    aftersales_survey_id = fields.Many2one(
        "survey.survey",
        string="Satisfaction Survey",
        domain=[("aftersales_satisfaction", "=", True)],
        help="Sent when a request of this kind is completed; empty: the "
        "team's or the company's.",
    )
    require_product = fields.Boolean(string="Requires Product")
    require_lot = fields.Boolean(string="Requires Lot/Serial")
    require_delivery = fields.Boolean(string="Requires Original Delivery")
    require_purchase_date = fields.Boolean(string="Requires Purchase Date")
    require_install_location = fields.Boolean(string="Requires Install Location")
    require_evidence = fields.Boolean(
        string="Requires Evidence", help="Photos or videos attached to the request."
    )
    aftersales_commitment = fields.Char(
        string="Commitment",
        translate=True,
        help="What the customer is promised, in plain words "
        "(shown in the acknowledgement).",
    )
    aftersales_commitment_hours = fields.Float(
        string="Expected Handling Time (hours)",
        help="Default commitment; SLA policies turn it into tracked deadlines.",
    )
    aftersales_cause_analysis_hours = fields.Float(
        string="Cause Analysis After (hours)",
        default=lambda self: self.env.company.aftersales_cause_analysis_hours,
        help="Closing a request of this kind needs a cause analysis when its "
        "resolution took longer than this (0: only when a resolution target "
        "was missed, which always needs one).",
    )
    aftersales_ack_template_id = fields.Many2one(
        "mail.template",
        string="Acknowledgement Email",
        domain=[("model", "=", "helpdesk.ticket")],
        help="Sent to the customer as soon as a request of this kind is recorded.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("parent_id.aftersales_kind")
    def _compute_aftersales_kind(self):
        for category in self:
            if category.parent_id.aftersales_kind:
                category.aftersales_kind = category.parent_id.aftersales_kind
            else:
                category.aftersales_kind = category.aftersales_kind

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        res = super().write(vals)
        if "parent_id" in vals:
            # the analysis groups requests by their kind (the top category)
            self.env["aftersales.analysis"]._mark_dirty_where(
                [("category_id", "in", self.ids)]
            )
        return res
