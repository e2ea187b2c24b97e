# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSatisfactionTour(HttpCase):
    def test_portal_customer_answers_from_the_request_page(self):
        env = self.env
        customer = new_test_user(
            env,
            login="sat_tour_customer",
            password="sat_tour_customer_pw",
            groups="base.group_portal",
            name="Huang Wei",
            email="huang.wei@example.com",
        )
        agent = new_test_user(
            env,
            login="sat_tour_agent",
            groups="aftersales_service.group_aftersales_agent",
        )
        team = env["helpdesk.ticket.team"].create(
            {"name": "Tour Team", "user_ids": [Command.set(agent.ids)]}
        )
        ticket = env["helpdesk.ticket"].create(
            {
                "name": "Dishwasher leaks",
                "description": "<p>Water on the floor</p>",
                "team_id": team.id,
                "user_id": agent.id,
                "partner_id": customer.partner_id.id,
            }
        )
        ticket.stage_id = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        env["helpdesk.ticket"]._cron_satisfaction()
        self.start_tour(
            f"/my/ticket/{ticket.id}",
            "aftersales_satisfaction_tour",
            login="sat_tour_customer",
        )
        self.assertRecordValues(
            ticket,
            [
                {
                    "satisfaction_state": "answered",
                    "satisfaction_score": 5,
                    "satisfaction_solved": True,
                    "satisfaction_speed_score": 4,
                    "satisfaction_attitude_score": 5,
                    "satisfaction_comment": "The technician was on time.",
                    "satisfaction_channel": "web",
                }
            ],
        )
        self.assertTrue(ticket.closed)
