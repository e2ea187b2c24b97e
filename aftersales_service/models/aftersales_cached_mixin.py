# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class AftersalesCachedMixin(models.AbstractModel):
    """Records read through ``tools.ormcache`` (priority matrix, SLA policies,
    stages of a team, working time): any change clears the registry caches,
    in this worker and, through the registry signalling, in the others."""

    _name = "aftersales.cached.mixin"
    _description = "After-Sales Cached Records"

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
