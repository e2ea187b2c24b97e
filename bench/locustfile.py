# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Portal load test: customers browse their after-sales requests and submit
new ones. Run by ``bench/bench_portal_load.sh`` against a local server only
(the demo portal customer, login ``portal``)."""

import random
import re

from locust import HttpUser, between, task

CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
REQUEST_LINK = re.compile(r'href="(/my/ticket/\d+)"')
KIND_LINK = re.compile(
    r'href="/new/ticket\?category=(\d+)"[^>]*data-kind="consultation"'
)


class PortalCustomer(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self):
        page = self.client.get("/web/login").text
        self.client.post(
            "/web/login",
            data={
                "login": "portal",
                "password": "portal",
                "csrf_token": CSRF.search(page).group(1),
                "redirect": "/my",
            },
            name="/web/login",
        )
        self.requests = []

    @task(3)
    def list_requests(self):
        page = self.client.get("/my/tickets", name="/my/tickets").text
        self.requests = REQUEST_LINK.findall(page) or self.requests

    @task(2)
    def filter_requests(self):
        state = random.choice(["action", "open", "resolved", "cancelled"])
        self.client.get(f"/my/tickets?filterby={state}", name="/my/tickets?filterby")

    @task(3)
    def open_request(self):
        if self.requests:
            self.client.get(random.choice(self.requests), name="/my/ticket/<id>")

    @task(1)
    def submit_request(self):
        page = self.client.get("/new/ticket", name="/new/ticket").text
        kind = KIND_LINK.search(page)
        if not kind:
            return
        form = self.client.get(
            f"/new/ticket?category={kind.group(1)}", name="/new/ticket?category"
        ).text
        with self.client.post(
            "/submitted/ticket",
            data={
                "csrf_token": CSRF.search(form).group(1),
                "category": kind.group(1),
                "subject": "Load test question",
                "description": "Which cleaner for grey tiles?",
            },
            name="/submitted/ticket",
            catch_response=True,
        ) as response:
            if "/my/ticket/" not in response.url:
                response.failure("the request was not recorded")
