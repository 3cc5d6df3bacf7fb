"""`make demo`, then the README's tour command by command: each succeeds, and each example
output the README shows is what the command prints (tests/readme.py)."""

from __future__ import annotations

import pytest

from tests.helpers.readme import (
    NOT_RUN,
    README,
    argv,
    examples,
    lay_out,
    normal,
    run,
    tour_commands,
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return lay_out(tmp_path_factory.mktemp("demo"))


def test_the_tour_runs_command_by_command(demo):
    commands = tour_commands(README.read_text(encoding="utf-8"))
    assert len(commands) > 8
    for command in commands:
        if argv(command)[0] in NOT_RUN:
            continue
        code, output = run(command, demo)
        assert code == 0, f"{command}\n{output}"
    assert (demo / "out" / "people.html").stat().st_size > 10_000
    assert len(list((demo / "out" / "digests").glob("*.yaml"))) == 2


def test_example_outputs_are_what_the_commands_print(demo):
    found = examples(README.read_text(encoding="utf-8"))
    assert len(found) >= 3
    for example in found:
        code, output = run(example.command, demo)
        assert code == 0, f"{example.command}\n{output}"
        assert normal(output) == normal(example.output), (
            f"README is stale for `{example.command}`; run `python -m tests.helpers.readme --write`"
        )
