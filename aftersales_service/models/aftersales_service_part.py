# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_is_zero

STATES = [("draft", "To Use"), ("done", "Used"), ("cancel", "Cancelled")]


class AftersalesServicePart(models.Model):
    """A spare part (备件) used on a request: consumed by a real stock move
    from the warehouse or the technician's van to the customer, with its lot
    or serial; the replaced, defective part can come back into quarantine."""

    _name = "aftersales.service.part"
    _description = "After-Sales Spare Part Used"
    _order = "ticket_id, id"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Defaults
    # ------------------------------------------------------------------
    def _default_location_id(self):
        van = self.env.user.aftersales_van_location_id
        if van:
            return van
        return (
            self.env["stock.warehouse"]
            .search([("company_id", "=", self.env.company.id)], limit=1)
            .lot_stock_id
        )

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
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
    product_id = fields.Many2one(
        "product.product",
        string="Part",
        required=True,
        check_company=True,
        domain="[('is_storable', '=', True)]",
    )
    tracking = fields.Selection(related="product_id.tracking")
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial",
        check_company=True,
        domain="[('product_id', '=', product_id)]",
    )
    quantity = fields.Float(digits="Product Unit", default=1.0, required=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    location_id = fields.Many2one(
        "stock.location",
        string="Taken From",
        required=True,
        default=_default_location_id,
        check_company=True,
        domain="[('usage', '=', 'internal')]",
        help="The warehouse stock or the technician's van.",
    )
    state = fields.Selection(STATES, required=True, default="draft", readonly=True)
    move_id = fields.Many2one("stock.move", string="Stock Move", readonly=True)
    used_date = fields.Datetime(string="Used On", readonly=True)
    used_by_id = fields.Many2one("res.users", readonly=True)
    defective_lot_id = fields.Many2one(
        "stock.lot",
        string="Defective Lot/Serial",
        check_company=True,
        domain="[('product_id', '=', product_id)]",
        help="The lot or serial of the replaced part, when it comes back.",
    )
    return_move_id = fields.Many2one(
        "stock.move", string="Return to Quarantine", readonly=True
    )

    _quantity_positive = models.Constraint(
        "CHECK(quantity > 0)", "The quantity of a part must be positive."
    )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        protected = {"state", "move_id", "return_move_id", "used_date", "used_by_id"}
        if not self.env.su and protected.intersection(vals):
            raise AccessError(
                self.env._("A part is used or returned through its buttons only.")
            )
        if self.filtered(lambda p: p.state != "draft") and {
            "product_id",
            "lot_id",
            "quantity",
            "location_id",
        }.intersection(vals):
            raise UserError(
                self.env._("A part already used cannot change: the stock moved.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.filtered(lambda p: p.state == "done"):
            raise UserError(
                self.env._("A part already used stays on the request for the record.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_consume(self):
        """Moves each part from its location to the customer, checking what is
        available there (of that lot) first; all or nothing."""
        self.ticket_id.check_access("write")
        customers = self.env.ref("stock.stock_location_customers")
        Quant = self.env["stock.quant"].sudo()
        wanted = {}
        for part in self:
            if part.state != "draft":
                raise UserError(
                    self.env._("%(part)s was already used.", part=part.product_id.name)
                )
            if part.ticket_id.service_plan_state != "accepted":
                raise UserError(
                    self.env._(
                        "The customer has not accepted the plan of %(request)s "
                        "yet: parts are used once it is confirmed.",
                        request=part.ticket_id.display_name,
                    )
                )
            if part.tracking != "none" and not part.lot_id:
                raise UserError(
                    self.env._(
                        "%(part)s is tracked: choose the lot or serial used.",
                        part=part.product_id.display_name,
                    )
                )
            key = (part.product_id, part.location_id, part.lot_id)
            wanted[key] = wanted.get(key, 0.0) + part.quantity
        for (product, location, lot), quantity in wanted.items():
            available = Quant._get_available_quantity(
                product, location, lot_id=lot or None, strict=True
            )
            if (
                float_compare(
                    available, quantity, precision_rounding=product.uom_id.rounding
                )
                < 0
            ):
                raise UserError(
                    self.env._(
                        "Only %(available)s %(unit)s of %(part)s are available in "
                        "%(location)s: take fewer or take them from another location.",
                        available=available,
                        unit=product.uom_id.name,
                        part=(lot and f"{product.display_name} ({lot.name})")
                        or product.display_name,
                        location=location.display_name,
                    )
                )
        now = fields.Datetime.now()
        for part in self:
            move = part._aftersales_move(part.location_id, customers, part.lot_id)
            part.sudo().write(
                {
                    "state": "done",
                    "move_id": move.id,
                    "used_date": now,
                    "used_by_id": self.env.user.id,
                }
            )
        return True

    def action_return_defective(self):
        """Brings the replaced part back from the customer into the
        warehouse's quarantine, with its lot or serial."""
        self.ticket_id.check_access("write")
        customers = self.env.ref("stock.stock_location_customers")
        for part in self:
            if part.state != "done" or part.return_move_id:
                raise UserError(
                    self.env._(
                        "Only a used part can have its replaced part returned, once."
                    )
                )
            if part.tracking != "none" and not part.defective_lot_id:
                raise UserError(
                    self.env._(
                        "Give the lot or serial of the defective %(part)s.",
                        part=part.product_id.display_name,
                    )
                )
            warehouse = part.location_id.warehouse_id or self.env[
                "stock.warehouse"
            ].search([("company_id", "=", part.company_id.id)], limit=1)
            quarantine = warehouse._aftersales_get_quarantine_location()
            move = part._aftersales_move(customers, quarantine, part.defective_lot_id)
            part.sudo().return_move_id = move
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _aftersales_prepare_move_vals(self, source, destination):
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "product_uom_qty": self.quantity,
            "product_uom": self.uom_id.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "partner_id": self.ticket_id.partner_id.id,
            "origin": self.ticket_id.number or self.ticket_id.name,
            "company_id": self.company_id.id,
        }

    def _aftersales_move(self, source, destination, lot):
        """A done move of this part's quantity from ``source`` to
        ``destination`` with ``lot``; raises if the stock is not there."""
        self.ensure_one()
        move = (
            self.env["stock.move"]
            .sudo()
            .create(self._aftersales_prepare_move_vals(source, destination))
        )
        move._action_confirm()
        if source.usage == "internal":
            move._do_unreserve()
            move._update_reserved_quantity(
                self.quantity, source, lot_id=lot or None, strict=True
            )
        else:
            move._action_assign()
            if lot:
                move.move_line_ids.write({"lot_id": lot.id})
        if float_compare(
            move.quantity, self.quantity, precision_rounding=self.uom_id.rounding
        ) or float_is_zero(move.quantity, precision_rounding=self.uom_id.rounding):
            raise UserError(
                self.env._(
                    "%(part)s could not be reserved in %(location)s.",
                    part=self.product_id.display_name,
                    location=source.display_name,
                )
            )
        move.picked = True
        move._action_done()
        return move
