# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import AftersalesCommon


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestReturnBadInput(AftersalesCommon):
    with_tile_shop = True

    def _count_pickings(self):
        return self.env["stock.picking"].search_count([])

    def test_return_more_than_delivered_refused(self):
        ticket = self._ticket(self.cat_quality)
        ret = self._operation(ticket, "return", 11.0)
        before = self._count_pickings()
        with self.assertRaisesRegex(UserError, "Only 10.0 .* can still be returned"):
            ret.action_submit()
        self.assertEqual(ret.state, "draft")
        self.assertEqual(self._count_pickings(), before)

    def test_return_beyond_already_returned_refused(self):
        ticket = self._ticket(self.cat_quality)
        first = self._operation(ticket, "return", 8.0)
        first.action_submit()
        first.with_user(self.user_supervisor).action_approve()
        second = self._operation(ticket, "return", 3.0)
        self.assertEqual(second.returnable_qty, 2.0)
        before = self._count_pickings()
        with self.assertRaisesRegex(UserError, "Only 2.0"):
            second.action_submit()
        # Even when it got past submission (data changed since), approval checks again.
        second.sudo().state = "to_approve"
        with self.assertRaisesRegex(UserError, "Only 2.0"):
            second.with_user(self.user_supervisor).action_approve()
        self.assertEqual(self._count_pickings(), before)

    def test_lot_not_in_delivery_refused(self):
        lot_c = self.env["stock.lot"].create(
            {"name": "TB-C", "product_id": self.tile.id}
        )
        ticket = self._ticket(self.cat_quality)
        ret = self._operation(ticket, "return", 1.0, lot_id=lot_c.id)
        before = self._count_pickings()
        with self.assertRaisesRegex(UserError, "Lot TB-C was not delivered in"):
            ret.action_submit()
        self.assertEqual(self._count_pickings(), before)

    def test_exchange_without_stock_refused(self):
        ticket = self._ticket(self.cat_quality)
        exchange = self._operation(ticket, "exchange", 2.0)
        exchange.action_submit()
        before = self._count_pickings()
        with self.assertRaisesRegex(UserError, "Offer the customer a later date"):
            exchange.with_user(self.user_supervisor).action_approve()
        self.assertEqual(self._count_pickings(), before)
        self.assertFalse(exchange.return_picking_id)
        self.assertEqual(exchange.state, "to_approve", "no decision is left behind")
        self.assertFalse(ticket.return_reviewed_date)

    def test_second_approval_of_same_request_refused(self):
        ticket = self._ticket(self.cat_quality)
        ret = self._operation(ticket, "compensation", compensation_type="gift")
        ret.action_submit()
        ret.with_user(self.user_supervisor).action_approve()
        with self.assertRaisesRegex(UserError, "not waiting for approval"):
            ret.with_user(self.user_supervisor).action_approve()


@tagged("post_install", "-at_install")
class TestReturnConcurrentApproval(TransactionCase):
    """Two supervisors approve the same request at the same time, each in its
    own database transaction: the second is refused at once."""

    def setUp(self):
        super().setUp()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            ticket = env["helpdesk.ticket"].create(
                {
                    "name": "Concurrent approval",
                    "number": "TEST-CONCURRENT",
                    "description": "<p>Two supervisors at once.</p>",
                }
            )
            operation = env["aftersales.return"].create(
                {
                    "name": "TEST-CONCURRENT",
                    "ticket_id": ticket.id,
                    "operation": "compensation",
                    "compensation_type": "gift",
                    "state": "to_approve",
                }
            )
            cr.commit()  # pylint: disable=invalid-commit
        self.ticket_id, self.operation_id = ticket.id, operation.id
        self.envs = [
            api.Environment(self.env.registry.cursor(), SUPERUSER_ID, {}),
            api.Environment(self.env.registry.cursor(), SUPERUSER_ID, {}),
        ]
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        for env in self.envs:
            env.cr.rollback()
            env.cr.close()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["helpdesk.ticket"].browse(self.ticket_id).unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def test_concurrent_second_approval_refused(self):
        env1, env2 = self.envs
        env1["aftersales.return"].browse(self.operation_id).action_approve()
        # env1 has not committed: it still holds the row lock.
        with self.assertRaisesRegex(UserError, "Someone else is deciding"):
            env2["aftersales.return"].browse(self.operation_id).action_approve()
        env2.cr.rollback()
        env1.cr.commit()
        # Once the first decision is committed, a late one is refused too.
        with self.assertRaisesRegex(UserError, "not waiting for approval"):
            env2["aftersales.return"].browse(self.operation_id).action_approve()
        operation = env2["aftersales.return"].browse(self.operation_id)
        self.assertEqual(operation.state, "done")
        self.assertTrue(operation.ticket_id.return_reviewed_date)
