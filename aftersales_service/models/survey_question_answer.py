# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    aftersales_positive = fields.Boolean(
        string="Means Solved",
        help="Choosing this answer to the 'problem solved' question of a "
        "satisfaction survey means the problem is solved.",
    )
