# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_datetime


class CalendarEvent(models.Model):
    """An on-site visit (上门服务) is a calendar event of the request: the
    technicians are its attendees and see it in their calendar; scheduling it
    meets the "visit scheduled" target and tells the customer."""

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
        events = super().create(vals_list)
        visits = events.filtered("aftersales_ticket_id")
        if visits:
            visits._aftersales_check_not_past()
            visits.aftersales_ticket_id._aftersales_sync_visit_date()
            visits._aftersales_notify_customer(changed=False)
        return events

    def write(self, vals):
        watched = {"start", "stop", "partner_ids", "allday", "start_date"}
        before = {
            event.id: (event.start, event.partner_ids)
            for event in self.filtered("aftersales_ticket_id")
        }
        res = super().write(vals)
        if watched.intersection(vals) or "aftersales_ticket_id" in vals:
            visits = self.filtered("aftersales_ticket_id")
            changed = visits.filtered(
                lambda e: e.id not in before or before[e.id] != (e.start, e.partner_ids)
            )
            if changed:
                changed._aftersales_check_not_past()
                changed.aftersales_ticket_id._aftersales_sync_visit_date()
                changed._aftersales_notify_customer(changed=True)
        return res

    def unlink(self):
        tickets = self.aftersales_ticket_id
        res = super().unlink()
        tickets.exists()._aftersales_sync_visit_date()
        return res

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
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
