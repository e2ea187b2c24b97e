# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, tagged

from .test_service_completion import CompletionCommon
from .test_service_plan import SIGNATURE
from .test_service_report import pdf_text


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestServiceAcceptancePortal(CompletionCommon, HttpCase):
    """The technician completes the service and the customer signs the
    service report in the portal (R19); nobody else can sign it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket.action_aftersales_load_checklist()
        cls.ticket.service_check_ids.write({"done": True})

    def _complete_for_portal(self):
        ticket = self.ticket.with_user(self.user_agent)
        action = ticket.action_aftersales_complete()
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.user_agent)
            .with_context(**action["context"])
        )
        form.resolution_summary = "Spring kit replaced; seat firm again."
        form.acceptance_mode = "portal"
        form.save().action_complete()

    def _sign(self, token=None, name="Wang Fang", signature=SIGNATURE):
        params = {"name": name, "signature": signature.decode()}
        if token:
            params["access_token"] = token
        return self.make_jsonrpc_request(
            f"/my/ticket/{self.ticket.id}/service_accept", params=params
        )

    def test_customer_signs_in_the_portal(self):
        self._complete_for_portal()
        self.assertEqual(self.ticket.service_acceptance_state, "awaiting")
        self.assertFalse(self.ticket.service_signature)
        invitation = self.ticket.message_ids.filtered(
            lambda m: m.attachment_ids and self.customer in m.partner_ids
        )
        self.assertIn("sign it in your account", invitation.body)
        self.assertIn(f"/my/ticket/{self.ticket.id}", invitation.body)
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        page = self.url_open(f"/my/ticket/{self.ticket.id}").text
        self.assertIn('id="aftersales_service_accept"', page)
        self.assertIn("portal.signature_form", page)
        self.assertIn(f"/my/ticket/{self.ticket.id}/service_accept", page)
        result = self._sign()
        self.assertTrue(result.get("force_refresh"), result)
        self.assertEqual(self.ticket.service_acceptance_state, "signed")
        self.assertEqual(self.ticket.service_signed_by, "Wang Fang")
        self.assertTrue(self.ticket.service_signature)
        self.assertEqual(
            self.ticket.service_signed_date.isoformat(), "2026-03-02T09:00:00"
        )
        signed = self.ticket.message_ids.filtered(
            lambda m: m.attachment_ids and "Thank you for accepting" in m.body
        )
        self.assertEqual(signed.partner_ids, self.customer)
        page = self.url_open(result["redirect_url"]).text
        self.assertIn("aftersales_service_signed_message", page)
        self.assertIn("aftersales_service_signature", page)
        self.assertNotIn('id="aftersales_service_accept"', page)
        # signing twice is refused
        self.assertIn("not waiting for your signature", self._sign()["error"])

    def test_signed_report_shows_the_signature(self):
        self._complete_for_portal()
        report = self.ticket.with_context(force_report_rendering=True)
        text = pdf_text(report._aftersales_render_service_report())
        self.assertIn("Awaiting the customer's signature", text)
        self.ticket.sudo()._aftersales_accept_signature("Wang Fang", SIGNATURE)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "aftersales_service.action_report_service", self.ticket.ids
            )[0]
            .decode()
        )
        self.assertIn("Work accepted by", html)
        self.assertIn("data:image/png;base64,", html)
        self.assertNotIn("Awaiting the customer", html)
        text = pdf_text(report._aftersales_render_service_report())
        self.assertIn("Wang Fang", text)
        self.assertNotIn("Awaiting the customer's signature", text)

    def test_token_link_without_login(self):
        self._complete_for_portal()
        result = self._sign(token=self.ticket.access_token)
        self.assertTrue(result.get("force_refresh"), result)
        self.assertEqual(self.ticket.service_acceptance_state, "signed")

    def test_other_customer_and_wrong_token_refused(self):
        self._complete_for_portal()
        self.assertIn("error", self._sign(token="not-the-token"))
        self.authenticate("as_portal_chen", "as_portal_chen_pw")
        page = self.url_open(f"/my/ticket/{self.ticket.id}").text
        self.assertNotIn("aftersales_service_accept", page)
        self.assertIn("not yours", self._sign()["error"])
        self.assertEqual(self.ticket.service_acceptance_state, "awaiting")
        self.assertFalse(self.ticket.service_signature)

    def test_missing_signature_and_not_completed(self):
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        self.assertIn("not waiting for your signature", self._sign()["error"])
        self.assertFalse(self.ticket.service_signed_by)
        self._complete_for_portal()
        self.assertIn("Sign to accept the work", self._sign(signature=b"")["error"])
        self.assertEqual(self.ticket.service_acceptance_state, "awaiting")

    def test_tour_customer_signs(self):
        self._complete_for_portal()
        self.start_tour(
            f"/my/ticket/{self.ticket.id}",
            "aftersales_service_report_sign_tour",
            login="as_portal_wang",
        )
        self.assertEqual(self.ticket.service_acceptance_state, "signed")
        self.assertEqual(self.ticket.service_signed_by, "Wang Fang")
        self.assertTrue(self.ticket.service_signature)

    def test_screen_signature_still_required_without_portal(self):
        with self.assertRaisesRegex(UserError, "The customer signs to accept"):
            self.ticket.with_user(self.user_agent)._aftersales_complete(
                "", False, "Spring replaced."
            )
        self.assertFalse(self.ticket.service_completed_date)
