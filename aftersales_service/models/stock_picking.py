# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    aftersales_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="After-Sales Request",
        check_company=True,
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
    aftersales_return_id = fields.Many2one(
        "aftersales.return",
        string="After-Sales Operation",
        check_company=True,
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
    aftersales_origin_delivery_id = fields.Many2one(
        "stock.picking",
        string="Original Delivery",
        check_company=True,
        copy=False,
        readonly=True,
        help="The delivery this return, exchange or replenishment comes from.",
    )
    aftersales_carrier = fields.Char(
        string="Carrier", copy=False, help="Carrier or delivery service name."
    )
    aftersales_tracking_ref = fields.Char(string="Tracking Reference", copy=False)

    def _action_done(self):
        res = super()._action_done()
        self.filtered("aftersales_ticket_id")._aftersales_notify_done()
        return res

    def action_aftersales_open_request(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": self.aftersales_ticket_id.id,
            "view_mode": "form",
        }

    def action_aftersales_send_tracking(self):
        """Tell the customer the carrier and tracking reference (发货单号)."""
        self._aftersales_post_shipping_message()
        return True

    def _aftersales_request_values(self):
        """Product, lot, customer and purchase date this delivery tells an
        after-sales request about it."""
        self.ensure_one()
        vals = {}
        products = self.move_ids.product_id
        if len(products) == 1:
            vals["product_id"] = products.id
        lots = self.move_line_ids.lot_id
        if len(lots) == 1:
            vals["lot_id"] = lots.id
        if self.date_done:
            vals["purchase_date"] = self.date_done.date()
        if self.partner_id:
            vals["partner_id"] = self.partner_id.id
        return vals

    def _aftersales_notify_done(self):
        outgoing = self.filtered(lambda p: p.picking_type_code == "outgoing")
        outgoing._aftersales_post_shipping_message()
        if not self.env.context.get("aftersales_receiving"):
            self._aftersales_record_receipt()

    def _aftersales_record_receipt(self):
        """A return receipt validated straight from Inventory still counts
        as the receipt of its operation: nothing is lost between the customer
        and quarantine."""
        for picking in self:
            operation = picking.aftersales_return_id.sudo()
            if operation.return_picking_id != picking or operation.state != "approved":
                continue
            product = operation.product_id
            received = sum(
                picking.move_ids.filtered(
                    lambda m, product=product: m.product_id == product
                ).mapped("quantity")
            )
            note = False
            if operation.product_id.uom_id.compare(received, operation.quantity):
                note = self.env._(
                    "Validated from transfer %(picking)s without a count.",
                    picking=picking.name,
                )
            operation._record_receipt(received, note)

    def _aftersales_post_shipping_message(self):
        for picking in self.filtered("aftersales_ticket_id"):
            ticket = picking.aftersales_ticket_id
            if picking.picking_type_code == "outgoing":
                body = self.env._(
                    "Your goods have been shipped (%(picking)s): carrier "
                    "%(carrier)s, tracking reference %(ref)s.",
                    picking=picking.name,
                    carrier=picking.aftersales_carrier or "-",
                    ref=picking.aftersales_tracking_ref or "-",
                )
            else:
                body = self.env._(
                    "Please send the goods back (%(picking)s) with carrier "
                    "%(carrier)s, tracking reference %(ref)s.",
                    picking=picking.name,
                    carrier=picking.aftersales_carrier or "-",
                    ref=picking.aftersales_tracking_ref or "-",
                )
            ticket.sudo().message_post(
                body=Markup("<p>%s</p>") % body,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=ticket.partner_id.ids,
            )
