# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import Command

from .common import AftersalesCommon


class SlaCommon(AftersalesCommon):
    """A Shanghai company calendar (09-12, 13-18, Monday to Friday) with a
    public holiday on Monday 9 March 2026, a team led by the supervisor and
    one category per kind. Times in the tests are UTC (Shanghai = UTC+8)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.calendar = env["resource.calendar"].create(
            {
                "name": "SLA Shanghai",
                "tz": "Asia/Shanghai",
                "hours_per_day": 8.0,
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{day} {start}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": stop,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for start, stop, period in (
                        (9, 12, "morning"),
                        (13, 18, "afternoon"),
                    )
                ],
            }
        )
        env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": cls.calendar.id,
                "date_from": datetime(2026, 3, 8, 16, 0),
                "date_to": datetime(2026, 3, 9, 15, 59, 59),
            }
        )
        cls.company.resource_calendar_id = cls.calendar
        cls.team = env["helpdesk.ticket.team"].create(
            {
                "name": "SLA Team",
                "user_id": cls.user_supervisor.id,
                "user_ids": [Command.set([cls.user_agent.id, cls.user_supervisor.id])],
            }
        )
        Category = env["helpdesk.ticket.category"]
        cls.categories = {
            kind: Category.create({"name": f"SLA {kind}", "aftersales_kind": kind})
            for kind in (
                "repair",
                "return",
                "consultation",
                "complaint",
                "technical",
                "replenishment",
            )
        }
        cls.customer = env["res.partner"].create(
            {"name": "Li Na", "email": "lina@example.com"}
        )
        cls.stage_done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.stage_cancelled = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        cls.stage_new = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.cause = env.ref("aftersales_service.cause_category_parts")

    def _ticket(self, kind, user=None, **vals):
        values = {
            "name": f"{kind} request",
            "description": "<p>Help</p>",
            "category_id": self.categories[kind].id,
            "team_id": self.team.id,
            "user_id": self.user_agent.id,
            "partner_id": self.customer.id,
        }
        values.update(vals)
        Ticket = self.env["helpdesk.ticket"]
        if user:
            Ticket = Ticket.with_user(user)
        return Ticket.create(values)

    @staticmethod
    def _line(ticket, target_type):
        return ticket.sla_line_ids.filtered(
            lambda ln: ln.target_type == target_type and ln.state != "cancelled"
        )

    def _policy(self, targets, **vals):
        values = {
            "name": "Test policy",
            "sequence": 1,
            "team_ids": [Command.link(self.team.id)],
            "target_ids": [Command.create(t) for t in targets],
        }
        values.update(vals)
        return self.env["aftersales.sla.policy"].create(values)
