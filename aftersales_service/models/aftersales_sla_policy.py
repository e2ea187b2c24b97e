# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

from ..tools.selections import AFTERSALES_KINDS, PRIORITIES, SERVICE_TIERS


class AftersalesSlaPolicy(models.Model):
    """What the customer is promised for a kind of request.

    Matching rule: the active policies are tried in ``sequence`` order and the
    **first one that matches wins**; its targets become the request's SLA lines.
    An empty criterion matches everything, so put specific policies (e.g. high
    priority complaints) before the general one of the same kind.
    """

    _name = "aftersales.sla.policy"
    _inherit = "aftersales.cached.mixin"
    _description = "After-Sales SLA Policy"
    _order = "sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Leave empty for every company.")
    aftersales_kind = fields.Selection(
        AFTERSALES_KINDS, string="Kind", help="Leave empty for every kind."
    )
    team_ids = fields.Many2many(
        "helpdesk.ticket.team",
        string="Teams",
        help="Leave empty for every team.",
    )
    min_priority = fields.Selection(
        PRIORITIES,
        string="Minimum Priority",
        help="Applies to requests of this priority or higher; empty for any.",
    )
    service_tier = fields.Selection(
        SERVICE_TIERS,
        string="Customer Tier",
        help="Leave empty for every customer tier.",
    )
    complex_only = fields.Boolean(
        string="Complex Requests Only",
        help="Applies only to requests flagged as complex (R11).",
    )
    target_ids = fields.One2many(
        "aftersales.sla.policy.target", "policy_id", string="Targets", copy=True
    )
    description = fields.Text(translate=True)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    @tools.ormcache()
    def _get_match_rules(self):
        """The active policies compiled for matching, in sequence order: a
        tuple of (policy id, company id, kind, team ids, minimum priority,
        tier, complex only), cached until a policy changes. Matching a request is then a
        loop over plain tuples, whatever the number of policies."""
        return tuple(
            (
                policy.id,
                policy.company_id.id,
                policy.aftersales_kind or False,
                frozenset(policy.team_ids.ids),
                policy.min_priority or False,
                policy.service_tier or False,
                policy.complex_only,
            )
            for policy in self.sudo().search([("active", "=", True)])
        )

    @api.model
    def _match_ticket_id(self, ticket, rules):
        """Id of the first policy of ``rules`` applying to ``ticket``, or False."""
        company = ticket.company_id.id
        kind = ticket.aftersales_kind
        team = ticket.team_id.id
        priority = ticket.priority or "0"
        tier = ticket.service_tier
        complex_ = ticket.aftersales_complex
        for rule in rules:
            policy_id, p_company, p_kind, p_teams, p_priority, p_tier, p_complex = rule
            if (
                (not p_company or p_company == company)
                and (not p_kind or p_kind == kind)
                and (not p_teams or team in p_teams)
                and (not p_priority or priority >= p_priority)
                and (not p_tier or p_tier == tier)
                and (not p_complex or complex_)
            ):
                return policy_id
        return False

    @api.model
    def _match_tickets(self, tickets):
        """The policy applying to each ticket: a list of (ticket, policy), the
        policies of the batch prefetched together."""
        rules = self._get_match_rules()
        matches = [(ticket, self._match_ticket_id(ticket, rules)) for ticket in tickets]
        policies = self.sudo().browse({pid for _ticket, pid in matches if pid})
        return [
            (ticket, policies.browse(pid or ()).with_prefetch(policies._ids))
            for ticket, pid in matches
        ]
