# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesHandlingMethod(models.Model):
    """How a request is handled (处理方式): remote guidance, on-site visit,
    workshop repair... Data of the module; statistics group requests by it."""

    _name = "aftersales.handling.method"
    _description = "After-Sales Handling Method"
    _order = "sequence, id"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    on_site = fields.Boolean(
        help="Handled at the customer's place: the request plans visits.",
    )
    description = fields.Text(translate=True)

    _code_unique = models.Constraint(
        "UNIQUE(code)", "The code of a handling method must be unique."
    )
