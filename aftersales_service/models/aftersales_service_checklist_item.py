# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

CHECK_TYPES = [("safety", "Safety (before work)"), ("functional", "Functional Check")]


class AftersalesServiceChecklistItem(models.Model):
    """A question of a kind's checklist: safety rules ticked before work
    starts, functional checks ticked with the customer at completion."""

    _name = "aftersales.service.checklist.item"
    _description = "After-Sales Checklist Item"
    _order = "category_id, check_type, sequence, id"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    category_id = fields.Many2one(
        "helpdesk.ticket.category",
        string="Kind",
        required=True,
        ondelete="cascade",
        index=True,
    )
    check_type = fields.Selection(CHECK_TYPES, string="Type", required=True)
    name = fields.Char(string="Item", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
