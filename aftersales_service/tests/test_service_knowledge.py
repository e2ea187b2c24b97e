# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import ServiceCommon


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestServiceKnowledge(ServiceCommon):
    """Diagnosis with the knowledge base (R15): the agent links solution
    articles of OCA's document_page to the request and sends them to the
    customer; supervisors write the articles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Page = cls.env["document.page"]
        cls.category = Page.create({"name": "Sofa solutions", "type": "category"})
        cls.page_spring = Page.create(
            {
                "name": "Sagging seat: replace the spring kit",
                "parent_id": cls.category.id,
                "content": "<p>Replace the whole <b>seat spring kit</b>.</p>",
            }
        )
        cls.page_cover = Page.create(
            {
                "name": "Loose cover: refit the clips",
                "content": "<p>Clip the cover back under the frame.</p>",
            }
        )
        cls.ticket = cls._ticket()

    def test_agent_links_and_sends_articles(self):
        agent = self.user_agent
        with Form(self.ticket.with_user(agent)) as form:
            form.solution_page_ids.add(self.page_spring)
            form.solution_page_ids.add(self.page_cover)
        self.assertEqual(
            self.ticket.solution_page_ids, self.page_spring | self.page_cover
        )
        # the agent sees the past cases panel beside the articles
        self.assertFalse(self.ticket.with_user(agent).service_past_case_ids)
        self.ticket.with_user(agent).action_aftersales_send_articles()
        message = self.ticket.message_ids[0]
        self.assertEqual(message.message_type, "comment")
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertFalse(message.subtype_id.internal)
        self.assertEqual(message.partner_ids, self.customer)
        self.assertEqual(message.author_id, agent.partner_id)
        self.assertIn("Sagging seat: replace the spring kit", message.body)
        self.assertIn("<b>seat spring kit</b>", message.body)
        self.assertIn("Clip the cover back under the frame.", message.body)

    def test_send_in_customer_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "aftersales_service")]
        )._update_translations(filter_lang=["zh_CN"], overwrite=True)
        self.customer.lang = "zh_CN"
        self.ticket.solution_page_ids = self.page_spring
        self.ticket.with_user(self.user_agent).action_aftersales_send_articles()
        self.assertIn("解决", self.ticket.message_ids[0].body)

    def test_past_cases_kept_beside_articles(self):
        solved = self._ticket()
        solved.resolution_summary = "Spring kit replaced."
        solved.sudo().write({"service_completed_date": "2026-02-20 10:00:00"})
        self.ticket.solution_page_ids = self.page_spring
        self.assertEqual(
            self.ticket.with_user(self.user_agent).service_past_case_ids, solved
        )

    def test_nothing_to_send(self):
        with self.assertRaisesRegex(UserError, "Link the solution articles"):
            self.ticket.with_user(self.user_agent).action_aftersales_send_articles()

    def test_article_rights(self):
        agent, supervisor = self.user_agent, self.user_supervisor
        page = self.page_spring.with_user(agent)
        self.assertIn("seat spring kit", page.content)
        with self.assertRaises(AccessError):
            page.write({"content": "<p>Anything.</p>"})
        with self.assertRaises(AccessError):
            self.env["document.page"].with_user(agent).create({"name": "Mine"})
        self.page_spring.with_user(supervisor).write(
            {"content": "<p>Replace the kit and check the frame.</p>"}
        )
        self.assertIn("check the frame", self.page_spring.content)
        # another team's agent cannot send articles on this request
        self.ticket.solution_page_ids = self.page_spring
        with self.assertRaises(AccessError):
            self.ticket.with_user(
                self.user_other_agent
            ).action_aftersales_send_articles()
