# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from odoo.addons.stock.models.stock_rule import ProcurementException

from ..tools.worktime import WorkTime

_logger = logging.getLogger(__name__)


class AftersalesReturn(models.Model):
    """The stock side of an operation: what can be returned or shipped,
    the transfers of an approved operation (same lot only), procurement when
    short, the receipt count and the inspection of returned goods."""

    _inherit = "aftersales.return"

    # ------------------------------------------------------------------
    # Business methods: execution
    # ------------------------------------------------------------------
    def _execute(self):
        """Create the transfers the approved operation needs. The approval is
        the authorisation: transfers are created as superuser."""
        self.ensure_one()
        if self.operation == "compensation":
            self._write_by_action({"state": "done"})
            return
        # The replacement is checked before anything is created.
        if self.operation != "return" and not self._check_stock_for_outgoing():
            self._apply_refund_instead()
            return
        if self.operation in ("return", "exchange"):
            self._create_return_picking()
        if self.operation in ("exchange", "replenishment"):
            self._create_outgoing_picking()

    def _check_returnable(self, quantity):
        """Refuse returning a lot that was not delivered, or more than
        delivered minus already returned."""
        self.ensure_one()
        if not self.delivery_id:
            raise UserError(
                self.env._(
                    "Set the original delivery on %(name)s: a return is created "
                    "from it.",
                    name=self.name,
                )
            )
        if self.lot_id:
            delivered_lots = (
                self.delivery_id.sudo()
                .move_line_ids.filtered(lambda ml: ml.product_id == self.product_id)
                .lot_id
            )
            if self.lot_id not in delivered_lots:
                raise UserError(
                    self.env._(
                        "Lot %(lot)s was not delivered in %(delivery)s (delivered "
                        "lots: %(lots)s). Choose a lot of that delivery.",
                        lot=self.lot_id.name,
                        delivery=self.delivery_id.name,
                        lots=", ".join(delivered_lots.mapped("name")) or "-",
                    )
                )
        returnable = self._get_returnable_qty()
        if self.product_id.uom_id.compare(quantity, returnable) > 0:
            raise UserError(
                self.env._(
                    "Only %(returnable)s %(uom)s of %(product)s can still be "
                    "returned from %(delivery)s (delivered minus already "
                    "returned); %(qty)s was asked.",
                    returnable=returnable,
                    uom=self.product_id.uom_id.name,
                    product=self.product_id.display_name,
                    delivery=self.delivery_id.name,
                    qty=quantity,
                )
            )

    def _get_delivery_moves(self):
        self.ensure_one()
        return self.delivery_id.sudo().move_ids.filtered(
            lambda m: m.product_id == self.product_id and m.state == "done"
        )

    def _get_returnable_qty(self, exclude_pickings=None):
        """Delivered minus returned (done or pending) for product and lot."""
        self.ensure_one()
        if not self.delivery_id or not self.product_id:
            return 0.0
        moves = self._get_delivery_moves()

        def lot_qty(lines):
            if self.lot_id:
                lines = lines.filtered(lambda ml: ml.lot_id == self.lot_id)
            return sum(lines.mapped("quantity_product_uom"))

        delivered = lot_qty(moves.move_line_ids)
        returns = moves.returned_move_ids.filtered(lambda m: m.state != "cancel")
        if exclude_pickings:
            returns = returns.filtered(lambda m: m.picking_id not in exclude_pickings)
        returned = lot_qty(returns.move_line_ids)
        return max(delivered - returned, 0.0)

    def _get_available_qty(self, lot=None):
        self.ensure_one()
        if not self.product_id or not self.warehouse_id:
            return 0.0
        return self.env["stock.quant"]._get_available_quantity(
            self.product_id,
            self.warehouse_id.lot_stock_id,
            lot_id=lot or self.lot_id or None,
            strict=False,
        )

    def _check_stock_for_outgoing(self):
        """True when the goods can be promised now or on a later date (always
        the case for a replenishment); False when the customer chose a refund.
        Raises for an exchange that is short when nothing was agreed with the
        customer."""
        self.ensure_one()
        if self.shortage_action == "other_lot":
            return self._check_replacement_lot_stock()
        available = self._get_available_qty()
        if self.product_id.uom_id.compare(available, self.quantity) >= 0:
            return True
        if self.shortage_action == "refund":
            return False
        if self.shortage_action == "later" or self.operation == "replenishment":
            # The missing part is procured; the customer gets a date.
            return True
        raise UserError(
            self.env._(
                "Only %(available)s %(uom)s of %(product)s%(lot)s is available in "
                "%(warehouse)s, %(qty)s is needed. Offer the customer a later "
                "date or a refund, record the choice on %(name)s and try again.",
                available=available,
                uom=self.product_id.uom_id.name,
                product=self.product_id.display_name,
                lot=self.lot_id
                and self.env._(" lot %(lot)s", lot=self.lot_id.name)
                or "",
                warehouse=self.warehouse_id.name,
                qty=self.quantity,
                name=self.name,
            )
        )

    def _check_replacement_lot_stock(self):
        """The other lot the customer accepted ships in full, now."""
        self.ensure_one()
        self._check_replacement_choice()
        lot = self.replacement_lot_id
        available = self._get_available_qty(lot)
        if self.product_id.uom_id.compare(available, self.quantity) >= 0:
            return True
        raise UserError(
            self.env._(
                "Only %(available)s %(uom)s of lot %(lot)s is available in "
                "%(warehouse)s, %(qty)s is needed: choose another lot with the "
                "customer, or a later date or a refund, on %(name)s.",
                available=available,
                uom=self.product_id.uom_id.name,
                lot=lot.name,
                warehouse=self.warehouse_id.name,
                qty=self.quantity,
                name=self.name,
            )
        )

    def _get_outgoing_lot(self):
        """The lot shipped to the customer: the request's lot, or the other
        lot they accepted."""
        self.ensure_one()
        if self.shortage_action == "other_lot" and self.replacement_lot_id:
            return self.replacement_lot_id
        return self.lot_id

    def _apply_refund_instead(self):
        self.ensure_one()
        self.ticket_id.sudo().write(
            {
                "refund_decision": "refund",
                "refund_reason": self.env._(
                    "%(name)s: goods not available, the customer chose a refund.",
                    name=self.name,
                ),
            }
        )
        self._write_by_action({"state": "done"})
        self._notify_customer(
            self.env._(
                "The goods are not available: you will be refunded instead (%(name)s).",
                name=self.name,
            )
        )

    def _create_return_picking(self):
        """Return from the original delivery through the stock return wizard,
        into the warehouse's quarantine location, with the lot set."""
        self.ensure_one()
        self._check_returnable(self.quantity)
        delivery = self.delivery_id.sudo()
        quarantine = self.warehouse_id._aftersales_get_quarantine_location()
        wizard = (
            self.env["stock.return.picking"]
            .sudo()
            .with_context(
                aftersales_return_location_id=quarantine.id,
                aftersales_return_id=self.id,
            )
            .create({"picking_id": delivery.id})
        )
        moves = self._get_delivery_moves()
        move = (
            moves.filtered(lambda m: self.lot_id in m.move_line_ids.lot_id)[:1]
            or moves[:1]
        )
        for line in wizard.product_return_moves:
            line.quantity = self.quantity if line.move_id == move else 0.0
        action = wizard.action_create_returns()
        picking = self.env["stock.picking"].sudo().browse(action["res_id"])
        if self.lot_id:
            self._set_return_lot(picking)
        self._write_by_action({"return_picking_id": picking.id})
        return picking

    def _set_return_lot(self, picking):
        """The customer returns *this* lot, whatever lots the delivery had."""
        for move in picking.move_ids:
            if move.move_line_ids.lot_id == self.lot_id:
                continue
            move.move_line_ids.unlink()
            self.env["stock.move.line"].sudo().create(
                move._prepare_move_line_vals(quantity=move.product_uom_qty)
                | {"lot_id": self.lot_id.id}
            )

    def _prepare_transfer_links(self):
        """How a transfer of this operation is linked to the request."""
        self.ensure_one()
        return {
            "origin": " / ".join(
                n
                for n in (self.ticket_id.number, self.name, self.delivery_id.name)
                if n
            ),
            "aftersales_ticket_id": self.ticket_id.id,
            "aftersales_return_id": self.id,
            "aftersales_origin_delivery_id": self.delivery_id.id,
        }

    def _prepare_transfer_vals(
        self, picking_type, source, destination, quantity, lot=None
    ):
        """One move of this product, bound to this lot (or ``lot``)."""
        self.ensure_one()
        return self.env["stock.picking"]._aftersales_prepare_transfer_vals(
            picking_type,
            source,
            destination,
            [
                {
                    "product_id": self.product_id.id,
                    "product_uom_qty": quantity,
                    "product_uom": self.product_id.uom_id.id,
                    "aftersales_lot_id": (lot or self.lot_id).id,
                    "partner_id": self.ticket_id.partner_id.id,
                }
            ],
            **self._prepare_transfer_links(),
        )

    def _prepare_outgoing_picking_vals(self):
        self.ensure_one()
        warehouse = self.warehouse_id
        customer_location = self.delivery_id.location_dest_id or self.env.ref(
            "stock.stock_location_customers"
        )
        return self._prepare_transfer_vals(
            warehouse.out_type_id,
            warehouse.lot_stock_id,
            customer_location,
            self.quantity,
            lot=self._get_outgoing_lot(),
        ) | {
            "partner_id": (self.ticket_id.partner_id or self.delivery_id.partner_id).id,
            "scheduled_date": self.expected_date or fields.Datetime.now(),
            # "all together" waits until everything is reserved
            "move_type": "one" if self.shipment_policy == "complete" else "direct",
        }

    def _create_outgoing_picking(self):
        """Replacement or replenishment delivery of the same lot only; the
        missing part is procured and the customer gets the expected date."""
        self.ensure_one()
        picking = self.env["stock.picking"]._aftersales_create_transfer(
            self._prepare_outgoing_picking_vals()
        )
        self._write_by_action({"out_picking_id": picking.id})
        uom = self.product_id.uom_id
        missing = self.quantity - picking.move_ids.quantity
        if not uom.is_zero(missing):
            self._raise_procurement(missing)
        else:
            lot = self._get_outgoing_lot()
            self._notify_customer(
                self.env._(
                    "%(qty)s %(uom)s of %(product)s%(lot)s reserved for you; "
                    "delivery %(picking)s.",
                    qty=self.quantity,
                    uom=uom.name,
                    product=self.product_id.display_name,
                    lot=lot and self.env._(" lot %(lot)s", lot=lot.name) or "",
                    picking=picking.name,
                )
            )
        return picking

    def _get_expected_date(self):
        """Promised date when short: the agreed one, else the company's
        replenishment lead time in working days."""
        self.ensure_one()
        if self.expected_date:
            return self.expected_date
        company = self.company_id
        planned = WorkTime(self.env).add_working_days(
            company.resource_calendar_id,
            fields.Datetime.now(),
            company.aftersales_replenishment_days,
        )
        return planned.date()

    def _notify_new_expected_date(self):
        """A delay is explained to the customer at once (R28)."""
        self.ensure_one()
        self.out_picking_id.sudo().scheduled_date = fields.Datetime.to_datetime(
            self.expected_date
        )
        self._notify_customer(
            self.env._(
                "The delivery of %(product)s for %(name)s now expects %(date)s.",
                product=self.product_id.display_name,
                name=self.name,
                date=fields.Date.to_string(self.expected_date),
            )
        )

    def _prepare_procurement_values(self, date_planned):
        self.ensure_one()
        return {
            "warehouse_id": self.warehouse_id,
            "date_planned": date_planned,
            "date_deadline": date_planned,
            "company_id": self.company_id,
            "partner_id": self.ticket_id.partner_id.id,
        }

    def _raise_procurement(self, quantity):
        """Ask for the missing quantity through the warehouse's rules; without
        a rule, a manual reordering rule lists it in the replenishment report."""
        self.ensure_one()
        expected = self._get_expected_date()
        self.expected_date = expected
        date_planned = fields.Datetime.to_datetime(expected)
        rule = self.env["stock.rule"].sudo()
        procurement = rule.Procurement(
            self.product_id,
            quantity,
            self.product_id.uom_id,
            self.warehouse_id.lot_stock_id,
            self.product_id.display_name,
            self.name,
            self.company_id,
            self._prepare_procurement_values(date_planned),
        )
        try:
            with self.env.cr.savepoint():
                rule.run([procurement])
            note = self.env._("Procurement raised for %(qty)s", qty=quantity)
        except (ProcurementException, UserError) as error:
            _logger.info("No procurement rule for %s: %s", self.name, error)
            self._create_manual_orderpoint()
            note = self.env._(
                "Reordering rule to review for %(qty)s (no supply route)",
                qty=quantity,
            )
        self._write_by_action({"procurement_note": note})
        self._notify_customer(
            self.env._(
                "%(qty)s %(uom)s of %(product)s is not in stock yet; it is on "
                "order and expected by %(date)s.",
                qty=quantity,
                uom=self.product_id.uom_id.name,
                product=self.product_id.display_name,
                date=fields.Date.to_string(expected),
            )
        )

    def _create_manual_orderpoint(self):
        self.ensure_one()
        Orderpoint = self.env["stock.warehouse.orderpoint"].sudo()
        domain = Domain("product_id", "=", self.product_id.id) & Domain(
            "location_id", "=", self.warehouse_id.lot_stock_id.id
        )
        orderpoint = Orderpoint.search(domain, limit=1)
        if not orderpoint:
            orderpoint = Orderpoint.create(
                {
                    "product_id": self.product_id.id,
                    "warehouse_id": self.warehouse_id.id,
                    "location_id": self.warehouse_id.lot_stock_id.id,
                    "company_id": self.company_id.id,
                    "product_min_qty": 0.0,
                    "product_max_qty": 0.0,
                    "trigger": "manual",
                }
            )
        return orderpoint

    # ------------------------------------------------------------------
    # Business methods: receipt and inspection (warehouse keeper)
    # ------------------------------------------------------------------
    def _check_warehouse_keeper(self):
        if not self.env.user.has_group("aftersales_service.group_aftersales_warehouse"):
            raise AccessError(
                self.env._(
                    "Only a warehouse keeper can receive and inspect returned goods."
                )
            )

    def _get_open_receipts(self):
        """Return receipts of this operation still to receive: the first one
        and its backorders."""
        self.ensure_one()
        return self.sudo().picking_ids.filtered(
            lambda p: (
                p.picking_type_code == "incoming" and p.state not in ("done", "cancel")
            )
        )

    def _receive(self, received_qty, note=False):
        """Count the returned goods against the request and validate the
        receipt into quarantine; discrepancies are recorded and told."""
        self.ensure_one()
        self._check_warehouse_keeper()
        picking = self._get_open_receipts()[:1]
        if self.state not in ("approved", "received") or not picking:
            raise UserError(
                self.env._("%(name)s has no receipt waiting.", name=self.name)
            )
        uom = self.product_id.uom_id
        if uom.compare(received_qty, 0.0) < 0:
            raise UserError(self.env._("The received quantity cannot be negative."))
        self._check_receivable(picking, received_qty)
        total = self.received_qty + received_qty
        if uom.compare(total, self.quantity) and not note:
            raise UserError(
                self.env._(
                    "%(qty)s received instead of %(expected)s: describe the "
                    "discrepancy; the customer is told.",
                    qty=total,
                    expected=self.quantity,
                )
            )
        picking = picking.sudo()
        if uom.is_zero(received_qty):
            picking.action_cancel()
        else:
            move = picking.move_ids[:1]
            line = move.move_line_ids[:1]
            (move.move_line_ids - line).unlink()
            line.write({"quantity": received_qty, "lot_id": self.lot_id.id})
            move.picked = True
            picking.with_context(
                skip_backorder=True,
                picking_ids_not_to_backorder=picking.ids,
                aftersales_receiving=True,
            ).button_validate()
        self._record_receipt(received_qty, note)

    def _check_receivable(self, picking, quantity):
        """However the receipt is validated, the customer returns at most
        what was delivered and not yet returned, and only the lot of the
        operation: nobody ends with negative stock."""
        self.ensure_one()
        returnable = self._get_returnable_qty(exclude_pickings=picking)
        if self.product_id.uom_id.compare(quantity, returnable) > 0:
            raise UserError(
                self.env._(
                    "%(qty)s received on %(picking)s is more than the "
                    "%(returnable)s that can still be returned from "
                    "%(delivery)s for %(name)s. Count again and receive at most "
                    "%(returnable)s.",
                    qty=quantity,
                    picking=picking.name,
                    returnable=returnable,
                    delivery=self.delivery_id.name,
                    name=self.name,
                )
            )

    def _record_receipt(self, received_qty, note=False):
        """Add the count to what was received; when nothing is left to
        receive, tell the customer about a discrepancy."""
        self.ensure_one()
        uom = self.product_id.uom_id
        total = self.received_qty + received_qty
        self._write_by_action(
            {
                "state": "received",
                "received_qty": total,
                "received_date": fields.Datetime.now(),
                "discrepancy_note": note or self.discrepancy_note or False,
            }
        )
        if self._get_open_receipts():
            return
        if uom.compare(total, self.quantity):
            self._notify_customer(
                self.env._(
                    "We received %(qty)s %(uom)s of %(product)s for %(name)s, "
                    "%(expected)s were expected: %(note)s. We will contact you "
                    "to agree on what follows.",
                    qty=total,
                    uom=uom.name,
                    product=self.product_id.display_name,
                    name=self.name,
                    expected=self.quantity,
                    note=self.discrepancy_note,
                )
            )
        if uom.is_zero(self.to_inspect_qty):
            self._write_by_action({"state": "done"})

    def _inspect(self, stock_qty, scrap_qty, note=False):
        """Send each received unit back to stock or to scrap."""
        self.ensure_one()
        self._check_warehouse_keeper()
        if self.state != "received":
            raise UserError(
                self.env._(
                    "%(name)s has nothing waiting for inspection.", name=self.name
                )
            )
        if min(stock_qty, scrap_qty) < 0 or self.product_id.uom_id.compare(
            stock_qty + scrap_qty, self.to_inspect_qty
        ):
            raise UserError(
                self.env._(
                    "Split the %(qty)s received and not yet inspected between "
                    "stock and scrap (%(stock)s + %(scrap)s given).",
                    qty=self.to_inspect_qty,
                    stock=stock_qty,
                    scrap=scrap_qty,
                )
            )
        quarantine = self.warehouse_id._aftersales_get_quarantine_location()
        if not self.product_id.uom_id.is_zero(stock_qty):
            self._move_internal(
                quarantine, self.warehouse_id.lot_stock_id, stock_qty, validate=True
            )
        if not self.product_id.uom_id.is_zero(scrap_qty):
            scrap = (
                self.env["stock.scrap"]
                .sudo()
                .create(
                    {
                        "product_id": self.product_id.id,
                        "lot_id": self.lot_id.id,
                        "scrap_qty": scrap_qty,
                        "product_uom_id": self.product_id.uom_id.id,
                        "location_id": quarantine.id,
                        "picking_id": self.return_picking_id.id,
                        "origin": self.name,
                        "company_id": self.company_id.id,
                    }
                )
            )
            scrap.do_scrap()
        self._write_by_action(
            {
                # A backorder of the receipt is still on its way: wait for it.
                "state": "approved" if self._get_open_receipts() else "done",
                "inspected_stock_qty": self.inspected_stock_qty + stock_qty,
                "inspected_scrap_qty": self.inspected_scrap_qty + scrap_qty,
                "inspection_note": note or self.inspection_note or False,
            }
        )

    def _move_internal(self, source, destination, quantity, validate=False):
        """Internal transfer of this product and lot, linked to the request."""
        self.ensure_one()
        return self.env["stock.picking"]._aftersales_create_transfer(
            self._prepare_transfer_vals(
                self.warehouse_id.int_type_id, source, destination, quantity
            ),
            validate=validate,
        )
