# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

STATES = [
    ("pending", "Pending"),
    ("compliant", "Compliant"),
    ("overdue", "Overdue"),
    ("exempt", "Exempt"),
]


class AftersalesTrainingObligation(models.Model):
    """One person's training obligation for one period of a requirement.

    The population is frozen when the period's obligations are generated: the
    team and department are copied, so later transfers keep past rates stable.
    """

    _name = "aftersales.training.obligation"
    _description = "Training Obligation"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "date_from desc, team_id, employee_id"
    _check_company_auto = True
    _rec_name = "employee_id"

    # Fields
    requirement_id = fields.Many2one(
        "aftersales.training.requirement",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, check_company=True
    )
    user_id = fields.Many2one(related="employee_id.user_id", string="User")
    period_name = fields.Char("Period", required=True, index=True)
    date_from = fields.Date("Period Start", required=True)
    date_to = fields.Date("Period End", required=True)
    date_due = fields.Date("Due Date", required=True)
    hire_date = fields.Date(readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", index=True, readonly=True)
    department_id = fields.Many2one("hr.department", index=True, readonly=True)
    required_count = fields.Integer(
        "Required Trainings",
        compute="_compute_required_count",
        store=True,
        readonly=False,
        precompute=True,
        aggregator="sum",
    )
    done_count = fields.Integer("Done Trainings", readonly=True, aggregator="sum")
    state = fields.Selection(
        STATES, required=True, default="pending", index=True, readonly=True
    )
    coverage_rate = fields.Float(
        "Coverage (%)",
        readonly=True,
        aggregator="avg",
        help="100 for a compliant person, 0 otherwise; its average over a group is "
        "the group's coverage rate (exempt people are left out of the report).",
    )
    exemption_reason = fields.Text(tracking=True)
    reminder_sent = fields.Boolean(readonly=True, copy=False)
    overdue_notified = fields.Boolean(readonly=True, copy=False)
    company_id = fields.Many2one("res.company", required=True, index=True)

    # Constraints
    _employee_period_uniq = models.Constraint(
        "UNIQUE(requirement_id, employee_id, date_from)",
        "A person has one obligation per requirement and period.",
    )

    # Computes
    @api.depends("requirement_id")
    def _compute_required_count(self):
        for obligation in self:
            obligation.required_count = obligation.requirement_id.min_trainings

    # Constrains
    @api.constrains("state", "exemption_reason")
    def _check_exemption_reason(self):
        for obligation in self:
            if obligation.state == "exempt" and not obligation.exemption_reason:
                raise ValidationError(
                    self.env._(
                        "Give the reason why %(employee)s is exempt.",
                        employee=obligation.employee_id.display_name,
                    )
                )

    # CRUD
    @api.model_create_multi
    def create(self, vals_list):
        obligations = super().create(vals_list)
        obligations._refresh_states()
        return obligations

    # Actions
    def action_exempt(self):
        if self.filtered(lambda o: not o.exemption_reason):
            raise UserError(
                self.env._("Fill in the exemption reason before exempting a person.")
            )
        self.write({"state": "exempt", "coverage_rate": 0.0})

    def action_cancel_exemption(self):
        self.write({"state": "pending"})
        self._refresh_states()

    def action_view_records(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_training.aftersales_training_record_action"
        )
        action["domain"] = [
            ("employee_id", "=", self.employee_id.id),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_due),
        ]
        action["context"] = {"default_employee_id": self.employee_id.id}
        return action

    # Business methods
    def _get_passed_trainings(self, employee_ids, date_from, date_to):
        """Passed trainings of the employees between the dates, as
        {employee id: [(date, course id, topic id)]}, in one query that reads
        plain values (no record per training)."""
        result = defaultdict(list)
        if not employee_ids:
            return result
        Record = self.env["aftersales.training.record"].sudo()
        query = Record._search(
            Domain("employee_id", "in", list(employee_ids))
            & Domain("passed", "=", True)
            & Domain("date", ">=", date_from)
            & Domain("date", "<=", date_to)
        )
        columns = [
            Record._field_to_sql(query.table, fname, query)
            for fname in ("employee_id", "date", "course_id", "topic_id")
        ]
        for employee_id, *training in self.env.execute_query(query.select(*columns)):
            result[employee_id].append(tuple(training))
        return result

    def _get_progress_rows(self):
        """The open obligations among ``self`` as plain value tuples (id, employee,
        requirement, start, due, required, done, state), in one query."""
        self.flush_model()
        query = self._search(
            Domain("id", "in", self.ids) & Domain("state", "!=", "exempt")
        )
        fnames = (
            "id",
            "employee_id",
            "requirement_id",
            "date_from",
            "date_due",
            "required_count",
            "done_count",
            "state",
        )
        return self.env.execute_query(
            query.select(*(self._field_to_sql(query.table, f, query) for f in fnames))
        )

    @api.model
    def _get_progress(self, row, trainings, today, rules):
        """(done count, new state) of one obligation row (see
        ``_get_progress_rows``) from its person's trainings; ``rules`` maps
        requirement ids to (topic pool, mandatory course ids)."""
        _id, _employee, requirement, start, due, required, _done, _state = row
        pool, mandatory = rules[requirement]
        in_window = [
            (course, topic) for day, course, topic in trainings if start <= day <= due
        ]
        courses = {course for course, topic in in_window if not pool or topic in pool}
        if len(courses) >= required and mandatory <= {
            course for course, _topic in in_window
        }:
            return len(courses), "compliant"
        return len(courses), "overdue" if today > due else "pending"

    def _evaluate_rows(self, rows, today, until=None):
        """[(row, done count, state)] of obligation rows (see
        ``_get_progress_rows``) judged on ``today``, counting the trainings
        passed up to ``until`` (every training of the window by default)."""
        if not rows:
            return []
        date_to = max(row[4] for row in rows)
        trainings = self._get_passed_trainings(
            {row[1] for row in rows},
            min(row[3] for row in rows),
            min(date_to, until) if until else date_to,
        )
        requirements = self.env["aftersales.training.requirement"].browse(
            {row[2] for row in rows}
        )
        rules = {
            requirement.id: (
                frozenset(requirement.topic_ids.ids),
                frozenset(requirement.mandatory_course_ids.ids),
            )
            for requirement in requirements
        }
        return [
            (row, *self._get_progress(row, trainings[row[1]], today, rules))
            for row in rows
        ]

    def _refresh_states(self, today=None):
        """Recount trainings and set the state of the obligations, set-based:
        a fixed number of queries reading plain values, then one write per
        distinct result."""
        today = today or fields.Date.context_today(self)
        by_values = defaultdict(list)
        for row, done, state in self._evaluate_rows(self._get_progress_rows(), today):
            if (done, state) != (row[6], row[7]):
                by_values[done, state].append(row[0])
        for (done, state), ids in by_values.items():
            self.browse(ids).write(
                {
                    "done_count": done,
                    "state": state,
                    "coverage_rate": 100.0 if state == "compliant" else 0.0,
                }
            )

    def _prepare_coverage_snapshot_vals(self, day, done, state):
        """Values of the obligation's frozen coverage at the end of ``day``."""
        self.ensure_one()
        return {
            "obligation_id": self.id,
            "requirement_id": self.requirement_id.id,
            "employee_id": self.employee_id.id,
            "team_id": self.team_id.id,
            "department_id": self.department_id.id,
            "period_name": self.period_name,
            "quarter_name": f"{day.year}-Q{(day.month - 1) // 3 + 1}",
            "date": day,
            "required_count": self.required_count,
            "done_count": done,
            "state": state,
            "coverage_rate": 100.0 if state == "compliant" else 0.0,
            "company_id": self.company_id.id,
        }

    def _get_coverage_snapshot_vals(self, day):
        """Snapshot values of the obligations as they stood at the end of
        ``day``: trainings passed up to that day, overdue when the due date
        is over; exempt people stay exempt. A fixed number of queries."""
        progress = {
            row[0]: (done, state)
            for row, done, state in self._evaluate_rows(
                self._get_progress_rows(), day + timedelta(days=1), until=day
            )
        }
        return [
            obligation._prepare_coverage_snapshot_vals(
                day, *progress.get(obligation.id, (obligation.done_count, "exempt"))
            )
            for obligation in self
        ]

    @api.model
    def _refresh_for_employees(self, employees):
        self.search(
            [("employee_id", "in", employees.ids), ("state", "!=", "exempt")]
        )._refresh_states()

    @api.model
    def _get_coverage(self, domain=None, groupby=("team_id", "period_name")):
        """Coverage rate against the 100% target, set-based.

        Returns {group key tuple: {"total", "compliant", "overdue", "rate"}} where
        exempt people are left out of the total.
        """
        domain = Domain(domain or Domain.TRUE) & Domain("state", "!=", "exempt")
        result = {}
        for *key, state, count in self._read_group(
            domain, [*groupby, "state"], ["__count"]
        ):
            line = result.setdefault(
                tuple(key), {"total": 0, "compliant": 0, "overdue": 0, "rate": 0.0}
            )
            line["total"] += count
            if state in ("compliant", "overdue"):
                line[state] += count
        for line in result.values():
            line["rate"] = round(100.0 * line["compliant"] / line["total"], 2)
        return result

    def _get_training_matrix(self):
        """Person × topic matrix of the obligations: for each employee and topic,
        "done", "required" (still missing) or "overdue"."""
        trainings = self._get_passed_trainings(
            set(self.employee_id.ids),
            min(self.mapped("date_from"), default=False),
            max(self.mapped("date_due"), default=False),
        )
        all_topics = self.env["aftersales.training.topic"].search(
            [("active", "=", True)]
        )
        matrix = defaultdict(dict)
        for obligation in self.filtered(lambda o: o.state != "exempt"):
            done_topics = {
                topic
                for day, _course, topic in trainings[obligation.employee_id.id]
                if obligation.date_from <= day <= obligation.date_due
            }
            cells = matrix[obligation.employee_id]
            for topic in obligation.requirement_id.topic_ids or all_topics:
                if topic.id in done_topics:
                    cells[topic] = "done"
                elif obligation.state in ("pending", "overdue"):
                    cells.setdefault(
                        topic,
                        "overdue" if obligation.state == "overdue" else "required",
                    )
        return dict(matrix)

    def _get_notified_users(self):
        """The person and their manager, when they have an Odoo login."""
        self.ensure_one()
        return self.employee_id.user_id | self.employee_id.parent_id.user_id

    def _prepare_activity_vals(self, user, summary, deadline):
        self.ensure_one()
        return {
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            "user_id": user.id,
            "summary": summary,
            "date_deadline": deadline,
        }

    @api.model
    def _cron_notify(self, today=None):
        """Refresh open obligations, then remind before the due date and warn
        once overdue: a fixed number of queries and one activity create."""
        today = today or fields.Date.context_today(self)
        open_obligations = self.search([("state", "in", ("pending", "overdue"))])
        open_obligations._refresh_states(today)
        to_remind = open_obligations.filtered(
            lambda o: (
                o.state == "pending"
                and not o.reminder_sent
                and o.date_due - timedelta(days=o.requirement_id.reminder_days) <= today
            )
        )
        to_warn = open_obligations.filtered(
            lambda o: o.state == "overdue" and not o.overdue_notified
        )
        vals_list = []
        for obligation in to_remind:
            summary = self.env._(
                "Training due on %(date)s: %(done)s of %(required)s done",
                date=obligation.date_due,
                done=obligation.done_count,
                required=obligation.required_count,
            )
            vals_list += [
                obligation._prepare_activity_vals(user, summary, obligation.date_due)
                for user in obligation._get_notified_users()
            ]
        for obligation in to_warn:
            summary = self.env._(
                "Training overdue since %(date)s: %(done)s of %(required)s done",
                date=obligation.date_due,
                done=obligation.done_count,
                required=obligation.required_count,
            )
            vals_list += [
                obligation._prepare_activity_vals(user, summary, today)
                for user in obligation._get_notified_users()
            ]
        self.env["mail.activity"].sudo().create(vals_list)
        to_remind.write({"reminder_sent": True})
        to_warn.write({"overdue_notified": True})
