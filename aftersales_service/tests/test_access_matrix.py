# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AftersalesCommon

OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}
ROLES = ("portal", "internal", "technician", "agent", "warehouse", "supervisor")
# Training roles, when the training addon is installed: no service rights of
# their own (a supervisor is a trainer, not the reverse).
TRAINING_ROLES = {
    "trainer": "aftersales_training.group_training_trainer",
    "training_manager": "aftersales_training.group_training_manager",
}

# What each role may do on each model the addon adds: r(ead), w(rite),
# c(reate), u(nlink). The design, not a copy of the CSV: state and decision
# fields are further guarded by the models (see test_return_access).
EXPECTED = {
    # model: portal, internal, technician, agent, warehouse, supervisor
    # Request documents: customers read what was sent to them
    "aftersales.return": ("r", "", "r", "rwc", "rw", "rwcu"),
    "aftersales.quality.inspection": ("r", "", "r", "rwc", "rwc", "rwcu"),
    "aftersales.service.plan": ("r", "", "r", "rwc", "", "rwcu"),
    "aftersales.service.plan.line": ("r", "", "r", "rwcu", "", "rwcu"),
    "aftersales.service.part": ("", "", "rwcu", "rwcu", "r", "rwcu"),
    "aftersales.service.step": ("", "", "rwcu", "rwcu", "", "rwcu"),
    "aftersales.service.check": ("", "", "rwc", "rwc", "", "rwcu"),
    # SLA clocks are evidence: the engine writes them, nobody by hand
    "aftersales.sla.line": ("", "", "r", "r", "r", "r"),
    "aftersales.sla.pause": ("", "", "r", "r", "r", "r"),
    "aftersales.suggestion": ("r", "", "", "r", "", "rwcu"),
    "aftersales.correction.plan": ("", "", "", "r", "", "rwcu"),
    "aftersales.correction.action": ("", "", "", "r", "", "rwcu"),
    # Configuration: the supervisor's
    "aftersales.handling.method": ("r", "r", "r", "r", "r", "rwcu"),
    "aftersales.cause.category": ("", "", "r", "r", "r", "rwcu"),
    "aftersales.priority.matrix": ("", "", "", "r", "", "rwcu"),
    "aftersales.sla.policy": ("", "", "", "r", "", "rwcu"),
    "aftersales.sla.policy.target": ("", "", "", "r", "", "rwcu"),
    "aftersales.service.checklist.item": ("", "", "r", "r", "", "rwcu"),
    # Reports: supervisors only
    "aftersales.analysis": ("", "", "", "", "", "r"),
    "aftersales.kpi": ("", "", "", "", "", "r"),
    "aftersales.sla.report": ("", "", "", "", "", "r"),
    "aftersales.satisfaction.report": ("", "", "", "", "", "r"),
    "aftersales.management.report": ("", "", "", "", "", "rwcu"),
    # Wizards: the role that presses the button
    "aftersales.return.receive": ("", "", "", "", "rwc", ""),
    "aftersales.return.inspect": ("", "", "", "", "rwc", ""),
    "aftersales.service.plan.decision": ("", "", "", "rwc", "", "rwc"),
    "aftersales.service.complete": ("", "", "rwc", "rwc", "", "rwc"),
    "aftersales.service.delay": ("", "", "rwc", "rwc", "", "rwc"),
    "aftersales.service.escalate": ("", "", "", "rwc", "", "rwc"),
    "aftersales.satisfaction.close": ("", "", "", "", "", "rwc"),
}


def added_models(env, module):
    """The models ``module`` defines (not the ones it extends), from its
    ir.model records."""
    models = (
        env["ir.model.data"]
        .search([("model", "=", "ir.model"), ("module", "=", module)])
        .mapped("res_id")
    )
    return {
        model.model
        for model in env["ir.model"].browse(models)
        if model.model in env
        and env[model.model]._original_module == module
        and not env[model.model]._abstract
    }


