# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class AftersalesTrainingRequirement(models.Model):
    """How much training a population needs per period (R38: at least two a year)."""

    _name = "aftersales.training.requirement"
    _description = "Training Requirement"
    _inherit = "mail.thread"
    _order = "name"
    _check_company_auto = True

    # Fields
    name = fields.Char(required=True, translate=True, tracking=True)
    scope = fields.Selection(
        [("team", "Service team"), ("department", "Department"), ("job", "Job")],
        required=True,
        default="team",
        tracking=True,
    )
    team_id = fields.Many2one("helpdesk.ticket.team", check_company=True, tracking=True)
    department_id = fields.Many2one("hr.department", check_company=True, tracking=True)
    job_id = fields.Many2one("hr.job", check_company=True, tracking=True)
    periodicity = fields.Selection(
        [("year", "Yearly"), ("quarter", "Quarterly")],
        required=True,
        default="year",
        tracking=True,
    )
    min_trainings = fields.Integer(
        "Minimum Trainings",
        default=2,
        required=True,
        tracking=True,
        help="Passed trainings each person needs per period.",
    )
    topic_ids = fields.Many2many(
        "aftersales.training.topic",
        string="Topic Pool",
        help="Trainings on these topics count; leave empty to count every topic.",
    )
    mandatory_course_ids = fields.Many2many(
        "aftersales.training.course",
        string="Mandatory Courses",
        check_company=True,
        help="Courses each person must pass in the period on top of the minimum.",
    )
    new_hire_grace_days = fields.Integer(
        "New-Hire Grace (days)",
        default=90,
        help="People hired during the period get at least this many days after "
        "their start date.",
    )
    reminder_days = fields.Integer(
        "Remind Before (days)",
        default=14,
        help="The person and their manager get an activity this many days before "
        "the due date.",
    )
    obligation_ids = fields.One2many("aftersales.training.obligation", "requirement_id")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    # Constrains
    @api.constrains("scope", "team_id", "department_id", "job_id", "min_trainings")
    def _check_scope(self):
        for requirement in self:
            target = {
                "team": requirement.team_id,
                "department": requirement.department_id,
                "job": requirement.job_id,
            }[requirement.scope]
            if not target:
                raise ValidationError(
                    self.env._(
                        "Requirement %(name)s applies to a %(scope)s: choose which.",
                        name=requirement.name,
                        scope=dict(
                            self._fields["scope"]._description_selection(self.env)
                        )[requirement.scope],
                    )
                )
            if requirement.min_trainings < 0 or requirement.new_hire_grace_days < 0:
                raise ValidationError(
                    self.env._(
                        "The minimum number of trainings and the grace days cannot "
                        "be negative."
                    )
                )

    # Actions
    def action_generate_obligations(self):
        self._generate_obligations(fields.Date.context_today(self))
        return self.action_view_obligations()

    def action_generate_obligations_on(self, day):
        """Generate the obligations of the period containing ``day`` (a date or
        an ISO string), e.g. to load a past period."""
        return self._generate_obligations(fields.Date.to_date(day)).ids

    def action_view_obligations(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_training.aftersales_training_obligation_action"
        )
        action["domain"] = [("requirement_id", "in", self.ids)]
        return action

    # Business methods
    def _get_period(self, day):
        """(start, end, name) of the requirement's period that contains ``day``."""
        self.ensure_one()
        if self.periodicity == "quarter":
            quarter = (day.month - 1) // 3
            start = date(day.year, quarter * 3 + 1, 1)
            end = start + relativedelta(months=3) - timedelta(days=1)
            return start, end, f"{day.year}-Q{quarter + 1}"
        return date(day.year, 1, 1), date(day.year, 12, 31), str(day.year)

    def _get_scope_domain(self):
        """Domain of the employees this requirement applies to now."""
        self.ensure_one()
        if self.scope == "team":
            domain = Domain("user_id", "in", self.team_id.user_ids.ids)
        elif self.scope == "department":
            domain = Domain("department_id", "child_of", self.department_id.id)
        else:
            domain = Domain("job_id", "=", self.job_id.id)
        return domain & Domain("company_id", "=", self.company_id.id)

    def _get_hire_dates(self, employees):
        """First contract start of each employee, {employee id: date}; people
        without a contract start date count as hired before any period."""
        groups = (
            self.env["hr.version"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("contract_date_start", "!=", False),
                ],
                ["employee_id"],
                ["contract_date_start:min"],
            )
        )
        return {employee.id: start for employee, start in groups}

    def _prepare_obligation_vals(self, employee, period, hire_date):
        self.ensure_one()
        start, end, name = period
        due = end
        if hire_date and hire_date > start:
            due = max(end, hire_date + timedelta(days=self.new_hire_grace_days))
        return {
            "requirement_id": self.id,
            "employee_id": employee.id,
            "period_name": name,
            "date_from": start,
            "date_to": end,
            "date_due": due,
            "hire_date": hire_date,
            "team_id": self.team_id.id if self.scope == "team" else False,
            "department_id": employee.department_id.id,
            "company_id": self.company_id.id,
        }

    def _generate_obligations(self, day):
        """Snapshot the population of the period containing ``day``.

        The first run of a period freezes everybody in scope; later runs only add
        people hired during the period, so a transfer doesn't rewrite the rate of
        the team the person left nor inflate the one they joined.
        """
        Obligation = self.env["aftersales.training.obligation"]
        # who is in scope and their department (held on the employee's version)
        # are HR data a training manager without HR rights may not read; the
        # obligations themselves are created with the user's rights
        Employee = self.env["hr.employee"].sudo()
        vals_list = []
        for requirement in self:
            period = requirement._get_period(day)
            employees = Employee.search(requirement._get_scope_domain())
            existing = Obligation.search(
                [
                    ("requirement_id", "=", requirement.id),
                    ("date_from", "=", period[0]),
                ]
            )
            hire_dates = requirement._get_hire_dates(employees)
            snapshot_taken = bool(existing)
            for employee in employees - existing.employee_id:
                hire_date = hire_dates.get(employee.id)
                if snapshot_taken and not (hire_date and hire_date >= period[0]):
                    continue
                vals_list.append(
                    requirement._prepare_obligation_vals(employee, period, hire_date)
                )
        return Obligation.create(vals_list)

    @api.model
    def _cron_generate_obligations(self):
        self.search([("active", "=", True)])._generate_obligations(
            fields.Date.context_today(self)
        )
