# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestFoundation(AftersalesCommon):
    def test_groups_extend_helpdesk_levels(self):
        """Agents are helpdesk team users, supervisors helpdesk managers,
        warehouse keepers stock users; none of them is more than that."""
        agent, supervisor, keeper = (
            self.user_agent,
            self.user_supervisor,
            self.user_warehouse,
        )
        self.assertTrue(agent.has_group("helpdesk_mgmt.group_helpdesk_user_team"))
        self.assertFalse(agent.has_group("helpdesk_mgmt.group_helpdesk_user"))
        self.assertFalse(
            agent.has_group("aftersales_service.group_aftersales_supervisor")
        )
        self.assertTrue(
            supervisor.has_group("aftersales_service.group_aftersales_agent")
        )
        self.assertTrue(supervisor.has_group("helpdesk_mgmt.group_helpdesk_manager"))
        self.assertTrue(keeper.has_group("stock.group_stock_user"))
        self.assertFalse(keeper.has_group("aftersales_service.group_aftersales_agent"))
        self.assertFalse(agent.has_group("stock.group_stock_user"))

    def test_menu_access_per_role(self):
        root = "aftersales_service.aftersales_root_menu"
        requests = "aftersales_service.aftersales_request_menu"
        settings = "aftersales_service.aftersales_config_settings_menu"
        self.assertNotIn(root, self.visible_menu_xmlids(self.user_internal))
        agent_menus = self.visible_menu_xmlids(self.user_agent)
        self.assertIn(requests, agent_menus)
        self.assertNotIn(settings, agent_menus)
        self.assertIn(requests, self.visible_menu_xmlids(self.user_warehouse))
        supervisor_menus = self.visible_menu_xmlids(self.user_supervisor)
        self.assertIn(
            "aftersales_service.aftersales_config_team_menu", supervisor_menus
        )
        # Settings are company-wide: only administrators open them
        self.assertNotIn(settings, supervisor_menus)
        self.user_supervisor.group_ids |= self.env.ref("base.group_system")
        self.assertIn(settings, self.visible_menu_xmlids(self.user_supervisor))

    def test_settings_return_windows(self):
        """An administrator sets the return windows; they land on the company."""
        self.assertEqual(self.company.aftersales_quality_return_days, 30)
        self.assertEqual(self.company.aftersales_other_return_days, 7)
        self.user_supervisor.group_ids |= self.env.ref("base.group_system")
        with Form(self.env["res.config.settings"].with_user(self.user_supervisor)) as f:
            f.aftersales_quality_return_days = 45
            f.aftersales_other_return_days = 10
        f.save().execute()
        self.assertEqual(self.company.aftersales_quality_return_days, 45)
        self.assertEqual(self.company.aftersales_other_return_days, 10)

    def test_agent_cannot_change_settings(self):
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.user_agent).create(
                {"aftersales_quality_return_days": 1}
            )

    def test_zh_cn_menu(self):
        """The menu reads 售后 once Simplified Chinese is loaded."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "aftersales_service")]
        )._update_translations(["zh_CN"])
        menu = self.env.ref("aftersales_service.aftersales_root_menu")
        self.assertEqual(menu.with_context(lang="zh_CN").name, "售后")
        self.assertEqual(menu.with_context(lang="en_US").name, "After-Sales")
        requests = self.env.ref("aftersales_service.aftersales_request_menu")
        self.assertEqual(requests.with_context(lang="zh_CN").name, "售后请求")
