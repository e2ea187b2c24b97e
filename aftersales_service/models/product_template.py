# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    def write(self, vals):
        res = super().write(vals)
        if "categ_id" in vals:
            # the analysis groups requests by their product's category
            self.env["aftersales.analysis"]._mark_dirty_where(
                [("product_id.product_tmpl_id", "in", self.ids)]
            )
        return res
