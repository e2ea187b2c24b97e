# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesCorrectionAction(models.Model):
    """One corrective action of a correction plan, with its owner and due
    date."""

    _name = "aftersales.correction.action"
    _description = "After-Sales Correction Action"
    _order = "plan_id, date_due, id"

    plan_id = fields.Many2one(
        "aftersales.correction.plan", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(string="Action", required=True)
    user_id = fields.Many2one("res.users", string="Responsible")
    date_due = fields.Date(string="Due On", required=True)
    done = fields.Boolean()
    note = fields.Text(string="Result")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
