# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

from .helpdesk_ticket_category import AFTERSALES_KINDS

TICKET_PRIORITIES = [
    ("0", "Low"),
    ("1", "Medium"),
    ("2", "High"),
    ("3", "Very High"),
]
SERVICE_TIERS = [("standard", "Standard"), ("vip", "VIP"), ("key", "Key Account")]


class AftersalesSlaPolicy(models.Model):
    """What the customer is promised for a kind of request.

    Matching rule: the active policies are tried in ``sequence`` order and the
    **first one that matches wins**; its targets become the request's SLA lines.
    An empty criterion matches everything, so put specific policies (e.g. high
    priority complaints) before the general one of the same kind.
    """

    _name = "aftersales.sla.policy"
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
        TICKET_PRIORITIES,
        string="Minimum Priority",
        help="Applies to requests of this priority or higher; empty for any.",
    )
    service_tier = fields.Selection(
        SERVICE_TIERS,
        string="Customer Tier",
        help="Leave empty for every customer tier.",
    )
    target_ids = fields.One2many(
        "aftersales.sla.policy.target", "policy_id", string="Targets", copy=True
    )
    description = fields.Text(translate=True)

    # ------------------------------------------------------------------
    # CRUD: the matcher caches the active policy ids
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    @tools.ormcache()
    def _get_active_policy_ids(self):
        return tuple(self.sudo().search([("active", "=", True)]).ids)

    @api.model
    def _get_active_policies(self):
        """All active policies in sequence order, from one cached search; the
        caller matches them in Python."""
        return self.sudo().browse(self._get_active_policy_ids())

    def _matches(self, ticket):
        self.ensure_one()
        return (
            (not self.company_id or self.company_id == ticket.company_id)
            and (
                not self.aftersales_kind
                or self.aftersales_kind == ticket.aftersales_kind
            )
            and (not self.team_ids or ticket.team_id in self.team_ids)
            and (not self.min_priority or (ticket.priority or "0") >= self.min_priority)
            and (not self.service_tier or self.service_tier == ticket.service_tier)
        )

    def _match_ticket(self, ticket):
        """The first policy of ``self`` (in sequence order) applying to ``ticket``."""
        for policy in self:
            if policy._matches(ticket):
                return policy
        return self.browse()
