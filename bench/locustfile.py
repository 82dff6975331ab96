"""The journeys of the load benchmark over the bench region (`manage.py seed_bench`).

Each simulated person logs in as a bench account of a random organization and then walks the
pages of his role as a person would: the home page, the links of his navigation (the same list
the page shell shows, so the journeys follow the real pages of each role), and a pair or a
survey opened from a list. Curators are the most numerous, then mentors and mentees, then the
methodologists of the municipalities and the region.

    locust -f bench/locustfile.py CuratorUser MentorUser MenteeUser MethodologistUser
    locust -f bench/locustfile.py BareUser      # the bare Django view (settings_bench)

BENCH_ORGANIZATIONS (1500) and BENCH_MUNICIPALITIES (60) say how many accounts to pick from;
BENCH_WAIT_MIN / BENCH_WAIT_MAX the pause between pages in seconds (1 and 2 by default).
`bench/load.py` runs it.
"""

import os
import random
import re
import time
from typing import Any

from locust import HttpUser, between, task
from locust.env import Environment

ORGANIZATIONS = int(os.environ.get("BENCH_ORGANIZATIONS", "1500"))
MUNICIPALITIES = int(os.environ.get("BENCH_MUNICIPALITIES", "60"))
PASSWORD = "nastavnik-bench"  # noqa: S105 (the bench region's documented password)
WAIT = between(
    float(os.environ.get("BENCH_WAIT_MIN", "1")), float(os.environ.get("BENCH_WAIT_MAX", "2"))
)

NAV_LINK = re.compile(r'class="nav-link[^"]*"[^>]*href="(/[^"]*)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ID_IN_URL = re.compile(r"/\d+")


_ready: set[int] = set()


def user_ready(environment: Environment, user: object) -> None:
    """The figures start once every person has logged in: a login costs a deliberately slow
    password hash and happens once a day, the pages all day long."""
    _ready.add(id(user))
    runner = environment.runner
    if runner is not None and len(_ready) == runner.target_user_count:
        environment.stats.reset_all()
        mark = os.environ.get("BENCH_MARK_FILE")
        if mark:  # tells bench/load.py when the measured part begins
            with open(mark, "w") as f:
                f.write(str(time.time()))


def page_name(url: str) -> str:
    """Statistics per kind of page, not per organization: /organizations/:id/staff/."""
    return ID_IN_URL.sub("/:id", url.split("?")[0])


class RoleUser(HttpUser):
    abstract = True
    wait_time = WAIT
    role = ""

    def login_name(self) -> str:
        return f"bench-{self.role}-{random.randint(1, ORGANIZATIONS)}"  # noqa: S311

    def on_start(self) -> None:
        self.links: list[str] = []
        self.details: list[str] = []
        form = self.client.get("/accounts/login/", name="/accounts/login/")
        token = CSRF.search(form.text)
        with self.client.post(
            "/accounts/login/",
            {
                "username": self.login_name(),
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="/accounts/login/ (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login failed: {response.status_code}")
                return
        home = self.client.get("/", name="/")
        # The navigation of the role, less the home page itself.
        self.links = [link for link in dict.fromkeys(NAV_LINK.findall(home.text)) if link != "/"]
        user_ready(self.environment, self)

    def open(self, url: str) -> Any:
        return self.client.get(url, name=page_name(url))

    @task(3)
    def home(self) -> None:
        self.open("/")

    @task(6)
    def section(self) -> None:
        if self.links:
            self.open(random.choice(self.links))  # noqa: S311

    @task(2)
    def detail(self) -> None:
        """A pair, a survey or a person opened from a list page."""
        if not self.details:
            self.details = self.find_details()
        if self.details:
            self.open(random.choice(self.details))  # noqa: S311

    def find_details(self) -> list[str]:
        return []


class CuratorUser(RoleUser):
    weight = 5
    role = "curator"

    def find_details(self) -> list[str]:
        found: list[str] = []
        for link in self.links:
            if link.endswith(("/mentorships/", "/surveys/")):
                text = self.open(link).text
                found += re.findall(r'href="(/mentorships/\d+/)"', text)[:5]
                found += re.findall(r'href="(/surveys/\d+/(?:results/)?)"', text)[:3]
        return list(dict.fromkeys(found))


class MentorUser(RoleUser):
    weight = 3
    role = "mentor"

    def find_details(self) -> list[str]:
        text = self.open("/mentorships/mine/").text
        return list(dict.fromkeys(re.findall(r'href="(/mentorships/\d+/)"', text)))


class MenteeUser(MentorUser):
    weight = 3
    role = "mentee"


class MethodologistUser(RoleUser):
    """Mostly municipal methodologists; one in five from the regional centre."""

    weight = 1

    def login_name(self) -> str:
        if random.random() < 0.2:  # noqa: S311
            return "bench-region"
        return f"bench-municipality-{random.randint(1, MUNICIPALITIES)}"  # noqa: S311


class BareUser(HttpUser):
    """The bare view: the ceiling of Django and gunicorn on this machine."""

    wait_time = WAIT

    @task
    def bare(self) -> None:
        self.client.get("/bench/bare/")
