# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

KPIS = [
    ("satisfaction", "Customer Satisfaction (%)"),
    ("response_time", "Average Response Time (hours)"),
]
STATES = [
    ("open", "Open"),
    ("in_progress", "In Progress"),
    ("done", "Reviewed"),
    ("cancelled", "Cancelled"),
]
# Context key of the action methods allowed to change the state
STATE_KEY = "aftersales_correction_state"


class AftersalesCorrectionPlan(models.Model):
    """Correction plan (整改, R35): a team (or one of its agents) missed the
    satisfaction or response-time target over a month or a quarter; the team
    leader plans actions with due dates and the result is reviewed."""

    _name = "aftersales.correction.plan"
    _description = "After-Sales Correction Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]  # noqa: RUF012
    _order = "date_from desc, team_id, id"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(compute="_compute_name", store=True)
    team_id = fields.Many2one(
        "helpdesk.ticket.team", required=True, index=True, check_company=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Agent",
        index="btree_not_null",
        help="Empty for a plan of the whole team.",
    )
    period = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter")], required=True, default="month"
    )
    date_from = fields.Date(string="Period Start", required=True)
    date_to = fields.Date(string="Period End", required=True)
    kpi = fields.Selection(KPIS, string="KPI", required=True)
    kpi_value = fields.Float(string="Measured", digits=(16, 1), readonly=True)
    kpi_target = fields.Float(string="Target", digits=(16, 1), readonly=True)
    sample_size = fields.Integer(readonly=True)
    owner_id = fields.Many2one(
        "res.users",
        tracking=True,
        help="The team leader, who plans and follows the actions.",
    )
    analysis = fields.Text(string="Causes")
    action_ids = fields.One2many(
        "aftersales.correction.action", "plan_id", string="Actions"
    )
    review_result = fields.Text(tracking=True)
    review_date = fields.Date(readonly=True)
    state = fields.Selection(
        STATES, default="open", required=True, readonly=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _plan_uniq = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (team_id, user_id, kpi, date_from, period)",
        "There is already a correction plan for this team, agent, KPI and period.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("team_id", "user_id", "kpi", "date_from", "period")
    def _compute_name(self):
        kpis = dict(self._fields["kpi"]._description_selection(self.env))
        for plan in self:
            who = plan.user_id.name or plan.team_id.name or ""
            period = (
                f"{plan.date_from.year} Q{(plan.date_from.month - 1) // 3 + 1}"
                if plan.period == "quarter" and plan.date_from
                else plan.date_from and plan.date_from.strftime("%Y-%m")
            )
            plan.name = f"{who} - {period or ''} - {kpis.get(plan.kpi, '')}"

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if "state" in vals and not self.env.context.get(STATE_KEY):
            raise UserError(
                self.env._(
                    "The state of a correction plan changes through its buttons."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_start(self):
        for plan in self:
            if plan.state != "open":
                raise UserError(self.env._("Only an open plan can be started."))
            if not plan.action_ids:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s has no actions: add the corrective actions, "
                        "with an owner and a due date, before starting it.",
                        plan=plan.display_name,
                    )
                )
        self.with_context(**{STATE_KEY: True}).write({"state": "in_progress"})

    def action_review(self):
        for plan in self:
            if plan.state != "in_progress":
                raise UserError(self.env._("Only a plan in progress can be reviewed."))
            if not (plan.review_result or "").strip():
                raise UserError(
                    self.env._(
                        "Write the review result of plan %(plan)s before closing it.",
                        plan=plan.display_name,
                    )
                )
        self.with_context(**{STATE_KEY: True}).write(
            {"state": "done", "review_date": fields.Date.context_today(self)}
        )
        self.activity_ids.action_feedback(feedback=self.env._("Plan reviewed."))

    def action_cancel(self):
        self.with_context(**{STATE_KEY: True}).write({"state": "cancelled"})
        self.activity_ids.unlink()

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _cron_open_plans(self):
        """Run on the first day of a month: judge the month that ended and,
        after a quarter's last month, the quarter."""
        today = fields.Date.context_today(self)
        first = today.replace(day=1)
        last_month = first - relativedelta(months=1)
        plans = self._open_plans(last_month, first - timedelta(days=1), "month")
        if first.month in (1, 4, 7, 10):
            plans |= self._open_plans(
                first - relativedelta(months=3), first - timedelta(days=1), "quarter"
            )
        return plans

    @api.model
    def _get_kpi_values(self, kpi, date_from, date_to, company):
        """{(team, agent or empty user): (value, sample)} of the company's
        requests over the dates (UTC days), per team and per agent.

        - satisfaction: satisfied answers / answers x 100, on the requests
          whose survey was answered in the period;
        - response_time: average hours from the request's reception to the
          staff's first reply, on the requests received in the period that
          were answered.
        One grouped query per KPI."""
        start = datetime.combine(date_from, time.min)
        end = datetime.combine(date_to + timedelta(days=1), time.min)
        Ticket = self.env["helpdesk.ticket"].sudo()
        company_domain = Domain("company_id", "=", company.id) & Domain(
            "team_id", "!=", False
        )
        stats = {}
        if kpi == "satisfaction":
            rows = Ticket._read_group(
                company_domain
                & Domain("satisfaction_state", "=", "answered")
                & Domain("satisfaction_answered_date", ">=", start)
                & Domain("satisfaction_answered_date", "<", end),
                ["team_id", "user_id", "satisfaction_satisfied"],
                ["__count"],
            )
            for team, user, satisfied, count in rows:
                # the team's figure, and the agent's
                for key in {(team, user.browse()), (team, user)}:
                    stat = stats.setdefault(key, [0, 0])
                    stat[1] += count
                    if satisfied:
                        stat[0] += count
            return {
                key: (100.0 * good / total, total)
                for key, (good, total) in stats.items()
                if total
            }
        tickets = Ticket.search_fetch(
            company_domain
            & Domain("sla_received_date", ">=", start)
            & Domain("sla_received_date", "<", end)
            & Domain("first_reply_date", "!=", False),
            ["team_id", "user_id", "sla_received_date", "first_reply_date"],
        )
        for ticket in tickets:
            hours = (
                ticket.first_reply_date - ticket.sla_received_date
            ).total_seconds() / 3600.0
            team, user = ticket.team_id, ticket.user_id
            for key in {(team, user.browse()), (team, user)}:
                stat = stats.setdefault(key, [0.0, 0])
                stat[0] += hours
                stat[1] += 1
        return {key: (total / count, count) for key, (total, count) in stats.items()}

    @api.model
    def _is_below_target(self, kpi, value, company):
        if kpi == "satisfaction":
            return value < company.aftersales_target_satisfaction
        return value > company.aftersales_target_response_hours

    @api.model
    def _get_target(self, kpi, company):
        if kpi == "satisfaction":
            return company.aftersales_target_satisfaction
        return company.aftersales_target_response_hours

    @api.model
    def _open_plans(self, date_from, date_to, period, companies=None):
        """Open a plan for each team and agent whose KPI missed its target
        over the period on a large enough sample (once per team, agent, KPI
        and period), with activities for the team leader and the manager."""
        companies = companies or self.env["res.company"].search(
            [("id", "in", self.env.companies.ids)]
        )
        existing = {
            (plan.team_id, plan.user_id, plan.kpi)
            for plan in self.sudo().search(
                [("date_from", "=", date_from), ("period", "=", period)]
            )
        }
        vals_list = []
        for company in companies:
            for kpi, _label in KPIS:
                values = self._get_kpi_values(kpi, date_from, date_to, company)
                for (team, user), (value, sample) in sorted(
                    values.items(), key=lambda item: (item[0][0].id, item[0][1].id)
                ):
                    if (
                        sample < company.aftersales_correction_min_sample
                        or (team, user, kpi) in existing
                        or not self._is_below_target(kpi, value, company)
                    ):
                        continue
                    vals_list.append(
                        self._prepare_plan_vals(
                            team, user, kpi, value, sample, date_from, date_to, period
                        )
                        | {"company_id": company.id}
                    )
        plans = self.sudo().create(vals_list)
        plans._schedule_activities()
        return plans

    @api.model
    def _prepare_plan_vals(
        self, team, user, kpi, value, sample, date_from, date_to, period
    ):
        return {
            "team_id": team.id,
            "user_id": user.id,
            "kpi": kpi,
            "kpi_value": value,
            "kpi_target": self._get_target(kpi, team.company_id or self.env.company),
            "sample_size": sample,
            "date_from": date_from,
            "date_to": date_to,
            "period": period,
            "owner_id": team.user_id.id,
        }

    def _schedule_activities(self):
        deadline = fields.Date.context_today(self) + timedelta(days=7)
        for plan in self:
            manager = plan.company_id.aftersales_service_manager_id
            for user in (plan.owner_id | manager).filtered("active"):
                plan.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=deadline,
                    user_id=user.id,
                    summary=self.env._("Correction plan: plan the actions"),
                    note=self.env._(
                        "%(plan)s: %(value).1f measured for a target of "
                        "%(target).1f over %(sample)s requests.",
                        plan=plan.display_name,
                        value=plan.kpi_value,
                        target=plan.kpi_target,
                        sample=plan.sample_size,
                    ),
                )
