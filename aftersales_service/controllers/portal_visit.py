# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from .portal import AftersalesCustomerPortal


class AftersalesVisitPortal(AftersalesCustomerPortal):
    """The request page lists the visits to come (date and time in the
    customer's time zone, technicians); the customer confirms one or asks to
    move it. Access like the request page (its customer, or its token); the
    visit must be one of that request; the model decides the rest."""

    # ------------------------------------------------------------------
    # Request page
    # ------------------------------------------------------------------
    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        # the visits' times in words (actions, errors) in the page's time zone
        ticket = ticket.with_context(tz=self._aftersales_tz(ticket.partner_id))
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        values["aftersales_visits"] = values["ticket"]._aftersales_portal_visits()
        return values

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------
    @http.route(
        "/my/ticket/<int:ticket_id>/visit/<int:visit_id>/confirm",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def aftersales_portal_visit_confirm(
        self, ticket_id, visit_id, access_token=None, **kw
    ):
        return self._aftersales_portal_visit_act(
            ticket_id,
            visit_id,
            access_token,
            lambda visit: visit._aftersales_portal_confirm(),
        )

    @http.route(
        "/my/ticket/<int:ticket_id>/visit/<int:visit_id>/move",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def aftersales_portal_visit_move(
        self,
        ticket_id,
        visit_id,
        access_token=None,
        reason=None,
        move_date=None,
        move_alternative_date=None,
        **kw,
    ):
        def request_move(visit):
            date, alternative = (
                self._aftersales_portal_date(value)
                for value in (move_date, move_alternative_date)
            )
            return visit._aftersales_portal_request_move(
                (reason or "")[:2000], date, alternative
            )

        return self._aftersales_portal_visit_act(
            ticket_id, visit_id, access_token, request_move
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _aftersales_portal_date(self, value):
        if not value:
            return None
        try:
            return fields.Date.to_date(value)
        except ValueError as error:
            raise UserError(
                request.env._("%(value)s is not a date.", value=value[:20])
            ) from error

    def _aftersales_portal_visit_act(self, ticket_id, visit_id, access_token, act):
        """Check the request's access, find the visit among its own, then
        run the model's action as superuser; a refusal is shown on the page
        and changes nothing."""
        try:
            ticket_sudo = self._document_check_access(
                "helpdesk.ticket", ticket_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        url = ticket_sudo.access_url
        if access_token:
            url += f"?access_token={access_token}"
        visit_sudo = ticket_sudo.service_visit_ids.filtered(lambda v: v.id == visit_id)
        if not visit_sudo:
            return request.redirect(url)
        # as superuser, but on behalf of the visitor: the conversation names
        # the customer who answered (not the superuser of the access check)
        visit_sudo = (
            visit_sudo.with_user(request.env.user)
            .sudo()
            .with_context(tz=self._aftersales_tz(ticket_sudo.partner_id))
        )
        try:
            with request.env.cr.savepoint():
                act(visit_sudo)
        except UserError as error:
            values = self._ticket_get_page_view_values(
                ticket_sudo, access_token, aftersales_error=error.args[0]
            )
            return request.render("helpdesk_mgmt.portal_helpdesk_ticket_page", values)
        return request.redirect(url + "#aftersales_visits")
