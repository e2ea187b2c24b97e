/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("aftersales_open_app_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the After-Sales app",
            trigger:
                '.o_app[data-menu-xmlid="aftersales_service.aftersales_root_menu"]',
            run: "click",
        },
        {
            content: "The requests list opens",
            trigger: '.o_breadcrumb:contains("After-Sales Requests")',
        },
        {
            content: "Configuration is for supervisors: the agent does not see it",
            trigger:
                '.o_main_navbar:not(:has([data-menu-xmlid="aftersales_service.aftersales_config_menu"]))',
        },
    ],
});
