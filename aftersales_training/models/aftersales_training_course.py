# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

DELIVERY_MODES = [
    ("internal", "Internal training"),
    ("external", "External training"),
    ("online", "Online learning"),
    ("simulated", "Simulated case"),
]


class AftersalesTrainingCourse(models.Model):
    _name = "aftersales.training.course"
    _description = "Training Course"
    _inherit = "mail.thread"
    _order = "topic_id, name"
    _check_company_auto = True

    # Fields
    name = fields.Char(required=True, translate=True, tracking=True)
    topic_id = fields.Many2one(
        "aftersales.training.topic", required=True, index=True, tracking=True
    )
    delivery_mode = fields.Selection(
        DELIVERY_MODES, required=True, default="internal", tracking=True
    )
    hours = fields.Float(default=1.0, tracking=True)
    validity_months = fields.Integer(
        help="How long a passed training stays valid; 0 means it never expires."
    )
    certification_survey_id = fields.Many2one(
        "survey.survey",
        string="Certification Exam",
        domain="[('certification', '=', True)]",
        help="Passing this certification writes a training record automatically.",
    )
    rubric_survey_id = fields.Many2one(
        "survey.survey",
        string="Practical Rubric",
        help="Scored survey an examiner fills in to rate a practical assessment.",
    )
    description = fields.Html(translate=True)
    company_id = fields.Many2one("res.company", index=True)
    active = fields.Boolean(default=True)

    # Constrains
    @api.constrains("hours", "validity_months")
    def _check_hours(self):
        for course in self:
            if course.hours < 0 or course.validity_months < 0:
                raise ValidationError(
                    self.env._(
                        "The hours and validity of course %(course)s cannot be "
                        "negative: enter zero or a positive number.",
                        course=course.display_name,
                    )
                )
