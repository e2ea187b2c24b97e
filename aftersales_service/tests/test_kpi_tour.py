# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestKpiDashboardTour(HttpCase):
    def test_manager_drills_from_a_red_kpi_to_its_requests(self):
        """A supervisor (the least-privileged role that reads the reports)
        opens the KPI dashboard from the menu and drills from the red
        complaint rate to the complaint behind it."""
        env = self.env
        manager = new_test_user(
            env,
            login="kpi_tour_manager",
            password="kpi_tour_manager_pw",
            groups="aftersales_service.group_aftersales_supervisor",
        )
        team = env["helpdesk.ticket.team"].create(
            {"name": "KPI Tour Team", "user_ids": [Command.set(manager.ids)]}
        )
        Category = env["helpdesk.ticket.category"]
        complaint = Category.create(
            {"name": "KPI tour complaint", "aftersales_kind": "complaint"}
        )
        repair = Category.create(
            {"name": "KPI tour repair", "aftersales_kind": "repair"}
        )
        customer = env["res.partner"].create({"name": "Tour Customer"})
        tickets = env["helpdesk.ticket"].create(
            [
                {
                    "name": name,
                    "description": "<p>Tour</p>",
                    "team_id": team.id,
                    "user_id": manager.id,
                    "category_id": category.id,
                    "partner_id": customer.id,
                }
                for name, category in (
                    ("Rude delivery man", complaint),
                    ("Broken hinge", repair),
                )
            ]
        )
        tickets[1].with_user(manager).message_post(
            body="On our way",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.start_tour(
            "/odoo", "aftersales_kpi_dashboard_tour", login="kpi_tour_manager"
        )
