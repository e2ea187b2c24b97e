# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import werkzeug

from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController


class AftersalesTicketController(HelpdeskTicketController):
    """The portal request form: the same intake as the backend (kind,
    delivery, serial, purchase date, location, expectation), validated by the
    same model code, plus the access checks helpdesk_mgmt's routes lack."""

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------
    @http.route("/ticket/close", type="http", auth="user", methods=["POST"], csrf=True)
    def support_ticket_close(self, **kw):
        """Close a request only if the user can read it and the stage is a
        closing stage of the request's own team and company that allows
        closing from the portal (helpdesk_mgmt checks neither ownership nor
        input, and accepts a GET)."""
        try:
            ticket_id, stage_id = int(kw.get("ticket_id")), int(kw.get("stage_id"))
        except (TypeError, ValueError):
            raise werkzeug.exceptions.BadRequest() from None
        ticket = request.env["helpdesk.ticket"].search([("id", "=", ticket_id)])
        if not ticket:
            raise werkzeug.exceptions.NotFound()
        ticket = ticket.sudo()
        stage = ticket.team_id._get_applicable_stages().filtered(
            lambda s: (
                s.id == stage_id
                and s.closed
                and s.close_from_portal
                and s.company_id in (ticket.company_id, s.browse())
            )
        )
        if not stage:
            raise werkzeug.exceptions.BadRequest()
        ticket.stage_id = stage
        return request.redirect(f"/my/ticket/{ticket.id}")

    @http.route("/new/ticket", type="http", auth="user", website=True)
    def create_new_ticket(self, **kw):
        return request.render(
            "helpdesk_mgmt.portal_create_ticket",
            self._get_create_new_ticket_values(**kw),
        )

    @http.route("/submitted/ticket", type="http", auth="user", website=True, csrf=True)
    def submit_ticket(self, **kw):
        try:
            with request.env.cr.savepoint():
                return super().submit_ticket(**kw)
        except (UserError, ValidationError) as error:
            values = self._get_create_new_ticket_values(**kw)
            values.update(aftersales_error=error.args[0], aftersales_values=kw)
            return request.render("helpdesk_mgmt.portal_create_ticket", values)

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    def _get_categories(self, **kw):
        # The kinds offered in the portal, whatever helpdesk_mgmt's setting.
        return (
            request.env["helpdesk.ticket.category"]
            .with_company(request.env.company.id)
            .search(self._aftersales_portal_category_domain())
        )

    def _aftersales_portal_category_domain(self):
        return [
            ("active", "=", True),
            ("show_in_portal", "=", True),
            ("company_id", "in", [False, request.env.company.id]),
        ]

    def _get_create_new_ticket_values(self, **kw):
        values = super()._get_create_new_ticket_values(**kw)
        values.update(
            ticket_category_id_required=True,
            aftersales_deliveries=self._aftersales_portal_deliveries(),
            aftersales_values=kw,
            aftersales_today=fields.Date.context_today(request.env.user),
        )
        return values

    def _aftersales_portal_deliveries(self):
        """The customer's own completed deliveries, newest first."""
        customer = request.env.user.partner_id.commercial_partner_id
        return (
            request.env["stock.picking"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", customer.id),
                    ("picking_type_code", "=", "outgoing"),
                    ("state", "=", "done"),
                ],
                order="date_done desc",
                limit=50,
            )
        )

    def _prepare_submit_ticket_vals(self, **kw):
        env = request.env
        category = (
            env["helpdesk.ticket.category"]
            .sudo()
            .search(
                [("id", "=", int(kw.get("category") or 0))]
                + self._aftersales_portal_category_domain(),
                limit=1,
            )
        )
        if not category:
            raise ValidationError(env._("Choose the kind of your request."))
        vals = super()._prepare_submit_ticket_vals(**dict(kw, category=category.id))
        vals["category_id"] = category.id
        vals["company_id"] = category.company_id.id or env.company.id
        team = env["helpdesk.ticket.team"].sudo().browse(vals.get("team_id"))
        if team and team.company_id.id not in (False, vals["company_id"]):
            # helpdesk_mgmt looks the team up as superuser, in any company.
            raise ValidationError(env._("Choose a team of the list."))
        portal = env.ref("aftersales_service.channel_portal", raise_if_not_found=False)
        if portal:
            vals["channel_id"] = portal.id
        if kw.get("delivery"):
            delivery = self._aftersales_portal_deliveries().filtered(
                lambda p: str(p.id) == kw["delivery"]
            )
            if not delivery:
                raise ValidationError(
                    env._("This delivery is not one of yours: choose it in the list.")
                )
            vals["delivery_id"] = delivery.id
        if kw.get("lot_name"):
            vals["lot_id"] = self._aftersales_portal_lot(
                kw["lot_name"].strip(), vals
            ).id
        for key in ("install_location", "expected_resolution"):
            if kw.get(key):
                vals[key] = kw[key].strip()
        for key in ("purchase_date", "expected_date"):
            if kw.get(key):
                try:
                    vals[key] = fields.Date.to_date(kw[key])
                except ValueError:
                    raise ValidationError(
                        env._("%(value)s is not a date.", value=kw[key])
                    ) from None
        return vals

    def _aftersales_portal_lot(self, name, vals):
        """A serial or lot number typed by the customer must be one they
        received (in the chosen delivery, or in any of theirs)."""
        env = request.env
        deliveries = env["stock.picking"].sudo().browse(vals.get("delivery_id"))
        if not deliveries:
            deliveries = self._aftersales_portal_deliveries()
        lot = deliveries.move_line_ids.lot_id.filtered(lambda lot: lot.name == name)
        if len(lot) != 1:
            raise ValidationError(
                env._(
                    "We find no serial or lot number %(name)s in your deliveries. "
                    "Check the number on the product label.",
                    name=name,
                )
            )
        return lot
