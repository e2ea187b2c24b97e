# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..tools.selections import SHIPPING_PAYERS


class HelpdeskTicket(models.Model):
    """Returns, exchanges, replenishment and lot quality of a request
    (R20-R28): eligibility (R24), operations (``aftersales.return``),
    transfers, refund decision, same-lot stock and customers. Business rules
    live in ``aftersales.return``, ``aftersales.quality.inspection`` and
    ``stock.lot``."""

    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    return_reason = fields.Selection(
        [("quality", "Quality Defect"), ("other", "Other Reason")],
        compute="_compute_return_reason",
        store=True,
        readonly=False,
        help="Quality returns have a longer window, no conditions and "
        "company-paid shipping.",
    )
    return_unused = fields.Boolean(string="Unused")
    return_packaging_intact = fields.Boolean(string="Packaging Intact")
    return_resaleable = fields.Boolean(string="Resaleable")
    return_deadline = fields.Date(
        string="Return Window Ends", compute="_compute_return_eligibility"
    )
    return_eligible = fields.Boolean(compute="_compute_return_eligibility")
    return_eligibility_reason = fields.Char(
        string="Return Rule", compute="_compute_return_eligibility"
    )
    return_shipping_payer = fields.Selection(
        SHIPPING_PAYERS,
        string="Return Shipping Paid By",
        compute="_compute_return_eligibility",
    )
    aftersales_return_ids = fields.One2many(
        "aftersales.return", "ticket_id", string="Returns and Exchanges"
    )
    picking_ids = fields.One2many(
        "stock.picking", "aftersales_ticket_id", string="Transfers", readonly=True
    )
    picking_count = fields.Integer(
        string="Transfer Count", compute="_compute_picking_count"
    )
    quality_inspection_ids = fields.One2many(
        "aftersales.quality.inspection", "ticket_id", string="Quality Inspections"
    )
    refund_decision = fields.Selection(
        [("refund", "Refund"), ("no_refund", "No Refund")],
        tracking=True,
    )
    refund_amount = fields.Monetary(
        currency_field="aftersales_currency_id", tracking=True
    )
    refund_reason = fields.Text(groups="base.group_user")
    aftersales_currency_id = fields.Many2one(related="company_id.currency_id")
    lot_quant_ids = fields.Many2many(
        "stock.quant",
        string="Same-Lot Stock",
        compute="_compute_lot_quality_info",
        help="Stock of the request's lot by internal location.",
    )
    lot_customer_ids = fields.Many2many(
        "res.partner",
        string="Other Customers of the Lot",
        compute="_compute_lot_quality_info",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("aftersales_kind")
    def _compute_return_reason(self):
        for ticket in self:
            if ticket.aftersales_kind == "quality":
                ticket.return_reason = "quality"
            elif not ticket.return_reason:
                ticket.return_reason = "other"

    @api.depends(
        "return_reason",
        "purchase_date",
        "delivery_id",
        "return_unused",
        "return_packaging_intact",
        "return_resaleable",
        "company_id",
    )
    def _compute_return_eligibility(self):
        today = fields.Date.context_today(self)
        for ticket in self:
            ticket.update(ticket._get_return_eligibility(today))

    def _get_return_eligibility(self, today):
        """Which return rule applies, whether it is met and why (R24)."""
        self.ensure_one()
        company = self.company_id or self.env.company
        quality = self.return_reason == "quality"
        days = (
            company.aftersales_quality_return_days
            if quality
            else company.aftersales_other_return_days
        )
        payer = "company" if quality else "customer"
        purchased = self.purchase_date or (
            self.delivery_id.date_done and self.delivery_id.date_done.date()
        )
        if not purchased:
            return {
                "return_deadline": False,
                "return_eligible": False,
                "return_shipping_payer": payer,
                "return_eligibility_reason": self.env._(
                    "No purchase date: record it or the original delivery to "
                    "check the return window."
                ),
            }
        deadline = fields.Date.add(purchased, days=days)
        vals = {"return_deadline": deadline, "return_shipping_payer": payer}
        if today > deadline:
            reason = self.env._(
                "Returns for this reason are accepted within %(days)s days of "
                "purchase; the window ended on %(deadline)s.",
                days=days,
                deadline=fields.Date.to_string(deadline),
            )
            return dict(vals, return_eligible=False, return_eligibility_reason=reason)
        if quality:
            reason = self.env._(
                "Quality return within %(days)s days of purchase (until "
                "%(deadline)s): accepted unconditionally, shipping paid by the "
                "company.",
                days=days,
                deadline=fields.Date.to_string(deadline),
            )
            return dict(vals, return_eligible=True, return_eligibility_reason=reason)
        missing = [
            label
            for label, ok in (
                (self.env._("unused"), self.return_unused),
                (self.env._("packaging intact"), self.return_packaging_intact),
                (self.env._("resaleable"), self.return_resaleable),
            )
            if not ok
        ]
        if missing:
            reason = self.env._(
                "Non-quality return within %(days)s days: the product must be "
                "unused, in intact packaging and resaleable (not confirmed: "
                "%(missing)s).",
                days=days,
                missing=", ".join(missing),
            )
            return dict(vals, return_eligible=False, return_eligibility_reason=reason)
        reason = self.env._(
            "Non-quality return within %(days)s days of purchase (until "
            "%(deadline)s): unused, packaging intact and resaleable; shipping "
            "both ways paid by the customer; needs the supervisor's approval.",
            days=days,
            deadline=fields.Date.to_string(deadline),
        )
        return dict(vals, return_eligible=True, return_eligibility_reason=reason)

    @api.depends("picking_ids")
    def _compute_picking_count(self):
        counts = dict(
            self.env["stock.picking"]
            .sudo()
            ._read_group(
                Domain("aftersales_ticket_id", "in", self.ids),
                ["aftersales_ticket_id"],
                ["__count"],
            )
        )
        for ticket in self:
            ticket.picking_count = counts.get(ticket, 0)

    @api.depends("lot_id", "commercial_partner_id", "company_id")
    def _compute_lot_quality_info(self):
        """Same-lot stock and customers of the request's own company only."""
        lots = self.lot_id.sudo()
        quants = lots._aftersales_get_internal_quants()
        lines = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                Domain("lot_id", "in", lots.ids)
                & Domain("state", "=", "done")
                & Domain("location_dest_id.usage", "=", "customer")
            )
        )
        for ticket in self:
            lot, company = ticket.lot_id, ticket.company_id
            ticket.lot_quant_ids = quants.filtered(
                lambda q, lot=lot, company=company: (
                    q.lot_id == lot and q.company_id == company
                )
            )
            ticket.lot_customer_ids = lines.filtered(
                lambda ml, lot=lot, company=company: (
                    ml.lot_id == lot and ml.company_id == company
                )
            ).picking_id.partner_id.commercial_partner_id - (
                ticket.commercial_partner_id
            )

    # ------------------------------------------------------------------
    # Constrains
    # ------------------------------------------------------------------
    @api.constrains("lot_id", "delivery_id")
    def _check_lot_in_delivery(self):
        """The lot of a request is one its linked delivery shipped: one
        grouped query for the batch, none for the pairs intake has just read
        from the move lines."""
        proven = self.env["stock.lot"]._aftersales_shipped_pairs()
        tickets = self.filtered(
            lambda t: (
                t.lot_id
                and t.delivery_id
                and (t.lot_id.id, t.delivery_id.id) not in proven
            )
        )
        if not tickets:
            return
        shipped = {
            (lot.id, picking.id)
            for picking, lot in self.env["stock.move.line"]
            .sudo()
            ._read_group(
                [
                    ("picking_id", "in", tickets.delivery_id.ids),
                    ("lot_id", "in", tickets.lot_id.ids),
                ],
                ["picking_id", "lot_id"],
            )
        }
        for ticket in tickets:
            if (ticket.lot_id.id, ticket.delivery_id.id) in shipped:
                continue
            delivery = ticket.delivery_id.sudo()
            raise ValidationError(
                self.env._(
                    "Lot %(lot)s was not shipped in delivery %(delivery)s "
                    "(its lots: %(lots)s). Choose the delivery that shipped "
                    "the lot, or the lot of that delivery.",
                    lot=ticket.lot_id.name,
                    delivery=delivery.name,
                    lots=", ".join(delivery.move_line_ids.lot_id.mapped("name")) or "-",
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_aftersales_view_pickings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action.update(
            {
                "domain": [("aftersales_ticket_id", "=", self.id)],
                "context": {"create": False},
            }
        )
        return action

    def action_aftersales_new_operation(self):
        """Open a new return, exchange, replenishment or compensation."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.return",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_ticket_id": self.id,
                "default_operation": self.env.context.get(
                    "aftersales_operation", "return"
                ),
            },
        }

    def action_aftersales_request_inspection(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.quality.inspection",
            "view_mode": "form",
            "target": "current",
            "context": {"default_ticket_id": self.id},
        }

    def action_aftersales_quarantine_lot(self):
        """One click: every free unit of the request's lot to quarantine."""
        self.ensure_one()
        if not self.env.user.has_group("aftersales_service.group_aftersales_warehouse"):
            raise ValidationError(
                self.env._("Only a warehouse keeper can quarantine stock.")
            )
        pickings = self.lot_id._aftersales_quarantine(self)
        self.message_post(
            body=self.env._(
                "Lot %(lot)s quarantined: %(pickings)s.",
                lot=self.lot_id.name,
                pickings=", ".join(pickings.mapped("name")),
            )
        )
        return True
