# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

MANAGER_GROUP = "aftersales_training.group_training_manager"


class AftersalesTrainingRecord(models.Model):
    """What a person was trained on. Append-only: only training managers correct
    or delete a record, so the history behind coverage rates stays trustworthy."""

    _name = "aftersales.training.record"
    _description = "Training Record"
    _inherit = "mail.thread"
    _order = "date desc, id desc"
    _check_company_auto = True

    # Private attributes
    _key_fields = frozenset(
        {
            "employee_id",
            "course_id",
            "date",
            "hours",
            "score",
            "passed",
            "source",
            "session_id",
            "user_input_id",
        }
    )

    # Fields
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, check_company=True, tracking=True
    )
    user_id = fields.Many2one(related="employee_id.user_id", string="User")
    course_id = fields.Many2one(
        "aftersales.training.course",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    topic_id = fields.Many2one(related="course_id.topic_id", store=True, index=True)
    delivery_mode = fields.Selection(related="course_id.delivery_mode", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    hours = fields.Float(aggregator="sum", tracking=True)
    score = fields.Float(aggregator="avg", tracking=True)
    passed = fields.Boolean(default=True, tracking=True)
    source = fields.Selection(
        [
            ("session", "Training session"),
            ("certification", "Certification attempt"),
            ("external", "External training validated by a manager"),
        ],
        required=True,
        default="session",
        tracking=True,
    )
    session_id = fields.Many2one(
        "aftersales.training.session", index="btree_not_null", readonly=True
    )
    user_input_id = fields.Many2one(
        "survey.user_input",
        string="Certification Attempt",
        index="btree_not_null",
        readonly=True,
    )
    validated_by_id = fields.Many2one("res.users", readonly=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Evidence")
    note = fields.Text()
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        compute="_compute_team_id",
        store=True,
        index=True,
        help="Team the person was accountable to on the training date.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    # Constraints
    _user_input_uniq = models.Constraint(
        "UNIQUE(user_input_id)",
        "A certification attempt gives a single training record.",
    )
    _session_employee_uniq = models.Constraint(
        "UNIQUE(session_id, employee_id)",
        "A training session gives a single training record per attendee.",
    )

    # Computes
    @api.depends("employee_id", "date")
    def _compute_team_id(self):
        obligations = self.env["aftersales.training.obligation"].search(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("team_id", "!=", False),
            ]
        )
        by_employee = obligations.grouped("employee_id")
        for record in self:
            team = self.env["helpdesk.ticket.team"]
            for obligation in by_employee.get(record.employee_id, []):
                if obligation.date_from <= record.date <= obligation.date_to:
                    team = obligation.team_id
                    break
            record.team_id = team or record.employee_id.user_id.helpdesk_team_ids[:1]

    # Constrains
    @api.constrains("hours", "score")
    def _check_values(self):
        for record in self:
            if record.hours < 0:
                raise ValidationError(
                    self.env._(
                        "Training hours cannot be negative (%(hours)s for "
                        "%(employee)s): enter zero or more.",
                        hours=record.hours,
                        employee=record.employee_id.display_name,
                    )
                )
            if not 0 <= record.score <= 100:
                raise ValidationError(
                    self.env._(
                        "A training score must be between 0 and 100 (%(score)s for "
                        "%(employee)s).",
                        score=record.score,
                        employee=record.employee_id.display_name,
                    )
                )

    # CRUD
    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")
        is_manager = self.env.su or self.env.user.has_group(MANAGER_GROUP)
        if not self.env.su:
            self._check_not_own_training(
                self.env["hr.employee"].browse(
                    vals["employee_id"] for vals in vals_list if vals.get("employee_id")
                )
            )
        for vals in vals_list:
            if not self.env.su and vals.get("validated_by_id") not in (
                None,
                False,
                self.env.uid,
            ):
                raise UserError(
                    self.env._(
                        "A training record is validated by the user who records "
                        "it: you can't name another validator."
                    )
                )
            if vals.get("source") == "external":
                if not is_manager:
                    raise UserError(
                        self.env._(
                            "Only a training manager can record an external "
                            "training: send the certificate to your manager."
                        )
                    )
                vals.setdefault("validated_by_id", self.env.uid)
        records = super().create(vals_list)
        records._refresh_obligations()
        return records

    def write(self, vals):
        if not self.env.su:
            if "validated_by_id" in vals:
                raise UserError(
                    self.env._(
                        "Who validated a training record is set when it is "
                        "recorded and can't be changed."
                    )
                )
            self._check_not_own_training(
                self.employee_id | self.employee_id.browse(vals.get("employee_id"))
            )
        if (
            self._key_fields & set(vals)
            and not self.env.su
            and not self.env.user.has_group(MANAGER_GROUP)
        ):
            raise UserError(
                self.env._(
                    "Training records are append-only: only a training manager can "
                    "change who, what, when, hours, score or result."
                )
            )
        res = super().write(vals)
        if self._key_fields & set(vals):
            self._refresh_obligations()
        return res

    def unlink(self):
        employees = self.employee_id
        res = super().unlink()
        self.env["aftersales.training.obligation"].sudo()._refresh_for_employees(
            employees
        )
        return res

    # Business methods
    @api.model
    def _check_not_own_training(self, employees):
        """A record is evidence: the person trained never writes it."""
        if self.env.su:
            return
        own = employees.filtered(lambda e: e.user_id == self.env.user)
        if own:
            raise UserError(
                self.env._(
                    "You can't record or change your own training (%(employee)s): "
                    "another trainer or a training manager does it.",
                    employee=own[0].display_name,
                )
            )

    def _refresh_obligations(self):
        self.env["aftersales.training.obligation"].sudo()._refresh_for_employees(
            self.employee_id
        )
