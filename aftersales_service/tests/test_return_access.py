# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import AftersalesCommon


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestReturnAccess(AftersalesCommon):
    """Staff stay in their role: state and decision fields change only
    through their actions, and what belongs to a request follows the
    request's visibility (issue 12, points 9 and 10)."""

    with_tile_shop = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.aftersales_agent_compensation_limit = 100.0
        Team = cls.env["helpdesk.ticket.team"]
        cls.team_north = Team.create(
            {"name": "North", "user_ids": [Command.link(cls.user_agent.id)]}
        )
        cls.agent_south = new_test_user(
            cls.env,
            login="as_agent_south",
            groups="aftersales_service.group_aftersales_agent",
        )
        cls.team_south = Team.create(
            {"name": "South", "user_ids": [Command.link(cls.agent_south.id)]}
        )

    # -- 10. state and decision fields ------------------------------------
    def test_agent_cannot_approve_by_write(self):
        ticket = self._ticket(self.cat_quality)
        big = self._operation(
            ticket,
            "compensation",
            compensation_type="damages",
            compensation_amount=5000,
        )
        for vals in (
            {"state": "approved"},
            {"decision_user_id": self.user_agent.id},
            {"decision_date": "2026-03-02 09:00:00"},
            {"unconditional": True},
            {"received_qty": 5.0},
        ):
            with self.assertRaisesRegex(AccessError, "change only through its buttons"):
                big.write(vals)
        with self.assertRaisesRegex(AccessError, "change only through its buttons"):
            self._operation(ticket, "compensation", state="approved")
        big.action_submit()
        with self.assertRaisesRegex(AccessError, "supervisor"):
            big.action_approve()
        self.assertEqual(big.state, "to_approve")

    def test_refusal_names_the_document_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "aftersales_service")]
        )._update_translations(filter_lang=["zh_CN"], overwrite=True)
        operation = self._operation(
            self._ticket(self.cat_quality), "compensation", compensation_type="gift"
        )
        with self.assertRaisesRegex(AccessError, "售后退货、换货或补偿"):
            operation.with_context(lang="zh_CN").write({"state": "approved"})

    def test_amount_frozen_once_submitted(self):
        ticket = self._ticket(self.cat_quality)
        small = self._operation(
            ticket, "compensation", compensation_type="discount", compensation_amount=50
        )
        small.action_submit()
        small.action_approve()
        self.assertEqual(small.state, "done")
        with self.assertRaisesRegex(UserError, "already submitted"):
            small.write({"compensation_amount": 5000})
        self.assertEqual(small.compensation_amount, 50)

    def test_cancelling_approved_operation_is_supervisors(self):
        ticket = self._ticket(self.cat_quality)
        ret = self._operation(ticket, "return", 2.0)
        ret.action_submit()
        ret.with_user(self.user_supervisor).action_approve()
        with self.assertRaisesRegex(AccessError, "only an after-sales supervisor"):
            ret.action_cancel()
        ret.with_user(self.user_supervisor).action_cancel()
        self.assertEqual(ret.state, "cancel")
        self.assertEqual(ret.return_picking_id.state, "cancel")

    def test_inspection_outcome_and_state_by_action_only(self):
        ticket = self._ticket(self.cat_quality)
        inspection = (
            self.env["aftersales.quality.inspection"]
            .with_user(self.user_agent)
            .create({"ticket_id": ticket.id})
        )
        with self.assertRaisesRegex(AccessError, "supervisor decides the outcome"):
            inspection.write({"outcome": "damages", "outcome_amount": 5000})
        with self.assertRaisesRegex(AccessError, "change only through its buttons"):
            inspection.write({"state": "decided"})
        keeper = inspection.with_user(self.user_warehouse)
        with self.assertRaisesRegex(AccessError, "change only through its buttons"):
            keeper.write({"decision_user_id": self.user_warehouse.id})
        self.assertEqual(inspection.state, "requested")
        self.assertFalse(inspection.outcome)

    # -- 9. the request's visibility --------------------------------------
    def test_agent_reads_only_operations_of_visible_requests(self):
        north = self._ticket(self.cat_quality, team_id=self.team_north.id)
        south = self._ticket(
            self.cat_quality,
            team_id=self.team_south.id,
            user_id=self.agent_south.id,
            partner_id=self.other_customer.id,
            delivery_id=self.other_delivery.id,
        )
        mine = self._operation(north, "compensation", reason="Shade differs")
        theirs = (
            self.env["aftersales.return"]
            .with_user(self.agent_south)
            .create(
                {
                    "ticket_id": south.id,
                    "operation": "compensation",
                    "reason": "Private reason",
                }
            )
        )
        Inspection = self.env["aftersales.quality.inspection"]
        inspections = Inspection.create(
            [{"ticket_id": north.id}, {"ticket_id": south.id}]
        )
        Return = self.env["aftersales.return"].with_user(self.user_agent)
        self.assertEqual(Return.search([("id", "in", (mine | theirs).ids)]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_agent).read(["reason"])
        self.assertEqual(
            Inspection.with_user(self.user_agent).search(
                [("id", "in", inspections.ids)]
            ),
            inspections[0],
        )
        # The other team's agent sees theirs; the supervisor sees both.
        self.assertEqual(
            Return.with_user(self.agent_south).search(
                [("id", "in", (mine | theirs).ids)]
            ),
            theirs,
        )
        self.assertEqual(
            Return.with_user(self.user_supervisor).search(
                [("id", "in", (mine | theirs).ids)]
            ),
            mine | theirs,
        )


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestReturnAccessRpc(AftersalesCommon, HttpCase):
    """Portal users read over JSON-RPC only what the portal pages show
    (issue 12, point 11)."""

    with_tile_shop = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_lin = new_test_user(
            cls.env,
            login="as_portal_lin",
            password="as_portal_lin_pw",
            groups="base.group_portal",
        )
        cls.portal_lin.partner_id.parent_id = cls.customer
        cls.ticket = cls._ticket(cls.cat_quality)
        cls.ticket.sudo().refund_reason = "Internal: customer is difficult"
        ret = cls.env["aftersales.return"].create(
            {"ticket_id": cls.ticket.id, "operation": "return", "quantity": 2.0}
        )
        ret.action_submit()
        ret.with_user(cls.user_supervisor).action_approve()
        ret.with_user(cls.user_warehouse)._receive(1.0, "One tile missing")
        cls.ret = ret
        cls.draft = cls.env["aftersales.return"].create(
            {
                "ticket_id": cls.ticket.id,
                "operation": "compensation",
                "compensation_amount": 900,
            }
        )
        cls.inspection = cls.env["aftersales.quality.inspection"].create(
            {"ticket_id": cls.ticket.id, "report": "<p>Internal findings</p>"}
        )

    def _call(self, model, method, args, kwargs=None):
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": kwargs or {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def test_portal_reads_no_internal_note(self):
        self.authenticate("as_portal_lin", "as_portal_lin_pw")
        shown = self._call(
            "aftersales.return", "read", [self.ret.ids, ["name", "state", "quantity"]]
        )
        self.assertEqual(shown["result"][0]["state"], "received")
        for model, record, field in (
            ("aftersales.return", self.ret, "discrepancy_note"),
            ("aftersales.return", self.ret, "inspection_note"),
            ("aftersales.return", self.ret, "procurement_note"),
            ("aftersales.quality.inspection", self.inspection, "report"),
            ("aftersales.quality.inspection", self.inspection, "outcome_amount"),
            ("helpdesk.ticket", self.ticket, "refund_reason"),
            ("helpdesk.ticket", self.ticket, "cause_explanation"),
            ("aftersales.return", self.draft, "compensation_amount"),
        ):
            with self.subTest(model=model, field=field):
                answer = self._call(model, "read", [record.ids, [field]])
                self.assertIn("error", answer, f"{field} is internal")
                self.assertNotIn("result", answer)
        found = self._call(
            "aftersales.return", "search_read", [[]], {"fields": ["name"]}
        )
        self.assertEqual([r["id"] for r in found["result"]], self.ret.ids)
