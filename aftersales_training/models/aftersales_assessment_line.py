# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class AftersalesAssessmentLine(models.Model):
    _name = "aftersales.assessment.line"
    _description = "Assessment Result"
    _order = "cycle_id desc, rank, id"
    _check_company_auto = True
    _rec_name = "employee_id"

    # Fields
    cycle_id = fields.Many2one(
        "aftersales.assessment.cycle", required=True, index=True, ondelete="cascade"
    )
    date_from = fields.Date(related="cycle_id.date_from", store=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, check_company=True
    )
    user_id = fields.Many2one(related="employee_id.user_id", string="User")
    theory_score = fields.Float(aggregator="avg")
    practical_score = fields.Float(aggregator="avg")
    customer_score = fields.Float(
        "Customer Evaluation",
        aggregator="avg",
        help="Loaded from the satisfaction of the requests the person handled "
        "in the cycle (average overall score x 20), unless set by hand.",
    )
    customer_score_manual = fields.Boolean(
        "Customer Evaluation Set by Hand",
        help="Keep the customer evaluation typed here: loading the scores "
        "does not replace it.",
    )
    total_score = fields.Float(
        compute="_compute_total_score", store=True, aggregator="avg"
    )
    passed = fields.Boolean(compute="_compute_total_score", store=True)
    rank = fields.Integer(compute="_compute_rank", store=True, aggregator=None)
    is_benchmark = fields.Boolean(
        "Service Benchmark", compute="_compute_rank", store=True
    )
    note = fields.Text()
    company_id = fields.Many2one(related="cycle_id.company_id", store=True)

    # Constraints
    _employee_cycle_uniq = models.Constraint(
        "UNIQUE(cycle_id, employee_id)",
        "A person has one result per assessment cycle.",
    )

    # Computes
    @api.depends(
        "theory_score",
        "practical_score",
        "customer_score",
        "cycle_id.weight_theory",
        "cycle_id.weight_practical",
        "cycle_id.weight_customer",
        "cycle_id.pass_theory",
        "cycle_id.pass_practical",
        "cycle_id.pass_customer",
    )
    def _compute_total_score(self):
        for line in self:
            cycle = line.cycle_id
            line.total_score = round(
                (
                    line.theory_score * cycle.weight_theory
                    + line.practical_score * cycle.weight_practical
                    + line.customer_score * cycle.weight_customer
                )
                / 100.0,
                2,
            )
            line.passed = (
                line.theory_score >= cycle.pass_theory
                and line.practical_score >= cycle.pass_practical
                and line.customer_score >= cycle.pass_customer
            )

    @api.depends("cycle_id.line_ids.total_score", "cycle_id.benchmark_count")
    def _compute_rank(self):
        for cycle in self.cycle_id:
            ranked = cycle.line_ids.sorted(
                lambda line: (-line.total_score, line.employee_id.name or "")
            )
            benchmarks = ranked.filtered("passed")[: cycle.benchmark_count]
            rank = 0
            previous = None
            for position, line in enumerate(ranked, start=1):
                if line.total_score != previous:
                    rank, previous = position, line.total_score
                line.rank = rank
                line.is_benchmark = line in benchmarks

    # Constrains
    @api.constrains("theory_score", "practical_score", "customer_score")
    def _check_scores(self):
        for line in self:
            scores = (line.theory_score, line.practical_score, line.customer_score)
            if not all(0 <= score <= 100 for score in scores):
                raise ValidationError(
                    self.env._(
                        "The assessment scores of %(employee)s must be between 0 "
                        "and 100.",
                        employee=line.employee_id.display_name,
                    )
                )

    # Actions
    def action_start_practical(self):
        """Open the cycle's practical rubric about this line's person, filled
        in by the current user as examiner (an unfinished answer of the same
        examiner about the same person is resumed)."""
        self.ensure_one()
        self.check_access("write")
        cycle = self.cycle_id
        survey = cycle.practical_survey_id
        if cycle.state != "open":
            raise UserError(
                self.env._(
                    "Assessment cycle %(cycle)s is not in progress: people are "
                    "assessed between its start and its closing.",
                    cycle=cycle.display_name,
                )
            )
        if not survey:
            raise UserError(
                self.env._(
                    "Choose the practical rubric of assessment cycle %(cycle)s "
                    "before assessing its people.",
                    cycle=cycle.display_name,
                )
            )
        if self.employee_id.user_id == self.env.user:
            raise UserError(
                self.env._(
                    "You cannot assess yourself: another examiner fills in your "
                    "practical rubric."
                )
            )
        answer = self.env["survey.user_input"].search(
            [
                ("survey_id", "=", survey.id),
                ("partner_id", "=", self.env.user.partner_id.id),
                ("aftersales_assessed_employee_id", "=", self.employee_id.id),
                ("state", "!=", "done"),
                ("test_entry", "=", False),
            ],
            limit=1,
        ) or survey._create_answer(
            user=self.env.user,
            check_attempts=False,
            aftersales_assessed_employee_id=self.employee_id.id,
        )
        return survey.action_start_survey(answer=answer)
