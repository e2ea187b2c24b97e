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

    service_visit_ids = fields.One2many(
        "calendar.event", "aftersales_ticket_id", string="Visits"
    )
    service_visit_count = fields.Integer(compute="_compute_service_visit_count")
    service_part_ids = fields.One2many(
        "aftersales.service.part", "ticket_id", string="Spare Parts"
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

    @api.depends("service_visit_ids")
    def _compute_service_visit_count(self):
        counts = dict(
            self.env["calendar.event"]._read_group(
                [("aftersales_ticket_id", "in", self.ids)],
                ["aftersales_ticket_id"],
                ["__count"],
            )
        )
        for ticket in self:
            ticket.service_visit_count = counts.get(ticket._origin, 0)

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

    def action_aftersales_schedule_visit(self):
        """A new visit at the customer's address with the assignee as
        technician; the event form lets the agent pick date and people."""
        self.ensure_one()
        technicians = self.user_id.partner_id or self.env.user.partner_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Schedule a Visit"),
            "res_model": "calendar.event",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "aftersales_service.calendar_event_view_form_visit"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {
                "default_aftersales_ticket_id": self.id,
                "default_name": self._aftersales_visit_name(),
                "default_location": self._aftersales_visit_location(),
                "default_partner_ids": technicians.ids,
                "default_duration": 2.0,
                "default_res_model": self._name,
                "default_res_id": self.id,
            },
        }

    def action_aftersales_view_visits(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Visits"),
            "res_model": "calendar.event",
            "view_mode": "list,form,calendar",
            "domain": [("aftersales_ticket_id", "=", self.id)],
            "context": {"default_aftersales_ticket_id": self.id},
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _aftersales_visit_name(self):
        self.ensure_one()
        return self.env._(
            "Visit %(request)s: %(customer)s",
            request=self.number or self.name,
            customer=self.partner_id.name or "",
        )

    def _aftersales_visit_location(self):
        self.ensure_one()
        partner = self.partner_id
        if self.install_location:
            return self.install_location
        parts = [partner.street, partner.street2, partner.zip, partner.city]
        return ", ".join(p for p in parts if p)

    def _aftersales_sync_visit_date(self):
        """The request's "visit scheduled for" is its next visit (or the last
        one once all are past); the first one meets the SLA target."""
        now = fields.Datetime.now()
        for ticket in self:
            starts = sorted(ticket.service_visit_ids.mapped("start"))
            upcoming = [s for s in starts if s >= now]
            date = (upcoming or starts[-1:] or [False])[0]
            if ticket.visit_date != date:
                ticket.write({"visit_date": date})
