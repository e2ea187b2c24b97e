# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools.selections import IMPACTS, SERVICE_TIERS, URGENCIES


class HelpdeskTicket(models.Model):
    """Priority of a request from the matrix (R5): impact x urgency, raised
    by the customer's tier; a manual override sticks until reset."""

    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    service_tier = fields.Selection(
        SERVICE_TIERS,
        compute="_compute_service_tier",
        store=True,
        tracking=True,
        help="The customer's tier: an open request follows a change of it "
        "(re-matched by a job), a closed one keeps the tier it was handled in.",
    )
    impact = fields.Selection(IMPACTS, default="2", tracking=True)
    urgency = fields.Selection(URGENCIES, default="2", tracking=True)
    priority = fields.Selection(
        default=None,
        compute="_compute_priority",
        store=True,
        readonly=False,
        tracking=True,
    )
    priority_manual = fields.Boolean(
        string="Priority Set Manually",
        copy=False,
        tracking=True,
        help="Set when someone overrides the priority the matrix gives; "
        "impact, urgency and tier changes no longer move it.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("commercial_partner_id")
    def _compute_service_tier(self):
        for ticket in self:
            ticket.service_tier = ticket.commercial_partner_id.aftersales_tier or False

    @api.depends("impact", "urgency", "service_tier", "company_id")
    def _compute_priority(self):
        matrix = self.env["aftersales.priority.matrix"]
        for ticket in self:
            if ticket.priority_manual:
                ticket.priority = ticket.priority
                continue
            ticket.priority = matrix._get_priority(
                ticket.company_id or self.env.company,
                ticket.impact,
                ticket.urgency,
                ticket.service_tier,
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if "priority" in vals and not self.env.context.get("aftersales_auto_priority"):
            return self._aftersales_write_priority(vals)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_aftersales_reset_priority(self):
        """Give the priority back to the matrix."""
        matrix = self.env["aftersales.priority.matrix"]
        for ticket in self:
            ticket.with_context(aftersales_auto_priority=True).write(
                {
                    "priority_manual": False,
                    "priority": matrix._get_priority(
                        ticket.company_id,
                        ticket.impact,
                        ticket.urgency,
                        ticket.service_tier,
                    ),
                }
            )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _aftersales_write_priority(self, vals):
        """A priority different from the matrix's is a manual override."""
        matrix = self.env["aftersales.priority.matrix"]
        manual, automatic = self.browse(), self.browse()
        for ticket in self:
            expected = matrix._get_priority(
                ticket.company_id,
                vals.get("impact", ticket.impact),
                vals.get("urgency", ticket.urgency),
                ticket.service_tier,
            )
            if vals["priority"] == expected:
                automatic |= ticket
            else:
                manual |= ticket
        if manual:
            super(HelpdeskTicket, manual).write(dict(vals, priority_manual=True))
        if automatic:
            super(HelpdeskTicket, automatic).write(vals)
        return True
