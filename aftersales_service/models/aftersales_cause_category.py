# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesCauseCategory(models.Model):
    """Why a request took longer than the company's limit (原因分析, R13)."""

    _name = "aftersales.cause.category"
    _description = "After-Sales Delay Cause"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
