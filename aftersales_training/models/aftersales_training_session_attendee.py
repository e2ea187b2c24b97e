# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import functools

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AftersalesTrainingSessionAttendee(models.Model):
    _name = "aftersales.training.session.attendee"
    _description = "Training Session Attendee"
    _order = "session_id, employee_id"
    _check_company_auto = True

    # Fields
    session_id = fields.Many2one(
        "aftersales.training.session", required=True, index=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, check_company=True
    )
    attended = fields.Boolean(default=True)
    score = fields.Float(help="Result of the session's test, from 0 to 100.")
    passed = fields.Boolean(default=True)
    note = fields.Char()
    company_id = fields.Many2one(related="session_id.company_id", store=True)

    # Constrains
    @api.constrains("session_id", "employee_id")
    def _check_unique_employee(self):
        groups = self._read_group(
            [("session_id", "in", self.session_id.ids)],
            ["session_id", "employee_id"],
            having=[("__count", ">", 1)],
        )
        if groups:
            session, employee = groups[0]
            raise ValidationError(
                self.env._(
                    "%(employee)s is listed twice in session %(session)s: "
                    "remove the duplicate line.",
                    employee=employee.display_name,
                    session=session.display_name,
                )
            )

    @api.constrains("score")
    def _check_score(self):
        for attendee in self:
            if not 0 <= attendee.score <= 100:
                raise ValidationError(
                    self.env._(
                        "The score of %(employee)s must be between 0 and 100.",
                        employee=attendee.employee_id.display_name,
                    )
                )

    # CRUD
    @api.model_create_multi
    def create(self, vals_list):
        self.env["aftersales.training.session"].browse(
            {vals["session_id"] for vals in vals_list if vals.get("session_id")}
        )._check_draft()
        return super().create(vals_list)

    def write(self, vals):
        self.session_id._check_draft()
        if vals.get("session_id"):
            target = self.session_id.browse(vals["session_id"])
            target._check_draft()
            if not target.has_access("write"):
                raise target._trainer_access_error("attendee")
        return super().write(vals)

    def unlink(self):
        self.session_id._check_draft()
        return super().unlink()

    def _check_access(self, operation):
        """Attendee lines are changed by the session's trainer: say so instead
        of the generic refusal."""
        result = super()._check_access(operation)
        if (
            result
            and operation != "read"
            and self.env["ir.model.access"].check(
                self._name, operation, raise_exception=False
            )
            and not result[0]._check_access("read")
        ):
            forbidden = result[0]
            planning = self.env.context.get("training_session_planning")
            return forbidden, functools.partial(
                forbidden.session_id._trainer_access_error,
                "create" if planning else "attendee",
            )
        return result

    # Business methods
    def _prepare_record_vals(self):
        self.ensure_one()
        session = self.session_id
        return {
            "employee_id": self.employee_id.id,
            "course_id": session.course_id.id,
            "date": fields.Date.to_date(session.date_end),
            "hours": session.hours,
            "score": self.score,
            "passed": self.passed,
            "source": "session",
            "session_id": session.id,
            "company_id": session.company_id.id,
        }
