# Dataclasses, attrs classes and `typing.NamedTuple`s get an `__init__`
# from their fields: each argument is stored on its field, and what the
# class's methods do with the field decides, as for a hand-written one.
import dataclasses
from dataclasses import KW_ONLY, InitVar, dataclass, field
from typing import ClassVar, NamedTuple

import attr


@dataclass
class Settings:
    name: str
    log: str = "app.log"
    default_root: ClassVar[str] = "/srv"
    cache: dict = field(default_factory=dict, init=False)

    def summary(self):
        return f"{self.name}: {self.log}"


@dataclasses.dataclass(kw_only=True)
class Options:
    log: str

    def write(self, text):
        with open(self.log, "a") as f:
            f.write(text)


@attr.s(auto_attribs=True)
class Address:
    name: str = attr.ib(converter=str)

    def __repr__(self):
        return f"Address({self.name!r})"

    def __hash__(self):
        return hash(self.name)


@attr.s
class Spool:
    _root = attr.ib()

    def drain(self):
        with open(self._root + "/queue", "w") as f:
            f.write("")


@dataclass
class Job:
    seed: InitVar[int]
    name: str
    _: KW_ONLY
    out: str = ""

    def __post_init__(self, seed):
        self.seed = seed

    def run(self):
        with open(self.out, "w") as f:
            f.write(self.name)


class Point(NamedTuple):
    label: str
    where: str

    def describe(self):
        return "%s at %s" % (self.label, self.where)


# ok
def test_settings_printed():
    assert repr(Settings("demo", "/tmp/demo.log")) != ""


# ok
def test_settings_by_keyword():
    print(Settings(name="demo", log="/tmp/demo.log"))


# ok
def test_address_printed():
    assert repr(Address("/tmp/some-path")) == "Address('/tmp/some-path')"


# ok
def test_point_printed():
    print(Point("origin", "/tmp/origin"))


# A method writes the field: the path is made into a file.
# expect: TMP002 no-fix(left-as-output)
def write_log():
    Options(log="/tmp/options.log").write("started")


# attrs sets `_root` from `root=`.
# expect: TMP002 no-fix(left-as-output)
def drain_spool():
    Spool(root="/tmp/spool").drain()


# `kw_only`: a positional argument binds to no field that tempsafe knows.
# expect: TMP002 no-fix(passed-on)
def options_by_position():
    Options("/tmp/positional.log").write("started")


# An `InitVar` takes its place among the parameters: "/tmp/job" is `name`,
# text only. After `KW_ONLY`, `out` binds by keyword only.
# ok
def job_name():
    print(Job(1, "/tmp/job-name"))


# expect: TMP002 no-fix(left-as-output)
def job_run():
    Job(1, "x", out="/tmp/job.out").run()


# The object is handed on: its fields are used where tempsafe cannot see.
# expect: TMP002 no-fix(passed-on)
def handed_on(run):
    run(Settings("demo", "/tmp/handed-on.log"))
