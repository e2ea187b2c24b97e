# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time
from lxml import html

from odoo.tests import HttpCase, tagged

from .common import ServiceCommon
from .test_service_plan import SIGNATURE


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestPortalTimeline(ServiceCommon, HttpCase):
    """The request's timeline tells the service in plain words: the plan
    sent and awaiting the customer's approval, then accepted; the visit, when
    and with whom; the completed service with its report; the satisfaction
    survey waiting for the answer, then the rating. In English and Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_agent.name = "Li Na"
        cls.ticket = cls._ticket()
        cls.plan = cls._plan(cls.ticket)
        cls.ticket.stage_id = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )

    def _steps(self, ticket=None, lang=None):
        ticket = (ticket or self.ticket).with_context(lang=lang or "en_US")
        ticket.invalidate_recordset()
        return {step["key"]: step for step in ticket._aftersales_portal_timeline()}

    def _keys(self):
        return [step["key"] for step in self.ticket._aftersales_portal_timeline()]

    def _visit(self, start):
        return self.env["calendar.event"].create(
            {
                "name": "Visit",
                "aftersales_ticket_id": self.ticket.id,
                "start": start,
                "stop": start.replace(hour=start.hour + 2),
                "partner_ids": [(6, 0, self.user_agent.partner_id.ids)],
            }
        )

    def test_draft_plan_is_not_shown(self):
        self.assertNotIn("plan", self._steps())
        self.assertFalse(self.ticket.aftersales_portal_action_needed)

    def test_plan_sent_awaits_approval_then_accepted(self):
        self.plan.with_user(self.user_agent).action_send()
        step = self._steps()["plan"]
        self.assertEqual(step["label"], "Plan sent: awaiting your approval")
        self.assertEqual(step["state"], "current")
        self.assertEqual(step["date"], datetime(2026, 3, 2, 9, 0))
        self.assertIn(self.plan.name, step["detail"])
        self.assertIn(f"/my/service/plan/{self.plan.id}", step["url"])
        actions = self.ticket._aftersales_portal_actions()
        self.assertEqual([a["key"] for a in actions], ["plan"])
        self.assertTrue(self.ticket.aftersales_portal_action_needed)
        self.assertNotIn("waiting_plan", self._keys(), "said once, by the plan")
        self.assertLess(self._keys().index("plan"), self._keys().index("resolved"))

        self.plan.sudo()._action_accept_signature("Wang Fang", SIGNATURE)
        step = self._steps()["plan"]
        self.assertEqual(step["label"], "Plan accepted")
        self.assertEqual(step["state"], "done")
        self.assertFalse(self.ticket.aftersales_portal_action_needed)

    def test_plan_refused_and_expired(self):
        self.plan.with_user(self.user_agent).action_send()
        with freeze_time("2026-03-17 09:00:00"):
            step = self._steps()["plan"]
            self.assertEqual(step["label"], "Plan expired")
            self.assertIn("contact us for a new one", step["detail"])
            self.assertFalse(self.ticket._aftersales_portal_actions())
        self.plan.invalidate_recordset(["is_expired"])
        self.plan.sudo()._action_refuse("Too expensive")
        step = self._steps()["plan"]
        self.assertEqual(step["label"], "Plan refused")
        self.assertIn("another proposal", step["detail"])

    def test_visit_when_and_with_whom(self):
        visit = self._visit(datetime(2026, 3, 4, 6, 0))
        step = self._steps()[f"visit_{visit.id}"]
        self.assertEqual(step["label"], "Visit scheduled")
        self.assertEqual(step["state"], "current")
        self.assertEqual(step["date"], datetime(2026, 3, 4, 6, 0))
        self.assertEqual(step["detail"], "With Li Na. Please confirm it.")
        visit.sudo().aftersales_visit_state = "confirmed"
        step = self._steps()[f"visit_{visit.id}"]
        self.assertEqual(step["detail"], "With Li Na. You confirmed it.")
        with freeze_time("2026-03-05 09:00:00"):
            step = self._steps()[f"visit_{visit.id}"]
            self.assertEqual((step["label"], step["state"]), ("Visit", "done"))

    def test_completed_service_links_its_report(self):
        self.ticket.sudo().service_completed_date = datetime(2026, 3, 2, 8, 0)
        step = self._steps()["service_done"]
        self.assertEqual(step["label"], "Service completed")
        self.assertEqual(step["detail"], "The service report is available.")
        self.assertEqual(
            step["url"],
            f"/my/ticket/{self.ticket.id}/service_report"
            f"?access_token={self.ticket.access_token}",
        )
        self.assertEqual(step["url_label"], "Download the service report (PDF)")
        # the link is on the page, and opens the report by the emailed link
        page = self.url_open(self.ticket.get_portal_url()).text
        link = html.fromstring(page).xpath("//a[@data-step-link='service_done']")
        self.assertEqual(link[0].get("href"), step["url"])

    def test_survey_waits_for_the_answer_then_thanks(self):
        self.customer.email = "wangfang@example.com"
        self.ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.env["helpdesk.ticket"]._cron_satisfaction()
        self.assertEqual(self.ticket.satisfaction_state, "invited")
        steps = self._steps()
        step = steps["survey"]
        self.assertEqual(step["label"], "Satisfaction survey: waiting for your answer")
        self.assertEqual(step["state"], "current")
        self.assertEqual(step["url"], self.ticket.satisfaction_url)
        self.assertEqual(list(steps)[-1], "survey", "after the resolution")
        self.ticket._satisfaction_answer_current(
            {"overall": 5, "solved": True, "speed": 4, "attitude": 5}
        )
        step = self._steps()["survey"]
        self.assertEqual(step["label"], "Thank you for your answer")
        self.assertEqual(step["detail"], "Your rating: 5/5.")

    def test_timeline_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "aftersales_service")]
        )._update_translations(filter_lang=["zh_CN"], overwrite=True)
        self.plan.with_user(self.user_agent).action_send()
        visit = self._visit(datetime(2026, 3, 4, 6, 0))
        steps = self._steps(lang="zh_CN")
        self.assertEqual(steps["plan"]["label"], "方案已发送，等待您确认")
        self.assertEqual(steps["plan"]["url_label"], "查看方案")
        self.assertEqual(steps[f"visit_{visit.id}"]["label"], "已安排上门服务")
        self.assertEqual(
            steps[f"visit_{visit.id}"]["detail"], "技术人员：Li Na。请确认。"
        )
        actions = self.ticket.with_context(lang="zh_CN")._aftersales_portal_actions()
        self.assertEqual([a["label"] for a in actions], ["确认方案", "确认上门时间"])
        self.ticket.sudo().service_completed_date = datetime(2026, 3, 2, 8, 0)
        steps = self._steps(lang="zh_CN")
        self.assertEqual(steps["service_done"]["label"], "服务已完成")
        self.assertEqual(steps["service_done"]["url_label"], "下载服务报告（PDF）")
