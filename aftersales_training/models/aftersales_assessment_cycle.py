# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import float_compare


class AftersalesAssessmentCycle(models.Model):
    """Quarterly assessment (季度考核): theory exam, practical assessment and
    customer evaluation, weighted into a ranked total."""

    _name = "aftersales.assessment.cycle"
    _description = "Assessment Cycle"
    _inherit = "mail.thread"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    # Fields
    name = fields.Char(required=True, translate=True, tracking=True)
    date_from = fields.Date(required=True, tracking=True)
    date_to = fields.Date(required=True, tracking=True)
    team_ids = fields.Many2many(
        "helpdesk.ticket.team", string="Teams", check_company=True
    )
    theory_survey_id = fields.Many2one(
        "survey.survey",
        string="Theory Exam",
        help="Certification whose best score in the cycle is the theory score.",
    )
    practical_survey_id = fields.Many2one(
        "survey.survey",
        string="Practical Rubric",
        help="Scored survey examiners fill in about the assessed person.",
    )
    weight_theory = fields.Float("Theory Weight (%)", default=40.0)
    weight_practical = fields.Float("Practical Weight (%)", default=30.0)
    weight_customer = fields.Float("Customer Evaluation Weight (%)", default=30.0)
    pass_theory = fields.Float("Theory Pass Mark", default=60.0)
    pass_practical = fields.Float("Practical Pass Mark", default=60.0)
    pass_customer = fields.Float("Customer Evaluation Pass Mark", default=60.0)
    benchmark_count = fields.Integer(
        "Service Benchmarks",
        default=1,
        help="How many of the best passed people are named service benchmarks.",
    )
    line_ids = fields.One2many(
        "aftersales.assessment.line", "cycle_id", string="Results", copy=False
    )
    state = fields.Selection(
        [("draft", "Draft"), ("open", "In Progress"), ("done", "Closed")],
        default="draft",
        required=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    # Constrains
    @api.constrains("weight_theory", "weight_practical", "weight_customer")
    def _check_weights(self):
        for cycle in self:
            weights = (
                cycle.weight_theory,
                cycle.weight_practical,
                cycle.weight_customer,
            )
            total = sum(weights)
            if min(weights) < 0 or float_compare(total, 100.0, precision_digits=2):
                raise ValidationError(
                    self.env._(
                        "The weights of theory, practical and customer evaluation "
                        "must be positive and add up to 100%% (they add up to "
                        "%(total)s%%).",
                        total=round(total, 2),
                    )
                )

    @api.constrains("date_from", "date_to", "benchmark_count")
    def _check_dates(self):
        for cycle in self:
            if cycle.date_to < cycle.date_from:
                raise ValidationError(
                    self.env._("An assessment cycle cannot end before it starts.")
                )
            if cycle.benchmark_count < 0:
                raise ValidationError(
                    self.env._("The number of service benchmarks cannot be negative.")
                )

    # Actions
    def action_open(self):
        self._generate_lines()
        self.state = "open"

    def action_load_scores(self):
        self._load_scores()

    def action_close(self):
        self.state = "done"

    # Business methods
    def _get_assessed_domain(self):
        self.ensure_one()
        users = self.team_ids.user_ids
        return Domain("user_id", "in", users.ids) & Domain(
            "company_id", "=", self.company_id.id
        )

    def _generate_lines(self):
        vals_list = []
        for cycle in self.filtered("team_ids"):
            employees = self.env["hr.employee"].search(cycle._get_assessed_domain())
            vals_list += [
                {"cycle_id": cycle.id, "employee_id": employee.id}
                for employee in employees - cycle.line_ids.employee_id
            ]
        return self.env["aftersales.assessment.line"].create(vals_list)

    def _get_survey_scores(self, survey, field_name, values):
        """Best done score in ``survey`` over the cycle of the answers whose
        ``field_name`` (partner or assessed employee) is in ``values``, as
        {record of field_name: score}."""
        self.ensure_one()
        if not survey:
            return {}
        return dict(
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                Domain("survey_id", "=", survey.id)
                & Domain("state", "=", "done")
                & Domain("test_entry", "=", False)
                & Domain("end_datetime", ">=", self.date_from)
                & Domain("end_datetime", "<", fields.Date.add(self.date_to, days=1))
                & Domain(field_name, "in", values.ids),
                [field_name],
                ["scoring_percentage:max"],
            )
        )

    def _get_customer_evaluation_scores(self, employees, date_from, date_to):
        """Link point to the service addon's customer satisfaction.

        Return {employee id: score 0-100} for the customer evaluation of the
        requests the employees handled (``helpdesk.ticket.user_id``) whose
        satisfaction survey was answered, by the customer or on the follow-up
        call, between the dates (UTC days): the average overall score (1-5)
        x 20, rounded to 2 decimals. Employees without answers are left out
        (their score stays as entered). One grouped query.
        """
        users = employees.user_id
        if not users:
            return {}
        domain = (
            Domain("satisfaction_state", "=", "answered")
            & Domain("user_id", "in", users.ids)
            & Domain("satisfaction_answered_date", ">=", date_from)
            & Domain(
                "satisfaction_answered_date", "<", fields.Date.add(date_to, days=1)
            )
        )
        if self.company_id:
            domain &= Domain("company_id", "in", self.company_id.ids)
        averages = dict(
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(domain, ["user_id"], ["satisfaction_score:avg"])
        )
        return {
            employee.id: round(averages[employee.user_id] * 20.0, 2)
            for employee in employees
            if employee.user_id in averages
        }

    def _load_scores(self):
        """Fill the theory, practical and customer scores from the surveys and
        the customer evaluation hook; a fixed number of queries per cycle."""
        for cycle in self:
            lines = cycle.line_ids
            employees = lines.employee_id
            theory = cycle._get_survey_scores(
                cycle.theory_survey_id,
                "partner_id",
                employees.user_id.partner_id,
            )
            practical = cycle._get_survey_scores(
                cycle.practical_survey_id,
                "aftersales_assessed_employee_id",
                employees,
            )
            customer = cycle._get_customer_evaluation_scores(
                employees, cycle.date_from, cycle.date_to
            )
            for line in lines:
                vals = {}
                partner = line.employee_id.user_id.partner_id
                if partner in theory:
                    vals["theory_score"] = theory[partner]
                if line.employee_id in practical:
                    vals["practical_score"] = practical[line.employee_id]
                if line.employee_id.id in customer and not line.customer_score_manual:
                    vals["customer_score"] = customer[line.employee_id.id]
                if vals:
                    line.write(vals)
