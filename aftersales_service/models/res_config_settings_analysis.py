# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=consider-merging-classes-inherited
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_target_satisfaction = fields.Float(
        related="company_id.aftersales_target_satisfaction", readonly=False
    )
    aftersales_target_response_hours = fields.Float(
        related="company_id.aftersales_target_response_hours", readonly=False
    )
    aftersales_target_response_hours_technical = fields.Float(
        related="company_id.aftersales_target_response_hours_technical",
        readonly=False,
    )
    aftersales_target_complaint_rate = fields.Float(
        related="company_id.aftersales_target_complaint_rate", readonly=False
    )
    aftersales_target_feedback_rate = fields.Float(
        related="company_id.aftersales_target_feedback_rate", readonly=False
    )
    aftersales_shipping_cost = fields.Monetary(
        related="company_id.aftersales_shipping_cost",
        currency_field="aftersales_currency_id",
        readonly=False,
    )
    aftersales_report_partner_ids = fields.Many2many(
        related="company_id.aftersales_report_partner_ids", readonly=False
    )
