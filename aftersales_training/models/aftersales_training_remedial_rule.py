# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from pytz import utc

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

KPIS = [
    ("satisfaction", "Customer satisfaction"),
    ("sla_response", "SLA response compliance"),
]
PERIODS = [("month", "Monthly"), ("quarter", "Quarterly")]
PERIOD_MONTHS = {"month": 1, "quarter": 3}


class AftersalesTrainingRemedialRule(models.Model):
    """Retrain the people whose service KPI misses its target (R40)."""

    _name = "aftersales.training.remedial.rule"
    _description = "Remedial Training Rule"
    _inherit = "mail.thread"
    _order = "name"
    _check_company_auto = True

    # Fields
    name = fields.Char(required=True, translate=True, tracking=True)
    kpi = fields.Selection(
        KPIS,
        "KPI",
        required=True,
        default="sla_response",
        help="SLA response compliance: share of the acknowledgement and first "
        "reply targets of the person's requests that were met in time, among "
        "those met or breached in the period. Customer satisfaction: share "
        "of the satisfied answers (4 or 5 out of 5) among the satisfaction "
        "surveys answered in the period on the person's requests.",
    )
    threshold = fields.Float(
        "Threshold (%)",
        default=85.0,
        tracking=True,
        help="People whose KPI is below this value get the course.",
    )
    min_sample = fields.Integer(
        "Minimum Sample",
        default=5,
        tracking=True,
        help="Measures a person must have in the period for the rule to judge "
        "them (for SLA response: targets met or breached).",
    )
    period = fields.Selection(
        PERIODS,
        required=True,
        default="month",
        tracking=True,
        help="Period whose KPI the rule judges. The daily job judges each period "
        "once it is over, on the company's calendar days.",
    )
    date_last_judged = fields.Date(
        "Last Period Judged",
        readonly=True,
        copy=False,
        help="End of the last period the rule judged.",
    )
    team_ids = fields.Many2many(
        "helpdesk.ticket.team", string="Teams", check_company=True
    )
    course_id = fields.Many2one(
        "aftersales.training.course", required=True, check_company=True
    )
    due_days = fields.Integer("Due In (days)", default=30)
    assignment_ids = fields.One2many("aftersales.training.assignment", "rule_id")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    # Constrains
    @api.constrains("threshold", "min_sample", "due_days")
    def _check_values(self):
        for rule in self:
            if not 0 <= rule.threshold <= 100:
                raise ValidationError(
                    self.env._("A KPI threshold must be between 0 and 100%.")
                )
            if rule.min_sample < 0 or rule.due_days < 0:
                raise ValidationError(
                    self.env._(
                        "The minimum sample and the due days cannot be negative."
                    )
                )

    # Actions
    def action_apply_last_period(self):
        """Judge the last complete period of each rule (a month or a quarter,
        on the company's calendar days)."""
        for rule in self:
            rule._apply_period(*rule._get_last_period(rule._get_company_today()))

    # Business methods
    def _get_kpi_values(self, kpi, employees, date_from, date_to):
        """Link point to the service addon's KPIs.

        Return {employee id: (value in %, sample size)} of ``kpi`` ("satisfaction"
        or "sla_response") for the requests each employee handled between the
        dates; employees without data are left out.

        - ``sla_response``: SLA lines of the response targets (see
          ``_get_response_target_types``) on the requests assigned to the
          employee's user (``helpdesk.ticket.user_id``, as it is now) in the
          rule's company. A line counts in the period of its outcome: a *met*
          line on the day it was met (``met_date``), a *breached* line on the
          day its deadline passed (``deadline``), whether or not the event came
          later; days are those of the company's working time zone (UTC
          without one). Running, paused, pending and cancelled lines are not
          counted. Value = met lines / counted lines x 100, sample = counted
          lines. One grouped query for all the employees.
        - ``satisfaction``: the requests assigned to the employee's user in the
          rule's company whose satisfaction survey was answered (by the
          customer or on the follow-up call) in the period, counted on the day
          of the answer (``satisfaction_answered_date``, company time zone).
          Value = satisfied answers (4 or 5 out of 5) / answers x 100, sample
          = answers. One grouped query for all the employees.
        """
        if kpi == "sla_response":
            return self._get_sla_response_values(employees, date_from, date_to)
        if kpi == "satisfaction":
            return self._get_satisfaction_values(employees, date_from, date_to)
        return {}

    def _get_satisfaction_values(self, employees, date_from, date_to):
        users = employees.user_id
        if not users:
            return {}
        start, end = self._get_kpi_bounds(date_from, date_to)
        domain = Domain(
            [
                ("satisfaction_state", "=", "answered"),
                ("user_id", "in", users.ids),
                ("satisfaction_answered_date", ">=", start),
                ("satisfaction_answered_date", "<", end),
            ]
        )
        if self.company_id:
            domain &= Domain("company_id", "in", self.company_id.ids)
        # statistics of the company's requests, whoever runs the rule
        groups = (
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(domain, ["user_id", "satisfaction_satisfied"], ["__count"])
        )
        counts = {}
        for user, satisfied, count in groups:
            satisfied_total = counts.setdefault(user.id, [0, 0])
            satisfied_total[1] += count
            if satisfied:
                satisfied_total[0] += count
        values = {}
        for employee in employees:
            satisfied, total = counts.get(employee.user_id.id, (0, 0))
            if total:
                values[employee.id] = (100.0 * satisfied / total, total)
        return values

    @api.model
    def _get_response_target_types(self):
        """SLA target types measuring how fast the staff answer a request."""
        return ["acknowledged", "first_reply"]

    def _get_company_tz(self):
        return (self.company_id[:1] or self.env.company)._get_training_tz()

    def _get_company_today(self):
        """Today on the company's calendar: the rules' periods and due dates
        are the company's days, whoever runs the job."""
        return (self.company_id[:1] or self.env.company)._get_training_today()

    def _get_last_period(self, today):
        """(start, end) of the rule's last complete period before ``today``."""
        self.ensure_one()
        months = PERIOD_MONTHS[self.period]
        current = today.replace(month=(today.month - 1) // months * months + 1, day=1)
        return current - relativedelta(months=months), current - timedelta(days=1)

    def _get_kpi_bounds(self, date_from, date_to):
        """Naive UTC datetimes of the start of ``date_from`` and of the day
        after ``date_to`` in the company's working time zone."""
        tz = self._get_company_tz()
        return tuple(
            tz.localize(datetime.combine(day, time.min))
            .astimezone(utc)
            .replace(tzinfo=None)
            for day in (date_from, date_to + timedelta(days=1))
        )

    def _get_sla_response_values(self, employees, date_from, date_to):
        users = employees.user_id
        if not users:
            return {}
        start, end = self._get_kpi_bounds(date_from, date_to)
        domain = Domain(
            [
                ("target_type", "in", self._get_response_target_types()),
                ("ticket_id.user_id", "in", users.ids),
            ]
        ) & (
            Domain(
                [
                    ("state", "=", "met"),
                    ("met_date", ">=", start),
                    ("met_date", "<", end),
                ]
            )
            | Domain(
                [
                    ("state", "=", "breached"),
                    ("deadline", ">=", start),
                    ("deadline", "<", end),
                ]
            )
        )
        if self.company_id:
            domain &= Domain("ticket_id.company_id", "in", self.company_id.ids)
        # statistics of the company's requests, whoever runs the rule
        groups = (
            self.env["aftersales.sla.line"]
            .sudo()
            ._read_group(domain, ["ticket_id.user_id", "state"], ["__count"])
        )
        counts = {}
        for user, state, count in groups:
            met_total = counts.setdefault(user.id, [0, 0])
            met_total[1] += count
            if state == "met":
                met_total[0] += count
        values = {}
        for employee in employees:
            met, total = counts.get(employee.user_id.id, (0, 0))
            if total:
                values[employee.id] = (100.0 * met / total, total)
        return values

    def _get_employees(self):
        self.ensure_one()
        domain = Domain("company_id", "=", self.company_id.id)
        if self.team_ids:
            domain &= Domain("user_id", "in", self.team_ids.user_ids.ids)
        else:
            domain &= Domain("user_id", "!=", False)
        return self.env["hr.employee"].search(domain)

    def _prepare_assignment_vals(
        self, employee, value, sample, date_from, date_to, today
    ):
        self.ensure_one()
        return {
            "rule_id": self.id,
            "employee_id": employee.id,
            "course_id": self.course_id.id,
            "kpi": self.kpi,
            "kpi_value": value,
            "sample_size": sample,
            "date_from": date_from,
            "date_to": date_to,
            "date_due": today + timedelta(days=self.due_days),
            "company_id": self.company_id.id,
        }

    def _get_assigned(self, employees, date_from, date_to):
        """Ids of the employees already assigned for a period overlapping the
        dates, by this rule or by another one with the same course: a person
        gets a course once per period."""
        self.ensure_one()
        assignments = (
            self.env["aftersales.training.assignment"]
            .sudo()
            .search(
                Domain("employee_id", "in", employees.ids)
                & Domain("date_from", "<=", date_to)
                & Domain("date_to", ">=", date_from)
                & (
                    Domain("rule_id", "=", self.id)
                    | Domain("course_id", "=", self.course_id.id)
                )
            )
        )
        return set(assignments.employee_id.ids)

    def _apply(self, date_from, date_to):
        """Assign the rule's course to everybody whose KPI over the dates is
        below the threshold on a large enough sample; once per period, person
        and course."""
        vals_list = []
        batch = set()
        for rule in self:
            today = rule._get_company_today()
            employees = rule._get_employees()
            values = rule._get_kpi_values(rule.kpi, employees, date_from, date_to)
            assigned = rule._get_assigned(employees, date_from, date_to)
            for employee in employees:
                if employee.id in assigned or (employee.id, rule.course_id.id) in batch:
                    continue
                value, sample = values.get(employee.id, (None, 0))
                if value is None or sample < rule.min_sample:
                    continue
                if value < rule.threshold:
                    vals_list.append(
                        rule._prepare_assignment_vals(
                            employee, value, sample, date_from, date_to, today
                        )
                    )
                    batch.add((employee.id, rule.course_id.id))
        return self.env["aftersales.training.assignment"].create(vals_list)

    def _apply_period(self, date_from, date_to):
        """Judge the period and remember it was judged."""
        assignments = self._apply(date_from, date_to)
        self.filtered(
            lambda r: not r.date_last_judged or r.date_last_judged < date_to
        ).date_last_judged = date_to
        return assignments

    @api.model
    def _cron_apply(self):
        """Judge each rule's last complete period once it is over."""
        for rule in self.search([("active", "=", True)]):
            date_from, date_to = rule._get_last_period(rule._get_company_today())
            if not rule.date_last_judged or rule.date_last_judged < date_to:
                rule._apply_period(date_from, date_to)
