# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class StockLot(models.Model):
    _inherit = "stock.lot"

    aftersales_ticket_ids = fields.One2many(
        "helpdesk.ticket", "lot_id", string="After-Sales Requests"
    )
    aftersales_ticket_count = fields.Integer(
        string="After-Sales Request Count", compute="_compute_aftersales_ticket_count"
    )

    @api.depends("aftersales_ticket_ids")
    def _compute_aftersales_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(Domain("lot_id", "in", self.ids), ["lot_id"], ["__count"])
        )
        for lot in self:
            lot.aftersales_ticket_count = counts.get(lot, 0)

    def action_aftersales_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_service.aftersales_request_action"
        )
        action.update(
            {
                "domain": [("lot_id", "=", self.id)],
                "context": {"default_lot_id": self.id},
            }
        )
        return action

    def _aftersales_request_values(self, partner=None, deliveries=None):
        """Product, delivery, customer and purchase date this lot tells an
        after-sales request about it: its last delivery (to ``partner`` when
        given). ``deliveries``: the lot's deliveries, when the caller found
        them for a whole batch."""
        self.ensure_one()
        vals = {"product_id": self.product_id.id}
        if deliveries is None:
            deliveries = self.env["stock.picking"].browse(
                self._aftersales_delivery_ids()[self.id]
            )
        if partner:
            customer = partner.commercial_partner_id
            deliveries = deliveries.filtered(
                lambda p: p.partner_id.commercial_partner_id == customer
            )
        if len(deliveries.partner_id.commercial_partner_id) == 1:
            delivery = deliveries.sorted("date_done")[-1:]
            vals["delivery_id"] = delivery.id
            if delivery.date_done:
                vals["purchase_date"] = delivery.date_done.date()
            if not partner:
                vals["partner_id"] = delivery.partner_id.id
        return vals

    def _aftersales_delivery_ids(self):
        """Ids of the done deliveries that shipped each lot, in one query.

        Not ``delivery_ids`` (stock's non-stored field is never invalidated
        within a transaction, and a delivery may have just been validated),
        nor ``_find_delivery_ids_by_lot``: a customer names the lot they
        received, so the lots it was produced from don't matter here and
        three queries become one."""
        result = {lot.id: [] for lot in self}
        if not self:
            return result
        proven = self._aftersales_shipped_pairs()
        for lot, picking in self.env["stock.move.line"]._read_group(
            [
                ("lot_id", "in", self.ids),
                ("state", "=", "done"),
                ("picking_code", "=", "outgoing"),
            ],
            ["lot_id", "picking_id"],
        ):
            if picking:
                result[lot.id].append(picking.id)
                proven.add((lot.id, picking.id))
        return result

    @api.model
    def _aftersales_shipped_pairs(self):
        """(lot id, picking id) pairs read from move lines in this
        transaction: the lot was on a line of the picking. Kept on the
        cursor (never in the context, which a caller controls); a move line
        does not leave its picking nor change lot once recorded, so a pair
        stays true for the transaction."""
        return self.env.cr.cache.setdefault("aftersales_shipped_pairs", set())

    def _aftersales_get_internal_quants(self, exclude_quarantine=False):
        """Stock of these lots in internal locations, by location."""
        domain = (
            Domain("lot_id", "in", self.ids)
            & Domain("location_id.usage", "=", "internal")
            & Domain("quantity", ">", 0)
        )
        if exclude_quarantine:
            quarantines = (
                self.env["stock.warehouse"]
                .sudo()
                .search([("aftersales_quarantine_location_id", "!=", False)])
                .aftersales_quarantine_location_id
            )
            domain &= Domain("location_id", "not in", quarantines.ids)
        return self.env["stock.quant"].sudo().search(domain)

    def _aftersales_quarantine(self, ticket):
        """Move every free unit of these lots to the quarantine location of
        its warehouse, one validated internal transfer per warehouse."""
        if not self:
            raise UserError(self.env._("Set the lot of the request first."))
        quants = self._aftersales_get_internal_quants(exclude_quarantine=True)
        quants = quants.filtered(lambda q: q.quantity - q.reserved_quantity > 0)
        if not quants:
            raise UserError(
                self.env._(
                    "No free stock of lot %(lots)s outside quarantine.",
                    lots=", ".join(self.mapped("name")),
                )
            )
        by_warehouse = defaultdict(lambda: self.env["stock.quant"])
        for quant in quants:
            by_warehouse[quant.warehouse_id] |= quant
        Picking = self.env["stock.picking"]
        pickings = Picking
        for warehouse, wh_quants in by_warehouse.items():
            quarantine = warehouse._aftersales_get_quarantine_location()
            vals = Picking._aftersales_prepare_transfer_vals(
                warehouse.int_type_id,
                warehouse.lot_stock_id,
                quarantine,
                [
                    {
                        "product_id": quant.product_id.id,
                        "product_uom_qty": quant.quantity - quant.reserved_quantity,
                        "product_uom": quant.product_id.uom_id.id,
                        "location_id": quant.location_id.id,
                        "aftersales_lot_id": quant.lot_id.id,
                    }
                    for quant in wh_quants
                ],
                origin=ticket.number,
                aftersales_ticket_id=ticket.id,
            )
            pickings |= Picking._aftersales_create_transfer(
                vals, validate=True, strict=True
            )
        return pickings
