# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
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


def deliver(env, partner, product, qty, lot=None):
    """A done delivery of ``qty`` ``product`` (of ``lot``) from the company's
    first warehouse to ``partner``, as a customer's purchase."""
    warehouse = env["stock.warehouse"].search(
        [("company_id", "=", env.company.id)], limit=1
    )
    stock = warehouse.lot_stock_id
    customers = env.ref("stock.stock_location_customers")
    env["stock.quant"]._update_available_quantity(product, stock, qty, lot_id=lot)
    picking = env["stock.picking"].create(
        {
            "partner_id": partner.id,
            "picking_type_id": warehouse.out_type_id.id,
            "location_id": stock.id,
            "location_dest_id": customers.id,
            "move_ids": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": qty,
                        "location_id": stock.id,
                        "location_dest_id": customers.id,
                    }
                )
            ],
        }
    )
    picking.action_confirm()
    picking.action_assign()
    if lot:
        picking.move_ids.move_line_ids.write({"lot_id": lot.id, "quantity": qty})
    picking.move_ids.picked = True
    picking.button_validate()
    return picking
