# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

SATISFACTION_ROLES = [
    ("overall", "Overall Satisfaction (1-5)"),
    ("solved", "Problem Solved"),
    ("speed", "Speed (1-5)"),
    ("attitude", "Staff Attitude (1-5)"),
    ("comment", "Comment"),
]


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    aftersales_role = fields.Selection(
        SATISFACTION_ROLES,
        string="After-Sales Measure",
        help="What the answer to this question records on the request: the "
        "overall satisfaction, speed and attitude are scales from 1 to 5, "
        "the solved question a choice whose positive answers mean solved.",
    )
