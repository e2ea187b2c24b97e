# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """The service procedure on the request (R15-R19): handling method,
    solution plan and its confirmation."""

    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    handling_method_id = fields.Many2one(
        "aftersales.handling.method",
        string="Handling Method",
        tracking=True,
        index="btree_not_null",
    )
    service_plan_ids = fields.One2many(
        "aftersales.service.plan", "ticket_id", string="Solution Plans"
    )
    service_plan_id = fields.Many2one(
        "aftersales.service.plan",
        string="Current Plan",
        compute="_compute_service_plan",
        help="The latest version of the solution plan.",
    )
    service_plan_state = fields.Selection(
        lambda self: self.env["aftersales.service.plan"]._fields["state"].selection,
        string="Plan Status",
        compute="_compute_service_plan",
    )
    service_plan_count = fields.Integer(compute="_compute_service_plan")
    plan_confirmed_date = fields.Datetime(
        string="Plan Confirmed On",
        readonly=True,
        copy=False,
        help="When the customer first accepted a solution plan.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("service_plan_ids.version", "service_plan_ids.state")
    def _compute_service_plan(self):
        for ticket in self:
            plans = ticket.service_plan_ids.sorted(lambda p: (p.version, p.id))
            ticket.service_plan_id = plans[-1:]
            ticket.service_plan_state = plans[-1:].state
            ticket.service_plan_count = len(plans)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_aftersales_new_plan(self):
        """Opens the current plan, or a new draft one."""
        self.ensure_one()
        action = {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.service.plan",
            "view_mode": "form",
            "context": {"default_ticket_id": self.id},
        }
        if self.service_plan_id:
            action["res_id"] = self.service_plan_id.id
        return action

    def action_aftersales_view_plans(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Solution Plans"),
            "res_model": "aftersales.service.plan",
            "view_mode": "list,form",
            "domain": [("ticket_id", "=", self.id)],
            "context": {"default_ticket_id": self.id},
        }
