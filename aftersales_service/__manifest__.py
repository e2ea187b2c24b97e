# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "After-Sales Service",
    "summary": "Repairs, returns, exchanges, same-batch replenishment, complaints "
    "and lot quality issues on top of the OCA helpdesk",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "The After-Sales Suite Authors",
    "license": "AGPL-3",
    "application": True,
    "depends": ["helpdesk_mgmt", "stock", "survey"],
    "data": [
        "security/aftersales_security.xml",
        "views/res_config_settings_views.xml",
        "views/aftersales_menus.xml",
    ],
    "demo": ["demo/aftersales_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "aftersales_service/static/tests/tours/*.js",
        ],
    },
}
