# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from pytz import utc

from odoo import api, models, tools

from ..tools.worktime import BLOCK_DAYS, block_start


class ResourceCalendar(models.Model):
    """Working intervals for SLA clocks, cached between transactions.

    Planning a deadline needs the calendar's working intervals (attendances,
    time zone, daylight-saving time and public holidays); computing them is
    the costly part of creating a request. They are cached per calendar and
    block of four weeks; any change to a calendar, its attendances or a public
    holiday clears the cache.
    """

    _name = "resource.calendar"
    _inherit = ["resource.calendar", "aftersales.cached.mixin"]  # noqa: RUF012

    @tools.ormcache("self.id", "block")
    def _aftersales_block_intervals(self, block):
        """Working intervals of the block as a tuple of (begin, end) naive UTC
        datetimes, public holidays of the calendar's company removed."""
        self.ensure_one()
        calendar = self.sudo()
        start = block_start(block)
        end = start + timedelta(days=BLOCK_DAYS)
        domain = [("time_type", "=", "leave")]
        if calendar.company_id:
            domain.append(("company_id", "in", [False, calendar.company_id.id]))
        found = calendar._work_intervals_batch(
            start.replace(tzinfo=utc), end.replace(tzinfo=utc), domain=domain
        )[False]
        return tuple(
            (
                begin.astimezone(utc).replace(tzinfo=None),
                stop.astimezone(utc).replace(tzinfo=None),
            )
            for begin, stop, _meta in found
        )


class ResourceCalendarAttendance(models.Model):
    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "aftersales.cached.mixin"]  # noqa: RUF012


class ResourceCalendarLeaves(models.Model):
    """Public holidays (leaves without a resource) change the SLA working
    time; a person's time off does not."""

    _inherit = "resource.calendar.leaves"

    def _aftersales_has_public_holiday(self):
        return any(not leave.resource_id for leave in self)

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        if leaves._aftersales_has_public_holiday():
            self.env.registry.clear_cache()
        return leaves

    def write(self, vals):
        public = self._aftersales_has_public_holiday()
        res = super().write(vals)
        if public or self._aftersales_has_public_holiday():
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        if self._aftersales_has_public_holiday():
            self.env.registry.clear_cache()
        return super().unlink()
