/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("aftersales_training_examiner_tour", {
    steps: () => [
        {
            content: "Assess the person chosen in the cycle's results",
            trigger:
                '.o_data_row:contains("Tour Assessed Person") button[name="action_start_practical"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The practical rubric opens: start it",
            trigger: 'button[value="start"]:not(.disabled)',
            run: "click",
        },
        {
            content: "Score the person",
            trigger:
                'div.js_question-wrapper:contains("Explains the cause") label:contains("Partly")',
            run: "click",
        },
        {
            content: "Submit the rubric",
            trigger: 'button[value="finish"]:not(.disabled)',
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The rubric is done and scored",
            trigger: '.o_survey_finished h1:contains("You scored 50")',
        },
    ],
});
