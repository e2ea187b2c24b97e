/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The technician, on site: ticks the safety checklist, starts the work,
// records a step, uses the spare part, checks with the customer and has them
// sign; the service report is produced (data from test_service_tour.py).
registry.category("web_tour.tours").add("aftersales_service_visit_tour", {
    steps: () => [
        {
            content: "Open the Service tab",
            trigger: ".o_notebook .nav-link[name=aftersales_service]",
            run: "click",
        },
        {
            content: "Tick the safety item",
            trigger:
                ".o_field_widget[name=service_check_ids] .o_data_row:contains(Power unplugged) .o_field_boolean_toggle input",
            run: "click",
        },
        {
            content: "Start the work",
            trigger: "button[name=action_aftersales_start_work]",
            run: "click",
        },
        {
            content: "The work has started",
            trigger: ".o_field_widget[name=service_work_started_date]:not(:empty)",
        },
        {
            content: "Record a step",
            trigger:
                ".o_field_widget[name=service_step_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Describe the step",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Replaced the broken spring.",
        },
        {
            content: "Save the step",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The step is listed",
            trigger:
                ".o_field_widget[name=service_step_ids] .o_data_row:contains(Replaced the broken spring.)",
        },
        {
            content: "Use the spare part",
            trigger: ".o_field_widget[name=service_part_ids] button[name=action_consume]",
            run: "click",
        },
        {
            content: "The part is used",
            trigger:
                ".o_field_widget[name=service_part_ids] .o_data_row .badge:contains(Used)",
        },
        {
            content: "Check with the customer",
            trigger:
                ".o_field_widget[name=service_check_ids] .o_data_row:contains(Seat firm) .o_field_boolean_toggle input",
            run: "click",
        },
        {
            content: "Complete",
            trigger: "button[name=action_aftersales_complete]",
            run: "click",
        },
        {
            content: "Summarise the result",
            trigger: ".modal .o_field_widget[name=resolution_summary] textarea",
            run: "edit Spring replaced, the seat is firm.",
        },
        {
            content: "The customer signs",
            trigger: ".modal .o_field_widget[name=signature] .o_signature",
            run: "click",
        },
        {
            content: "The signature is drawn from the name",
            trigger: ".modal canvas.o_web_sign_signature",
            run: "canvasNotEmpty",
        },
        {
            content: "Adopt the signature",
            trigger: ".modal .modal-footer button.btn-primary:contains(Adopt)",
            run: "click",
        },
        {
            content: "The signature is on the form",
            trigger: ".modal .o_field_widget[name=signature] img.o_signature",
        },
        {
            content: "Complete and send the report",
            trigger: ".modal button[name=action_complete]",
            run: "click",
        },
        {
            content: "The report can be printed",
            trigger: "button[name=action_aftersales_print_service_report]",
        },
    ],
});
