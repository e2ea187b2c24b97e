# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import functools

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class AftersalesTrainingSession(models.Model):
    _name = "aftersales.training.session"
    _description = "Training Session"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "date_start desc, id desc"
    _check_company_auto = True

    # Private attributes
    _frozen_fields = frozenset(
        {
            "course_id",
            "trainer_id",
            "date_start",
            "date_end",
            "hours",
            "attendee_ids",
            "company_id",
        }
    )

    # Fields
    name = fields.Char(required=True, tracking=True)
    course_id = fields.Many2one(
        "aftersales.training.course", required=True, check_company=True, tracking=True
    )
    topic_id = fields.Many2one(related="course_id.topic_id", store=True)
    delivery_mode = fields.Selection(related="course_id.delivery_mode", store=True)
    trainer_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    date_start = fields.Datetime(required=True, tracking=True)
    date_end = fields.Datetime(required=True, tracking=True)
    place = fields.Char()
    hours = fields.Float(
        compute="_compute_hours", store=True, readonly=False, precompute=True
    )
    attendee_ids = fields.One2many(
        "aftersales.training.session.attendee", "session_id", string="Attendees"
    )
    attendee_count = fields.Integer(compute="_compute_attendee_count")
    record_ids = fields.One2many("aftersales.training.record", "session_id")
    state = fields.Selection(
        [("draft", "Planned"), ("done", "Done"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    # Computes
    @api.depends("course_id")
    def _compute_hours(self):
        for session in self:
            session.hours = session.course_id.hours

    @api.depends("attendee_ids")
    def _compute_attendee_count(self):
        for session in self:
            session.attendee_count = len(session.attendee_ids)

    # Constrains
    @api.constrains("date_start", "date_end", "hours")
    def _check_dates(self):
        for session in self:
            if session.date_end < session.date_start:
                raise ValidationError(
                    self.env._("A training session cannot end before it starts.")
                )
            if session.hours < 0:
                raise ValidationError(
                    self.env._("Training hours cannot be negative: enter zero or more.")
                )

    # CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("state", "draft") != "draft" for vals in vals_list
        ):
            raise UserError(self._state_by_buttons_message())
        # Attendee lines planned with a session are refused as the session is
        return (
            super(
                AftersalesTrainingSession,
                self.with_context(training_session_planning=True),
            )
            .create(vals_list)
            .with_env(self.env)
        )

    def write(self, vals):
        if not self.env.su:
            self.check_access("write")
            if "state" in vals:
                raise UserError(self._state_by_buttons_message())
            if self._frozen_fields & set(vals):
                self._check_draft()
        res = super().write(vals)
        if "trainer_id" in vals and not self.env.su and not self.has_access("write"):
            raise AccessError(
                self.env._(
                    "Only a training manager can hand session %(session)s over "
                    "to another trainer.",
                    session=self[:1].display_name,
                )
            )
        return res

    def _check_access(self, operation):
        """A session the trainer reads in the schedule but may not change is
        another trainer's: say so instead of the generic refusal."""
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
            return forbidden, functools.partial(
                forbidden._trainer_access_error, operation
            )
        return result

    # Actions
    def action_done(self):
        """Close the sessions and write a training record per attendee present.
        The trainer does not create records: closing the session does, once."""
        if self.filtered(lambda s: s.state != "draft"):
            raise UserError(self.env._("Only planned sessions can be closed."))
        self.check_access("write")
        present = self.attendee_ids.filtered("attended")
        Record = self.env["aftersales.training.record"]
        Record._check_not_own_training(present.employee_id)
        Record.sudo().create([attendee._prepare_record_vals() for attendee in present])
        self.sudo().write({"state": "done"})

    def action_cancel(self):
        if self.filtered(lambda s: s.state == "done"):
            raise UserError(
                self.env._(
                    "A done session has training records: it can't be cancelled."
                )
            )
        self.check_access("write")
        self.sudo().write({"state": "cancel"})

    # Business methods
    def _state_by_buttons_message(self):
        return self.env._(
            "A training session is closed or cancelled only with its buttons, "
            "and a closed session can't be reopened: its training records are "
            "written once."
        )

    def _trainer_access_error(self, operation):
        """The refusal for a trainer acting on sessions they don't run;
        ``operation`` is "create", "write" or "unlink", or "attendee" for the
        attendee lines of the sessions."""
        session = self[:1]
        trainer = session.trainer_id.display_name
        if not trainer:
            message = self.env._(
                "Session %(session)s has no trainer: only a training manager "
                "can plan, change, close or cancel it.",
                session=session.display_name,
            )
        elif operation == "create":
            message = self.env._(
                "You plan a session only as its trainer: ask a training manager "
                "to plan session %(session)s for %(trainer)s.",
                session=session.display_name,
                trainer=trainer,
            )
        elif operation == "attendee":
            message = self.env._(
                "The attendees of session %(session)s are recorded by its "
                "trainer %(trainer)s or a training manager.",
                session=session.display_name,
                trainer=trainer,
            )
        else:
            message = self.env._(
                "Session %(session)s is run by %(trainer)s: only its trainer or a "
                "training manager can change, close or cancel it.",
                session=session.display_name,
                trainer=trainer,
            )
        return AccessError(message)

    def _check_draft(self):
        """What is on the training records of a closed session stays as it was."""
        if self.env.su:
            return
        closed = self.filtered(lambda s: s.state != "draft")
        if closed:
            raise UserError(
                self.env._(
                    "Session %(session)s is closed or cancelled: its course, "
                    "trainer, dates, hours and attendees can no longer change.",
                    session=closed[0].display_name,
                )
            )
