# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from ..models.helpdesk_ticket_category import AFTERSALES_KINDS
from ..models.helpdesk_ticket_satisfaction import SATISFACTION_STATES
from ..models.survey_user_input import ANSWER_CHANNELS


class AftersalesSatisfactionReport(models.Model):
    """Feedback and satisfaction: one row per request invited to the survey
    (by email or by the follow-up call). ``feedback_rate`` is 100 for an
    answered request and 0 otherwise, ``satisfaction_rate`` 100 for a
    satisfied answer, 0 for a dissatisfied one and empty without an answer:
    their averages are the feedback rate (answered / invited) and the
    satisfaction rate (satisfied / answered)."""

    _name = "aftersales.satisfaction.report"
    _description = "After-Sales Satisfaction Analysis"
    _auto = False
    _order = "invited_date desc"
    _rec_name = "ticket_id"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Request", readonly=True)
    aftersales_kind = fields.Selection(AFTERSALES_KINDS, string="Kind", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    invited_date = fields.Datetime(string="Invited On", readonly=True)
    answered_date = fields.Datetime(string="Answered On", readonly=True)
    state = fields.Selection(SATISFACTION_STATES, readonly=True)
    channel = fields.Selection(ANSWER_CHANNELS, string="Answered By", readonly=True)
    invited_count = fields.Integer(string="Invited", aggregator="sum", readonly=True)
    answered_count = fields.Integer(string="Answered", aggregator="sum", readonly=True)
    satisfied_count = fields.Integer(
        string="Satisfied", aggregator="sum", readonly=True
    )
    dissatisfied_count = fields.Integer(
        string="Dissatisfied", aggregator="sum", readonly=True
    )
    feedback_rate = fields.Float(
        string="Feedback Rate (%)", aggregator="avg", readonly=True, digits=(16, 1)
    )
    satisfaction_rate = fields.Float(
        string="Satisfaction (%)", aggregator="avg", readonly=True, digits=(16, 1)
    )
    score = fields.Float(
        string="Average Score", aggregator="avg", readonly=True, digits=(16, 2)
    )
    reopen_count = fields.Integer(
        string="Reopened after Feedback", aggregator="sum", readonly=True
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT ticket.id AS id,
                   ticket.id AS ticket_id,
                   ticket.aftersales_kind,
                   ticket.team_id,
                   ticket.user_id,
                   ticket.commercial_partner_id AS partner_id,
                   ticket.company_id,
                   ticket.satisfaction_invited_date AS invited_date,
                   ticket.satisfaction_answered_date AS answered_date,
                   ticket.satisfaction_state AS state,
                   ticket.satisfaction_channel AS channel,
                   1 AS invited_count,
                   (ticket.satisfaction_state = 'answered')::int AS answered_count,
                   (ticket.satisfaction_state = 'answered'
                    AND ticket.satisfaction_satisfied)::int AS satisfied_count,
                   (ticket.satisfaction_state = 'answered'
                    AND NOT ticket.satisfaction_satisfied)::int AS dissatisfied_count,
                   CASE WHEN ticket.satisfaction_state = 'answered' THEN 100.0
                        ELSE 0.0 END AS feedback_rate,
                   CASE WHEN ticket.satisfaction_state != 'answered' THEN NULL
                        WHEN ticket.satisfaction_satisfied THEN 100.0
                        ELSE 0.0 END AS satisfaction_rate,
                   CASE WHEN ticket.satisfaction_state = 'answered'
                        THEN ticket.satisfaction_score END AS score,
                   ticket.satisfaction_reopen_count AS reopen_count
              FROM helpdesk_ticket ticket
             WHERE ticket.satisfaction_state IN ('invited', 'answered', 'expired')
            """
        )
