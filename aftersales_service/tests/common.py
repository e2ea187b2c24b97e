# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class AftersalesCommon(BaseCommon):
    """One user per role, least privileged first; no demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.user_internal = new_test_user(
            cls.env, login="as_internal", groups="base.group_user"
        )
        cls.user_agent = new_test_user(
            cls.env,
            login="as_agent",
            groups="aftersales_service.group_aftersales_agent",
        )
        cls.user_supervisor = new_test_user(
            cls.env,
            login="as_supervisor",
            groups="aftersales_service.group_aftersales_supervisor",
        )
        cls.user_warehouse = new_test_user(
            cls.env,
            login="as_warehouse",
            groups="aftersales_service.group_aftersales_warehouse",
        )
        cls.user_portal = new_test_user(
            cls.env, login="as_portal", groups="base.group_portal"
        )

    @classmethod
    def visible_menu_xmlids(cls, user):
        """xml ids of the menus ``user`` can open (as the web client loads them)."""
        menus = cls.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        ids = [m["id"] for key, m in menus.items() if key != "root"]
        data = cls.env["ir.model.data"].search(
            [("model", "=", "ir.ui.menu"), ("res_id", "in", ids)]
        )
        return set(data.mapped("complete_name"))
