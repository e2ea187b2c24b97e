# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import subprocess
import tempfile
import unicodedata

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import AftersalesCommon


def pdf_text(pdf):
    """Text of a PDF, as pdftotext extracts it (CJK radicals normalized)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        text = subprocess.run(
            ["pdftotext", "-layout", handle.name, "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return unicodedata.normalize("NFKC", text)


@tagged("post_install", "-at_install")
class TestManagementReport(AftersalesCommon):
    with_sla = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, force_report_rendering=True))
        with freeze_time("2026-02-03 02:00:00"):
            cls.complaint = cls._ticket("complaint", name="Rude delivery man")
            cls.repairs = cls.env["helpdesk.ticket"].concat(
                *(cls._ticket("repair", name=f"Broken hinge {i}") for i in range(3))
            )
        with freeze_time("2026-02-03 06:00:00"):
            cls.repairs[0].with_user(cls.user_agent).message_post(
                body="On our way",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        cls.env.flush_all()

    def _report(self, **vals):
        return (
            self.env["aftersales.management.report"]
            .with_user(self.user_supervisor)
            .create({"date_from": "2026-02-17", **vals})
        )

    @freeze_time("2026-03-10 09:00:00")
    def test_monthly_pdf_in_english(self):
        report = self._report()
        self.assertEqual(str(report.date_from), "2026-02-01", "the month's first day")
        text = pdf_text(report._render_pdf("en_US"))
        self.assertIn("After-Sales Monthly Report 2026-02", text)
        self.assertRegex(text, r"Requests received\s+4")
        self.assertRegex(text, r"Complaint rate\s+25.0 %")
        self.assertRegex(text, r"Average first response \(hours\)\s+4.0")
        self.assertIn("Rude delivery man", text, "the open complaint is a hard case")
        self.assertIn("Volume by kind", text)

    @freeze_time("2026-03-10 09:00:00")
    def test_monthly_pdf_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["aftersales_service"], ["zh_CN"], overwrite=True
        )
        text = pdf_text(self._report()._render_pdf("zh_CN"))
        self.assertIn("售后月报", text)
        self.assertIn("投诉率", text)
        self.assertIn("首次响应", text)

    @freeze_time("2026-04-02 09:00:00")
    def test_quarterly_complaint_pdf(self):
        report = self._report(period_type="quarter")
        self.assertEqual(str(report.date_from), "2026-01-01")
        text = pdf_text(report._render_pdf("en_US"))
        self.assertIn("Quarterly Complaint Analysis 2026 Q1", text)
        self.assertRegex(text, r"Complaints\s+1\s+0")
        self.assertIn("SLA complaint", text, "the sub-kind of the complaint")

    def test_job_sends_once_per_month(self):
        boss = self.env["res.partner"].create(
            {"name": "Boss", "email": "boss@example.com", "lang": "en_US"}
        )
        self.company.aftersales_report_partner_ids = boss
        Report = self.env["aftersales.management.report"]
        with freeze_time("2026-03-01 01:00:00"):
            Report._cron_send_monthly()
            Report._cron_send_monthly()
        with freeze_time("2026-03-02 01:00:00"):
            Report._cron_send_monthly()
        sent = Report.search([("scheduled", "=", True)])
        self.assertEqual(len(sent), 1)
        self.assertEqual(str(sent.date_from), "2026-02-01")
        message = sent.message_ids.filtered(lambda m: m.attachment_ids)
        self.assertEqual(len(message), 1)
        self.assertIn(boss, message.partner_ids)
        self.assertEqual(message.attachment_ids.mimetype, "application/pdf")
        self.assertIn("Monthly Report 2026-02", pdf_text(message.attachment_ids.raw))
        with freeze_time("2026-04-01 01:00:00"):
            Report._cron_send_monthly()
        self.assertEqual(len(Report.search([("scheduled", "=", True)])), 2)

    @freeze_time("2026-03-10 09:00:00")
    def test_bad_input_and_rights(self):
        with self.assertRaises(ValidationError):
            self._report(date_from="2026-05-01")
        report = self._report()
        with self.assertRaises(UserError):
            report.write({"sent_date": "2026-03-01 00:00:00"})
        self.assertFalse(
            self.env["aftersales.management.report"]
            .with_user(self.user_agent)
            .has_access("read")
        )
