# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=consider-merging-classes-inherited
import random
from datetime import timedelta

from odoo import api, fields, models

from ..tools.worktime import WorkTime

# (category xml id, weight): the mix of the demo history
DEMO_KINDS = [
    ("kind_repair", 30),
    ("kind_return", 15),
    ("kind_replenishment", 5),
    ("kind_consultation", 20),
    ("kind_complaint_delay", 3),
    ("kind_complaint_damage", 2),
    ("kind_complaint_attitude", 2),
    ("kind_quality", 8),
    ("kind_technical", 15),
]
DEMO_CAUSES = [
    "cause_category_parts",
    "cause_category_customer",
    "cause_category_logistics",
    "cause_category_diagnosis",
    "cause_category_workload",
]


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    @api.model
    def _aftersales_demo_history(self, count=500, days=180, seed=16):
        """Six months of demo requests (deterministic: a seeded random), with
        first replies, resolutions, breaches, reopenings, complaints and
        compensations, dated before the install so that every report shows
        figures. Requests are created through the ORM (routing, priority,
        SLA clocks), then moved back in time with SQL."""
        rng = random.Random(seed)
        ref = self.env.ref
        kinds = [ref(f"aftersales_service.{xmlid}") for xmlid, _w in DEMO_KINDS]
        weights = [weight for _xmlid, weight in DEMO_KINDS]
        customers = ref("aftersales_service.demo_customer_key") | ref(
            "aftersales_service.demo_customer_vip"
        )
        customers |= self.env["res.partner"].create(
            [
                {"name": f"Demo Customer {i:02d}", "email": f"demo{i:02d}@example.com"}
                for i in range(1, 21)
            ]
        )
        channels = self.env["helpdesk.ticket.channel"].search([], limit=20)
        agents = ref("aftersales_service.demo_user_agent") | ref(
            "aftersales_service.demo_user_supervisor"
        )
        product = ref("aftersales_service.demo_product_dishwasher")
        causes = [ref(f"aftersales_service.{xmlid}") for xmlid in DEMO_CAUSES]
        plan = []
        for index in range(count):
            category = rng.choices(kinds, weights)[0]
            plan.append(
                {
                    "vals": {
                        "name": f"{category.name} #{index + 1}",
                        "description": "<p>Demo history</p>",
                        "category_id": category.id,
                        "partner_id": rng.choice(customers).id,
                        "channel_id": rng.choice(channels).id,
                        "user_id": rng.choice(agents).id,
                        "product_id": product.id
                        if category.aftersales_kind in ("repair", "quality")
                        else False,
                    },
                    "age": rng.uniform(0.5, days),
                    "reply": rng.choice([1, 2, 4, 8, 12, 20, 30, 50, 70])
                    if rng.random() < 0.9
                    else None,
                    "resolve": rng.uniform(4, 160),
                    "resolved": rng.random() < 0.85,
                    "reopened": rng.random() < 0.04,
                    "cause": rng.choice(causes),
                    "compensation": rng.choice([50, 100, 200, 300])
                    if rng.random() < 0.5
                    else 0,
                }
            )
        Ticket = self.with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrack=True
        )
        tickets = Ticket.create([row["vals"] for row in plan])
        self.env.flush_all()
        now = fields.Datetime.now()
        done = ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        in_progress = ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        worktime = WorkTime(self.env)
        ticket_rows, shifts = [], []
        for ticket, row in zip(tickets, plan, strict=True):
            received = now - timedelta(days=row["age"])
            reply = row["reply"] is not None and received + timedelta(
                hours=row["reply"]
            )
            resolved = received + timedelta(hours=row["resolve"])
            closed = row["resolved"] and resolved < now and not row["reopened"]
            calendar = ticket._analysis_calendar()
            ticket_rows.append(
                (
                    ticket.id,
                    received,
                    reply if reply and reply < now else None,
                    resolved if closed else None,
                    (done if closed else in_progress).id,
                    row["resolve"] if closed else 0.0,
                    worktime.hours_between(calendar, received, resolved)
                    if closed
                    else 0.0,
                    1 if row["reopened"] else 0,
                    row["cause"].id if closed and row["resolve"] > 48 else None,
                )
            )
            shifts.append((ticket.id, received - ticket.sla_received_date))
        cr = self.env.cr
        cr.execute(
            """
            UPDATE helpdesk_ticket t
               SET sla_received_date = v.received, create_date = v.received,
                   first_reply_date = v.reply, resolved_date = v.resolved,
                   closed_date = v.resolved, stage_id = v.stage,
                   analysis_resolution_hours = v.hours,
                   analysis_resolution_work_hours = v.work_hours,
                   analysis_reopen_count = v.reopens, cause_category_id = v.cause,
                   cause_explanation = CASE WHEN v.cause IS NOT NULL
                       THEN 'Demo cause analysis' END
              FROM (VALUES %s) AS v(id, received, reply, resolved, stage, hours,
                                    work_hours, reopens, cause)
             WHERE t.id = v.id
            """.replace(
                "%s",
                ", ".join(
                    cr.mogrify(
                        "(%s, %s::timestamp, %s::timestamp, %s::timestamp, %s,"
                        " %s::float, %s::float, %s, %s::int)",
                        row,
                    ).decode()
                    for row in ticket_rows
                ),
            )
        )
        # the clocks move back with their request, then say what happened
        cr.execute(
            """
            UPDATE aftersales_sla_line line
               SET start_date = line.start_date + v.shift,
                   resume_date = line.resume_date + v.shift,
                   deadline = line.deadline + v.shift,
                   warning_date = line.warning_date + v.shift,
                   critical_date = line.critical_date + v.shift,
                   next_escalation_date = NULL
              FROM (VALUES %s) AS v(id, shift)
             WHERE line.ticket_id = v.id AND line.state != 'cancelled'
            """.replace(
                "%s",
                ", ".join(
                    cr.mogrify("(%s, %s::interval)", row).decode() for row in shifts
                ),
            )
        )
        cr.execute(
            """
            UPDATE aftersales_sla_line line
               SET met_date = CASE
                       WHEN line.target_type = 'first_reply' THEN t.first_reply_date
                       WHEN line.target_type = 'resolved' THEN t.resolved_date
                       WHEN line.target_type = 'acknowledged' THEN t.sla_received_date
                       ELSE COALESCE(t.resolved_date, t.first_reply_date) END
              FROM helpdesk_ticket t
             WHERE t.id = line.ticket_id AND t.id = ANY(%s)
               AND line.state NOT IN ('cancelled', 'pending')
            """,
            [tickets.ids],
        )
        cr.execute(
            """
            UPDATE aftersales_sla_line line
               SET state = CASE
                       WHEN line.met_date IS NOT NULL AND line.deadline IS NOT NULL
                            AND line.met_date > line.deadline THEN 'breached'
                       WHEN line.met_date IS NOT NULL THEN 'met'
                       WHEN t.resolved_date IS NOT NULL THEN 'cancelled'
                       WHEN line.deadline < %s THEN 'breached'
                       ELSE line.state END,
                   escalation_level = CASE
                       WHEN line.deadline < COALESCE(line.met_date, %s)
                       THEN '3' ELSE line.escalation_level END
              FROM helpdesk_ticket t
             WHERE t.id = line.ticket_id AND t.id = ANY(%s)
               AND line.state NOT IN ('cancelled', 'pending')
            """,
            [now, now, tickets.ids],
        )
        self.env.invalidate_all()
        tickets._compute_sla_status()
        tickets._compute_analysis_sla()
        self.env.flush_all()
        # compensations granted on half of the complaints
        Return = self.env["aftersales.return"]
        for ticket, row in zip(tickets, plan, strict=True):
            if ticket.aftersales_kind == "complaint" and row["compensation"]:
                operation = Return.create(
                    {
                        "ticket_id": ticket.id,
                        "operation": "compensation",
                        "compensation_type": "gift",
                        "compensation_amount": row["compensation"],
                    }
                )
                operation.action_submit()
                operation.action_approve()
        # the requests were moved back in time with SQL
        self.env["aftersales.analysis"]._mark_dirty(tickets.ids)
        return True
