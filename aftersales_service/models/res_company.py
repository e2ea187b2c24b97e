# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_quality_return_days = fields.Integer(
        string="Quality Return Window (days)",
        default=30,
        help="Days after purchase during which a product with a quality defect "
        "is taken back unconditionally, shipping paid by the company.",
    )
    aftersales_other_return_days = fields.Integer(
        string="Non-Quality Return Window (days)",
        default=7,
        help="Days after purchase during which an unused product in intact, "
        "resaleable packaging may be returned after approval, shipping paid by "
        "the customer.",
    )
    # Returns and stock (aftersales.return, aftersales.quality.inspection)
    aftersales_agent_compensation_limit = fields.Monetary(
        string="Agent Compensation Limit",
        currency_field="currency_id",
        help="Agents may approve compensations below this amount; above it, "
        "a supervisor decides.",
    )
    aftersales_inspection_days = fields.Integer(
        string="Quality Inspection Days",
        default=3,
        help="Working days the quality team has to inspect a lot and report.",
    )
    aftersales_replenishment_days = fields.Integer(
        string="Replenishment Lead Time (days)",
        default=5,
        help="Working days promised to the customer when the lot is short and "
        "goods must be procured.",
    )
    aftersales_vip_priority_raise = fields.Integer(
        string="VIP Priority Raise",
        default=1,
        help="Priority levels added to requests of VIP customers.",
    )
    aftersales_key_priority_raise = fields.Integer(
        string="Key Account Priority Raise",
        default=1,
        help="Priority levels added to requests of key accounts.",
    )
    aftersales_ack_template_id = fields.Many2one(
        "mail.template",
        string="Default Acknowledgement Email",
        domain=[("model", "=", "helpdesk.ticket")],
        help="Sent when a request is recorded and its kind has no email of its own.",
    )

    aftersales_cause_analysis_hours = fields.Float(
        string="Cause Analysis After (hours)",
        default=48.0,
        help="Default of the kinds created afterwards: a request resolved later "
        "than this after it was received cannot be closed without a delay cause "
        "and a cause analysis. Each kind has its own setting.",
    )

    # Service plans (aftersales.service.plan)
    aftersales_labour_rate = fields.Monetary(
        string="Labour Rate (per hour)",
        currency_field="currency_id",
        help="Default hourly rate of the labour lines of a solution plan.",
    )
    aftersales_plan_cost_limit = fields.Monetary(
        string="Agent Plan Cost Limit",
        currency_field="currency_id",
        help="A solution plan costing more than this is sent by a supervisor. "
        "Zero: no limit.",
    )
    aftersales_plan_written_lead_days = fields.Integer(
        string="Written Confirmation Above (days)",
        default=7,
        help="A plan taking longer than this, or costing the customer money, "
        "needs a written confirmation (signature or document).",
    )

    # Portal (helpdesk_ticket_portal.py)
    aftersales_reopen_days = fields.Integer(
        string="Reopening Window (days)",
        default=7,
        help="Days after its resolution during which a customer may reopen a "
        'request from the portal ("not solved").',
    )

    _aftersales_return_days_positive = models.Constraint(
        "CHECK(aftersales_quality_return_days >= 0"
        " AND aftersales_other_return_days >= 0)",
        "Return windows cannot be negative.",
    )

    # Satisfaction and follow-up (helpdesk_ticket_satisfaction)
    aftersales_survey_id = fields.Many2one(
        "survey.survey",
        string="Satisfaction Survey",
        domain=[("aftersales_satisfaction", "=", True)],
        help="Sent when a request is completed, unless its kind or team has "
        "its own; empty: the shipped survey.",
    )
    aftersales_survey_reminder_days = fields.Integer(
        string="Survey Reminder After (days)", default=3
    )
    aftersales_survey_reminder_max = fields.Integer(
        string="Survey Reminders at Most", default=2
    )
    aftersales_survey_expiry_days = fields.Integer(
        string="Survey Expires After (days)",
        default=14,
        help="Days after which an unanswered survey link stops working; 0 "
        "keeps it open.",
    )
    aftersales_correction_min_sample = fields.Integer(
        string="Correction Plan Minimum Sample",
        default=5,
        help="Requests a team or an agent must have in the period to be judged.",
    )
    aftersales_service_manager_id = fields.Many2one(
        "res.users",
        string="After-Sales Manager",
        domain=[("share", "=", False)],
        help="Receives, with the team leader, the activities of new correction plans.",
    )
    _aftersales_reopen_days_positive = models.Constraint(
        "CHECK(aftersales_reopen_days >= 0)",
        "The reopening window cannot be negative.",
    )
