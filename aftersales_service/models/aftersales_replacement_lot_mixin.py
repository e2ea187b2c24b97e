# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

SUPERVISOR_GROUP = "aftersales_service.group_aftersales_supervisor"


class AftersalesReplacementLotMixin(models.AbstractModel):
    """Another lot of the same product, shipped instead of a short lot only
    once the customer's acceptance is recorded (for tiles: another shade).
    Used by operations and by quality inspections deciding an exchange."""

    _name = "aftersales.replacement.lot.mixin"
    _description = "Another Lot Accepted by the Customer"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    replacement_lot_id = fields.Many2one(
        "stock.lot",
        string="Other Lot",
        copy=False,
        check_company=True,
        domain="[('product_id', '=', product_id), ('id', '!=', lot_id)]",
        help="Lot of the same product shipped instead of the short one, chosen "
        "by a supervisor once the customer accepted it.",
    )
    lot_accepted_user_id = fields.Many2one(
        "res.users", string="Acceptance Recorded By", readonly=True, copy=False
    )
    lot_accepted_date = fields.Datetime(
        string="Customer Accepted On", readonly=True, copy=False
    )

    # ------------------------------------------------------------------
    # Constrains
    # ------------------------------------------------------------------
    @api.constrains("replacement_lot_id", "product_id", "lot_id")
    def _check_replacement_lot(self):
        for rec in self.filtered("replacement_lot_id"):
            lot = rec.replacement_lot_id
            if lot.product_id != rec.product_id or lot == rec.lot_id:
                raise ValidationError(
                    self.env._(
                        "Lot %(lot)s can't replace lot %(original)s: choose "
                        "another lot of %(product)s.",
                        lot=lot.name,
                        original=rec.lot_id.name or "-",
                        product=rec.product_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _check_replacement_writer(self, field_names):
        """The other lot is the supervisor's choice."""
        if (
            self.env.su
            or "replacement_lot_id" not in field_names
            or self.env.user.has_group(SUPERVISOR_GROUP)
        ):
            return
        raise AccessError(
            self.env._("Only an after-sales supervisor chooses another lot.")
        )

    def _reset_lot_acceptance(self, vals):
        """An acceptance is for one lot: choosing another lot asks again."""
        if "replacement_lot_id" not in vals and "shortage_action" not in vals:
            return
        changed = self.filtered(
            lambda r: (
                r.lot_accepted_date
                and (
                    r.replacement_lot_id.id
                    != vals.get("replacement_lot_id", r.replacement_lot_id.id)
                    or r.shortage_action
                    != vals.get("shortage_action", r.shortage_action)
                )
            )
        )
        changed.sudo().write(
            {"lot_accepted_user_id": False, "lot_accepted_date": False}
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_record_lot_acceptance(self):
        """The customer accepted the other lot: who recorded it and when."""
        self.check_access("write")
        for rec in self:
            if rec.shortage_action != "other_lot" or not rec.replacement_lot_id:
                raise UserError(
                    self.env._(
                        "Choose Another Lot under When Short and the other lot "
                        "on %(name)s before recording the customer's acceptance.",
                        name=rec.name,
                    )
                )
            if not rec._can_change_shortage_choice():
                raise UserError(
                    self.env._(
                        "%(name)s is already decided: its lot can no longer change.",
                        name=rec.name,
                    )
                )
        self._write_by_action(
            {
                "lot_accepted_user_id": self.env.uid,
                "lot_accepted_date": fields.Datetime.now(),
            }
        )
        for rec in self:
            rec.ticket_id.sudo().message_post(
                body=self.env._(
                    "The customer accepts lot %(lot)s instead of lot %(original)s "
                    "for %(name)s (recorded by %(user)s).",
                    lot=rec.replacement_lot_id.name,
                    original=rec.lot_id.name or "-",
                    name=rec.name,
                    user=self.env.user.name,
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _can_change_shortage_choice(self):
        """Whether the decision that uses the choice is still to be taken."""
        self.ensure_one()
        return True

    def _check_replacement_choice(self):
        """Another lot ships only once the customer accepted it."""
        self.ensure_one()
        if self.shortage_action != "other_lot":
            return
        if not self.replacement_lot_id:
            raise UserError(
                self.env._(
                    "Choose the other lot of %(product)s on %(name)s, or another "
                    "choice under When Short.",
                    product=self.product_id.display_name,
                    name=self.name,
                )
            )
        if not self.lot_accepted_date:
            raise UserError(
                self.env._(
                    "The customer has not accepted lot %(lot)s yet: record their "
                    "acceptance on %(name)s (Customer Accepts Other Lot) before "
                    "deciding.",
                    lot=self.replacement_lot_id.name,
                    name=self.name,
                )
            )
