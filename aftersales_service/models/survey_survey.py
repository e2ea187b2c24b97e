# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    aftersales_satisfaction = fields.Boolean(
        string="After-Sales Satisfaction Survey",
        help="Sent to customers when their request is completed and filled by "
        "the agent during the follow-up call. Its questions say which answer "
        "is the overall satisfaction, the solved question, the speed, the "
        "staff attitude and the comment.",
    )
