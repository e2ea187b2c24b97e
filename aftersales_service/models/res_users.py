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

    aftersales_van_location_id = fields.Many2one(
        "stock.location",
        string="Van Stock",
        domain="[('usage', '=', 'internal')]",
        help="The technician's van: spare parts they use are taken from it.",
    )

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["aftersales_available"]
