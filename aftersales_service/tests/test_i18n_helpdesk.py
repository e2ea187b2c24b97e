# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import Form, HttpCase, tagged
from odoo.tools import file_path
from odoo.tools.translate import get_translation, translation_file_reader

from .common import AftersalesCommon

HELPDESK_PO = "aftersales_service/i18n_extra/helpdesk_mgmt.zh_CN.po"


def helpdesk_terms(kind):
    """English terms of helpdesk_mgmt that our po file translates into
    something else, for one kind of occurrence ('arch_db', 'field_description',
    'code'...)."""
    return {
        row["src"]
        for row in translation_file_reader(file_path(HELPDESK_PO), fileformat="po")
        if row["value"] != row["src"]
        and (row["type"] == kind or row["name"].endswith(f",{kind}"))
    }


def load_zh_cn_like_an_install(env):
    """Chinese active, then the translations loaded as Odoo does it when our
    addon is installed or updated (its own module only: helpdesk_mgmt's
    terms must come with it)."""
    env["res.lang"]._activate_lang("zh_CN")
    env["ir.module.module"].search(
        [("name", "=", "aftersales_service")]
    )._update_translations(["zh_CN"])


@tagged("post_install", "-at_install")
class TestHelpdeskChinese(AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh_cn_like_an_install(cls.env)
        cls.user_supervisor.lang = "zh_CN"
        cls.user_warehouse.lang = "zh_CN"
        cls.Ticket = cls._env(cls.user_supervisor)["helpdesk.ticket"]

    @classmethod
    def _env(cls, user):
        """The environment of ``user``'s requests: their rights, their language."""
        return cls.env(user=user, context={"lang": user.lang})

    def _views(self, user):
        return self._env(user)["helpdesk.ticket"].get_views(
            [(False, "form"), (False, "list"), (False, "kanban"), (False, "search")]
        )

    @staticmethod
    def _arch_labels(arch):
        """What a view shows as text: labels, placeholders, help texts, text nodes."""
        root = etree.fromstring(arch)
        labels = set()
        for node in root.iter():
            for attr in ("string", "placeholder", "help", "title", "confirm"):
                if node.get(attr):
                    labels.add(node.get(attr).strip())
            for text in (node.text, node.tail):
                if text and text.strip():
                    labels.add(text.strip())
        return labels

    def test_request_views_show_helpdesk_labels_in_chinese(self):
        """The form, list, kanban and search views of a request, as the web
        client loads them for a Chinese supervisor, show no English label of
        helpdesk_mgmt: neither its field labels nor its view texts."""
        views = self._views(self.user_supervisor)
        fields = views["models"]["helpdesk.ticket"]["fields"]
        self.assertEqual(fields["stage_id"]["string"], "阶段")
        self.assertEqual(fields["user_id"]["string"], "负责人")
        self.assertEqual(fields["number"]["string"], "请求编号")
        self.assertEqual(fields["channel_id"]["string"], "渠道")
        self.assertEqual(fields["team_id"]["string"], "团队")
        self.assertEqual(fields["tag_ids"]["string"], "标签")
        self.assertEqual(
            dict(fields["priority"]["selection"]),
            {"0": "低", "1": "中", "2": "高", "3": "非常高"},
        )
        english_fields = helpdesk_terms("field_description")
        self.assertIn("Next Activity Calendar Event", english_fields)
        self.assertEqual(
            fields["activity_calendar_event_id"]["string"], "下一活动日历事件"
        )
        self.assertFalse(
            {f["string"] for f in fields.values()} & english_fields,
            "helpdesk_mgmt field labels left in English",
        )
        english_texts = helpdesk_terms("arch_db")
        for view_type, view in views["views"].items():
            with self.subTest(view=view_type):
                self.assertFalse(self._arch_labels(view["arch"]) & english_texts)
        search_labels = self._arch_labels(views["views"]["search"]["arch"])
        self.assertIn("未分派", search_labels)

    def test_request_form_stages_and_channels_in_chinese(self):
        """A request opened in the form starts in helpdesk_mgmt's first stage,
        named in Chinese, and the stages and channels one picks from are
        Chinese."""
        form = Form(self.Ticket)
        self.assertEqual(form.stage_id.display_name, "新建")
        stages = {
            self.env.ref(f"helpdesk_mgmt.helpdesk_ticket_stage_{xmlid}"): name
            for xmlid, name in [
                ("new", "新建"),
                ("in_progress", "处理中"),
                ("awaiting", "等待中"),
                ("done", "已完成"),
                ("cancelled", "已取消"),
                ("rejected", "已拒绝"),
            ]
        }
        for stage, name in stages.items():
            self.assertEqual(stage.with_env(self.Ticket.env).name, name)
        channels = self._env(self.user_warehouse)["helpdesk.ticket.channel"]
        self.assertEqual(
            {
                channels.browse(
                    self.env.ref(f"helpdesk_mgmt.helpdesk_ticket_channel_{x}").id
                ).name
                for x in ("web", "email", "phone", "other")
            },
            {"网站", "邮件", "电话", "其他"},
        )

    def test_helpdesk_menus_in_chinese(self):
        """The menus the web client loads for a Chinese supervisor name
        helpdesk_mgmt's menus and actions in Chinese."""
        menus = self._env(self.user_supervisor)["ir.ui.menu"].load_menus(False)
        names = {
            self.env["ir.ui.menu"]
            .browse(menu["id"])
            .get_external_id()[menu["id"]]: menu["name"]
            for key, menu in menus.items()
            if key != "root"
        }
        self.assertEqual(names["helpdesk_mgmt.helpdesk_ticket_main_menu"], "服务台")
        self.assertEqual(
            names["helpdesk_mgmt.helpdesk_all_ticket_menu"], "全部售后请求"
        )
        self.assertEqual(
            names["helpdesk_mgmt.helpdesk_ticket_category_menu"], "请求类型"
        )
        english = helpdesk_terms("name")
        helpdesk_menus = {
            xmlid: name
            for xmlid, name in names.items()
            if xmlid.startswith("helpdesk_mgmt.")
        }
        self.assertGreaterEqual(len(helpdesk_menus), 10)
        self.assertFalse(set(helpdesk_menus.values()) & english, helpdesk_menus)
        # The action behind our Teams menu, as the web client loads it
        team_action = self._env(self.user_supervisor)["ir.actions.actions"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_team_action"
        )
        self.assertEqual(team_action["name"], "团队")

    def test_helpdesk_code_terms_in_chinese(self):
        """helpdesk_mgmt's Python messages (portal sorting, errors) are
        Chinese too, though its own folder has no zh_CN."""
        self.assertEqual(
            get_translation("helpdesk_mgmt", "zh_CN", "Newest", ()), "最新"
        )
        self.assertEqual(
            get_translation(
                "helpdesk_mgmt", "zh_CN", "You need to set a valid duplicate!", ()
            ),
            "请指定有效的重复请求！",
        )

    def test_plan_status_on_the_request_in_chinese(self):
        """The request's copy of the plan's status keeps its translations."""
        labels = dict(
            self.Ticket.fields_get(["service_plan_state"])["service_plan_state"][
                "selection"
            ]
        )
        plan_labels = dict(
            self._env(self.user_supervisor)["aftersales.service.plan"].fields_get(
                ["state"]
            )["state"]["selection"]
        )
        self.assertEqual(labels, plan_labels)
        self.assertNotEqual(labels["accepted"], "Accepted")

    def test_english_users_keep_english(self):
        """The agent in English still reads helpdesk_mgmt's own terms."""
        fields = self._views(self.user_agent)["models"]["helpdesk.ticket"]["fields"]
        self.assertEqual(fields["stage_id"]["string"], "Stage")
        stage = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        self.assertEqual(stage.with_env(self._env(self.user_agent)).name, "New")


@tagged("post_install", "-at_install")
class TestHelpdeskChineseLater(AftersalesCommon):
    def test_language_activated_after_install(self):
        """Chinese activated after our addon (Settings > Languages) brings
        helpdesk_mgmt's Chinese terms along with every module's."""
        lang = (
            self.env["res.lang"]
            .with_context(active_test=False)
            .search([("code", "=", "zh_CN")])
        )
        if lang.active:
            lang.action_archive()
        stage = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        stage.with_context(lang="zh_CN").invalidate_recordset()
        lang.action_unarchive()
        self.assertEqual(stage.with_context(lang="zh_CN").name, "处理中")


@tagged("post_install", "-at_install")
class TestHelpdeskChinesePortal(HttpCase):
    def test_portal_ticket_list_in_chinese(self):
        """A Chinese customer's portal list of requests speaks Chinese:
        helpdesk_mgmt's template texts and its sorting and search options."""
        load_zh_cn_like_an_install(self.env)
        self.env["res.users"].create(
            {
                "name": "Chen Wei",
                "login": "zh_portal",
                "password": "zh_portal_pw",
                "lang": "zh_CN",
                "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        self.authenticate("zh_portal", "zh_portal_pw")
        page = self.url_open("/my/tickets").text
        # the after-sales list replaces helpdesk_mgmt's sorting bar by its
        # own filters; helpdesk_mgmt's code strings are checked above
        for text in ("售后请求", "全部", "已解决"):
            self.assertIn(text, page)
        self.assertNotIn("Search in Title", page)
