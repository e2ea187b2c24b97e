# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import TrainingCommon


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestTrainingEvidence(TrainingCommon):
    """Issue 12, point 12: training records are evidence."""

    def _session(self, user, employees):
        return (
            self.env["aftersales.training.session"]
            .with_user(user)
            .create(
                {
                    "name": "Batch exchange rules",
                    "course_id": self.course_product.id,
                    "date_start": "2026-03-03 01:00:00",
                    "date_end": "2026-03-03 04:00:00",
                    "attendee_ids": [
                        (0, 0, {"employee_id": employee.id, "score": 70})
                        for employee in employees
                    ],
                }
            )
        )

    def _records(self, employees):
        return self.env["aftersales.training.record"].search(
            [("employee_id", "in", employees.ids)]
        )

    def test_nobody_changes_who_validated_a_record(self):
        record = self._record(
            self.emp_staff, self.course_etiquette, "2026-02-10", source="external"
        )
        self.assertEqual(record.validated_by_id, self.user_manager)
        for user in (self.user_trainer, self.user_manager):
            with self.assertRaisesRegex(UserError, "Who validated a training record"):
                record.with_user(user).write({"validated_by_id": user.id})
        self.assertEqual(record.validated_by_id, self.user_manager)
        # Nor names another validator when recording
        with self.assertRaisesRegex(UserError, "can't name another validator"):
            self._record(
                self.emp_staff2,
                self.course_etiquette,
                "2026-02-10",
                source="external",
                validated_by_id=self.user_trainer.id,
            )

    def test_trainer_cannot_record_their_own_training(self):
        session = self._session(self.user_trainer, self.emp_trainer | self.emp_staff)
        with self.assertRaisesRegex(UserError, "your own training"):
            session.action_done()
        self.assertEqual(session.state, "draft")
        self.assertFalse(self._records(self.emp_trainer | self.emp_staff))
        # Nor directly: records come from closing a session
        Record = self.env["aftersales.training.record"].with_user(self.user_trainer)
        for employee in (self.emp_trainer, self.emp_staff):
            with self.assertRaises(AccessError):
                Record.create(
                    {
                        "employee_id": employee.id,
                        "course_id": self.course_product.id,
                        "score": 100,
                    }
                )
        # Another trainer records it; the trainer can't touch it afterwards
        session.with_user(self.user_manager).action_done()
        own = self._records(self.emp_trainer)
        self.assertEqual(own.score, 70)
        with self.assertRaisesRegex(UserError, "your own training"):
            own.with_user(self.user_trainer).write({"note": "Top of the class"})
        with self.assertRaisesRegex(UserError, "your own training"):
            own.with_user(self.user_trainer).write({"score": 100})

    def test_manager_cannot_record_their_own_training(self):
        emp_manager = self.env["hr.employee"].create(
            {"name": "Manager Sun", "user_id": self.user_manager.id}
        )
        with self.assertRaisesRegex(UserError, "your own training"):
            self._record(emp_manager, self.course_product, "2026-03-02")
        record = self._record(self.emp_staff, self.course_product, "2026-03-02")
        with self.assertRaisesRegex(UserError, "your own training"):
            record.with_user(self.user_manager).write({"employee_id": emp_manager.id})
        self.assertEqual(record.employee_id, self.emp_staff)

    def test_closed_session_cannot_be_reopened_nor_recorded_twice(self):
        session = self._session(self.user_trainer, self.emp_staff | self.emp_nologin)
        session.action_done()
        records = session.record_ids
        self.assertEqual(len(records), 2)
        for user in (self.user_trainer, self.user_manager):
            as_user = session.with_user(user)
            with self.assertRaisesRegex(UserError, "can't be reopened"):
                as_user.write({"state": "draft"})
            with self.assertRaisesRegex(UserError, "Only planned sessions"):
                as_user.action_done()
            with self.assertRaisesRegex(UserError, "can no longer change"):
                as_user.write({"hours": 30})
            with self.assertRaisesRegex(UserError, "can no longer change"):
                as_user.write(
                    {"attendee_ids": [(0, 0, {"employee_id": self.emp_staff2.id})]}
                )
            with self.assertRaisesRegex(UserError, "can no longer change"):
                as_user.attendee_ids[0].write({"score": 100})
            with self.assertRaisesRegex(UserError, "can no longer change"):
                as_user.attendee_ids[0].unlink()
        self.assertEqual(session.state, "done")
        self.assertEqual(session.hours, 3)
        self.assertEqual(session.record_ids, records)
        self.assertEqual(set(records.mapped("score")), {70})
        # A cancelled session stays cancelled, a new one is planned instead
        other = self._session(self.user_trainer, self.emp_staff2)
        other.action_cancel()
        with self.assertRaisesRegex(UserError, "can't be reopened"):
            other.write({"state": "draft"})
        with self.assertRaisesRegex(UserError, "can't be reopened"):
            self.env["aftersales.training.session"].with_user(self.user_trainer).create(
                {
                    "name": "Already done",
                    "course_id": self.course_product.id,
                    "date_start": "2026-03-03 01:00:00",
                    "date_end": "2026-03-03 04:00:00",
                    "state": "done",
                }
            )
