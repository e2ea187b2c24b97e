/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The customer signs the service report of a completed request on its
// portal page (data from test_service_acceptance_portal.py).
registry.category("web_tour.tours").add("aftersales_service_report_sign_tour", {
    steps: () => [
        {
            content: "Sign the service report",
            trigger: "#aftersales_service_accept",
            run: "click",
        },
        {
            content: "The name is filled in",
            trigger: ".modal .o_web_sign_name_and_signature input:value(Wang Fang)",
        },
        {
            content: "The signature is drawn from the name",
            trigger: ".modal canvas.o_web_sign_signature",
            run: "canvasNotEmpty",
        },
        {
            content: "Sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The work is accepted",
            trigger: "#aftersales_service_signed_message",
        },
        {
            content: "The signature is shown",
            trigger: "#aftersales_service_signature img",
        },
    ],
});
