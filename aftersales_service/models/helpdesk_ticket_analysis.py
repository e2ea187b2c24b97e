# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.worktime import WorkTime

# states of a return whose compensation the company has granted
GRANTED_RETURN_STATES = ("approved", "received", "done")


class HelpdeskTicket(models.Model):
    """What the managers' analysis reads of a request (R33-R35), stored on
    the request so that the analysis is one scan of ``helpdesk_ticket``:
    resolution times, reopenings, SLA outcomes and the cost the company
    bears."""

    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    analysis_reopen_count = fields.Integer(
        string="Times Reopened",
        readonly=True,
        copy=False,
        help="How many times the request was reopened after being resolved.",
    )
    analysis_resolution_hours = fields.Float(
        string="Resolution Time (hours)",
        readonly=True,
        copy=False,
        digits=(16, 2),
        help="Calendar hours from reception to resolution.",
    )
    analysis_resolution_work_hours = fields.Float(
        string="Resolution Time (working hours)",
        readonly=True,
        copy=False,
        digits=(16, 2),
        help="Working hours of the team's (or the company's) working time from "
        "reception to resolution, computed when the request is resolved.",
    )
    analysis_sla_met_count = fields.Integer(
        string="Targets Met",
        compute="_compute_analysis_sla",
        store=True,
    )
    analysis_sla_breached_count = fields.Integer(
        string="Targets Breached",
        compute="_compute_analysis_sla",
        store=True,
    )
    analysis_compensation_amount = fields.Monetary(
        string="Compensation Granted",
        compute="_compute_analysis_cost",
        store=True,
        currency_field="aftersales_currency_id",
    )
    analysis_company_shipping_count = fields.Integer(
        string="Shipments Paid by the Company",
        compute="_compute_analysis_cost",
        store=True,
    )
    analysis_shipping_cost = fields.Monetary(
        string="Shipping Paid by the Company",
        compute="_compute_analysis_cost",
        store=True,
        currency_field="aftersales_currency_id",
        help="Granted returns and exchanges whose shipping the company pays, at "
        "the shipment cost of the settings when they were granted.",
    )
    analysis_parts_cost = fields.Monetary(
        string="Spare Parts Cost",
        compute="_compute_analysis_service_cost",
        store=True,
        currency_field="aftersales_currency_id",
        help="Spare parts used on the request, at their product's cost, unless "
        "the customer pays the accepted plan.",
    )
    analysis_labour_cost = fields.Monetary(
        string="Labour and Travel Cost",
        compute="_compute_analysis_service_cost",
        store=True,
        currency_field="aftersales_currency_id",
        help="Labour, travel and other lines of the accepted solution plan that "
        "the company or the warranty pays.",
    )

    # the analysis reads periods of reception
    _analysis_received_idx = models.Index("(sla_received_date)")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("sla_line_ids.state")
    def _compute_analysis_sla(self):
        for ticket in self:
            states = ticket.sla_line_ids.mapped("state")
            ticket.analysis_sla_met_count = states.count("met")
            ticket.analysis_sla_breached_count = states.count("breached")

    @api.depends(
        "aftersales_return_ids.state",
        "aftersales_return_ids.compensation_amount",
        "aftersales_return_ids.shipping_payer",
    )
    def _compute_analysis_cost(self):
        for ticket in self:
            granted = ticket.aftersales_return_ids.filtered(
                lambda r: r.state in GRANTED_RETURN_STATES
            )
            ticket.analysis_compensation_amount = sum(
                granted.mapped("compensation_amount")
            )
            shipments = len(
                granted.filtered(
                    lambda r: (
                        r.shipping_payer == "company" and r.operation != "compensation"
                    )
                )
            )
            ticket.analysis_company_shipping_count = shipments
            ticket.analysis_shipping_cost = (
                shipments * ticket.company_id.aftersales_shipping_cost
            )

    @api.depends(
        "service_part_ids.state",
        "service_part_ids.quantity",
        "service_part_ids.product_id",
        "service_plan_ids.state",
        "service_plan_ids.payer",
        "service_plan_ids.line_ids.amount",
        "service_plan_ids.line_ids.line_type",
    )
    def _compute_analysis_service_cost(self):
        for ticket in self:
            plans = ticket.service_plan_ids.filtered(lambda p: p.state == "accepted")
            if "customer" in plans.mapped("payer"):
                ticket.analysis_parts_cost = ticket.analysis_labour_cost = 0.0
                continue
            company = ticket.company_id
            ticket.analysis_parts_cost = sum(
                part.quantity * part.product_id.with_company(company).standard_price
                for part in ticket.service_part_ids
                if part.state == "done"
            )
            ticket.analysis_labour_cost = sum(
                plans.line_ids.filtered(lambda ln: ln.line_type != "part").mapped(
                    "amount"
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _create(self, data_list):
        records = super()._create(data_list)
        self.env["aftersales.analysis"]._mark_dirty(records.ids)
        return records

    def _write_multi(self, vals_list):  # pylint: disable=missing-return
        # the flush of any stored field, recomputed ones included (the ORM's
        # _write_multi returns nothing)
        super()._write_multi(vals_list)
        self.env["aftersales.analysis"]._mark_dirty(self.ids)

    def unlink(self):
        self.env["aftersales.analysis"]._mark_dirty(self.ids)
        return super().unlink()

    def write(self, vals):
        if not self.env.su and self._analysis_protected_fields() & set(vals):
            raise UserError(
                self.env._(
                    "Resolution times and reopenings are recorded by the request's "
                    "flow: change its stage instead of writing them."
                )
            )
        if "stage_id" not in vals:
            return super().write(vals)
        resolved_before = {t.id for t in self if t.resolved_date}
        res = super().write(vals)
        reopened = self.filtered(
            lambda t: t.id in resolved_before and not t.closed and not t.resolved_date
        )
        for ticket in reopened:
            super(HelpdeskTicket, ticket).write(
                {"analysis_reopen_count": ticket.analysis_reopen_count + 1}
            )
        self.filtered(
            lambda t: t.resolved_date and t.id not in resolved_before
        )._analysis_set_resolution_times()
        return res

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _analysis_protected_fields(self):
        return {
            "analysis_reopen_count",
            "analysis_resolution_hours",
            "analysis_resolution_work_hours",
        }

    def _analysis_calendar(self):
        self.ensure_one()
        return self.team_id.resource_calendar_id or self.company_id.resource_calendar_id

    def _analysis_set_resolution_times(self):
        """Resolution times of requests just resolved, planned through one
        :class:`WorkTime` for the batch."""
        worktime = WorkTime(self.env)
        for ticket in self:
            start, end = (
                ticket.sla_received_date or ticket.create_date,
                ticket.resolved_date,
            )
            super(HelpdeskTicket, ticket).write(
                {
                    "analysis_resolution_hours": max(
                        (end - start).total_seconds() / 3600.0, 0.0
                    ),
                    "analysis_resolution_work_hours": worktime.hours_between(
                        ticket._analysis_calendar(), start, end
                    ),
                }
            )
        return True
