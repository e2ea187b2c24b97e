# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesTrainingTopic(models.Model):
    _name = "aftersales.training.topic"
    _description = "Training Topic"
    _order = "sequence, id"

    # Fields
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    course_ids = fields.One2many("aftersales.training.course", "topic_id")

    # Constraints
    _name_uniq = models.Constraint(
        "UNIQUE(name)", "A training topic with this name already exists."
    )
