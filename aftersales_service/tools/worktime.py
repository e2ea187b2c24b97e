# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Working-time arithmetic of the suite: SLA deadlines, inspection deadlines
and replenishment dates are all planned through :class:`WorkTime`."""

import bisect
from datetime import datetime, timedelta

# Working intervals are cached by blocks of four weeks counted from a Monday,
# so that every request created the same month reuses the same blocks.
BLOCK_DAYS = 28
BLOCK_EPOCH = datetime(2000, 1, 3)


def block_of(moment):
    """Index of the block holding the naive UTC datetime ``moment``."""
    return (moment - BLOCK_EPOCH).days // BLOCK_DAYS


def block_start(block):
    return BLOCK_EPOCH + timedelta(days=BLOCK_DAYS * block)


class WorkTime:
    """Working intervals of calendars in naive UTC, for one transaction.

    Intervals come from ``resource.calendar._aftersales_block_intervals``,
    cached between transactions by blocks of four weeks (time zone, DST,
    attendances and public holidays are applied by ``resource``); every
    deadline of a batch is then planned in Python.
    """

    def __init__(self, env):
        self.env = env
        self._cache = {}  # calendar id -> (first block, last block, ends, intervals)

    @staticmethod
    def _horizon(start, hours):
        # generous: 4 working hours a calendar day plus two weeks of holidays
        return start + timedelta(days=14 + hours / 4.0)

    def prepare(self, calendar, start, end):
        if not calendar:
            return
        first, last = block_of(start), block_of(end)
        cached = self._cache.get(calendar.id)
        if cached and cached[0] <= first and cached[1] >= last:
            return
        if cached:
            first, last = min(first, cached[0]), max(last, cached[1])
        intervals = []
        for block in range(first, last + 1):
            for begin, stop in calendar._aftersales_block_intervals(block):
                if intervals and intervals[-1][1] == begin:
                    # a working period across two blocks
                    begin = intervals.pop()[0]
                intervals.append((begin, stop))
        ends = [stop for _begin, stop in intervals]
        self._cache[calendar.id] = (first, last, ends, intervals)

    def add_hours(self, calendar, start, hours):
        """The moment ``hours`` working hours after ``start``."""
        if hours <= 0:
            return start
        if not calendar:
            return start + timedelta(hours=hours)
        end = self._horizon(start, hours)
        for _attempt in range(8):
            self.prepare(calendar, start, end)
            _begin, _end, ends, intervals = self._cache[calendar.id]
            remaining = hours
            for begin, stop in intervals[bisect.bisect_right(ends, start) :]:
                begin = max(begin, start)
                available = (stop - begin).total_seconds() / 3600.0
                if remaining <= available:
                    return begin + timedelta(hours=remaining)
                remaining -= available
            end += (end - start) * 2
        return False

    @staticmethod
    def working_days_hours(calendar, days):
        """Working hours of ``days`` working days: the calendar's day length,
        8 hours without one."""
        return days * ((calendar and calendar.hours_per_day) or 8.0)

    def add_working_days(self, calendar, start, days):
        """The moment ``days`` working days after ``start``; calendar days
        when there is no calendar."""
        if not calendar:
            return start + timedelta(days=days)
        hours = self.working_days_hours(calendar, days)
        planned = self.add_hours(calendar, start, hours)
        return planned or start + timedelta(days=days)

    def hours_between(self, calendar, start, end):
        """Working hours between two moments."""
        if not start or not end or end <= start:
            return 0.0
        if not calendar:
            return (end - start).total_seconds() / 3600.0
        self.prepare(calendar, start, end)
        _begin, _end, ends, intervals = self._cache[calendar.id]
        total = 0.0
        for begin, stop in intervals[bisect.bisect_right(ends, start) :]:
            if begin >= end:
                break
            total += (min(stop, end) - max(begin, start)).total_seconds()
        return total / 3600.0


def format_duration(env, value, unit="hours"):
    """A duration as people write it: "48 hours", "1 hour", "1.5 hours",
    "4 working hours", "3 working days" (never "48.0 hours"), in the user's
    language."""
    number = f"{value:g}"
    if unit == "working_hours":
        if value == 1:
            return env._("%(number)s working hour", number=number)
        return env._("%(number)s working hours", number=number)
    if unit == "working_days":
        if value == 1:
            return env._("%(number)s working day", number=number)
        return env._("%(number)s working days", number=number)
    if value == 1:
        return env._("%(number)s hour", number=number)
    return env._("%(number)s hours", number=number)
