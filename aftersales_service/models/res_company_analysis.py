# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=consider-merging-classes-inherited
from odoo import fields, models


class ResCompany(models.Model):
    """Service targets of the managers' view (R34) and the recipients of
    the monthly report."""

    _inherit = "res.company"

    aftersales_target_satisfaction = fields.Float(
        string="Satisfaction Target (%)",
        default=85.0,
        help="Share of satisfied answers to reach (at least).",
    )
    aftersales_target_response_hours = fields.Float(
        string="Average Response Target (hours)",
        default=48.0,
        help="Average hours from reception to the first reply to stay under.",
    )
    aftersales_target_response_hours_technical = fields.Float(
        string="Technical Support Response Target (hours)",
        default=24.0,
    )
    aftersales_target_complaint_rate = fields.Float(
        string="Complaint Rate Target (%)",
        default=5.0,
        help="Complaints divided by all requests of the period, to stay under.",
    )
    aftersales_target_feedback_rate = fields.Float(
        string="Feedback Rate Target (%)",
        default=50.0,
        help="Share of invited customers who answer the survey (at least).",
    )
    aftersales_shipping_cost = fields.Monetary(
        string="Cost of a Shipment Paid by the Company",
        currency_field="currency_id",
        help="What one return or exchange shipment paid by the company costs: "
        "counted in the cost the company bears for a request.",
    )
    aftersales_report_partner_ids = fields.Many2many(
        "res.partner",
        "res_company_aftersales_report_partner_rel",
        "company_id",
        "partner_id",
        string="Monthly Report Recipients",
        help="Receive the monthly after-sales report on the 1st of each month.",
    )

    _aftersales_targets_range = models.Constraint(
        "CHECK(aftersales_target_satisfaction BETWEEN 0 AND 100"
        " AND aftersales_target_complaint_rate BETWEEN 0 AND 100"
        " AND aftersales_target_feedback_rate BETWEEN 0 AND 100"
        " AND aftersales_target_response_hours >= 0"
        " AND aftersales_target_response_hours_technical >= 0"
        " AND COALESCE(aftersales_shipping_cost, 0) >= 0)",
        "Percent targets are between 0 and 100; response targets and the shipment "
        "cost are not negative.",
    )

    def write(self, vals):
        res = super().write(vals)
        if "currency_id" in vals:
            self.env["aftersales.analysis"]._mark_dirty_where(
                [("company_id", "in", self.ids)]
            )
        return res
