# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_service.tests.common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestTrainingFoundation(AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_staff = new_test_user(
            cls.env, login="tr_staff", groups="aftersales_training.group_training_user"
        )
        cls.user_trainer = new_test_user(
            cls.env,
            login="tr_trainer",
            groups="aftersales_training.group_training_trainer",
        )

    def test_groups(self):
        self.assertTrue(self.user_trainer.has_group("survey.group_survey_user"))
        self.assertFalse(self.user_staff.has_group("survey.group_survey_user"))
        # Service supervisors follow their staff's training
        self.assertTrue(
            self.user_supervisor.has_group("aftersales_training.group_training_trainer")
        )
        self.assertFalse(
            self.user_agent.has_group("aftersales_training.group_training_trainer")
        )

    def test_menu_access_per_role(self):
        training = "aftersales_training.aftersales_training_exam_menu"
        self.assertIn(training, self.visible_menu_xmlids(self.user_trainer))
        # A trainer who is not a service agent still reaches the app
        self.assertIn(
            "aftersales_service.aftersales_root_menu",
            self.visible_menu_xmlids(self.user_trainer),
        )
        self.assertIn(training, self.visible_menu_xmlids(self.user_supervisor))
        self.assertNotIn(training, self.visible_menu_xmlids(self.user_agent))
        self.assertNotIn(training, self.visible_menu_xmlids(self.user_staff))

    def test_zh_cn_menu(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "aftersales_training")]
        )._update_translations(["zh_CN"])
        menu = self.env.ref("aftersales_training.aftersales_training_menu")
        self.assertEqual(menu.with_context(lang="zh_CN").name, "培训")
