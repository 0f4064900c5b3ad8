"""The `facilitator` command: the TUI by default, and plain-text sub-commands.

A thin layer: open the data file, call one domain function, and turn a known
error into one sentence on stderr with exit status 2. Heavy imports (Textual)
happen only when the TUI is started.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from facilitator import __version__
from sessions.errors import FacilitatorError

F = TypeVar("F", bound=Callable[..., Any])

DB_HELP = (
    "The data file to use. Also read from FACILITATOR_DB; "
    "by default it lives in your user data folder."
)


class FacilitatorGroup(click.Group):
    """Turns errors a user can cause into one plain sentence and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FacilitatorError as error:
            click.echo(str(error), err=True)
            ctx.exit(2)


def db_option(command: F) -> F:
    """`--db PATH`, accepted before or after the sub-command's name."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(path_type=Path),
        help=DB_HELP,
    )(command)


def _db_path(ctx: click.Context, db_path: Path | None) -> Path:
    from sessions.store import resolve_db_path

    return resolve_db_path(db_path or (ctx.obj or {}).get("db_path"))


@click.group(
    cls=FacilitatorGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@db_option
@click.version_option(__version__, "--version", "-V", prog_name="facilitator")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None) -> None:
    """Plan co-production sessions and keep a bank of the people who take part.

    With no command, opens the full-screen app.
    """
    ctx.ensure_object(dict)["db_path"] = db_path
    if ctx.invoked_subcommand is None:
        run_tui(_db_path(ctx, None))


def run_tui(path: Path) -> None:
    """Open the data file first, so a bad file is refused before the screen changes."""
    from sessions.store import Store

    store = Store.open(path)
    from facilitator.app import build_app

    try:
        build_app(store).run()
    finally:
        store.close()


@main.command()
@db_option
@click.option("--force", is_flag=True, help="Add the example data even if the file has data.")
@click.pass_context
def demo(ctx: click.Context, db_path: Path | None, force: bool) -> None:
    """Fill a data file with realistic example people and sessions."""
    from sessions.clock import today_at_venue
    from sessions.demo import fill_with_example_data
    from sessions.store import Store

    path = _db_path(ctx, db_path)
    with Store.open(path) as store:
        if store.has_data() and not force:
            raise FacilitatorError(
                f"{path} already has people or sessions in it, so the example data "
                "was not added. Use --force to add it anyway, or --db to choose "
                "another file."
            )
        people_before, sessions_before = store.people.count(), store.sessions.count()
        fill_with_example_data(store, today_at_venue())
        people = store.people.count() - people_before
        sessions = store.sessions.count() - sessions_before
    click.echo(f"Added {people} people and {sessions} sessions to {path}.")


@main.command("sessions")
@db_option
@click.option(
    "--search", default="", help="Only sessions whose title, venue, kind or project match."
)
@click.option(
    "--tab-separated", "tsv", is_flag=True, help="One tab-separated row per session, for scripts."
)
@click.pass_context
def list_sessions(ctx: click.Context, db_path: Path | None, search: str, tsv: bool) -> None:
    """List sessions: today, coming up and past."""
    from exports.listings import session_lines, session_rows
    from sessions.clock import today_at_venue
    from sessions.planning import session_matches, split_by_day
    from sessions.store import Store

    with Store.open(_db_path(ctx, db_path), create=False) as store:
        found = [s for s in store.sessions.overview() if session_matches(s, search)]
    if tsv:
        lines = session_rows(found)
    elif search and not found:
        lines = iter([f"No sessions match “{search}”."])
    else:
        lines = session_lines(split_by_day(found, today_at_venue()))
    for line in lines:
        click.echo(line)


@main.command("people")
@db_option
@click.argument("search", required=False, default="")
@click.option(
    "--tab-separated", "tsv", is_flag=True, help="One tab-separated row per person, for scripts."
)
@click.pass_context
def list_people(ctx: click.Context, db_path: Path | None, search: str, tsv: bool) -> None:
    """List the people bank, or the people matching SEARCH."""
    from exports.listings import people_lines, people_rows
    from sessions.store import Store

    with Store.open(_db_path(ctx, db_path), create=False) as store:
        people = store.people.search(search)
        total = store.people.count()
    for line in people_rows(people) if tsv else people_lines(people, total, search):
        click.echo(line)


@main.command("checkin")
@db_option
@click.argument("session", nargs=-1, required=True)
@click.pass_context
def checkin(ctx: click.Context, db_path: Path | None, session: tuple[str, ...]) -> None:
    """Check people in, one plain line at a time (good with a screen reader).

    SESSION is a session's number or words from its title. Type part of a name,
    pick a number and confirm; + adds a walk-in, u undoes, q finishes.
    """
    from facilitator.checkin_prompt import run_checkin
    from sessions.clock import now_utc
    from sessions.store import Store

    now = (ctx.obj or {}).get("now", now_utc)
    with Store.open(_db_path(ctx, db_path), create=False) as store:
        run_checkin(store, " ".join(session), now, input, click.echo)
