# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..tools.worktime import format_duration


class HelpdeskTicket(models.Model):
    """Intake of an after-sales request (R1-R7): kind, product, lot and
    delivery, routing, acknowledgement. Its other concerns (priority, SLA,
    returns...) live in ``helpdesk_ticket_<concern>.py`` beside this file."""

    _inherit = "helpdesk.ticket"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    aftersales_kind = fields.Selection(
        string="Kind",
        related="category_id.aftersales_kind",
        store=True,
        index=True,
    )
    product_id = fields.Many2one(
        "product.product",
        check_company=True,
        index="btree_not_null",
        tracking=True,
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial",
        check_company=True,
        index="btree_not_null",
        domain="[('product_id', '=?', product_id)]",
        tracking=True,
    )
    delivery_id = fields.Many2one(
        "stock.picking",
        string="Original Delivery",
        check_company=True,
        index="btree_not_null",
        domain="[('picking_type_code', '=', 'outgoing'), "
        "('state', 'not in', ('draft', 'cancel'))]",
        help="The delivery the request is about: done, or still on its way "
        "(a delivery-delay complaint).",
        tracking=True,
    )
    purchase_date = fields.Date()
    install_location = fields.Char()
    expected_resolution = fields.Text(
        help="What the customer expects: repair, replacement, refund, visit...",
    )
    expected_date = fields.Date(string="Expected By")
    aftersales_ack_pending = fields.Boolean(
        string="Acknowledgement Pending",
        copy=False,
        readonly=True,
        help="The customer's acknowledgement email is about to be sent.",
    )
    aftersales_missing_info = fields.Char(
        string="Missing Information",
        compute="_compute_aftersales_missing_info",
        help="Information the request's kind requires and that is still missing.",
    )
    aftersales_classification_delay = fields.Char(
        string="Classified Within",
        compute="_compute_aftersales_classification_delay",
        help="When a request without a kind will be classified, as the "
        "acknowledgement tells the customer.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "category_id",
        "product_id",
        "lot_id",
        "delivery_id",
        "purchase_date",
        "install_location",
        "attachment_ids",
    )
    def _compute_aftersales_missing_info(self):
        labels = {"attachment_ids": self.env._("Photos or videos")}
        for ticket in self:
            ticket.aftersales_missing_info = ", ".join(
                labels.get(name) or ticket._fields[name]._description_string(self.env)
                for name in ticket._aftersales_missing_fields()
            )

    @api.depends("category_id", "team_id.aftersales_classification_hours")
    @api.depends_context("lang")
    def _compute_aftersales_classification_delay(self):
        for ticket in self:
            hours = ticket.team_id.aftersales_classification_hours
            ticket.aftersales_classification_delay = (
                format_duration(self.env, hours, "working_hours")
                if hours and not ticket.category_id
                else False
            )

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------
    @api.constrains("lot_id", "product_id")
    def _check_aftersales_lot_product(self):
        for ticket in self:
            if ticket.lot_id and ticket.lot_id.product_id != ticket.product_id:
                raise ValidationError(
                    self.env._(
                        "Lot/serial %(lot)s belongs to %(lot_product)s, not to "
                        "%(product)s. Choose a lot of the request's product.",
                        lot=ticket.lot_id.name,
                        lot_product=ticket.lot_id.product_id.display_name,
                        product=ticket.product_id.display_name
                        or self.env._("no product"),
                    )
                )

    @api.constrains("delivery_id", "partner_id")
    def _check_aftersales_delivery(self):
        for ticket in self.filtered("delivery_id"):
            delivery = ticket.delivery_id
            if delivery.picking_type_code != "outgoing" or delivery.state in (
                "draft",
                "cancel",
            ):
                raise ValidationError(
                    self.env._(
                        "%(delivery)s is not a confirmed delivery to a customer: "
                        "choose a delivery that is done or on its way.",
                        delivery=delivery.name,
                    )
                )
            customer = ticket.commercial_partner_id
            if customer and delivery.partner_id.commercial_partner_id != customer:
                raise ValidationError(
                    self.env._(
                        "Delivery %(delivery)s went to %(other)s, not to "
                        "%(customer)s. Choose one of this customer's deliveries.",
                        delivery=delivery.name,
                        other=delivery.partner_id.commercial_partner_id.display_name,
                        customer=customer.display_name,
                    )
                )

    @api.constrains("purchase_date")
    def _check_aftersales_purchase_date(self):
        today = fields.Date.context_today(self)
        for ticket in self:
            if ticket.purchase_date and ticket.purchase_date > today:
                raise ValidationError(
                    self.env._(
                        "The purchase date %(date)s is in the future.",
                        date=ticket.purchase_date,
                    )
                )

    @api.onchange("delivery_id")
    def _onchange_delivery_id(self):
        for ticket in self.filtered("delivery_id"):
            ticket.update(ticket.delivery_id._aftersales_request_values())

    @api.onchange("lot_id")
    def _onchange_lot_id(self):
        for ticket in self.filtered("lot_id"):
            ticket.update(ticket.lot_id._aftersales_request_values())

    @api.onchange("category_id")
    def _onchange_category_id_team(self):
        for ticket in self:
            team = ticket.category_id.aftersales_team_id
            if team and ticket.team_id != team:
                ticket.team_id = team

    @api.onchange("team_id")
    def _onchange_team_id_default_category(self):
        """The agent sees the team's default kind as soon as the team is set."""
        for ticket in self:
            if not ticket.category_id and ticket.team_id.aftersales_default_category_id:
                ticket.category_id = ticket.team_id.aftersales_default_category_id

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def default_get(self, fields):
        """helpdesk_mgmt assigns a request to whoever records it; here routing
        assigns it on every channel (dedicated agent, least-loaded member)."""
        defaults = super().default_get(fields)
        if (
            defaults.get("user_id") == self.env.uid
            and "default_user_id" not in self.env.context
        ):
            defaults["user_id"] = False
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        self._aftersales_prepare_create_vals(vals_list)
        tickets = super().create(vals_list)
        if any(vals.get("aftersales_ack_pending") for vals in vals_list):
            # Acknowledgements go out in batches right after the commit (the
            # cron is data of this module: no existence check needed)
            cron_id = self.env["ir.model.data"]._xmlid_to_res_id(
                "aftersales_service.ir_cron_request_acknowledgement"
            )
            self.env["ir.cron"].sudo().browse(cron_id)._trigger()
        return tickets

    def write(self, vals):
        if "stage_id" in vals:
            self._aftersales_check_intake_before_stage(vals["stage_id"])
        return super().write(vals)

    @api.model
    def message_new(self, msg, custom_values=None):
        custom_values = dict(custom_values or {})
        if "channel_id" not in custom_values:
            email = self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_channel_email", raise_if_not_found=False
            )
            if email:
                custom_values["channel_id"] = email.id
        return super().message_new(msg, custom_values=custom_values)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_aftersales_request_missing_info(self):
        """Ask the customer, by email, for what the request still lacks: the
        request then waits on the customer (clocks paused) until they reply."""
        incomplete = self.filtered("aftersales_missing_info")
        if not incomplete:
            raise ValidationError(self.env._("Nothing is missing on these requests."))
        template = self.env.ref("aftersales_service.mail_template_request_missing_info")
        incomplete.message_post_with_source(
            template, message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        incomplete.filtered(lambda t: not t.sla_pause_reason).write(
            {"sla_pause_reason": "customer"}
        )
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _aftersales_missing_fields(self):
        """Names of the intake fields the kind requires and that are empty."""
        self.ensure_one()
        category = self.category_id
        requirements = {
            "product_id": category.require_product,
            "lot_id": category.require_lot,
            "delivery_id": category.require_delivery,
            "purchase_date": category.require_purchase_date,
            "install_location": category.require_install_location,
            "attachment_ids": category.require_evidence,
        }
        return [
            name
            for name, required in requirements.items()
            if required and not self[name]
        ]

    def _aftersales_check_intake_before_stage(self, stage_id):
        stage = self.env["helpdesk.ticket.stage"].browse(stage_id)
        if stage.closed:
            # Closing or cancelling straight away is always possible.
            return
        for ticket in self:
            first_stage = ticket.team_id._get_applicable_stages()[:1]
            if ticket.stage_id != first_stage or stage == first_stage:
                continue
            if ticket.aftersales_missing_info:
                raise ValidationError(
                    self.env._(
                        "Request %(number)s cannot leave %(stage)s yet: "
                        "%(missing)s missing. Complete the request or ask the "
                        "customer for it.",
                        number=ticket.number,
                        stage=ticket.stage_id.name,
                        missing=ticket.aftersales_missing_info,
                    )
                )

    @api.model
    def _aftersales_prepare_create_vals(self, vals_list):
        """Complete intake, route and assign a batch of new requests with a
        fixed number of queries, whatever the number of customers, lots and
        deliveries it names: each model is read once for the whole batch
        (records share one prefetch set)."""
        completions = self._aftersales_intake_completions(vals_list)
        categories = self.env["helpdesk.ticket.category"].browse(
            {vals["category_id"] for vals in vals_list if vals.get("category_id")}
        )
        for vals, completion in zip(vals_list, completions, strict=True):
            for key, value in completion.items():
                if not vals.get(key):
                    vals[key] = value
            category = categories.browse(vals.get("category_id")).with_prefetch(
                categories._ids
            )
            if not vals.get("team_id") and category.aftersales_team_id:
                vals["team_id"] = category.aftersales_team_id.id
            if vals.get("partner_id") or vals.get("partner_email"):
                vals.setdefault("aftersales_ack_pending", True)
        self._aftersales_set_default_categories(vals_list)
        self._aftersales_assign(vals_list)

    @api.model
    def _aftersales_intake_completions(self, vals_list):
        """What each request's delivery or lot tells, for a whole batch: one
        search of the lots' deliveries, then lots, deliveries, their lines
        and customers each read once."""
        lot_ids = [
            vals["lot_id"]
            for vals in vals_list
            if vals.get("lot_id") and not vals.get("delivery_id")
        ]
        lots = self.env["stock.lot"].browse(dict.fromkeys(lot_ids))
        delivery_ids_by_lot = lots._aftersales_delivery_ids()
        delivery_ids = {
            vals["delivery_id"] for vals in vals_list if vals.get("delivery_id")
        }
        for ids in delivery_ids_by_lot.values():
            delivery_ids.update(ids)
        deliveries = self.env["stock.picking"].browse(delivery_ids)
        named = deliveries.browse(
            {vals["delivery_id"] for vals in vals_list if vals.get("delivery_id")}
        ).with_prefetch(deliveries._ids)
        delivery_values = named._aftersales_request_values_batch()
        partners = self.env["res.partner"].browse(
            {vals["partner_id"] for vals in vals_list if vals.get("partner_id")}
        )
        completions = []
        for vals in vals_list:
            if vals.get("lot_id") and not vals.get("delivery_id"):
                lot = lots.browse(vals["lot_id"]).with_prefetch(lots._ids)
                partner = partners.browse(vals.get("partner_id")).with_prefetch(
                    partners._ids
                )
                completion = lot._aftersales_request_values(
                    partner or None,
                    deliveries.browse(delivery_ids_by_lot[lot.id]).with_prefetch(
                        deliveries._ids
                    ),
                )
            elif vals.get("delivery_id"):
                completion = delivery_values[vals["delivery_id"]]
            else:
                completion = {}
            completions.append(completion)
        return completions

    @api.model
    def _aftersales_set_default_categories(self, vals_list):
        """Give requests without a kind their team's default kind, else the
        kind the team handles when it handles exactly one (a request arriving
        at the team's email alias), with one read of the teams and at most one
        grouped query for the batch."""
        todo = [v for v in vals_list if not v.get("category_id") and v.get("team_id")]
        if not todo:
            return
        teams = self.env["helpdesk.ticket.team"].browse({v["team_id"] for v in todo})
        defaults = {team.id: team.aftersales_default_category_id.id for team in teams}
        single = [team_id for team_id, kind_id in defaults.items() if not kind_id]
        if single:
            for team, kinds in self.env["helpdesk.ticket.category"]._read_group(
                [
                    ("aftersales_team_id", "in", single),
                    ("parent_id", "=", False),
                ],
                ["aftersales_team_id"],
                ["id:recordset"],
            ):
                if len(kinds) == 1:
                    defaults[team.id] = kinds.id
        for vals in todo:
            if defaults.get(vals["team_id"]):
                vals["category_id"] = defaults[vals["team_id"]]

    @api.model
    def _aftersales_assign(self, vals_list):
        """Dedicated agent of the customer, else the least-loaded available
        member of the team; ties go to the longest-serving member."""
        todo = [v for v in vals_list if not v.get("user_id") and v.get("team_id")]
        if not todo:
            return
        partners = self.env["res.partner"].browse(
            {v["partner_id"] for v in todo if v.get("partner_id")}
        )
        teams = self.env["helpdesk.ticket.team"].browse({v["team_id"] for v in todo})
        members = teams.user_ids.filtered(lambda u: u.aftersales_available and u.active)
        load = dict.fromkeys(members.ids, 0)
        if members:
            for user, count in self.sudo()._read_group(
                Domain("user_id", "in", members.ids)
                & Domain("stage_id.closed", "=", False),
                ["user_id"],
                ["__count"],
            ):
                load[user.id] = count
        for vals in todo:
            partner = partners.browse(vals.get("partner_id")).commercial_partner_id
            team = teams.browse(vals["team_id"])
            agent = partner.aftersales_agent_id
            if agent:
                vals["user_id"] = agent.id
                continue
            candidates = [u.id for u in team.user_ids if u.id in load]
            if candidates:
                user_id = min(candidates, key=lambda uid: (load[uid], uid))
                vals["user_id"] = user_id
                load[user_id] += 1

    @api.model
    def _cron_send_acknowledgements(self, batch_size=200):
        """Send the pending acknowledgements (R3), oldest first, in batches.

        Requests are created without rendering an email (the cost of a mail
        template would be paid in the agent's, the portal's or the mail
        gateway's transaction); ``create`` triggers this job, which runs as soon
        as the creating transaction is committed. Safe with several workers:
        each batch is locked with ``SKIP LOCKED``."""
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        done = 0
        while True:
            self.env.cr.execute(
                """SELECT id FROM helpdesk_ticket
                    WHERE aftersales_ack_pending
                    ORDER BY id LIMIT %s
                    FOR UPDATE SKIP LOCKED""",
                [batch_size],
            )
            ids = [row[0] for row in self.env.cr.fetchall()]
            if not ids:
                break
            tickets = self.browse(ids)
            tickets._aftersales_send_acknowledgement()
            tickets.write({"aftersales_ack_pending": False})
            done += len(ids)
            if not in_cron or self.env["ir.cron"]._commit_progress(len(ids)) <= 0:
                break
        return done

    def _aftersales_send_acknowledgement(self):
        """Tell each customer that the request was received, its number,
        next steps and expected handling time (R3). An automatic
        acknowledgement is not the first reply of the staff."""
        default = self.env.company.aftersales_ack_template_id or self.env.ref(
            "aftersales_service.mail_template_request_ack", raise_if_not_found=False
        )
        for ticket in self.with_context(aftersales_sla_auto_message=True):
            if not (ticket.partner_id or ticket.partner_email):
                continue
            template = ticket.category_id.aftersales_ack_template_id or default
            if template:
                ticket.message_post_with_source(
                    template, message_type="comment", subtype_xmlid="mail.mt_comment"
                )
