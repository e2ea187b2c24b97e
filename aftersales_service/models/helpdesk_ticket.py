# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

IMPACTS = [("1", "Minor"), ("2", "Significant"), ("3", "Blocking")]
URGENCIES = [("1", "Low"), ("2", "Normal"), ("3", "Urgent")]


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    aftersales_kind = fields.Selection(
        string="Kind",
        related="category_id.aftersales_kind",
        store=True,
        index=True,
    )
    service_tier = fields.Selection(
        string="Service Tier",
        related="commercial_partner_id.aftersales_tier",
        store=True,
    )
    product_id = fields.Many2one(
        "product.product",
        string="Product",
        check_company=True,
        index="btree_not_null",
        tracking=True,
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial",
        check_company=True,
        index="btree_not_null",
        domain="[('product_id', '=?', product_id)]",
        tracking=True,
    )
    delivery_id = fields.Many2one(
        "stock.picking",
        string="Original Delivery",
        check_company=True,
        index="btree_not_null",
        domain="[('picking_type_code', '=', 'outgoing'), ('state', '=', 'done')]",
        tracking=True,
    )
    purchase_date = fields.Date()
    install_location = fields.Char()
    expected_resolution = fields.Text(
        string="Expected Resolution",
        help="What the customer expects: repair, replacement, refund, visit...",
    )
    expected_date = fields.Date(string="Expected By")
    impact = fields.Selection(IMPACTS, default="2", tracking=True)
    urgency = fields.Selection(URGENCIES, default="2", tracking=True)
    task_force_ids = fields.Many2many(
        "res.users",
        "helpdesk_ticket_task_force_rel",
        "ticket_id",
        "user_id",
        string="Task Force",
        domain=[("share", "=", False)],
        help="Extra people working on a complex request (专项小组).",
    )