@tagged("post_install", "-at_install")
class TestAccessMatrix(AftersalesCommon):
    """Issue 12: every group × read / write / create / unlink on every model
    the addon adds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "portal": cls.user_portal,
            "internal": cls.user_internal,
            "technician": new_test_user(
                cls.env,
                login="as_matrix_technician",
                groups="aftersales_service.group_aftersales_technician",
            ),
            "agent": cls.user_agent,
            "warehouse": cls.user_warehouse,
            "supervisor": cls.user_supervisor,
        }
        for role, xmlid in TRAINING_ROLES.items():
            if cls.env.ref(xmlid, raise_if_not_found=False):
                cls.users[role] = new_test_user(
                    cls.env, login=f"as_matrix_{role}", groups=xmlid
                )

    def test_every_added_model_is_in_the_matrix(self):
        self.assertEqual(added_models(self.env, "aftersales_service"), set(EXPECTED))

    def test_access_rights_per_role(self):
        for model, rights in EXPECTED.items():
            allowed = dict(zip(ROLES, rights, strict=True))
            for role, user in self.users.items():
                # Training roles have what a plain internal user has
                expected = allowed.get(role, allowed["internal"])
                Model = self.env[model].with_user(user)
                for letter, operation in OPERATIONS.items():
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(
                            Model.has_access(operation),
                            letter in expected,
                            f"{role} {operation} {model}",
                        )


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestRecordRulesPerTeam(AftersalesCommon):
    """What belongs to a request follows the request: an agent of one team
    neither reads nor writes another team's request, operations, inspections,
    SLA lines and pauses, plans, parts, steps or checks."""

    with_tile_shop = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Team = cls.env["helpdesk.ticket.team"]
        cls.team_north = Team.create(
            {"name": "North", "user_ids": [Command.link(cls.user_agent.id)]}
        )
        cls.agent_south = new_test_user(
            cls.env,
            login="as_matrix_south",
            groups="aftersales_service.group_aftersales_agent",
        )
        cls.team_south = Team.create(
            {"name": "South", "user_ids": [Command.link(cls.agent_south.id)]}
        )
        cls.user_portal.partner_id.parent_id = cls.customer
        cls.cat_repair = cls.env["helpdesk.ticket.category"].create(
            {"name": "Tile repair", "aftersales_kind": "repair"}
        )
        cls.north = cls._ticket(
            cls.cat_quality, team_id=cls.team_north.id, user_id=cls.user_agent.id
        )
        cls.south = cls._ticket(
            cls.cat_quality,
            team_id=cls.team_south.id,
            user_id=cls.agent_south.id,
            partner_id=cls.other_customer.id,
            delivery_id=cls.other_delivery.id,
        )
        cls.repair = cls._ticket(
            cls.cat_repair, team_id=cls.team_north.id, user_id=cls.user_agent.id
        )
        cls.docs = {
            ticket: cls._documents(ticket)
            for ticket in (cls.north, cls.south, cls.repair)
        }

    @classmethod
    def _documents(cls, ticket):
        env = cls.env
        operation = env["aftersales.return"].create(
            {
                "ticket_id": ticket.id,
                "operation": "compensation",
                "compensation_type": "gift",
                "reason": f"Reason of {ticket.team_id.name}",
            }
        )
        operation._write_by_action({"state": "to_approve"})
        plan = env["aftersales.service.plan"].create(
            {"ticket_id": ticket.id, "cause": "Loose tiles"}
        )
        return {
            "aftersales.return": operation,
            "aftersales.quality.inspection": env[
                "aftersales.quality.inspection"
            ].create({"ticket_id": ticket.id}),
            "aftersales.sla.line": env["aftersales.sla.line"].create(
                {
                    "ticket_id": ticket.id,
                    "target_type": "first_reply",
                    "duration_hours": 4,
                }
            ),
            "aftersales.sla.pause": env["aftersales.sla.pause"].create(
                {
                    "ticket_id": ticket.id,
                    "reason": "customer",
                    "start_date": "2026-03-02 08:00:00",
                }
            ),
            "aftersales.service.plan": plan,
            "aftersales.service.plan.line": env["aftersales.service.plan.line"].create(
                {"plan_id": plan.id, "line_type": "labour", "name": "Relay tiles"}
            ),
            "aftersales.service.part": env["aftersales.service.part"].create(
                {"ticket_id": ticket.id, "product_id": cls.tile.id}
            ),
            "aftersales.service.step": env["aftersales.service.step"].create(
                {"ticket_id": ticket.id, "note": "Tiles lifted"}
            ),
            "aftersales.service.check": env["aftersales.service.check"].create(
                {"ticket_id": ticket.id, "check_type": "safety", "name": "Power off"}
            ),
        }

    def _assert_sees(self, user, tickets, models=None):
        """``user`` reads exactly the documents of ``tickets`` (among the
        three requests), and is refused the others' on read and write."""
        self.assertEqual(
            self.env["helpdesk.ticket"]
            .with_user(user)
            .search([("id", "in", [t.id for t in self.docs])]),
            self.env["helpdesk.ticket"].union(*tickets),
        )
        for model in models or self.docs[self.north]:
            every = self.env[model].union(*(docs[model] for docs in self.docs.values()))
            visible = self.env[model].union(*(self.docs[t][model] for t in tickets))
            with self.subTest(user=user.login, model=model):
                Model = self.env[model].with_user(user)
                self.assertEqual(Model.search([("id", "in", every.ids)]), visible)
                for hidden in (every - visible).with_user(user):
                    with self.assertRaises(AccessError):
                        hidden.read(["id"])
                    if Model.has_access("write"):
                        with self.assertRaises(AccessError):
                            hidden.write({})

    def test_agent_sees_only_their_team(self):
        self._assert_sees(self.user_agent, [self.north, self.repair])
        self._assert_sees(self.agent_south, [self.south])

    def test_supervisor_sees_every_team(self):
        self._assert_sees(self.user_supervisor, [self.north, self.south, self.repair])

    def test_warehouse_sees_stock_requests_only(self):
        self._assert_sees(
            self.user_warehouse,
            [self.north, self.south],
            [
                "aftersales.return",
                "aftersales.quality.inspection",
                "aftersales.sla.line",
                "aftersales.sla.pause",
            ],
        )

    def test_portal_reads_only_their_sent_documents(self):
        portal = self.user_portal
        north = self.docs[self.north]
        Return = self.env["aftersales.return"].with_user(portal)
        every = self.env["aftersales.return"].union(
            *(docs["aftersales.return"] for docs in self.docs.values())
        )
        self.assertEqual(
            Return.search([("id", "in", every.ids)]),
            north["aftersales.return"] | self.docs[self.repair]["aftersales.return"],
        )
        with self.assertRaises(AccessError):
            self.docs[self.south]["aftersales.return"].with_user(portal).read(["name"])
        # A draft plan is not sent yet
        self.assertFalse(
            self.env["aftersales.service.plan"]
            .with_user(portal)
            .search([("id", "=", north["aftersales.service.plan"].id)])
        )
        for model in ("aftersales.sla.line", "aftersales.service.step"):
            with self.assertRaises(AccessError):
                north[model].with_user(portal).read(["id"])

    def test_nobody_writes_the_sla_clocks_by_hand(self):
        line = self.docs[self.north]["aftersales.sla.line"]
        state = line.state
        for user in (self.user_agent, self.user_supervisor, self.user_warehouse):
            with self.assertRaises(AccessError):
                line.with_user(user).write({"state": "met"})
            with self.assertRaises(AccessError):
                self.docs[self.north]["aftersales.sla.pause"].with_user(user).unlink()
        self.assertEqual(line.state, state)
