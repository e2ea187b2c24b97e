# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=consider-merging-classes-inherited
import random
from datetime import timedelta

from odoo import Command, api, fields, models

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
# a blank signature for the plans accepted in the demo history
DEMO_SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9"
    "awAAAABJRU5ErkJggg=="
)
DEMO_COMMENTS = {
    5: "Quick and friendly, thank you.",
    4: "Solved, it took a little long.",
    3: "It works, but I waited too long.",
    2: "The problem came back.",
    1: "Nobody called me back.",
}


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    @api.model
    def _aftersales_demo_history(
        self, count=500, days=180, seed=16, agents=None, supervisor=None
    ):
        """Six months of demo requests (deterministic: a seeded random), with
        first replies, resolutions, breaches, reopenings, complaints and
        compensations, dated before the install so that every report shows
        figures. Requests are created through the ORM (routing, priority,
        SLA clocks), then moved back in time with SQL; the costs and the
        satisfaction answers go through their flows (plans, parts,
        replenishments, survey invitations and answers).

        ``agents`` handle the requests and ``supervisor`` closes those whose
        customer stayed unhappy: the demo users by default."""
        rng = random.Random(seed)
        ref = self.env.ref
        kinds = [ref(f"aftersales_service.{xmlid}") for xmlid, _w in DEMO_KINDS]
        weights = [weight for _xmlid, weight in DEMO_KINDS]
        customers = self.env["res.partner"]
        for xmlid in ("demo_customer_key", "demo_customer_vip"):
            customers |= (
                ref(f"aftersales_service.{xmlid}", raise_if_not_found=False)
                or customers
            )
        customers |= self.env["res.partner"].create(
            [
                {"name": f"Demo Customer {i:02d}", "email": f"demo{i:02d}@example.com"}
                for i in range(1, 21)
            ]
        )
        channels = self.env["helpdesk.ticket.channel"].search([], limit=20)
        if supervisor is None:
            supervisor = ref("aftersales_service.demo_user_supervisor")
        if agents is None:
            agents = ref("aftersales_service.demo_user_agent") | supervisor
        product = ref(
            "aftersales_service.demo_product_dishwasher", raise_if_not_found=False
        ) or self.env["product.product"].create(
            {"name": "Dishwasher DW-60", "type": "consu", "is_storable": True}
        )
        spares, tile, tile_lot = self._aftersales_demo_stock()
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
                        "product_id": (
                            product.id
                            if category.aftersales_kind in ("repair", "quality")
                            else tile.id
                            if category.aftersales_kind == "replenishment"
                            else False
                        ),
                        "lot_id": tile_lot.id
                        if category.aftersales_kind == "replenishment"
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
                    **self._aftersales_demo_draws(rng),
                }
            )
        Ticket = self.with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrack=True
        )
        cr = self.env.cr
        cr.execute("SELECT COALESCE(MAX(id), 0) FROM mail_mail")
        first_mail = cr.fetchone()[0]
        tickets = Ticket.create([row["vals"] for row in plan])
        self.env.flush_all()
        now = fields.Datetime.now()
        # what the company paid: plans, spare parts and shipments, done
        # through their flows while the requests are new, moved back below
        for row in plan:
            row["received"] = now - timedelta(days=row["age"])
            row["closed"] = (
                row["resolved"]
                and row["received"] + timedelta(hours=row["resolve"]) < now
                and not row["reopened"]
            )
        Ticket._aftersales_demo_costs(tickets, plan, spares)
        done = ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        in_progress = ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        worktime = WorkTime(self.env)
        ticket_rows, shifts = [], []
        for ticket, row in zip(tickets, plan, strict=True):
            received = row["received"]
            reply = row["reply"] is not None and received + timedelta(
                hours=row["reply"]
            )
            resolved = received + timedelta(hours=row["resolve"])
            closed = row["closed"]
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
            row["shift"] = received - ticket.sla_received_date
            shifts.append((ticket.id, row["shift"]))
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
        self._aftersales_demo_shift_costs(tickets, plan)
        Ticket._aftersales_demo_satisfaction(tickets, plan, now, supervisor)
        # the history's emails went out back then
        cr.execute(
            "UPDATE mail_mail SET state = 'sent' WHERE id > %s AND state = 'outgoing'",
            [first_mail],
        )
        # the requests were moved back in time with SQL
        self.env["aftersales.analysis"]._mark_dirty(tickets.ids)
        return True

    @api.model
    def _aftersales_demo_draws(self, rng):
        """Random draws of a demo request for its costs and its customer's
        answer (drawn for every request, so the sequence stays the same)."""
        score = rng.choices([5, 4, 3, 2, 1], [55, 33, 6, 4, 2])[0]
        return {
            "plan": rng.random() < 0.7,
            "payer": rng.choices(["warranty", "company", "customer"], [75, 10, 15])[0],
            "labour": rng.choice([1.0, 1.5, 2.0, 3.0]),
            "travel": rng.choice([30.0, 50.0]) if rng.random() < 0.4 else 0.0,
            "spare": rng.randrange(3),
            "company_ships": rng.random() < 0.7,
            "invite_after": rng.uniform(2, 30),
            "answered": rng.random() < 0.66,
            "answer_after": rng.uniform(1, 96),
            "score": score,
            "solved": score >= 4 or rng.random() < 0.3,
        }

    @api.model
    def _aftersales_demo_stock(self):
        """Spare parts at cost and a lot of wall tiles, in stock."""
        Product = self.env["product.product"]
        spares = Product.create(
            [
                {
                    "name": name,
                    "type": "consu",
                    "is_storable": True,
                    "standard_price": cost,
                    "list_price": price,
                }
                for name, cost, price in (
                    ("Drain pump DW-60", 38.0, 65.0),
                    ("Door seal DW-60", 9.5, 18.0),
                    ("Control board DW-60", 72.0, 120.0),
                )
            ]
        )
        tile = Product.create(
            {
                "name": "Wall Tile 300x600 White (box of 6)",
                "type": "consu",
                "is_storable": True,
                "tracking": "lot",
                "default_code": "WT-3060-WH",
            }
        )
        lot = self.env["stock.lot"].create(
            {"name": "WT-2026-007", "product_id": tile.id}
        )
        location = self.env.ref("stock.stock_location_stock")
        self.env["stock.quant"].with_context(inventory_mode=True).create(
            [
                {
                    "product_id": spare.id,
                    "location_id": location.id,
                    "inventory_quantity": 500,
                }
                for spare in spares
            ]
            + [
                {
                    "product_id": tile.id,
                    "location_id": location.id,
                    "lot_id": lot.id,
                    "inventory_quantity": 500,
                }
            ]
        ).action_apply_inventory()
        return spares, tile, lot

    @api.model
    def _aftersales_demo_costs(self, tickets, plan, spares):
        """Accepted plans with their labour and travel, the spare parts used,
        and same-lot replenishments shipped at the company's expense."""
        location = self.env.ref("stock.stock_location_stock")
        rate = self.env.company.aftersales_labour_rate or 80.0
        todo = [
            (ticket, row)
            for ticket, row in zip(tickets, plan, strict=True)
            if row["closed"]
            and row["plan"]
            and ticket.aftersales_kind in ("repair", "quality")
        ]
        plans = self.env["aftersales.service.plan"].create(
            [
                {
                    "ticket_id": ticket.id,
                    "cause": "A worn part, found at the diagnosis.",
                    "steps": "Replace the part and test a full cycle.",
                    "expected_effect": "The appliance works normally again.",
                    "lead_time_days": 2,
                    "payer": row["payer"],
                    "line_ids": [
                        Command.create(
                            {"line_type": "part", "product_id": spares[row["spare"]].id}
                        ),
                        Command.create(
                            {
                                "line_type": "labour",
                                "quantity": row["labour"],
                                "price_unit": rate,
                            }
                        ),
                    ]
                    + (
                        [
                            Command.create(
                                {"line_type": "travel", "price_unit": row["travel"]}
                            )
                        ]
                        if row["travel"]
                        else []
                    ),
                }
                for ticket, row in todo
            ]
        )
        for service_plan in plans:
            service_plan.action_send()
            service_plan._action_accept_signature(
                service_plan.partner_id.name, DEMO_SIGNATURE
            )
        parts = self.env["aftersales.service.part"].create(
            [
                {
                    "ticket_id": ticket.id,
                    "product_id": spares[row["spare"]].id,
                    "location_id": location.id,
                }
                for ticket, row in todo
            ]
        )
        parts.action_consume()
        Return = self.env["aftersales.return"]
        for ticket, row in zip(tickets, plan, strict=True):
            if row["closed"] and ticket.aftersales_kind == "replenishment":
                Return.create(
                    {
                        "ticket_id": ticket.id,
                        "operation": "replenishment",
                        "quantity": 2,
                        "shipping_payer": "company"
                        if row["company_ships"]
                        else "customer",
                    }
                ).action_submit()

    @api.model
    def _aftersales_demo_shift_costs(self, tickets, plan):
        """The plans, parts and shipments move back with their request."""
        shifts = ", ".join(
            self.env.cr.mogrify(
                "(%s, %s::interval)", (ticket.id, row["shift"])
            ).decode()
            for ticket, row in zip(tickets, plan, strict=True)
        )
        for query in (
            """UPDATE aftersales_service_plan p
                  SET create_date = p.create_date + v.shift,
                      sent_date = p.sent_date + v.shift,
                      signed_on = p.signed_on + v.shift
                 FROM (VALUES %s) AS v(id, shift) WHERE p.ticket_id = v.id""",
            """UPDATE aftersales_service_part p
                  SET create_date = p.create_date + v.shift,
                      used_date = p.used_date + v.shift
                 FROM (VALUES %s) AS v(id, shift) WHERE p.ticket_id = v.id""",
            """UPDATE stock_move m SET date = m.date + v.shift
                 FROM aftersales_service_part p, (VALUES %s) AS v(id, shift)
                WHERE p.ticket_id = v.id AND m.id = p.move_id""",
            """UPDATE stock_move_line ml SET date = ml.date + v.shift
                 FROM aftersales_service_part p, (VALUES %s) AS v(id, shift)
                WHERE p.ticket_id = v.id AND ml.move_id = p.move_id""",
            """UPDATE aftersales_return r
                  SET create_date = r.create_date + v.shift,
                      decision_date = r.decision_date + v.shift
                 FROM (VALUES %s) AS v(id, shift) WHERE r.ticket_id = v.id""",
            """UPDATE stock_picking p
                  SET create_date = p.create_date + v.shift,
                      scheduled_date = p.scheduled_date + v.shift
                 FROM (VALUES %s) AS v(id, shift)
                WHERE p.aftersales_ticket_id = v.id""",
            """UPDATE helpdesk_ticket t
                  SET plan_confirmed_date = t.plan_confirmed_date + v.shift,
                      plan_proposed_date = t.plan_proposed_date + v.shift,
                      return_reviewed_date = t.return_reviewed_date + v.shift
                 FROM (VALUES %s) AS v(id, shift) WHERE t.id = v.id""",
        ):
            self.env.cr.execute(query.replace("%s", shifts))
        self.env.invalidate_all()

    @api.model
    def _aftersales_demo_satisfaction(self, tickets, plan, now, supervisor):
        """The customers of the closed requests were invited to the survey;
        two in three answered, most of them satisfied. A dissatisfied answer
        reopens its request (the real flow); the supervisor closed the older
        ones, giving the reason. Then the invitations and answers move back to
        their dates, and the unanswered old invitations expire."""
        rows = dict(zip(tickets.ids, plan, strict=True))
        closed = tickets.filtered(lambda t: rows[t.id]["closed"] and t.partner_id.email)
        cr = self.env.cr
        cr.execute("SELECT COALESCE(MAX(id), 0) FROM aftersales_sla_line")
        last_line = cr.fetchone()[0]
        closed._satisfaction_write({"satisfaction_state": "pending"})
        invited = closed._satisfaction_send_invitations()
        answered = self.browse()
        for ticket in invited:
            row = rows[ticket.id]
            resolved = row["received"] + timedelta(hours=row["resolve"])
            row["invited"] = min(resolved + timedelta(hours=row["invite_after"]), now)
            answer_date = row["invited"] + timedelta(hours=row["answer_after"])
            if row["answered"] and answer_date < now:
                row["answer_date"] = answer_date
                answered |= ticket
        for ticket in answered:
            row = rows[ticket.id]
            ticket._satisfaction_answer_current(
                {
                    "overall": row["score"],
                    "speed": max(row["score"] - 1, 1) if row["score"] < 5 else 5,
                    "attitude": row["score"],
                    "solved": row["solved"],
                    "comment": DEMO_COMMENTS[row["score"]],
                }
            )
        unhappy = answered.filtered(lambda t: not t.closed)
        old = unhappy.filtered(
            lambda t: rows[t.id]["answer_date"] < now - timedelta(days=7)
        )
        for ticket in old:
            # closed late: the cause analysis comes first
            ticket.with_user(supervisor).write(
                {
                    "cause_category_id": rows[ticket.id]["cause"].id,
                    "cause_explanation": "The first repair did not last.",
                }
            )
        if old:
            old.with_user(supervisor)._satisfaction_close_with_reason(
                "Goodwill gesture offered; the customer accepted the outcome."
            )
        values = []
        for ticket in invited:
            row = rows[ticket.id]
            answer_date = row.get("answer_date")
            expiry = ticket.company_id.aftersales_survey_expiry_days
            values.append(
                (
                    ticket.id,
                    row["invited"],
                    answer_date,
                    row["invited"] + timedelta(days=expiry) if expiry else None,
                    answer_date + timedelta(days=2) if ticket in old else None,
                )
            )
        # the invitations, answers and reopenings move back to their dates
        table = ", ".join(
            cr.mogrify(
                "(%s, %s::timestamp, %s::timestamp, %s::timestamp, %s::timestamp)",
                value,
            ).decode()
            for value in values
        )
        for query in (
            """UPDATE survey_user_input a
                  SET create_date = v.invited, start_datetime = v.answered,
                      end_datetime = v.answered, deadline = v.deadline,
                      aftersales_next_reminder = NULL
                 FROM (VALUES %s) AS v(id, invited, answered, deadline, closed)
                WHERE a.aftersales_ticket_id = v.id""",
            """UPDATE survey_user_input_line l
                  SET create_date = v.answered
                 FROM survey_user_input a,
                      (VALUES %s) AS v(id, invited, answered, deadline, closed)
                WHERE a.aftersales_ticket_id = v.id AND l.user_input_id = a.id""",
            """UPDATE helpdesk_ticket t
                  SET satisfaction_invited_date = v.invited,
                      satisfaction_answered_date = v.answered
                 FROM (VALUES %s) AS v(id, invited, answered, deadline, closed)
                WHERE t.id = v.id""",
            # the supervisor closed them two days after the answer
            """UPDATE aftersales_sla_line line
                  SET start_date = line.start_date + (v.closed - t.resolved_date),
                      resume_date = line.resume_date + (v.closed - t.resolved_date),
                      deadline = line.deadline + (v.closed - t.resolved_date),
                      warning_date = line.warning_date + (v.closed - t.resolved_date),
                      critical_date = line.critical_date + (v.closed - t.resolved_date),
                      met_date = line.met_date + (v.closed - t.resolved_date)
                 FROM helpdesk_ticket t,
                      (VALUES %s) AS v(id, invited, answered, deadline, closed)
                WHERE t.id = v.id AND v.closed IS NOT NULL
                  AND line.ticket_id = t.id AND line.id > %(last_line)s""",
            """UPDATE helpdesk_ticket t
                  SET resolved_date = v.closed, closed_date = v.closed
                 FROM (VALUES %s) AS v(id, invited, answered, deadline, closed)
                WHERE t.id = v.id AND v.closed IS NOT NULL""",
        ):
            cr.execute(
                query.replace("%s", table).replace("%(last_line)s", str(last_line))
            )
        self.env.invalidate_all()
        old._analysis_set_resolution_times()
        # the old unanswered invitations expired
        self._cron_satisfaction()
