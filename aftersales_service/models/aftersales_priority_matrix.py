# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

from ..tools.selections import IMPACTS, PRIORITIES, URGENCIES

# Used by companies that have no matrix of their own.
DEFAULT_MATRIX = {
    ("1", "1"): "0",
    ("1", "2"): "0",
    ("1", "3"): "1",
    ("2", "1"): "0",
    ("2", "2"): "1",
    ("2", "3"): "2",
    ("3", "1"): "1",
    ("3", "2"): "2",
    ("3", "3"): "3",
}


class AftersalesPriorityMatrix(models.Model):
    """One cell of the severity matrix (故障分级): impact on the customer's
    use × urgency gives a priority, which the service tier may raise."""

    _name = "aftersales.priority.matrix"
    _inherit = "aftersales.cached.mixin"
    _description = "After-Sales Priority Matrix"
    _order = "company_id, impact desc, urgency desc"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    impact = fields.Selection(IMPACTS, required=True)
    urgency = fields.Selection(URGENCIES, required=True)
    priority = fields.Selection(PRIORITIES, required=True)

    _cell_unique = models.Constraint(
        "unique(company_id, impact, urgency)",
        "The matrix already has a priority for this impact and urgency.",
    )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    @tools.ormcache("company_id")
    def _get_matrix(self, company_id):
        """{(impact, urgency): priority} of a company, cached per registry."""
        cells = self.sudo().search_fetch(
            [("company_id", "=", company_id)], ["impact", "urgency", "priority"]
        )
        return {(c.impact, c.urgency): c.priority for c in cells}

    @api.model
    def _get_priority(self, company, impact, urgency, tier):
        """Priority of a request; VIP and key accounts are raised by the
        company's tier raise, capped at Very High."""
        matrix = self._get_matrix(company.id) or DEFAULT_MATRIX
        priority = int(matrix.get((impact or "2", urgency or "2"), "1"))
        if tier == "vip":
            priority += company.aftersales_vip_priority_raise
        elif tier == "key":
            priority += company.aftersales_key_priority_raise
        return str(max(0, min(priority, 3)))
