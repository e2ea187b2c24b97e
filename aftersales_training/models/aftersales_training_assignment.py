# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .aftersales_training_remedial_rule import KPIS


class AftersalesTrainingAssignment(models.Model):
    """A remedial course assigned to a person after a KPI miss."""

    _name = "aftersales.training.assignment"
    _description = "Remedial Training Assignment"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "date_due desc, id desc"
    _check_company_auto = True
    _rec_name = "employee_id"

    # Fields
    rule_id = fields.Many2one(
        "aftersales.training.remedial.rule", required=True, index=True, readonly=True
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, check_company=True, readonly=True
    )
    user_id = fields.Many2one(related="employee_id.user_id", string="User")
    course_id = fields.Many2one(
        "aftersales.training.course", required=True, check_company=True
    )
    kpi = fields.Selection(KPIS, "KPI", required=True, readonly=True)
    kpi_value = fields.Float("KPI Value (%)", readonly=True, aggregator="avg")
    sample_size = fields.Integer(readonly=True)
    date_from = fields.Date("Period Start", required=True, readonly=True)
    date_to = fields.Date("Period End", required=True, readonly=True)
    date_due = fields.Date("Due Date", required=True)
    record_id = fields.Many2one(
        "aftersales.training.record",
        string="Training Done",
        compute="_compute_record_id",
    )
    state = fields.Selection(
        [("assigned", "Assigned"), ("done", "Done"), ("overdue", "Overdue")],
        compute="_compute_record_id",
    )
    next_kpi_value = fields.Float(
        "Next Period KPI (%)",
        compute="_compute_next_kpi_value",
        help="The KPI over the period that follows, to see whether the training "
        "helped; empty until the service data gives a value.",
    )
    company_id = fields.Many2one("res.company", required=True)

    # Constraints
    _rule_employee_period_uniq = models.Constraint(
        "UNIQUE(rule_id, employee_id, date_from)",
        "A rule assigns its course once per period and person.",
    )

    # Computes
    def _compute_record_id(self):
        records = (
            self.env["aftersales.training.record"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", self.employee_id.ids),
                    ("course_id", "in", self.course_id.ids),
                    ("passed", "=", True),
                ],
                order="date",
            )
        )
        by_key = records.grouped(lambda r: (r.employee_id, r.course_id))
        today = fields.Date.context_today(self)
        for assignment in self:
            done = by_key.get(
                (assignment.employee_id, assignment.course_id),
                records.browse(),
            ).filtered(lambda r, a=assignment: r.date > a.date_to)[:1]
            assignment.record_id = done.with_env(self.env)
            if done:
                assignment.state = "done"
            elif assignment.date_due < today:
                assignment.state = "overdue"
            else:
                assignment.state = "assigned"

    @api.depends("kpi", "date_from", "date_to")
    def _compute_next_kpi_value(self):
        self.next_kpi_value = False
        for (rule, date_from, date_to), assignments in self.grouped(
            lambda a: (a.rule_id, a.date_from, a.date_to)
        ).items():
            next_from, next_to = self._get_next_period(date_from, date_to)
            values = rule._get_kpi_values(
                rule.kpi, assignments.employee_id, next_from, next_to
            )
            for assignment in assignments:
                value = values.get(assignment.employee_id.id)
                assignment.next_kpi_value = value[0] if value else False

    # CRUD
    @api.model_create_multi
    def create(self, vals_list):
        assignments = super().create(vals_list)
        assignments._schedule_activities()
        return assignments

    # Business methods
    @api.model
    def _get_next_period(self, date_from, date_to):
        """The period of the same number of calendar months that follows."""
        months = (date_to.year - date_from.year) * 12 + date_to.month - date_from.month
        next_from = date_to + timedelta(days=1)
        return next_from, next_from + relativedelta(months=months + 1, days=-1)

    def _schedule_activities(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for assignment in self.filtered("employee_id.user_id"):
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": assignment.id,
                    "activity_type_id": todo.id,
                    "user_id": assignment.employee_id.user_id.id,
                    "date_deadline": assignment.date_due,
                    "summary": self.env._(
                        "Remedial training: %(course)s",
                        course=assignment.course_id.display_name,
                    ),
                }
            )
        self.env["mail.activity"].sudo().create(vals_list)
