# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAftersalesTours(HttpCase):
    def test_agent_opens_app(self):
        new_test_user(
            self.env,
            login="tour_agent",
            password="tour_agent_pw",
            groups="aftersales_service.group_aftersales_agent",
        )
        self.start_tour("/odoo", "aftersales_open_app_tour", login="tour_agent")
