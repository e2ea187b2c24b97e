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

    # Service events: each is written once by the flow that produces it and
    # completes the SLA targets waiting for it (see aftersales.sla.target).
    first_reply_date = fields.Datetime(
        string="First Reply On",
        readonly=True,
        copy=False,
        help="First public message of the service staff to the customer.",
    )
    visit_date = fields.Datetime(
        string="Visit Scheduled For", copy=False, tracking=True
    )
    visit_scheduled_date = fields.Datetime(
        string="Visit Scheduled On", readonly=True, copy=False
    )
    plan_proposed_date = fields.Datetime(
        string="Plan Proposed On", readonly=True, copy=False
    )
    return_reviewed_date = fields.Datetime(
        string="Return Reviewed On", readonly=True, copy=False
    )
    resolved_date = fields.Datetime(
        string="Resolved On",
        readonly=True,
        copy=False,
        help="When the request reached a closing stage other than a cancellation; "
        "cleared when it is reopened.",
    )
