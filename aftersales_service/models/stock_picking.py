# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


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
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        pickings = super().create(vals_list)
        self.env["aftersales.analysis"]._mark_dirty(
            pickings.filtered("aftersales_carrier").aftersales_ticket_id.ids
        )
        return pickings

    def write(self, vals):
        # the analysis reads the carrier of the request's transfers
        watched = {"aftersales_carrier", "aftersales_ticket_id"} & set(vals)
        before = self.aftersales_ticket_id if watched else None
        res = super().write(vals)
        if watched:
            self.env["aftersales.analysis"]._mark_dirty(
                (before | self.aftersales_ticket_id).ids
            )
        return res

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
        self._aftersales_check_receipts()
        res = super()._action_done()
        self.filtered("aftersales_ticket_id")._aftersales_notify_done()
        return res

    def _create_backorder_picking(self):
        """A backorder of an after-sales transfer stays on its request and
        operation, with the delivery it comes from."""
        backorder = super()._create_backorder_picking()
        if self.aftersales_ticket_id:
            backorder.write(self._aftersales_prepare_backorder_vals())
        return backorder

    def _aftersales_prepare_backorder_vals(self):
        self.ensure_one()
        return {
            "aftersales_ticket_id": self.aftersales_ticket_id.id,
            "aftersales_return_id": self.aftersales_return_id.id,
            "aftersales_origin_delivery_id": self.aftersales_origin_delivery_id.id,
            "aftersales_carrier": self.aftersales_carrier,
        }

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
        return self._aftersales_request_values_batch()[self.id]

    def _aftersales_request_values_batch(self):
        """``_aftersales_request_values`` of each delivery, by id, in two
        grouped queries for the whole set (products of its moves, lots of its
        lines) plus the deliveries themselves. A delivery shipping one lot
        is remembered as having shipped it (done lines only) for the
        transaction, so the request's lot check need not read it again."""
        moves = self.env["stock.move"]._read_group(
            [("picking_id", "in", self.ids)], ["picking_id"], ["product_id:array_agg"]
        )
        lines = self.env["stock.move.line"]._read_group(
            [("picking_id", "in", self.ids)],
            ["picking_id", "state"],
            ["lot_id:array_agg"],
        )
        products = {picking.id: set(ids) for picking, ids in moves}
        lots = defaultdict(set)
        proven = self.env["stock.lot"]._aftersales_shipped_pairs()
        for picking, state, lot_ids in lines:
            lot_ids = set(lot_ids) - {None}
            lots[picking.id] |= lot_ids
            if state == "done":
                # done lines keep their lot: reserved ones may still change
                proven.update((lot_id, picking.id) for lot_id in lot_ids)
        result = {}
        for picking in self:
            vals = {}
            product_ids = products.get(picking.id, set())
            if len(product_ids) == 1:
                vals["product_id"] = next(iter(product_ids))
            lot_ids = lots.get(picking.id, set())
            if len(lot_ids) == 1:
                vals["lot_id"] = next(iter(lot_ids))
            if picking.date_done:
                vals["purchase_date"] = picking.date_done.date()
            if picking.partner_id:
                vals["partner_id"] = picking.partner_id.id
            result[picking.id] = vals
        return result

    def _aftersales_notify_done(self):
        outgoing = self.filtered(lambda p: p.picking_type_code == "outgoing")
        outgoing._aftersales_post_shipping_message()
        if not self.env.context.get("aftersales_receiving"):
            self._aftersales_record_receipt()

    def _aftersales_get_return_receipts(self):
        return self.filtered(
            lambda p: p.aftersales_return_id and p.picking_type_code == "incoming"
        )

    def _aftersales_received_qty(self, operation):
        """Quantity of the operation's product on this receipt, in the
        product's unit."""
        self.ensure_one()
        product = operation.product_id
        return sum(
            move.product_uom._compute_quantity(move.quantity, product.uom_id)
            for move in self.move_ids
            if move.product_id == product and move.state != "cancel"
        )

    def _aftersales_check_receipts(self):
        """A return receipt validated from Inventory is held to the same rules
        as the after-sales count: the operation's lot only, and never more
        than delivered minus already returned."""
        for picking in self._aftersales_get_return_receipts():
            operation = picking.aftersales_return_id.sudo()
            lots = picking.move_line_ids.filtered(
                lambda ml, op=operation: ml.product_id == op.product_id and ml.quantity
            ).lot_id
            if operation.lot_id and lots - operation.lot_id:
                raise UserError(
                    self.env._(
                        "%(picking)s receives lot %(lots)s, but %(name)s returns "
                        "lot %(lot)s only: set lot %(lot)s on the receipt.",
                        picking=picking.name,
                        lots=", ".join((lots - operation.lot_id).mapped("name")),
                        name=operation.name,
                        lot=operation.lot_id.name,
                    )
                )
            operation._check_receivable(
                picking, picking._aftersales_received_qty(operation)
            )

    def _aftersales_record_receipt(self):
        """A return receipt (or its backorder) validated straight from
        Inventory still counts as a receipt of its operation: nothing is lost
        between the customer and quarantine."""
        for picking in self._aftersales_get_return_receipts():
            operation = picking.aftersales_return_id.sudo()
            if operation.state not in ("approved", "received", "done"):
                continue
            received = picking._aftersales_received_qty(operation)
            note = False
            total = operation.received_qty + received
            if not (operation._get_open_receipts() - picking) and (
                operation.product_id.uom_id.compare(total, operation.quantity)
            ):
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
