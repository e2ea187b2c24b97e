/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("aftersales_satisfaction_tour", {
    steps: () => [
        {
            content: "The completed request invites the customer to rate the service",
            trigger: "a.o_aftersales_satisfaction_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Start the survey",
            trigger: 'button.btn:contains("Start")',
            run: "click",
        },
        {
            content: "Very satisfied overall",
            trigger:
                'div.js_question-wrapper:contains("Overall, how satisfied") label:contains("5")',
            run: "click",
        },
        {
            content: "The problem is solved",
            trigger:
                'div.js_question-wrapper:contains("Was your problem solved") label:contains("Yes")',
            run: "click",
        },
        {
            content: "Fast enough",
            trigger:
                'div.js_question-wrapper:contains("speed of our service") label:contains("4")',
            run: "click",
        },
        {
            content: "Friendly staff",
            trigger:
                'div.js_question-wrapper:contains("attitude") label:contains("5")',
            run: "click",
        },
        {
            content: "A word of thanks",
            trigger: 'div.js_question-wrapper:contains("Anything else") textarea',
            run: "edit The technician was on time.",
        },
        {
            content: "Submit the answers",
            trigger: 'button[value="finish"]',
            run: "click",
        },
        {
            content: "Confirm",
            trigger: '.modal button.btn-primary:contains("Submit")',
            run: "click",
        },
        {
            content: "Thanked for the feedback",
            trigger: ".o_survey_finished",
        },
    ],
});
