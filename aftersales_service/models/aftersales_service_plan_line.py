# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

LINE_TYPES = [
    ("part", "Spare Part"),
    ("labour", "Labour"),
    ("travel", "Travel"),
    ("other", "Other"),
]


class AftersalesServicePlanLine(models.Model):
    """One cost of a solution plan: a spare part (a product at its price),
    labour hours at a rate, travel or another cost."""

    _name = "aftersales.service.plan.line"
    _description = "After-Sales Solution Plan Cost Line"
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    plan_id = fields.Many2one(
        "aftersales.service.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    sequence = fields.Integer(default=10)
    line_type = fields.Selection(
        LINE_TYPES, string="Type", required=True, default="part"
    )
    product_id = fields.Many2one(
        "product.product",
        string="Spare Part",
        check_company=True,
        domain="[('type', '=', 'consu')]",
    )
    name = fields.Char(
        string="Description",
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    quantity = fields.Float(
        string="Quantity / Hours", digits="Product Unit", default=1.0, required=True
    )
    price_unit = fields.Monetary(
        string="Unit Price / Rate",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
        precompute=True,
    )
    amount = fields.Monetary(compute="_compute_amount", store=True)

    _quantity_positive = models.Constraint(
        "CHECK(quantity > 0)", "The quantity of a cost line must be positive."
    )
    _price_not_negative = models.Constraint(
        "CHECK(price_unit >= 0)", "A cost cannot be negative."
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("line_type", "product_id")
    def _compute_name(self):
        labels = dict(self._fields["line_type"]._description_selection(self.env))
        for line in self:
            if line.product_id:
                line.name = line.product_id.display_name
            elif not line.name:
                line.name = labels.get(line.line_type)

    @api.depends("line_type", "product_id")
    def _compute_price_unit(self):
        for line in self:
            if line.line_type == "part" and line.product_id:
                line.price_unit = line.product_id.lst_price
            elif line.line_type == "labour" and not line.price_unit:
                line.price_unit = line.plan_id.company_id.aftersales_labour_rate
            elif not line.price_unit:
                line.price_unit = 0.0

    @api.depends("quantity", "price_unit")
    def _compute_amount(self):
        for line in self:
            line.amount = line.quantity * line.price_unit

    # ------------------------------------------------------------------
    # Constrains
    # ------------------------------------------------------------------
    @api.constrains("line_type", "product_id")
    def _check_part_product(self):
        for line in self:
            if line.line_type == "part" and not line.product_id:
                raise UserError(
                    self.env._(
                        "Choose the product of the spare part line %(line)s.",
                        line=line.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        plans = self.env["aftersales.service.plan"].browse(
            [vals["plan_id"] for vals in vals_list if vals.get("plan_id")]
        )
        plans._check_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.plan_id._check_editable()
        return super().write(vals)

    def unlink(self):
        self.plan_id._check_editable()
        return super().unlink()
