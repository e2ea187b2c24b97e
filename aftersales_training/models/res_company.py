# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from pytz import timezone

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # Business methods
    def _get_training_tz(self):
        """Time zone of the company's working time (UTC without one): the
        training jobs' days, periods and due dates are the company's."""
        self.ensure_one()
        return timezone(self.resource_calendar_id.tz or "UTC")

    def _get_training_today(self):
        """Today on the company's calendar, whoever runs the job."""
        return fields.Date.context_today(
            self.with_context(tz=self._get_training_tz().zone)
        )
