# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    aftersales_available = fields.Boolean(
        string="Available for After-Sales Routing",
        default=True,
        help="Untick while away: new requests are routed to the other members "
        "of the team.",
    )

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["aftersales_available"]
