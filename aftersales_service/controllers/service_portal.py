# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import binascii

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


def sign_in_portal(sign, name, signature, redirect_url):
    """The answer of the portal signature widget (as sale quotations use it):
    ``sign(name, signature)`` in a savepoint, its refusal or a bad signature
    as the widget's error, else where to go (``redirect_url()``)."""
    try:
        with request.env.cr.savepoint():
            sign(name, signature)
            request.env.cr.flush()
    except UserError as error:
        return {"error": error.args[0]}
    except (TypeError, binascii.Error):
        return {"error": request.env._("Invalid signature data.")}
    return {"force_refresh": True, "redirect_url": redirect_url()}


class AftersalesServicePortal(CustomerPortal):
    """The customer's page of a solution plan: read it, accept it with name
    and signature (as sale quotations do) or refuse it with a reason. Access
    by the customer's own login or the emailed token; the model decides."""

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------
    @http.route(
        ["/my/service/plan/<int:plan_id>"], type="http", auth="public", website=True
    )
    def portal_service_plan_page(self, plan_id, access_token=None, message=None, **kw):
        try:
            plan_sudo = self._document_check_access(
                "aftersales.service.plan", plan_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if plan_sudo.state == "draft":
            return request.redirect("/my")
        values = self._get_page_view_values(
            plan_sudo, access_token, {"plan": plan_sudo, "message": message}, "", False
        )
        return request.render("aftersales_service.portal_service_plan_page", values)

    @http.route(
        ["/my/service/plan/<int:plan_id>/accept"],
        type="jsonrpc",
        auth="public",
        website=True,
    )
    def portal_service_plan_accept(
        self, plan_id, access_token=None, name=None, signature=None
    ):
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            plan_sudo = self._document_check_access(
                "aftersales.service.plan", plan_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return {"error": request.env._("This plan is not yours.")}
        return sign_in_portal(
            plan_sudo._action_accept_signature,
            name,
            signature,
            lambda: plan_sudo.get_portal_url(query_string="&message=accepted"),
        )

    @http.route(
        ["/my/ticket/<int:ticket_id>/service_report"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_service_report(self, ticket_id, access_token=None, **kw):
        """The signed service report of a completed request, as a PDF."""
        try:
            ticket_sudo = self._document_check_access(
                "helpdesk.ticket", ticket_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if not ticket_sudo.service_completed_date:
            return request.redirect(f"/my/ticket/{ticket_id}")
        pdf = ticket_sudo._aftersales_render_service_report()
        filename = ticket_sudo._aftersales_service_report_name()
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", http.content_disposition(filename)),
            ],
        )

    @http.route(
        ["/my/service/plan/<int:plan_id>/refuse"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_service_plan_refuse(
        self, plan_id, access_token=None, refusal_reason=None, **kw
    ):
        try:
            plan_sudo = self._document_check_access(
                "aftersales.service.plan", plan_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            with request.env.cr.savepoint():
                plan_sudo._action_refuse(refusal_reason)
        except UserError as error:
            values = self._get_page_view_values(
                plan_sudo,
                access_token,
                {"plan": plan_sudo, "error": error.args[0]},
                "",
                False,
            )
            return request.render("aftersales_service.portal_service_plan_page", values)
        return request.redirect(
            plan_sudo.get_portal_url(query_string="&message=refused")
        )
