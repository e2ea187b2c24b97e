# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import Command, api, fields, models


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

    # ------------------------------------------------------------------
    # Business methods: after-sales transfers
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_prepare_transfer_vals(
        self, picking_type, source, destination, move_vals_list, **links
    ):
        """Values of an after-sales transfer from ``source`` to
        ``destination``: one move per dict of ``move_vals_list`` (product,
        quantity, ``aftersales_lot_id``, optionally its own source), linked to
        the request by ``links`` (``aftersales_ticket_id``, ``origin``...)."""
        return {
            "picking_type_id": picking_type.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "company_id": picking_type.company_id.id,
            **links,
            "move_ids": [
                Command.create(
                    {
                        "location_id": source.id,
                        "location_dest_id": destination.id,
                        **move_vals,
                    }
                )
                for move_vals in move_vals_list
            ],
        }

    @api.model
    def _aftersales_create_transfer(self, vals, validate=False, strict=False):
        """Create, confirm and reserve an after-sales transfer. Each move is
        bound to its lot (``aftersales_lot_id``): only that lot is ever
        reserved, now, by "Check Availability", the scheduler or in a
        backorder. ``strict`` reserves in each move's own location only (not
        its sublocations). With ``validate``, the reserved quantities are done
        at once and nothing is left for a backorder."""
        picking = self.sudo().create(vals)
        picking.action_confirm()
        moves = picking.move_ids
        if strict:
            moves._do_unreserve()
            for move in moves:
                move._update_reserved_quantity(
                    move.product_uom_qty, move.location_id, strict=True
                )
            moves._recompute_state()
        else:
            moves.filtered(
                lambda m: m.state not in ("assigned", "done", "cancel")
            )._action_assign()
        if validate:
            picking.move_ids.picked = True
            picking.with_context(
                skip_backorder=True, picking_ids_not_to_backorder=picking.ids
            ).button_validate()
        return picking

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
