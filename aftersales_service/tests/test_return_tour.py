# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestReturnTour(HttpCase, AftersalesCommon):
    with_tile_shop = True

    def test_warehouse_keeper_receives_with_discrepancy(self):
        ticket = self._ticket(self.cat_quality)
        ret = self._operation(ticket, "return", 4.0)
        ret.action_submit()
        ret.with_user(self.user_supervisor).action_approve()
        self.start_tour(
            f"/odoo/action-aftersales_service.aftersales_return_action/{ret.id}",
            "aftersales_return_receive_tour",
            login=self.user_warehouse.login,
        )
        self.assertEqual(ret.state, "received")
        self.assertEqual(ret.received_qty, 3.0)
        self.assertEqual(ret.discrepancy_qty, -1.0)
        self.assertEqual(ret.return_picking_id.state, "done")
        self.assertIn(
            "One box missing",
            " ".join(self._customer_messages(ticket).mapped("body")),
        )
