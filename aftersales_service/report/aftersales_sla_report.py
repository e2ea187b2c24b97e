# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from ..tools.selections import AFTERSALES_KINDS, SLA_LINE_STATES, TARGET_TYPES
from ..tools.selections import SLA_LEVELS as LEVELS


class AftersalesSlaReport(models.Model):
    """SLA compliance: one row per SLA line with the request's kind, team and
    agent. ``compliance`` is 100 for a target met in time, 0 for a breached
    one and empty while undecided, so its average is the compliance rate."""

    _name = "aftersales.sla.report"
    _description = "After-Sales SLA Compliance"
    _auto = False
    _order = "start_date desc"
    _rec_name = "ticket_id"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Request", readonly=True)
    policy_id = fields.Many2one("aftersales.sla.policy", readonly=True)
    target_type = fields.Selection(TARGET_TYPES, string="Target", readonly=True)
    aftersales_kind = fields.Selection(AFTERSALES_KINDS, string="Kind", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    start_date = fields.Datetime(string="Started On", readonly=True)
    deadline = fields.Datetime(readonly=True)
    met_date = fields.Datetime(string="Reached On", readonly=True)
    state = fields.Selection(SLA_LINE_STATES, readonly=True)
    escalation_level = fields.Selection(LEVELS, string="Warning Level", readonly=True)
    compliance = fields.Float(
        string="Compliance (%)", aggregator="avg", readonly=True, digits=(16, 1)
    )
    breached_count = fields.Integer(string="Breached", aggregator="sum", readonly=True)
    met_count = fields.Integer(string="Met in Time", aggregator="sum", readonly=True)
    paused_hours = fields.Float(
        string="Paused (working hours)", aggregator="sum", readonly=True
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT line.id AS id,
                   line.ticket_id,
                   line.policy_id,
                   line.target_type,
                   ticket.aftersales_kind,
                   ticket.team_id,
                   ticket.user_id,
                   ticket.company_id,
                   line.start_date,
                   line.deadline,
                   line.met_date,
                   line.state,
                   line.escalation_level,
                   CASE WHEN line.state = 'met' THEN 100.0
                        WHEN line.state = 'breached' THEN 0.0 END AS compliance,
                   (line.state = 'breached')::int AS breached_count,
                   (line.state = 'met')::int AS met_count,
                   line.paused_hours
              FROM aftersales_sla_line line
              JOIN helpdesk_ticket ticket ON ticket.id = line.ticket_id
             WHERE line.state != 'cancelled'
            """
        )
