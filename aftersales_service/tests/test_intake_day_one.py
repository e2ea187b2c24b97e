# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Intake and routing as service staff do it on day one (issue 11, points
1, 2, 4, 6 and 7): through the backend form and its buttons, as the least
privileged user who does it in real life."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestIntakeDayOne(AftersalesCommon):
    with_intake = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.helpdesk_mgmt_ticket_auto_assign = True
        cls.repair_colleague = new_test_user(
            cls.env,
            login="d1_repair_colleague",
            groups="aftersales_service.group_aftersales_agent",
        )
        cls.team_repair.user_ids = [Command.link(cls.repair_colleague.id)]
        cls.team_service = cls.env.ref("aftersales_service.team_service")
        cls.front_desk = new_test_user(
            cls.env,
            login="d1_front_desk",
            groups="aftersales_service.group_aftersales_agent",
        )
        cls.team_service.user_ids = [Command.set([cls.front_desk.id])]
        cls.kind_complaint = cls.env.ref("aftersales_service.kind_complaint")

    def _record(self, user, **values):
        """A request recorded in the backend form by ``user``."""
        with Form(self.env["helpdesk.ticket"].with_user(user)) as form:
            form.name = values.pop("name", "Dishwasher leaks")
            form.description = "<p>Water on the floor after each cycle.</p>"
            for name, value in values.items():
                setattr(form, name, value)
        return form.record

    # 1. the recorder is not an assignment
    def test_backend_form_routes_like_every_channel(self):
        # the recorder already has an open request, the colleague none
        first = self._record(
            self.user_agent,
            partner_id=self.other_customer,
            category_id=self.kind_repair,
        )
        self.assertEqual(first.team_id, self.team_repair)
        ticket = self._record(
            self.user_agent, partner_id=self.contact, category_id=self.kind_repair
        )
        self.assertEqual(
            ticket.user_id,
            first.user_id == self.user_agent
            and self.repair_colleague
            or self.user_agent,
            "least-loaded member of the team, not whoever records it",
        )
        self.assertNotEqual(first.user_id, ticket.user_id)
        # a VIP customer's dedicated agent gets it, whoever records it
        self.customer.write(
            {"aftersales_tier": "vip", "aftersales_agent_id": self.repair_colleague.id}
        )
        for _i in range(2):
            vip = self._record(
                self.user_agent, partner_id=self.contact, category_id=self.kind_repair
            )
            self.assertEqual(vip.user_id, self.repair_colleague)
        # choosing an assignee in the form still wins
        chosen = self._record(
            self.user_agent,
            partner_id=self.contact,
            category_id=self.kind_repair,
            user_id=self.user_agent,
        )
        self.assertEqual(chosen.user_id, self.user_agent)

    # 2. the front desk records for another team
    def test_front_desk_records_a_repair_for_the_repair_team(self):
        ticket = self._record(
            self.front_desk, partner_id=self.contact, category_id=self.kind_repair
        )
        self.assertEqual(ticket.team_id, self.team_repair)
        self.assertIn(ticket.user_id, self.team_repair.user_ids)
        self.assertEqual(ticket.create_uid, self.front_desk)
        # it follows the repair team's rules (routing, stages); the front
        # desk follows it to answer the customer on the phone
        as_desk = ticket.with_user(self.front_desk)
        self.assertEqual(as_desk.number, ticket.number)
        self.assertEqual(ticket.stage_id, self.team_repair._get_applicable_stages()[:1])
        self.assertIn(self.front_desk.partner_id, ticket.message_partner_ids)
        repair_request = self._record(
            self.user_agent,
            partner_id=self.other_customer,
            category_id=self.kind_repair,
        )
        self.assertFalse(
            self.env["helpdesk.ticket"]
            .with_user(self.front_desk)
            .search([("id", "=", repair_request.id)]),
            "requests the front desk did not record stay with their team",
        )
        ticket.with_user(self.user_agent).write({"priority": "3"})
        self.assertEqual(ticket.priority, "3")

    def test_following_another_teams_request_is_reading_it(self):
        """The recorder (a follower) and a colleague added as follower read
        another team's request and post on it, but change it only through
        that team: helpdesk_mgmt's follower rule gave them write access."""
        ticket = self._record(
            self.front_desk, partner_id=self.contact, category_id=self.kind_repair
        )
        colleague = new_test_user(
            self.env,
            login="as_day_one_colleague",
            groups="aftersales_service.group_aftersales_agent",
        )
        ticket.sudo().message_subscribe(partner_ids=colleague.partner_id.ids)
        for user in (self.front_desk, colleague):
            as_user = ticket.with_user(user)
            self.assertEqual(as_user.name, ticket.name)
            as_user.message_post(
                body="The customer called back", message_type="comment"
            )
            for vals in (
                {"user_id": user.id},
                {"priority": "3"},
                {"description": "<p>x</p>"},
            ):
                with self.assertRaises(AccessError):
                    as_user.write(vals)
        self.assertNotEqual(ticket.user_id, self.front_desk)
        self.assertNotEqual(ticket.user_id, colleague)

    # 4. asking for missing information waits on the customer
    def test_asking_for_missing_information_pauses_until_the_reply(self):
        ticket = self._record(
            self.user_agent, partner_id=self.contact, category_id=self.kind_repair
        )
        ticket = ticket.with_user(ticket.user_id)
        self.assertTrue(ticket.aftersales_missing_info)
        running = ticket.sla_line_ids.filtered(lambda ln: ln.state == "running")
        self.assertTrue(running)
        ticket.action_aftersales_request_missing_info()
        self.assertEqual(ticket.sla_pause_reason, "customer")
        self.assertEqual(set(running.mapped("state")), {"paused"})
        self.assertEqual(ticket.sla_pause_message, "We are waiting for your reply.")
        # the customer's answer resumes the clocks
        ticket.sudo().message_post(
            body="Here is the serial number.",
            author_id=self.contact.id,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertFalse(ticket.sla_pause_reason)
        self.assertEqual(set(running.mapped("state")), {"running"})

    # 6. a delivery still on its way
    def test_delivery_delay_complaint_links_the_delivery_on_its_way(self):
        delay = self.env["helpdesk.ticket.category"].create(
            {
                "name": "Delivery delay",
                "parent_id": self.kind_complaint.id,
                "require_delivery": True,
            }
        )
        warehouse = self.warehouse
        on_its_way = self.env["stock.picking"].create(
            {
                "partner_id": self.contact.id,
                "picking_type_id": warehouse.out_type_id.id,
                "location_id": warehouse.lot_stock_id.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.other_product.id,
                            "product_uom_qty": 1,
                            "location_id": warehouse.lot_stock_id.id,
                            "location_dest_id": self.env.ref(
                                "stock.stock_location_customers"
                            ).id,
                        }
                    )
                ],
            }
        )
        on_its_way.action_confirm()
        self.assertNotEqual(on_its_way.state, "done")
        ticket = self._record(
            self.front_desk,
            partner_id=self.contact,
            category_id=delay,
            delivery_id=on_its_way,
        )
        self.assertEqual(ticket.delivery_id, on_its_way)
        self.assertFalse(ticket.aftersales_missing_info)
        # the service team takes it out of "New"
        handler = ticket.with_user(self.front_desk.id)
        stages = ticket.team_id._get_applicable_stages()
        handler.stage_id = stages[1]
        self.assertEqual(ticket.stage_id, stages[1])

    # 7. a supervisor sets a customer's tier and dedicated agent
    def test_supervisor_sets_tier_and_dedicated_agent(self):
        supervisor = self.user_supervisor
        self.assertFalse(supervisor.has_group("base.group_partner_manager"))
        with Form(self.customer.with_user(supervisor)) as form:
            form.aftersales_tier = "key"
            form.aftersales_agent_id = self.repair_colleague
        self.assertEqual(self.customer.aftersales_tier, "key")
        self.assertEqual(self.customer.aftersales_agent_id, self.repair_colleague)
        # nothing else of the contact: that stays with Contacts' rights
        with self.assertRaises(AccessError):
            self.customer.with_user(supervisor).write(
                {"aftersales_tier": "vip", "name": "Renamed"}
            )
        # an agent sets neither
        with self.assertRaises(AccessError):
            self.customer.with_user(self.user_agent).write({"aftersales_tier": "vip"})
