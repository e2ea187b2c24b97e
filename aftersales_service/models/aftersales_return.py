# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2.errors import LockNotAvailable

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools.selections import SHIPPING_PAYERS

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
SHORTAGE_ACTIONS = [
    ("later", "Ship at a later date"),
    ("refund", "Refund"),
    ("other_lot", "Another lot, if the customer accepts it"),
]


class AftersalesReturn(models.Model):
    """One stock-side operation of a request: a return, an exchange, a
    same-lot replenishment or a compensation, with its approval decision and
    the transfers it created."""

    _name = "aftersales.return"
    _description = "After-Sales Return, Exchange or Compensation"
    _inherit = [  # noqa: RUF012
        "aftersales.request.document",
        "aftersales.replacement.lot.mixin",
    ]
    _order = "id desc"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
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
    discrepancy_note = fields.Text(readonly=True, copy=False, groups="base.group_user")
    received_date = fields.Datetime(readonly=True, copy=False)
    to_inspect_qty = fields.Float(
        string="To Inspect",
        compute="_compute_to_inspect_qty",
        digits="Product Unit",
        help="Received and not yet sent back to stock or to scrap.",
    )
    inspected_stock_qty = fields.Float(
        string="Back to Stock", digits="Product Unit", readonly=True, copy=False
    )
    inspected_scrap_qty = fields.Float(
        string="Scrapped", digits="Product Unit", readonly=True, copy=False
    )
    inspection_note = fields.Text(readonly=True, copy=False, groups="base.group_user")
    # Shortage (exchange and replenishment)
    shortage_action = fields.Selection(
        SHORTAGE_ACTIONS,
        string="When Short",
        help="What the customer accepted when the lot is not available: "
        "a later delivery date, a refund or another lot.",
    )
    shipment_policy = fields.Selection(
        [
            ("partial", "Ship What Is Available Now, the Rest Later"),
            ("complete", "Ship Everything Together"),
        ],
        string="Shipment",
        default="partial",
        required=True,
        help="The customer's choice when part of the goods is not in stock: "
        "e.g. 5 now and 7 later, or all 12 together.",
    )
    expected_date = fields.Date(
        string="Expected Delivery",
        help="Date promised to the customer when the goods are not in stock.",
    )
    procurement_note = fields.Char(readonly=True, copy=False, groups="base.group_user")

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

    @api.depends("received_qty", "inspected_stock_qty", "inspected_scrap_qty")
    def _compute_to_inspect_qty(self):
        for rec in self:
            rec.to_inspect_qty = max(
                rec.received_qty - rec.inspected_stock_qty - rec.inspected_scrap_qty,
                0.0,
            )

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
        self._check_replacement_writer(
            {key for vals in vals_list for key, value in vals.items() if value}
        )
        return super().create(vals_list)

    def write(self, vals):
        self.check_access("write")
        self._check_frozen_content(vals)
        self._check_replacement_writer(set(vals))
        self._check_shortage_choice_open(vals)
        self._reset_lot_acceptance(vals)
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

    @api.model
    def _get_action_fields(self):
        return super()._get_action_fields() | {
            "unconditional",
            "received_qty",
            "received_date",
            "discrepancy_note",
            "inspected_stock_qty",
            "inspected_scrap_qty",
            "inspection_note",
            "procurement_note",
            "return_picking_id",
            "out_picking_id",
            "lot_accepted_user_id",
            "lot_accepted_date",
        }

    @api.model
    def _get_content_fields(self):
        """What the customer asked for: frozen once submitted."""
        return {
            "ticket_id",
            "operation",
            "product_id",
            "lot_id",
            "delivery_id",
            "quantity",
            "compensation_type",
            "compensation_amount",
            "shipment_policy",
        }

    def _check_frozen_content(self, vals):
        if self.env.su or not (self._get_content_fields() & set(vals)):
            return
        submitted = self.filtered(lambda r: r.state != "draft")
        if submitted:
            raise UserError(
                self.env._(
                    "%(names)s is already submitted: what it asks for (operation, "
                    "product, lot, quantity, compensation) can no longer change. "
                    "Cancel it and create a new one.",
                    names=", ".join(submitted.mapped("name")),
                )
            )

    def _can_change_shortage_choice(self):
        self.ensure_one()
        return self.state in ("draft", "to_approve")

    def _check_shortage_choice_open(self, vals):
        """The lot shipped is decided with the operation: no other lot after."""
        if self.env.su or "replacement_lot_id" not in vals:
            return
        decided = self.filtered(lambda r: not r._can_change_shortage_choice())
        if decided:
            raise UserError(
                self.env._(
                    "%(name)s is already decided: its lot can no longer change.",
                    name=decided[0].name,
                )
            )

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
            if rec.operation == "replenishment" and rec.shortage_action == "other_lot":
                rec._check_replacement_lot_stock()
        replenishments = self.filtered(lambda r: r.operation == "replenishment")
        (self - replenishments)._write_by_action({"state": "to_approve"})
        for rec in replenishments:
            rec._write_by_action({"state": "approved"})
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
        is_supervisor = self.env.user.has_group(
            "aftersales_service.group_aftersales_supervisor"
        )
        for rec in self:
            if rec.state == "approved" and not is_supervisor:
                raise AccessError(
                    self.env._(
                        "%(name)s is approved: only an after-sales supervisor can "
                        "cancel it.",
                        name=rec.name,
                    )
                )
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
        self._write_by_action({"state": "cancel"})
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
        self._write_by_action(
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
        if state == "approved" and self.operation in ("return", "exchange"):
            body = self.env._(
                "%(body)s Return shipping is paid by %(payer)s.",
                body=body,
                payer=self._get_shipping_payer_label(),
            )
        if self.decision_reason and state == "approved":
            body = f"{body} {self.decision_reason}"
        self._notify_customer(body)

    def _get_shipping_payer_label(self):
        self.ensure_one()
        if self.shipping_payer == "company":
            return self.env._("us (the company)")
        return self.env._("you (the customer)")

    def _operation_label(self):
        return dict(self._fields["operation"]._description_selection(self.env))[
            self.operation
        ].lower()
