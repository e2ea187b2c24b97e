# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import ServiceCommon
from .test_service_plan import SIGNATURE


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestServicePortal(ServiceCommon, HttpCase):
    """The customer reads the plan in the portal, accepts it with name and
    signature or refuses it with a reason; nobody else can."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._ticket()
        cls.plan = cls._plan(cls.ticket)
        cls.plan.with_user(cls.user_agent).action_send()

    def _accept(self, plan, token=None, name="Wang Fang", signature=SIGNATURE):
        params = {"name": name, "signature": signature.decode()}
        if token:
            params["access_token"] = token
        return self.make_jsonrpc_request(
            f"/my/service/plan/{plan.id}/accept", params=params
        )

    def test_customer_reads_and_signs(self):
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        page = self.url_open(f"/my/service/plan/{self.plan.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("A broken seat spring.", page.text)
        self.assertIn("Seat spring kit", page.text)
        self.assertIn("aftersales_plan_accept", page.text)
        ticket_page = self.url_open(f"/my/ticket/{self.ticket.id}").text
        self.assertIn(f"/my/service/plan/{self.plan.id}", ticket_page)
        result = self._accept(self.plan)
        self.assertTrue(result.get("force_refresh"), result)
        self.assertEqual(self.plan.state, "accepted")
        self.assertEqual(self.plan.confirmation_method, "signature")
        self.assertEqual(self.plan.signed_by, "Wang Fang")
        self.assertTrue(self.plan.signature)
        self.assertEqual(
            self.ticket.plan_confirmed_date.isoformat(), "2026-03-02T09:00:00"
        )
        page = self.url_open(f"/my/service/plan/{self.plan.id}").text
        self.assertIn("aftersales_plan_signature", page)
        self.assertNotIn('id="aftersales_plan_accept"', page)

    def test_token_link_without_login(self):
        result = self._accept(self.plan, token=self.plan.access_token)
        self.assertTrue(result.get("force_refresh"), result)
        self.assertEqual(self.plan.state, "accepted")

    def test_other_customer_refused(self):
        self.authenticate("as_portal_chen", "as_portal_chen_pw")
        page = self.url_open(f"/my/service/plan/{self.plan.id}")
        self.assertNotIn("A broken seat spring.", page.text)
        result = self._accept(self.plan)
        self.assertIn("error", result)
        response = self.url_open(
            f"/my/service/plan/{self.plan.id}/refuse",
            data={
                "refusal_reason": "Not mine",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.plan.state, "sent")
        self.assertFalse(self.plan.refusal_reason)

    def test_wrong_token_refused(self):
        result = self._accept(self.plan, token="not-the-token")
        self.assertIn("error", result)
        self.assertEqual(self.plan.state, "sent")

    def test_missing_signature_and_expired(self):
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        result = self._accept(self.plan, signature=b"")
        self.assertIn("sign to accept", result["error"])
        self.logout()
        token = self.plan.access_token
        with freeze_time("2026-03-17 09:00:00"):
            result = self._accept(self.plan, token=token)
            self.assertIn("expired", result["error"])
            page = self.url_open(
                f"/my/service/plan/{self.plan.id}?access_token={token}"
            ).text
            self.assertIn("This proposal has expired", page)
        self.assertEqual(self.plan.state, "sent")

    def test_expired_plan_no_longer_waits_for_the_customer(self):
        self.assertTrue(self.ticket.aftersales_portal_action_needed)
        Ticket = self.env["helpdesk.ticket"]
        with freeze_time("2026-03-16 09:00:00"):
            Ticket._cron_aftersales_portal_refresh()
            self.assertTrue(self.ticket.aftersales_portal_action_needed)
        with freeze_time("2026-03-17 09:00:00"):
            Ticket._cron_aftersales_portal_refresh()
            self.assertFalse(self.ticket.aftersales_portal_action_needed)
            self.assertNotEqual(self.ticket._aftersales_portal_state(), "action")

    def test_completed_service_waits_for_no_approval(self):
        self.assertTrue(self.ticket.aftersales_portal_action_needed)
        self.ticket.sudo().service_completed_date = "2026-03-02 08:00:00"
        self.assertFalse(self.ticket.aftersales_portal_action_needed)

    def test_customer_refuses_with_reason(self):
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        response = self.url_open(
            f"/my/service/plan/{self.plan.id}/refuse",
            data={"refusal_reason": "", "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertIn("Tell us why", response.text)
        self.assertEqual(self.plan.state, "sent")
        self.url_open(
            f"/my/service/plan/{self.plan.id}/refuse",
            data={
                "refusal_reason": "I prefer a new sofa",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(self.plan.state, "refused")
        self.assertEqual(self.plan.refusal_reason, "I prefer a new sofa")

    def test_draft_plan_not_shown(self):
        draft = self._plan(self.ticket)
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        page = self.url_open(f"/my/service/plan/{draft.id}")
        self.assertNotIn("Solution plan", page.text)
