# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import subprocess
import tempfile

from freezegun import freeze_time
from lxml import html

from odoo.tests import HttpCase, tagged

from .test_service_completion import CompletionCommon


def pdf_text(pdf):
    """The text of a PDF, as pdftotext (poppler) extracts it."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        return subprocess.run(
            ["pdftotext", "-layout", file.name, "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestServiceReport(CompletionCommon, HttpCase):
    """The service report is a real PDF (wkhtmltopdf) in the customer's
    language, downloadable by that customer only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket.lot_id = False
        part = cls.env["aftersales.service.part"].create(
            {"ticket_id": cls.ticket.id, "product_id": cls.spring.id}
        )
        part.action_consume()
        cls.env["aftersales.service.step"].create(
            {"ticket_id": cls.ticket.id, "note": "Replaced the left spring."}
        )
        cls.ticket.action_aftersales_load_checklist()
        cls.ticket.service_check_ids.write({"done": True})

    def _render(self):
        return self.ticket.with_context(
            force_report_rendering=True
        )._aftersales_render_service_report()

    def _complete_now(self):
        self.ticket.with_user(self.user_agent).with_context(
            force_report_rendering=True
        )._aftersales_complete("Wang Fang", self._signature(), "Spring replaced.")

    @staticmethod
    def _signature():
        from .test_service_plan import SIGNATURE

        return SIGNATURE

    def test_report_in_english(self):
        self._complete_now()
        text = pdf_text(self._render())
        self.assertIn("Service Report", text)
        self.assertIn(self.ticket.number, text)
        self.assertIn("Wang Fang", text)
        self.assertIn("Seat spring kit", text)
        self.assertIn("Replaced the left spring.", text)
        self.assertIn("A broken seat spring.", text)
        self.assertIn("Work accepted by", text)

    def test_report_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "aftersales_service")]
        )._update_translations(filter_lang=["zh_CN"], overwrite=True)
        self.customer.lang = "zh_CN"
        self._complete_now()
        text = pdf_text(self._render())
        self.assertIn("服务报告", text)
        self.assertIn("备件", text)
        self.assertIn("Seat spring kit", text)
        self.assertNotIn("Service Report", text)

    def test_customer_downloads_report_in_portal(self):
        self._complete_now()
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        page = self.url_open(f"/my/ticket/{self.ticket.id}").text
        self.assertIn("aftersales_service_report_download", page)
        response = self.url_open(f"/my/ticket/{self.ticket.id}/service_report")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.authenticate("as_portal_chen", "as_portal_chen_pw")
        response = self.url_open(f"/my/ticket/{self.ticket.id}/service_report")
        self.assertNotEqual(response.headers.get("Content-Type"), "application/pdf")

    def test_emailed_link_downloads_report_without_account(self):
        self._complete_now()
        other = self._ticket()
        other._portal_ensure_token()
        page = self.url_open(self.ticket.get_portal_url()).text
        link = html.fromstring(page).xpath(
            "//a[@id='aftersales_service_report_download']"
        )
        href = link[0].get("href")
        self.assertIn(f"access_token={self.ticket.access_token}", href)
        response = self.url_open(href)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        # another request's token opens no report
        response = self.url_open(
            f"/my/ticket/{self.ticket.id}/service_report"
            f"?access_token={other.access_token}",
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertNotEqual(response.headers.get("Content-Type"), "application/pdf")
