# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from markupsafe import Markup
from psycopg2.errors import LockNotAvailable

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import SQL, float_compare, float_is_zero

from odoo.addons.stock.models.stock_rule import ProcurementException

from ..tools.selections import SHIPPING_PAYERS
from ..tools.worktime import WorkTime

_logger = logging.getLogger(__name__)

OPERATIONS = [
    ("return", "Return"),
    ("exchange", "Exchange"),
    ("replenishment", "Replenishment"),
    ("compensation", "Compensation"),
]
STATES = [
    ("draft", "Draft"),
    ("to_approve", "Waiting Approval"),
    ("approved", "Approved"),
    ("refused", "Refused"),
    ("received", "Received"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]
COMPENSATION_TYPES = [
    ("discount", "Discount"),
    ("gift", "Gift"),
    ("damages", "Damages"),
]
SHORTAGE_ACTIONS = [("later", "Ship at a later date"), ("refund", "Refund")]


class AftersalesReturn(models.Model):
    """One stock-side operation of a request: a return, an exchange, a
    same-lot replenishment or a compensation, with its approval decision and
    the transfers it created."""

    _name = "aftersales.return"
    _description = "After-Sales Return, Exchange or Compensation"
    _inherit = ["mail.thread", "mail.activity.mixin"]  # noqa: RUF012
    _order = "id desc"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Request",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        related="ticket_id.partner_id", string="Customer", store=True
    )
    operation = fields.Selection(
        OPERATIONS, required=True, default="return", tracking=True
    )
    state = fields.Selection(
        STATES, required=True, default="draft", tracking=True, copy=False
    )
    product_id = fields.Many2one(
        "product.product",
        compute="_compute_from_ticket",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial",
        compute="_compute_from_ticket",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('product_id', '=', product_id)]",
    )
    delivery_id = fields.Many2one(
        "stock.picking",
        string="Original Delivery",
        compute="_compute_from_ticket",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('picking_type_code', '=', 'outgoing'), ('state', '=', 'done')]",
    )
    quantity = fields.Float(digits="Product Unit", default=1.0, required=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    reason = fields.Text(string="Customer's Reason")
    unconditional = fields.Boolean(
        help="Decided after a quality inspection: no return window applies and "
        "the company pays shipping.",
        copy=False,
    )
    shipping_payer = fields.Selection(
        SHIPPING_PAYERS,
        string="Shipping Paid By",
        compute="_compute_shipping_payer",
        store=True,
        readonly=False,
    )
    # Compensation
    compensation_type = fields.Selection(COMPENSATION_TYPES, tracking=True)
    compensation_amount = fields.Monetary(currency_field="currency_id", tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    # Decision
    decision_user_id = fields.Many2one(
        "res.users", string="Decided By", readonly=True, copy=False
    )
    decision_date = fields.Datetime(string="Decided On", readonly=True, copy=False)
    decision_reason = fields.Text(
        help="Why the request is approved or refused; the customer is told."
    )
    # Stock
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        compute="_compute_warehouse_id",
        store=True,
        readonly=False,
        check_company=True,
    )
    picking_ids = fields.One2many(
        "stock.picking", "aftersales_return_id", string="Transfers", readonly=True
    )
    return_picking_id = fields.Many2one(
        "stock.picking", string="Return Receipt", readonly=True, copy=False
    )
    out_picking_id = fields.Many2one(
        "stock.picking", string="Outgoing Delivery", readonly=True, copy=False
    )
    returnable_qty = fields.Float(
        string="Returnable Quantity",
        compute="_compute_returnable_qty",
        digits="Product Unit",
        help="Delivered minus already returned, for this product and lot.",
    )
    available_qty = fields.Float(
        string="Available in Stock",
        compute="_compute_available_qty",
        digits="Product Unit",
        help="Free quantity of this product (and lot) in the warehouse stock.",
    )
    received_qty = fields.Float(digits="Product Unit", readonly=True, copy=False)
    discrepancy_qty = fields.Float(
        compute="_compute_discrepancy_qty", digits="Product Unit", store=True
    )
    discrepancy_note = fields.Text(readonly=True, copy=False)
    received_date = fields.Datetime(readonly=True, copy=False)
    inspected_stock_qty = fields.Float(
        string="Back to Stock", digits="Product Unit", readonly=True, copy=False
    )
    inspected_scrap_qty = fields.Float(
        string="Scrapped", digits="Product Unit", readonly=True, copy=False
    )
    inspection_note = fields.Text(readonly=True, copy=False)
    # Shortage (exchange and replenishment)
    shortage_action = fields.Selection(
        SHORTAGE_ACTIONS,
        string="When Short",
        help="What the customer accepted when the lot is not available: "
        "a later delivery date or a refund.",
    )
    expected_date = fields.Date(
        string="Expected Delivery",
        help="Date promised to the customer when the goods are not in stock.",
    )
    procurement_note = fields.Char(readonly=True, copy=False)

    _quantity_positive = models.Constraint(
        "CHECK(quantity > 0)", "The quantity must be positive."
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("ticket_id")
    def _compute_from_ticket(self):
        for rec in self:
            rec.product_id = rec.product_id or rec.ticket_id.product_id
            rec.lot_id = rec.lot_id or rec.ticket_id.lot_id
            rec.delivery_id = rec.delivery_id or rec.ticket_id.delivery_id

    @api.depends("ticket_id.return_shipping_payer", "unconditional")
    def _compute_shipping_payer(self):
        for rec in self:
            if rec.unconditional:
                rec.shipping_payer = "company"
            else:
                rec.shipping_payer = rec.ticket_id.return_shipping_payer

    @api.depends("delivery_id", "company_id")
    def _compute_warehouse_id(self):
        warehouses = self.env["stock.warehouse"].search(
            [("company_id", "in", self.company_id.ids)]
        )
        first_by_company = {}
        for warehouse in warehouses:
            first_by_company.setdefault(warehouse.company_id, warehouse)
        for rec in self:
            delivery_warehouse = rec.delivery_id.picking_type_id.warehouse_id
            rec.warehouse_id = delivery_warehouse or first_by_company.get(
                rec.company_id, False
            )

    @api.depends("delivery_id", "product_id", "lot_id")
    def _compute_returnable_qty(self):
        for rec in self:
            rec.returnable_qty = rec._get_returnable_qty()

    @api.depends("warehouse_id", "product_id", "lot_id")
    def _compute_available_qty(self):
        for rec in self:
            rec.available_qty = rec._get_available_qty()

    @api.depends("received_qty", "quantity", "state")
    def _compute_discrepancy_qty(self):
        for rec in self:
            rec.discrepancy_qty = (
                rec.received_qty - rec.quantity if rec.received_date else 0.0
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].sudo().next_by_code("aftersales.return")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        moved = self.browse()
        if vals.get("expected_date"):
            new_date = fields.Date.to_date(vals["expected_date"])
            moved = self.filtered(
                lambda r: (
                    r.expected_date
                    and r.expected_date != new_date
                    and r.out_picking_id.state not in (False, "done", "cancel")
                )
            )
        res = super().write(vals)
        for rec in moved:
            rec._notify_new_expected_date()
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """The agent asks for approval; a replenishment needs none."""
        for rec in self:
            if rec.state != "draft":
                raise UserError(
                    self.env._("%(name)s was already submitted.", name=rec.name)
                )
            if rec.operation in ("return", "exchange"):
                rec._check_returnable(rec.quantity)
        replenishments = self.filtered(lambda r: r.operation == "replenishment")
        (self - replenishments).write({"state": "to_approve"})
        for rec in replenishments:
            rec.state = "approved"
            rec._execute()
        return True

    def action_approve(self):
        self._lock_for_decision()
        for rec in self:
            rec._check_can_decide()
            if rec.operation in ("return", "exchange") and not rec.unconditional:
                ticket = rec.ticket_id
                if not ticket.return_eligible:
                    raise UserError(
                        self.env._(
                            "%(name)s cannot be approved: %(reason)s",
                            name=rec.name,
                            reason=ticket.return_eligibility_reason,
                        )
                    )
            # All or nothing: a refused execution leaves no decision behind.
            with self.env.cr.savepoint():
                rec._record_decision("approved")
                rec._execute()
        return True

    def action_refuse(self):
        self._lock_for_decision()
        for rec in self:
            rec._check_can_decide()
            if not rec.decision_reason:
                reason = (
                    not rec.ticket_id.return_eligible
                    and rec.ticket_id.return_eligibility_reason
                )
                if not reason:
                    raise UserError(
                        self.env._(
                            "Give the reason of the refusal of %(name)s: the "
                            "customer is told.",
                            name=rec.name,
                        )
                    )
                rec.decision_reason = reason
            rec._record_decision("refused")
        return True

    def action_cancel(self):
        for rec in self:
            if rec.state in ("received", "done"):
                raise UserError(
                    self.env._(
                        "%(name)s is already received; it cannot be cancelled.",
                        name=rec.name,
                    )
                )
            rec.picking_ids.filtered(
                lambda p: p.state not in ("done", "cancel")
            ).sudo().action_cancel()
        self.state = "cancel"
        return True

    def action_receive(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Receive Return"),
            "res_model": "aftersales.return.receive",
            "view_mode": "form",
            "target": "new",
            "context": {"default_return_id": self.id},
        }

    def action_inspect(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Inspect Returned Goods"),
            "res_model": "aftersales.return.inspect",
            "view_mode": "form",
            "target": "new",
            "context": {"default_return_id": self.id},
        }

    def action_view_pickings(self):
        self.ensure_one()
        return self.ticket_id.action_aftersales_view_pickings()

    # ------------------------------------------------------------------
    # Business methods: decision
    # ------------------------------------------------------------------
    def _lock_for_decision(self):
        """Lock the operations being decided; a second decision running at the
        same time fails at once instead of deciding twice."""
        if not self:
            return
        self.flush_recordset()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM aftersales_return WHERE id IN %s "
                        "FOR UPDATE NOWAIT",
                        tuple(self.ids),
                    )
                )
        except LockNotAvailable as error:
            raise UserError(
                self.env._(
                    "Someone else is deciding on %(names)s right now. Reload "
                    "the request and check its decision.",
                    names=", ".join(self.mapped("name")),
                )
            ) from error
        self.invalidate_recordset()

    def _check_can_decide(self):
        self.ensure_one()
        if self.state != "to_approve":
            raise UserError(
                self.env._(
                    "%(name)s is not waiting for approval (it is %(state)s).",
                    name=self.name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        self.state
                    ],
                )
            )
        user = self.env.user
        if user.has_group("aftersales_service.group_aftersales_supervisor"):
            return
        limit = self.company_id.aftersales_agent_compensation_limit
        if (
            self.operation == "compensation"
            and user.has_group("aftersales_service.group_aftersales_agent")
            and self.currency_id.compare_amounts(self.compensation_amount, limit) < 0
        ):
            return
        raise AccessError(
            self.env._(
                "Only an after-sales supervisor can decide on %(name)s; agents "
                "may only approve compensations below %(limit)s.",
                name=self.name,
                limit=limit,
            )
        )

    def _record_decision(self, state):
        self.ensure_one()
        now = fields.Datetime.now()
        self.write(
            {
                "state": state,
                "decision_user_id": self.env.uid,
                "decision_date": now,
            }
        )
        self.ticket_id.sudo().return_reviewed_date = now
        if state == "approved":
            body = self.env._(
                "Your %(operation)s request %(name)s is approved.",
                operation=self._operation_label(),
                name=self.name,
            )
        else:
            body = self.env._(
                "Your %(operation)s request %(name)s is refused: %(reason)s",
                operation=self._operation_label(),
                name=self.name,
                reason=self.decision_reason,
            )
        if self.decision_reason and state == "approved":
            body = f"{body} {self.decision_reason}"
        self._notify_customer(body)

    def _operation_label(self):
        return dict(self._fields["operation"]._description_selection(self.env))[
            self.operation
        ].lower()

    def _notify_customer(self, body):
        self.ensure_one()
        ticket = self.ticket_id.sudo()
        ticket.message_post(
            body=Markup("<p>%s</p>") % body,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=ticket.partner_id.ids,
        )

    # ------------------------------------------------------------------
    # Business methods: execution
    # ------------------------------------------------------------------
    def _execute(self):
        """Create the transfers the approved operation needs. The approval is
        the authorisation: transfers are created as superuser."""
        self.ensure_one()
        if self.operation == "compensation":
            self.state = "done"
        elif self.operation == "return":
            self._create_return_picking()
        elif self.operation == "exchange":
            # Check the replacement before anything is created.
            if not self._check_stock_for_outgoing():
                self._apply_refund_instead()
                return
            self._create_return_picking()
            self._create_outgoing_picking()
        elif self.operation == "replenishment":
            if not self._check_stock_for_outgoing():
                self._apply_refund_instead()
                return
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
        if float_compare(quantity, returnable, precision_digits=4) > 0:
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

    def _get_available_qty(self):
        self.ensure_one()
        if not self.product_id or not self.warehouse_id:
            return 0.0
        return self.env["stock.quant"]._get_available_quantity(
            self.product_id,
            self.warehouse_id.lot_stock_id,
            lot_id=self.lot_id or None,
            strict=False,
        )

    def _check_stock_for_outgoing(self):
        """True when the goods can be promised now or on a later date (always
        the case for a replenishment); False when the customer chose a refund.
        Raises for an exchange that is short when nothing was agreed with the
        customer."""
        self.ensure_one()
        available = self._get_available_qty()
        if float_compare(available, self.quantity, precision_digits=4) >= 0:
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
        self.state = "done"
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
        self.return_picking_id = picking
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

    def _prepare_outgoing_picking_vals(self):
        self.ensure_one()
        warehouse = self.warehouse_id
        customer_location = self.delivery_id.location_dest_id or self.env.ref(
            "stock.stock_location_customers"
        )
        origin = " / ".join(
            n for n in (self.ticket_id.number, self.name, self.delivery_id.name) if n
        )
        return {
            "picking_type_id": warehouse.out_type_id.id,
            "partner_id": (self.ticket_id.partner_id or self.delivery_id.partner_id).id,
            "origin": origin,
            "location_id": warehouse.lot_stock_id.id,
            "location_dest_id": customer_location.id,
            "company_id": self.company_id.id,
            "aftersales_ticket_id": self.ticket_id.id,
            "aftersales_return_id": self.id,
            "aftersales_origin_delivery_id": self.delivery_id.id,
            "scheduled_date": self.expected_date or fields.Datetime.now(),
            "move_ids": [
                Command.create(
                    {
                        "product_id": self.product_id.id,
                        "product_uom_qty": self.quantity,
                        "product_uom": self.product_id.uom_id.id,
                        "location_id": warehouse.lot_stock_id.id,
                        "location_dest_id": customer_location.id,
                        "partner_id": self.ticket_id.partner_id.id,
                    }
                )
            ],
        }

    def _create_outgoing_picking(self):
        """Replacement or replenishment delivery reserving the same lot; the
        missing part is procured and the customer gets the expected date."""
        self.ensure_one()
        picking = (
            self.env["stock.picking"]
            .sudo()
            .create(self._prepare_outgoing_picking_vals())
        )
        picking.action_confirm()
        move = picking.move_ids
        move._do_unreserve()
        if self.lot_id:
            move._update_reserved_quantity(
                self.quantity,
                self.warehouse_id.lot_stock_id,
                lot_id=self.lot_id,
                strict=False,
            )
            move._recompute_state()
        else:
            move._action_assign()
        self.out_picking_id = picking
        missing = self.quantity - move.quantity
        if not float_is_zero(missing, precision_digits=4):
            self._raise_procurement(missing)
        else:
            self._notify_customer(
                self.env._(
                    "%(qty)s %(uom)s of %(product)s%(lot)s reserved for you; "
                    "delivery %(picking)s.",
                    qty=self.quantity,
                    uom=self.product_id.uom_id.name,
                    product=self.product_id.display_name,
                    lot=self.lot_id
                    and self.env._(" lot %(lot)s", lot=self.lot_id.name)
                    or "",
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
        self.procurement_note = note
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

    def _receive(self, received_qty, note=False):
        """Count the returned goods against the request and validate the
        receipt into quarantine; discrepancies are recorded and told."""
        self.ensure_one()
        self._check_warehouse_keeper()
        picking = self.return_picking_id
        if self.state != "approved" or not picking or picking.state == "done":
            raise UserError(
                self.env._("%(name)s has no receipt waiting.", name=self.name)
            )
        if float_compare(received_qty, 0.0, precision_digits=4) < 0:
            raise UserError(self.env._("The received quantity cannot be negative."))
        returnable = self._get_returnable_qty(exclude_pickings=picking)
        if float_compare(received_qty, returnable, precision_digits=4) > 0:
            raise UserError(
                self.env._(
                    "%(qty)s received is more than the %(returnable)s that can "
                    "still be returned from %(delivery)s. Count again.",
                    qty=received_qty,
                    returnable=returnable,
                    delivery=self.delivery_id.name,
                )
            )
        discrepancy = float_compare(received_qty, self.quantity, precision_digits=4)
        if discrepancy and not note:
            raise UserError(
                self.env._(
                    "%(qty)s received instead of %(expected)s: describe the "
                    "discrepancy; the customer is told.",
                    qty=received_qty,
                    expected=self.quantity,
                )
            )
        picking = picking.sudo()
        if float_is_zero(received_qty, precision_digits=4):
            picking.action_cancel()
        else:
            move = picking.move_ids[:1]
            line = move.move_line_ids[:1]
            (move.move_line_ids - line).unlink()
            line.quantity = received_qty
            move.picked = True
            picking.with_context(
                skip_backorder=True,
                picking_ids_not_to_backorder=picking.ids,
                aftersales_receiving=True,
            ).button_validate()
        self._record_receipt(received_qty, note)

    def _record_receipt(self, received_qty, note=False):
        """Write the count and tell the customer about a discrepancy."""
        self.ensure_one()
        discrepancy = float_compare(received_qty, self.quantity, precision_digits=4)
        self.write(
            {
                "state": "received",
                "received_qty": received_qty,
                "received_date": fields.Datetime.now(),
                "discrepancy_note": note or False,
            }
        )
        if discrepancy:
            self._notify_customer(
                self.env._(
                    "We received %(qty)s %(uom)s of %(product)s for %(name)s, "
                    "%(expected)s were expected: %(note)s. We will contact you "
                    "to agree on what follows.",
                    qty=received_qty,
                    uom=self.product_id.uom_id.name,
                    product=self.product_id.display_name,
                    name=self.name,
                    expected=self.quantity,
                    note=note,
                )
            )
        if float_is_zero(received_qty, precision_digits=4):
            self.state = "done"

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
        if min(stock_qty, scrap_qty) < 0 or float_compare(
            stock_qty + scrap_qty, self.received_qty, precision_digits=4
        ):
            raise UserError(
                self.env._(
                    "Split the %(qty)s received between stock and scrap "
                    "(%(stock)s + %(scrap)s given).",
                    qty=self.received_qty,
                    stock=stock_qty,
                    scrap=scrap_qty,
                )
            )
        quarantine = self.warehouse_id._aftersales_get_quarantine_location()
        if not float_is_zero(stock_qty, precision_digits=4):
            self._move_internal(
                quarantine, self.warehouse_id.lot_stock_id, stock_qty, validate=True
            )
        if not float_is_zero(scrap_qty, precision_digits=4):
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
        self.write(
            {
                "state": "done",
                "inspected_stock_qty": stock_qty,
                "inspected_scrap_qty": scrap_qty,
                "inspection_note": note or False,
            }
        )

    def _move_internal(self, source, destination, quantity, validate=False):
        """Internal transfer of this product and lot, linked to the request."""
        self.ensure_one()
        warehouse = self.warehouse_id
        picking = (
            self.env["stock.picking"]
            .sudo()
            .create(
                {
                    "picking_type_id": warehouse.int_type_id.id,
                    "location_id": source.id,
                    "location_dest_id": destination.id,
                    "origin": self.name,
                    "company_id": self.company_id.id,
                    "aftersales_ticket_id": self.ticket_id.id,
                    "aftersales_return_id": self.id,
                    "aftersales_origin_delivery_id": self.delivery_id.id,
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": self.product_id.id,
                                "product_uom_qty": quantity,
                                "product_uom": self.product_id.uom_id.id,
                                "location_id": source.id,
                                "location_dest_id": destination.id,
                            }
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        move = picking.move_ids
        move._do_unreserve()
        move._update_reserved_quantity(
            quantity, source, lot_id=self.lot_id or None, strict=False
        )
        move._recompute_state()
        if validate:
            move.picked = True
            picking.with_context(
                skip_backorder=True, picking_ids_not_to_backorder=picking.ids
            ).button_validate()
        return picking
