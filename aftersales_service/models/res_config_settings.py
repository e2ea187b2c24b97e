# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_quality_return_days = fields.Integer(
        related="company_id.aftersales_quality_return_days", readonly=False
    )
    aftersales_other_return_days = fields.Integer(
        related="company_id.aftersales_other_return_days", readonly=False
    )
    aftersales_currency_id = fields.Many2one(related="company_id.currency_id")
    aftersales_agent_compensation_limit = fields.Monetary(
        related="company_id.aftersales_agent_compensation_limit",
        currency_field="aftersales_currency_id",
        readonly=False,
    )
    aftersales_inspection_days = fields.Integer(
        related="company_id.aftersales_inspection_days", readonly=False
    )
    aftersales_replenishment_days = fields.Integer(
        related="company_id.aftersales_replenishment_days", readonly=False
    )
    aftersales_vip_priority_raise = fields.Integer(
        related="company_id.aftersales_vip_priority_raise", readonly=False
    )
    aftersales_key_priority_raise = fields.Integer(
        related="company_id.aftersales_key_priority_raise", readonly=False
    )
    aftersales_ack_template_id = fields.Many2one(
        related="company_id.aftersales_ack_template_id", readonly=False
    )
    aftersales_cause_analysis_hours = fields.Float(
        related="company_id.aftersales_cause_analysis_hours", readonly=False
    )
    aftersales_labour_rate = fields.Monetary(
        related="company_id.aftersales_labour_rate",
        currency_field="aftersales_currency_id",
        readonly=False,
    )
    aftersales_plan_cost_limit = fields.Monetary(
        related="company_id.aftersales_plan_cost_limit",
        currency_field="aftersales_currency_id",
        readonly=False,
    )
    aftersales_plan_written_lead_days = fields.Integer(
        related="company_id.aftersales_plan_written_lead_days", readonly=False
    )
    aftersales_survey_id = fields.Many2one(
        related="company_id.aftersales_survey_id", readonly=False
    )
    aftersales_survey_reminder_days = fields.Integer(
        related="company_id.aftersales_survey_reminder_days", readonly=False
    )
    aftersales_survey_reminder_max = fields.Integer(
        related="company_id.aftersales_survey_reminder_max", readonly=False
    )
    aftersales_survey_expiry_days = fields.Integer(
        related="company_id.aftersales_survey_expiry_days", readonly=False
    )
    aftersales_correction_min_sample = fields.Integer(
        related="company_id.aftersales_correction_min_sample", readonly=False
    )
    aftersales_service_manager_id = fields.Many2one(
        related="company_id.aftersales_service_manager_id", readonly=False
    )
    aftersales_reopen_days = fields.Integer(
        related="company_id.aftersales_reopen_days", readonly=False
    )
