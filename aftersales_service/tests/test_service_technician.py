# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .test_service_completion import CompletionCommon
from .test_service_plan import SIGNATURE


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestServiceTechnician(CompletionCommon):
    """Technicians carry out the service of their teams' requests (checks,
    steps, parts, completion, delays); plans stay with agents and, above the
    cost limit, supervisors."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_technician = new_test_user(
            cls.env,
            login="as_technician",
            groups="aftersales_service.group_aftersales_technician",
        )
        cls.team.user_ids = [Command.link(cls.user_technician.id)]
        cls.other_ticket = cls._ticket(
            team_id=cls.other_team.id, user_id=cls.user_other_agent.id
        )

    def test_group_levels(self):
        technician = self.user_technician
        self.assertTrue(technician.has_group("helpdesk_mgmt.group_helpdesk_user_team"))
        self.assertTrue(technician.has_group("document_knowledge.group_document_user"))
        self.assertFalse(
            technician.has_group("aftersales_service.group_aftersales_agent")
        )
        self.assertTrue(
            self.user_agent.has_group("aftersales_service.group_aftersales_technician")
        )

    def test_technician_carries_out_the_service(self):
        tech = self.user_technician
        ticket = self.ticket.with_user(tech)
        # the request form opens for the technician (every field readable)
        Form(ticket)
        self.assertEqual(ticket.service_plan_id.state, "accepted")
        self._tick("safety", user=tech)
        ticket.action_aftersales_start_work()
        step = (
            self.env["aftersales.service.step"]
            .with_user(tech)
            .create({"ticket_id": self.ticket.id, "note": "Seat opened."})
        )
        self.assertEqual(step.user_id, tech)
        part = (
            self.env["aftersales.service.part"]
            .with_user(tech)
            .create({"ticket_id": self.ticket.id, "product_id": self.spring.id})
        )
        part.action_consume()
        self.assertEqual(part.state, "done")
        self._tick("functional", user=tech)
        self._complete(user=tech)
        self.assertEqual(self.ticket.service_signed_by, "Wang Fang")

    def test_technician_informs_a_delay(self):
        self.ticket.with_user(self.user_technician)._aftersales_inform_delay(
            "The spring kit is late.", "2026-03-09"
        )
        self.assertEqual(str(self.ticket.service_agreed_date), "2026-03-09")

    def test_technician_does_not_write_plans(self):
        tech = self.user_technician
        with self.assertRaises(AccessError):
            self._plan(self.ticket, user=tech)
        with self.assertRaises(AccessError):
            self.plan.with_user(tech).write({"cause": "Another cause."})
        with self.assertRaises(AccessError):
            self.plan.with_user(tech).action_new_version()
        self.assertEqual(self.plan.cause, "A broken seat spring.")

    def test_technician_stays_in_their_team(self):
        tech = self.user_technician
        with self.assertRaises(AccessError):
            self.other_ticket.with_user(tech).read(["name"])
        with self.assertRaises(AccessError):
            self.env["aftersales.service.step"].with_user(tech).create(
                {"ticket_id": self.other_ticket.id, "note": "Not mine."}
            )
        with self.assertRaises(AccessError):
            self.env["aftersales.service.part"].with_user(tech).create(
                {"ticket_id": self.other_ticket.id, "product_id": self.spring.id}
            )
        with self.assertRaises(AccessError):
            self.other_ticket.with_user(tech)._aftersales_complete(
                "Chen Jie", SIGNATURE, "Done."
            )
        # as member of that request's task force, they work on it
        self.other_ticket.task_force_ids = [Command.link(tech.id)]
        self.other_ticket.with_user(tech).read(["name"])
        self.env["aftersales.service.step"].with_user(tech).create(
            {"ticket_id": self.other_ticket.id, "note": "Came to help."}
        )

    def test_plan_above_the_limit_needs_a_supervisor(self):
        ticket = self._ticket()
        plan = self._plan(
            ticket,
            lines=[{"line_type": "other", "name": "New frame", "price_unit": 2500.0}],
        )
        self.assertTrue(plan.supervisor_required)
        with self.assertRaisesRegex(Exception, "supervisor must send it"):
            plan.with_user(self.user_agent).action_send()
        self.assertEqual(plan.state, "draft")
        plan.with_user(self.user_supervisor).action_send()
        self.assertEqual(plan.state, "sent")
