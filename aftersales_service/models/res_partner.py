# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

SERVICE_TIERS = [
    ("standard", "Standard"),
    ("vip", "VIP"),
    ("key", "Key Account"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    aftersales_tier = fields.Selection(
        SERVICE_TIERS,
        string="Service Tier",
        default="standard",
        required=True,
        tracking=True,
        help="VIP and key accounts get raised priority and, when set, "
        "their dedicated agent.",
    )
    aftersales_agent_id = fields.Many2one(
        "res.users",
        string="Dedicated Agent",
        domain=[("share", "=", False)],
        tracking=True,
    )
