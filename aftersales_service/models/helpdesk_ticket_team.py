# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        help="Hours and public holidays in which SLA targets counted in the "
        "team's working time run; empty: the company's working time.",
    )
    aftersales_survey_id = fields.Many2one(
        "survey.survey",
        string="Satisfaction Survey",
        domain=[("aftersales_satisfaction", "=", True)],
        help="Sent when a request of the team is completed, unless its kind "
        "has its own; empty: the company's.",
    )
    aftersales_default_category_id = fields.Many2one(
        "helpdesk.ticket.category",
        string="Default Kind",
        domain="[('aftersales_team_id', 'in', [id, False])]",
        help="Kind given to a request of the team that arrives without one "
        "(an email to the team's alias, a request recorded without a kind), so "
        "that it gets its commitment and promised time at once; the agent can "
        "change it. Empty: the team's only kind, if it handles exactly one.",
    )
    aftersales_classification_hours = fields.Float(
        string="Classified Within (working hours)",
        default=4.0,
        help="A request that arrives without a kind is classified within this "
        "working time: its acknowledgement tells the customer so "
        "(0: says nothing).",
    )

    _aftersales_classification_hours_positive = models.Constraint(
        "CHECK(aftersales_classification_hours >= 0)",
        "The classification time of a team cannot be negative.",
    )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("aftersales_default_category_id")
    def _check_aftersales_default_category(self):
        for team in self:
            handler = team.aftersales_default_category_id.aftersales_team_id
            if handler and handler != team:
                raise ValidationError(
                    self.env._(
                        "%(kind)s is handled by %(handler)s: the default kind of "
                        "%(team)s must be a kind the team handles.",
                        kind=team.aftersales_default_category_id.display_name,
                        handler=handler.display_name,
                        team=team.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if "company_id" in vals:
            # the applicable stages depend on the team's company
            self.env.registry.clear_cache()
        res = super().write(vals)
        if "resource_calendar_id" in vals:
            self.env["helpdesk.ticket"]._sla_request_rematch(
                Domain("team_id", "in", self.ids)
            )
        return res

    def unlink(self):
        # Stages and SLA policies of a deleted team apply to other teams now:
        # every worker's cached stage lists and policy matchers are stale.
        self.env.registry.clear_cache()
        return super().unlink()

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _get_applicable_stages(self):
        """helpdesk_mgmt searches the stages for every request created; they
        are cached per team (or company, without a team) until a stage or a
        team changes."""
        if len(self) > 1:
            return super()._get_applicable_stages()
        company_id = False if self else self.env.company.id
        return self.env["helpdesk.ticket.stage"].browse(
            self._aftersales_applicable_stage_ids(self.id, company_id)
        )

    @api.model
    @tools.ormcache("team_id", "company_id")
    def _aftersales_applicable_stage_ids(self, team_id, company_id):
        team = self.sudo().browse(team_id)
        if company_id:
            team = team.with_company(company_id)
        return tuple(super(HelpdeskTicketTeam, team)._get_applicable_stages().ids)
