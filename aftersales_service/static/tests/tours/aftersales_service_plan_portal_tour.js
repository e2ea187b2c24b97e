/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The customer opens the plan from their request and accepts it with their
// signature (data from test_service_tour.py).
registry.category("web_tour.tours").add("aftersales_service_plan_portal_tour", {
    steps: () => [
        {
            content: "Open the plan from the request page",
            trigger: "section[name=aftersales_service_plans] a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The plan explains the cause",
            trigger: "#aftersales_service_plan:contains(A broken seat spring.)",
        },
        {
            content: "Accept and sign",
            trigger: "#aftersales_plan_accept",
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
            content: "The plan is accepted",
            trigger: "#aftersales_plan_accepted_message",
        },
        {
            content: "The signature is shown",
            trigger: "#aftersales_plan_signature img",
        },
    ],
});
