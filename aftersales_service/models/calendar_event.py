# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date, format_datetime

VISIT_STATES = [
    ("scheduled", "Not Confirmed Yet"),
    ("confirmed", "Confirmed by the Customer"),
    ("move_requested", "Move Requested"),
]
# Written only by the customer's answers (as superuser once checked)
VISIT_ANSWER_FIELDS = {
    "aftersales_visit_state",
    "aftersales_confirmed_date",
    "aftersales_move_reason",
    "aftersales_move_date",
    "aftersales_move_alternative_date",
}


class CalendarEvent(models.Model):
    """An on-site visit (上门服务) is a calendar event of the request: the
    technicians are its attendees and see it in their calendar; scheduling it
    meets the "visit scheduled" target and tells the customer. The customer
    confirms it or asks to move it from the portal; moving it to another
    time asks for a new confirmation."""

    _inherit = "calendar.event"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    aftersales_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="After-Sales Request",
        index="btree_not_null",
        ondelete="cascade",
    )
    aftersales_technician_ids = fields.Many2many(
        "res.partner",
        string="Technicians",
        compute="_compute_aftersales_technician_ids",
    )
    aftersales_visit_state = fields.Selection(
        VISIT_STATES,
        string="Customer's Answer",
        readonly=True,
        copy=False,
        tracking=True,
        help="Whether the customer confirmed the visit or asked to move it "
        "(from their portal). Moving the visit asks for a new confirmation.",
    )
    aftersales_confirmed_date = fields.Datetime(
        string="Confirmed On", readonly=True, copy=False
    )
    aftersales_move_reason = fields.Text(
        string="Why Move It", readonly=True, copy=False
    )
    aftersales_move_date = fields.Date(
        string="Preferred Date", readonly=True, copy=False
    )
    aftersales_move_alternative_date = fields.Date(
        string="Other Possible Date", readonly=True, copy=False
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("partner_ids", "aftersales_ticket_id.partner_id")
    def _compute_aftersales_technician_ids(self):
        for event in self:
            customer = event.aftersales_ticket_id.partner_id
            event.aftersales_technician_ids = event.partner_ids.filtered(
                lambda p, customer=customer: p != customer and p.user_ids
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self.env.su and VISIT_ANSWER_FIELDS.intersection(vals):
                raise self._aftersales_answer_error()
        events = super().create(vals_list)
        visits = events.filtered("aftersales_ticket_id")
        if visits:
            visits.filtered(lambda v: not v.aftersales_visit_state).sudo().write(
                {"aftersales_visit_state": "scheduled"}
            )
            visits._aftersales_check_not_past()
            visits.aftersales_ticket_id._aftersales_sync_visit_date()
            visits._aftersales_notify_customer(changed=False)
        return events

    def write(self, vals):
        if not self.env.su and VISIT_ANSWER_FIELDS.intersection(vals):
            raise self._aftersales_answer_error()
        watched = {"start", "stop", "partner_ids", "allday", "start_date"}
        # the customer joining as attendee (confirmation) is no change of
        # the visit: only its time and technicians are
        before = {
            event.id: (event.start, event.aftersales_technician_ids)
            for event in self.filtered("aftersales_ticket_id")
        }
        res = super().write(vals)
        if watched.intersection(vals) or "aftersales_ticket_id" in vals:
            visits = self.filtered("aftersales_ticket_id")
            changed = visits.filtered(
                lambda e: (
                    e.id not in before
                    or before[e.id] != (e.start, e.aftersales_technician_ids)
                )
            )
            if changed:
                changed._aftersales_check_not_past()
                moved = changed.filtered(
                    lambda e: e.id in before and before[e.id][0] != e.start
                )
                moved._aftersales_reset_answer()
                moved._aftersales_close_move_activities()
                changed.aftersales_ticket_id._aftersales_sync_visit_date()
                changed._aftersales_notify_customer(changed=True)
        return res

    def unlink(self):
        tickets = self.aftersales_ticket_id
        res = super().unlink()
        tickets.exists()._aftersales_sync_visit_date()
        return res

    # ------------------------------------------------------------------
    # Business methods (the customer's answers, from the portal)
    # ------------------------------------------------------------------
    def _aftersales_portal_confirm(self):
        """The customer confirms the visit: their attendance is accepted and
        the request's conversation says so. Private (no RPC): the portal
        calls it once it checked the request's access."""
        for visit in self:
            visit._aftersales_check_answerable()
            if visit.aftersales_visit_state == "confirmed":
                raise UserError(
                    self.env._(
                        "You already confirmed the visit of %(when)s.",
                        when=visit._aftersales_when(),
                    )
                )
            attendee = visit._aftersales_customer_attendee()
            attendee.sudo().state = "accepted"
            visit.sudo().write(
                {
                    "aftersales_visit_state": "confirmed",
                    "aftersales_confirmed_date": fields.Datetime.now(),
                }
            )
            visit.aftersales_ticket_id._aftersales_portal_log(
                self.env._(
                    "The customer confirmed the visit of %(when)s.",
                    when=visit._aftersales_when(),
                )
            )
        return True

    def _aftersales_portal_request_move(self, reason, date, alternative=None):
        """The customer asks to move the visit: why, and the dates that suit
        them. The request's agent and the technicians get an activity."""
        today = fields.Date.context_today(self)
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Tell us why the visit has to move."))
        if not date:
            raise UserError(self.env._("Give at least one date that suits you."))
        for day in filter(None, (date, alternative)):
            if day <= today:
                raise UserError(
                    self.env._(
                        "Choose dates after today: %(date)s has passed or is today.",
                        date=format_date(self.env, day),
                    )
                )
        for visit in self:
            visit._aftersales_check_answerable()
            visit.sudo().write(
                {
                    "aftersales_visit_state": "move_requested",
                    "aftersales_move_reason": reason,
                    "aftersales_move_date": date,
                    "aftersales_move_alternative_date": alternative or False,
                }
            )
            attendee = visit.attendee_ids.filtered(
                lambda a, v=visit: a.partner_id == v.aftersales_ticket_id.partner_id
            )
            attendee.sudo().state = "declined"
            summary = visit._aftersales_move_summary()
            ticket = visit.aftersales_ticket_id
            ticket._aftersales_portal_log(summary, reason)
            for user in visit._aftersales_move_users():
                ticket.sudo().activity_schedule(
                    "aftersales_service.mail_activity_type_visit_move",
                    date_deadline=today,
                    summary=self.env._(
                        "Move the visit of %(when)s", when=visit._aftersales_when()
                    ),
                    note=summary + "\n" + reason,
                    user_id=user.id,
                    aftersales_visit_id=visit.id,
                )
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_answer_error(self):
        return AccessError(
            self.env._(
                "The customer's confirmation or move request of a visit is "
                "recorded from their portal only."
            )
        )

    def _aftersales_check_answerable(self):
        """Only an upcoming visit of a request still open can be answered."""
        self.ensure_one()
        ticket = self.aftersales_ticket_id
        if not ticket or not self.active:
            raise UserError(self.env._("This visit is not one of your request."))
        if self.start <= fields.Datetime.now():
            raise UserError(
                self.env._(
                    "The visit of %(when)s has already started or is over: it "
                    "can no longer be confirmed or moved here. Write to us in "
                    "the conversation below.",
                    when=self._aftersales_when(),
                )
            )
        if ticket.stage_id.closed or ticket.service_completed_date:
            raise UserError(
                self.env._(
                    "Request %(number)s is closed: its visits can no longer be "
                    "confirmed or moved.",
                    number=ticket.number,
                )
            )

    def _aftersales_customer_attendee(self):
        """The customer's attendance of the visit, added if the agent did not
        invite them. Not one of the event's partners, which are its
        technicians, and without calendar's invitation mail."""
        self.ensure_one()
        customer = self.aftersales_ticket_id.partner_id
        attendee = self.attendee_ids.filtered(lambda a: a.partner_id == customer)
        if not attendee:
            attendee = (
                self.env["calendar.attendee"]
                .sudo()
                .create({"event_id": self.id, "partner_id": customer.id})
            )
        return attendee

    def _aftersales_reset_answer(self):
        """A visit moved to another time needs a new confirmation."""
        answered = self.filtered(
            lambda e: e.aftersales_visit_state in ("confirmed", "move_requested")
        )
        if not answered:
            return
        answered.sudo().write(
            {
                "aftersales_visit_state": "scheduled",
                "aftersales_confirmed_date": False,
            }
        )
        for visit in answered:
            visit.attendee_ids.filtered(
                lambda a, v=visit: a.partner_id == v.aftersales_ticket_id.partner_id
            ).sudo().state = "needsAction"

    def _aftersales_close_move_activities(self):
        """The agent moved the visits: the customer's requests to move them
        are done (whoever was assigned to them)."""
        if not self:
            return
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("aftersales_visit_id", "in", self.ids),
                    (
                        "activity_type_id",
                        "=",
                        self.env.ref(
                            "aftersales_service.mail_activity_type_visit_move"
                        ).id,
                    ),
                ]
            )
        )
        for visit in self:
            visit_activities = activities.filtered(
                lambda a, v=visit: a.aftersales_visit_id == v
            )
            if visit_activities:
                visit_activities.action_feedback(
                    feedback=self.env._(
                        "The visit was moved to %(when)s.",
                        when=visit._aftersales_when(),
                    )
                )

    def _aftersales_move_users(self):
        """Who moves the visit: the request's agent and the technicians with
        a login of the company, or the visit's organizer."""
        self.ensure_one()
        technicians = self.sudo().aftersales_technician_ids.user_ids
        users = self.aftersales_ticket_id.user_id | technicians.filtered(
            lambda u: u._is_internal()
        )
        return users or self.user_id

    def _aftersales_move_summary(self):
        self.ensure_one()
        dates = [self.aftersales_move_date, self.aftersales_move_alternative_date]
        return self.env._(
            "The customer asks to move the visit of %(when)s. Dates that suit "
            "them: %(dates)s.",
            when=self._aftersales_when(),
            dates=", ".join(format_date(self.env, d) for d in dates if d),
        )

    def _aftersales_when(self):
        """The visit's start in words, in the time zone of the page the
        customer reads (``tz`` in the context), else the customer's own."""
        self.ensure_one()
        ticket = self.aftersales_ticket_id
        tz = (
            self.env.context.get("tz")
            or ticket.partner_id.tz
            or ticket.company_id.partner_id.tz
            or "UTC"
        )
        return format_datetime(self.env, self.start, tz=tz, dt_format="medium")

    def _aftersales_check_not_past(self):
        now = fields.Datetime.now()
        for event in self:
            if event.start < now:
                raise ValidationError(
                    self.env._(
                        "The visit %(visit)s starts in the past (%(start)s): "
                        "choose a date and time to come.",
                        visit=event.name,
                        start=format_datetime(self.env, event.start),
                    )
                )

    def _aftersales_notify_customer(self, changed):
        """Tells the customer the date, time and technicians of each visit,
        in their language and time zone."""
        for event in self:
            ticket = event.aftersales_ticket_id
            customer = ticket.partner_id
            if not customer:
                continue
            tz = customer.tz or event.user_id.tz or self.env.user.tz or "UTC"
            lang_env = ticket.with_context(lang=customer.lang or self.env.lang)
            when = format_datetime(
                lang_env.env, event.start, tz=tz, dt_format="medium", lang_code=None
            )
            lang_env.message_post_with_source(
                "aftersales_service.service_visit_message",
                render_values={
                    "visit": event,
                    "when": when,
                    "changed": changed,
                    "technicians": ", ".join(
                        event.aftersales_technician_ids.mapped("name")
                    ),
                },
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=customer.ids,
            )
