# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .service_portal import sign_in_portal


class AftersalesServiceAcceptancePortal(CustomerPortal):
    """The customer signs the service report of a completed request in the
    portal (R19), with the portal signature widget as sale quotations do.
    Access by the customer's own login or the request's token; the model
    checks the request waits for the signature."""

    @http.route(
        ["/my/ticket/<int:ticket_id>/service_accept"],
        type="jsonrpc",
        auth="public",
        website=True,
    )
    def portal_service_accept(
        self, ticket_id, access_token=None, name=None, signature=None
    ):
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            ticket_sudo = self._document_check_access(
                "helpdesk.ticket", ticket_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return {"error": request.env._("This request is not yours.")}
        return sign_in_portal(
            ticket_sudo._aftersales_accept_signature,
            name,
            signature,
            lambda: ticket_sudo.get_portal_url(
                query_string="&aftersales_message=service_signed"
            ),
        )
