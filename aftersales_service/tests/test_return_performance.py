# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged, warmup

from .common import AftersalesCommon


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestReturnPerformance(AftersalesCommon):
    with_tile_shop = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tickets = cls.env["helpdesk.ticket"]
        for _i in range(5):
            ticket = cls._ticket(cls.cat_quality)
            cls.env["aftersales.return"].create(
                {"ticket_id": ticket.id, "operation": "return", "quantity": 1.0}
            )._create_return_picking()
            cls.tickets |= ticket

    @warmup
    def test_transfer_counts_batched(self):
        """The transfer count of a list of requests is one grouped query,
        whatever the number of requests."""
        self.env = self.env(user=self.user_supervisor)
        tickets = self.tickets.with_env(self.env)
        tickets.invalidate_recordset()
        with self.assertQueryCount(as_supervisor=1):
            counts = tickets.mapped("picking_count")
        self.assertEqual(counts, [1] * 5)

    @warmup
    def test_eligibility_of_many_requests_batched(self):
        self.env = self.env(user=self.user_supervisor)
        tickets = self.tickets.with_env(self.env)
        tickets.invalidate_recordset()
        with self.assertQueryCount(as_supervisor=2):
            reasons = tickets.mapped("return_eligibility_reason")
        self.assertEqual(len(set(reasons)), 1)
