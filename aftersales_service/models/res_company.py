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

    _aftersales_return_days_positive = models.Constraint(
        "CHECK(aftersales_quality_return_days >= 0"
        " AND aftersales_other_return_days >= 0)",
        "Return windows cannot be negative.",
    )
