# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.selections import TARGET_TYPES
from ..tools.worktime import WorkTime


class AftersalesSlaPolicyTarget(models.Model):
    """One promise of a policy: an event to reach within a working time.

    Extension point: a flow that completes a new kind of target adds its
    value with ``selection_add`` on ``target_type`` (and ``start_event``) and
    maps it to the ticket field it writes in ``_get_event_fields``.
    """

    _name = "aftersales.sla.policy.target"
    _description = "After-Sales SLA Target"
    _order = "policy_id, sequence, id"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    policy_id = fields.Many2one(
        "aftersales.sla.policy", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(translate=True, help="How the target is shown to the staff.")
    target_type = fields.Selection(
        TARGET_TYPES, string="Target", required=True, default="first_reply"
    )
    start_event = fields.Selection(
        [("creation", "Request Created")] + TARGET_TYPES,
        string="Clock Starts At",
        required=True,
        default="creation",
        help="The clock starts when the request is created or when another "
        "event happens (e.g. processed within 3 working days of the approval).",
    )
    duration = fields.Float(required=True, default=24.0)
    duration_unit = fields.Selection(
        [("hours", "Hours"), ("working_days", "Working Days")],
        string="Unit",
        required=True,
        default="hours",
    )
    calendar_mode = fields.Selection(
        [
            ("always", "24/7"),
            ("team", "Team Working Time"),
            ("company", "Company Working Time"),
            ("policy", "Specific Working Time"),
        ],
        string="Counted In",
        required=True,
        default="always",
        help="24/7 counts every hour; working time follows the calendar's "
        "hours, time zone and public holidays. The team's working time falls "
        "back to the company's when the team has none.",
    )
    resource_calendar_id = fields.Many2one("resource.calendar", string="Working Time")
    warning_percent = fields.Integer(
        string="Warning at (%)",
        default=50,
        help="An activity is given to the agent when this share of the time is used.",
    )
    critical_percent = fields.Integer(
        string="Escalate at (%)",
        default=75,
        help="An activity is given to the team leader when this share of the "
        "time is used.",
    )

    _duration_positive = models.Constraint(
        "CHECK(duration > 0)", "The duration of a target must be positive."
    )
    _percent_range = models.Constraint(
        "CHECK(warning_percent BETWEEN 0 AND 100"
        " AND critical_percent BETWEEN 0 AND 100)",
        "Warning thresholds are percentages between 0 and 100.",
    )

    # ------------------------------------------------------------------
    # Constrains
    # ------------------------------------------------------------------
    @api.constrains("duration_unit", "calendar_mode", "resource_calendar_id")
    def _check_calendar(self):
        for target in self:
            if (
                target.duration_unit == "working_days"
                and target.calendar_mode == "always"
            ):
                raise ValidationError(
                    self.env._(
                        "Target %(target)s counts working days: choose a working "
                        "time to count them in.",
                        target=target.display_name,
                    )
                )
            if target.calendar_mode == "policy" and not target.resource_calendar_id:
                raise ValidationError(
                    self.env._(
                        "Choose the working time of target %(target)s.",
                        target=target.display_name,
                    )
                )

    @api.depends("name", "target_type")
    def _compute_display_name(self):
        labels = dict(self._fields["target_type"]._description_selection(self.env))
        for target in self:
            target.display_name = target.name or labels.get(target.target_type)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _get_event_fields(self):
        """Registry: target type or start event → ticket field holding the
        moment it happened. Override to plug a new flow in. A clock starting
        at the request's creation starts when the request was received, even
        when its target applies later (a kind set at triage)."""
        return {
            "creation": "sla_received_date",
            "acknowledged": "assigned_date",
            "first_reply": "first_reply_date",
            "visit_scheduled": "visit_scheduled_date",
            "return_reviewed": "return_reviewed_date",
            "plan_proposed": "plan_proposed_date",
            "plan_confirmed": "plan_confirmed_date",
            "resolved": "resolved_date",
            "followed_up": "followup_date",
        }

    def _get_calendar(self, ticket):
        """The working calendar counting this target for ``ticket``; an empty
        recordset means 24/7."""
        self.ensure_one()
        if self.calendar_mode == "team" and ticket.team_id.resource_calendar_id:
            return ticket.team_id.resource_calendar_id
        if self.calendar_mode in ("team", "company"):
            return (
                ticket.company_id.resource_calendar_id
                or self.env.company.resource_calendar_id
            )
        if self.calendar_mode == "policy":
            return self.resource_calendar_id
        return self.env["resource.calendar"]

    def _get_duration_hours(self, calendar):
        """Working hours to consume (working days use the calendar's day length)."""
        self.ensure_one()
        if self.duration_unit == "working_days":
            return WorkTime.working_days_hours(calendar, self.duration)
        return self.duration

    def _prepare_line_vals(self, ticket, now, event_fields, line=None, restart=False):
        """Values of the SLA line of this target on ``ticket``: a new line, or
        the update of the existing ``line`` of the same target type. A new
        line counted from the creation starts at the request's reception,
        whenever the target comes to apply (the kind set at triage, a priority
        raised), or at ``now`` with ``restart`` (fresh clocks of a reopened
        request)."""
        self.ensure_one()
        calendar = self._get_calendar(ticket)
        vals = {
            "policy_id": self.policy_id.id,
            "target_id": self.id,
            "name": self.display_name,
            "sequence": self.sequence,
            "resource_calendar_id": calendar.id,
            "duration_hours": self._get_duration_hours(calendar),
            "warning_percent": self.warning_percent,
            "critical_percent": self.critical_percent,
        }
        if line:
            if line.state == "pending":
                # not started yet: it takes the new start event
                vals["start_event"] = self.start_event
            return vals
        start = ticket[event_fields[self.start_event]]
        if self.start_event == "creation":
            start = now if restart else min(start or now, now)
        vals.update(
            ticket_id=ticket.id,
            target_type=self.target_type,
            start_event=self.start_event,
            state="running" if start else "pending",
            start_date=start,
            resume_date=start,
        )
        return vals
