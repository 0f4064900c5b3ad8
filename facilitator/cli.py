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


def _output_option(what: str) -> Callable[[F], F]:
    """-o/--output FILE, for commands that write a file into the export folder by default."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, dir_okay=False),
        help=f"Where to write {what}. By default, the folder for exported files.",
    )


def _db_path(ctx: click.Context, db_path: Path | None) -> Path:
    from sessions.store import resolve_db_path

    path = resolve_db_path(db_path or (ctx.obj or {}).get("db_path"))
    _unlock(path)
    return path


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

    store = Store.open(path, only_copy=True)
    from facilitator.app import build_app

    try:
        build_app(store, backup_on_start=True).run()
    finally:
        store.close()


@main.command()
@db_option
@click.option("--force", is_flag=True, help="Add the example data even if the file has data.")
@click.option(
    "--size",
    type=click.Choice(["small", "large"]),
    default="small",
    show_default=True,
    help="small: a few hundred people to try the app with. large: five years of a busy "
    "team (10,000 people, 1,000 sessions, 20,000 claims), to see how it copes.",
)
@click.pass_context
def demo(ctx: click.Context, db_path: Path | None, force: bool, size: str) -> None:
    """Fill a data file with realistic example people and sessions."""
    from sessions.clock import today_at_venue
    from sessions.demo import fill_with_example_data
    from sessions.demo_large import SIZES, fill_at_scale
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
        if size == "large":
            click.echo("Making five years of example data; this takes a few seconds.")
            fill_at_scale(store, today_at_venue(), SIZES["large"])
        else:
            fill_with_example_data(store, today_at_venue())
        people = store.people.count() - people_before
        sessions = store.sessions.count() - sessions_before
    click.echo(f"Added {people:,} people and {sessions:,} sessions to {path}.")


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


# --- backups, going back to one, and checking the data file ----------------------------


@main.command("backup")
@db_option
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option(
    "--keep",
    type=click.IntRange(min=1, max=1000),
    help="From now on, keep this many backups in the backups folder (10 to begin with).",
)
@click.pass_context
def backup_data(
    ctx: click.Context, db_path: Path | None, file: Path | None, keep: int | None
) -> None:
    """Back up the data file now (safe while Facilitator is open).

    By default the backup goes in the backups folder beside the data file, where the
    newest ten are kept (Facilitator also makes one each time it starts and after each
    session is finished). FILE puts it somewhere else instead: a new file, or a
    folder, such as a memory stick, to put it in.
    """
    from sessions.store.backups import BACKUPS_KEPT, make_backup

    path = _db_path(ctx, db_path)
    if keep is not None:
        from sessions.store import Store

        with Store.open(path, create=False) as store:
            store.settings.set(BACKUPS_KEPT, keep)
        newest = "only the newest backup is" if keep == 1 else f"the newest {keep} backups are"
        click.echo(f"From now on {newest} kept.")
    made = make_backup(path, file.expanduser() if file else None)
    click.echo(f"Backed up {path} to {made.backup}.")
    if made.removed:
        count = len(made.removed)
        oldest = "oldest backup" if count == 1 else f"{count} oldest backups"
        click.echo(f"Removed the {oldest} to keep the newest.")


@main.command("restore")
@db_option
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
def restore_data(ctx: click.Context, db_path: Path | None, file: Path) -> None:
    """Go back to a backup: the data file becomes a copy of FILE.

    The data file as it is now is backed up first, so this can be undone. FILE must be
    a sound Facilitator data file, no newer than this version of Facilitator. Close
    Facilitator before restoring.
    """
    from sessions.store import resolve_db_path
    from sessions.store.backups import restore
    from sessions.store.connection import passphrase_for, use_passphrase

    path = resolve_db_path(db_path or (ctx.obj or {}).get("db_path"))
    _unlock(file)  # an encrypted backup: its passphrase, which opens the data file too
    if passphrase_for(file) is not None and passphrase_for(path) is None:
        use_passphrase(path, passphrase_for(file))
    else:
        _unlock(path)
    done = restore(path, file)
    if done.kept_as is not None and done.kept_damaged:
        click.echo(
            "The data file was damaged, so it could not be backed up as usual; a copy of "
            f"it as it was is kept in {done.kept_as}."
        )
    elif done.kept_as is not None:
        click.echo(f"The data file as it was before is backed up in {done.kept_as}.")
    click.echo(f"Restored {path} from {file}.")


@main.command("check")
@db_option
@click.pass_context
def check_data(ctx: click.Context, db_path: Path | None) -> None:
    """Check the data file for damage, broken links and its version.

    Changes nothing. Exit status 0 when all is well, 1 when a problem was found, and 2
    when there is no file to check.
    """
    from sessions.store.backups import check_data_file

    report = check_data_file(_db_path(ctx, db_path))
    for line in report.lines():
        click.echo(line)
    ctx.exit(0 if report.ok else 1)


# --- encryption at rest -------------------------------------------------------------

PASSPHRASE_ENV = "FACILITATOR_PASSPHRASE"
"""Where a script can give the passphrase of an encrypted data file instead of typing it."""


def _unlock(path: Path) -> None:
    """Ask for the passphrase of an encrypted data file, before anything opens it."""
    import os

    from sessions.errors import DataFileError
    from sessions.store.connection import (
        NOT_INSTALLED,
        connect,
        encryption_installed,
        looks_encrypted,
        passphrase_for,
        use_passphrase,
    )

    if passphrase_for(path) is not None or not looks_encrypted(path):
        return
    if not encryption_installed():
        raise FacilitatorError(
            f"{path} is encrypted, or is not a Facilitator data file. {NOT_INSTALLED}"
        )
    given = os.environ.get(PASSPHRASE_ENV)
    for attempt in range(1, 4):
        try:
            passphrase = given or click.prompt(
                f"Passphrase for {path}", hide_input=True, err=True, default="", show_default=False
            )
        except click.Abort as stopped:
            raise FacilitatorError(
                f"{path} is encrypted and no passphrase was given, so it was not opened."
            ) from stopped
        try:
            connect(path, passphrase=passphrase).close()
        except DataFileError:
            if given or attempt == 3:
                raise
            click.echo("That passphrase does not open it. Try again.", err=True)
            continue
        use_passphrase(path, passphrase)
        return


@main.command("encrypt")
@db_option
@click.pass_context
def encrypt_data(ctx: click.Context, db_path: Path | None) -> None:
    """Encrypt the data file, and its backups, with a passphrase you choose.

    From then on Facilitator asks for the passphrase each time it opens the file, and
    its backups are encrypted too. If the passphrase is lost, nobody can get the data
    back. Needs the encrypt extra: pip install 'facilitator[encrypt]'. Close
    Facilitator first.
    """
    import os

    from sessions.store.encryption import encrypt_data_file

    path = _db_path(ctx, db_path)
    passphrase = os.environ.get(PASSPHRASE_ENV) or click.prompt(
        "Choose a passphrase (a few words you will remember)",
        hide_input=True,
        confirmation_prompt="Type it again",
        err=True,
    )
    done = encrypt_data_file(path, passphrase)
    also = ""
    if done.backups:
        also = f" and its {done.backups} backups" if done.backups > 1 else " and its backup"
    click.echo(f"Encrypted {path}{also}.")
    click.echo(
        "Facilitator will ask for the passphrase each time it opens the file. If the "
        "passphrase is lost, nobody can get the data back: keep it somewhere safe, away "
        "from the laptop."
    )


# --- the payment policy and claims ---------------------------------------------------

CLAIM_STATUSES = ("draft", "submitted", "approved", "paid", "rejected", "cancelled")
"""sessions.claim_models.ClaimStatus values, spelt out so the command starts quickly."""


@main.group("policy")
def policy_group() -> None:
    """Share the payment policy between laptops as a TOML file."""


@policy_group.command("export")
@db_option
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def policy_export(ctx: click.Context, db_path: Path | None, file: Path) -> None:
    """Write the payment policy to a TOML file.

    Share FILE with another laptop, or edit it and import it again.
    """
    from exports.files import atomic_write_text
    from sessions.claiming import Claims
    from sessions.payment_policy import policy_to_toml
    from sessions.store import Store

    with Store.open(_db_path(ctx, db_path), create=False) as store:
        policy = Claims(store).policy()
    atomic_write_text(file, policy_to_toml(policy))
    click.echo(f"Wrote version {policy.version} of the payment policy to {file}.")


@policy_group.command("import")
@db_option
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def policy_import(ctx: click.Context, db_path: Path | None, file: Path) -> None:
    """Use the payment policy in a TOML file.

    The policy in FILE is kept as a new version; claims already made keep the
    version they were worked out under.
    """
    from sessions.claiming import Claims
    from sessions.errors import ValidationError
    from sessions.payment_policy import policy_from_toml, same_policy
    from sessions.store import Store

    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise FacilitatorError(f"There is no file at {file}. Check the name.") from error
    except UnicodeDecodeError as error:
        raise FacilitatorError(
            f"{file} is not a text file, so it cannot be a payment policy."
        ) from error
    except OSError as error:
        raise FacilitatorError(
            f"{file} could not be read ({error.strerror or error}). Check the name and "
            "that you can open it."
        ) from error
    try:
        policy = policy_from_toml(text)
    except ValidationError as error:
        problems = "\n".join(f"- {problem}" for problem in error.problems.values())
        raise FacilitatorError(
            f"The payment policy in {file} was not imported, and nothing was changed:\n{problems}"
        ) from error
    with Store.open(_db_path(ctx, db_path)) as store:
        claims = Claims(store)
        current = claims.policy()
        if same_policy(policy, current):
            click.echo(
                f"This payment policy is already in use (version {current.version}), "
                "so nothing was changed."
            )
            return
        saved = claims.save_policy(policy)
    click.echo(f"Imported the payment policy as version {saved.version}.")
    click.echo("Claims already made keep the version they were worked out under.")


@main.group("claims")
def claims_group() -> None:
    """Expense claims and payments for time: list them, export them for finance, and
    write claim forms."""


def _claim_filter_options(command: F) -> F:
    for option in reversed(
        (
            click.option(
                "--status",
                "statuses",
                multiple=True,
                type=click.Choice(CLAIM_STATUSES, case_sensitive=False),
                help="Only claims with this status. Give it more than once for several.",
            ),
            click.option("--from", "date_from", help="Only sessions on or after this date."),
            click.option("--to", "date_to", help="Only sessions on or before this date."),
        )
    ):
        command = option(command)
    return command


def _claim_filter(
    statuses: tuple[str, ...], date_from: str | None, date_to: str | None, person: str = ""
) -> Any:
    """A ClaimFilter from the options, with dates checked in words."""
    from sessions.claim_models import ClaimStatus
    from sessions.store.claims import ClaimFilter

    first = _date(date_from, "--from")
    last = _date(date_to, "--to")
    if first and last and first > last:
        raise FacilitatorError(
            f"The --from date ({first.isoformat()}) is after the --to date "
            f"({last.isoformat()}). Swap them round."
        )
    return ClaimFilter(
        statuses=tuple(ClaimStatus(s.lower()) for s in dict.fromkeys(statuses)),
        person_text=person,
        date_from=first,
        date_to=last,
    )


def _date(text: str | None, option: str) -> Any:
    import datetime as dt

    if text is None or not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as error:
        raise FacilitatorError(
            f"“{text}” after {option} is not a date. Type it as year-month-day, "
            "for example 2026-12-03."
        ) from error


@claims_group.command("list")
@db_option
@_claim_filter_options
@click.option("--person", default="", help="Only people whose name has this in it.")
@click.option(
    "--tab-separated", "tsv", is_flag=True, help="One tab-separated row per claim, for scripts."
)
@click.pass_context
def claims_list(
    ctx: click.Context,
    db_path: Path | None,
    statuses: tuple[str, ...],
    date_from: str | None,
    date_to: str | None,
    person: str,
    tsv: bool,
) -> None:
    """List claims in plain text.

    One line a claim, newest session first, then the totals: expenses and
    involvement payments apart. Good with a screen reader.
    """
    from exports.listings import claim_lines, claim_rows
    from sessions.claiming import Claims
    from sessions.store import Store

    wanted = _claim_filter(statuses, date_from, date_to, person)
    with Store.open(_db_path(ctx, db_path), create=False) as store:
        listing = Claims(store).listing(wanted)
    for line in claim_rows(listing.rows) if tsv else claim_lines(listing):
        click.echo(line)


@claims_group.command("export")
@db_option
@_claim_filter_options
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def claims_export(
    ctx: click.Context,
    db_path: Path | None,
    statuses: tuple[str, ...],
    date_from: str | None,
    date_to: str | None,
    file: Path,
) -> None:
    """Write a CSV of claims for finance.

    FILE gets a row per expense and per involvement payment, in UTF-8 that Excel
    reads. Without --status, approved claims are exported. The file is checked
    against the claims' totals before it is kept.
    """
    from exports.finance_csv import write_finance_csv
    from sessions.display import plural
    from sessions.money import pounds
    from sessions.store import Store

    wanted = _claim_filter(statuses or ("approved",), date_from, date_to)
    with Store.open(_db_path(ctx, db_path), create=False) as store:
        summary = write_finance_csv(store, wanted, file)
    which = " or ".join(status.value for status in wanted.statuses)
    if not summary.claims:
        click.echo(f"No claims are {which}, so {file} has only its header row.")
        return
    click.echo(
        f"Wrote {plural(summary.rows, 'row')} for {plural(summary.claims, 'claim')} "
        f"({which}) to {file}."
    )
    click.echo(f"Expenses: {pounds(summary.expenses_pence)}")
    click.echo(f"Involvement payments: {pounds(summary.involvement_pence)}")
    click.echo(f"Total: {pounds(summary.total_pence)}")
    click.echo("The file adds up to the claims' totals.")


def _claim_id(text: str) -> int:
    """42 from 'C0042', 'c42' or '42'."""
    cleaned = text.strip().upper().removeprefix("C")
    if not cleaned.isdigit() or int(cleaned) == 0:
        raise FacilitatorError(
            f"“{text}” is not a claim number. Type it as it is shown, for example C0042."
        )
    return int(cleaned)


@claims_group.command("form")
@db_option
@click.argument("claim")
@_output_option("the form")
@click.pass_context
def claims_form(ctx: click.Context, db_path: Path | None, claim: str, output: Path | None) -> None:
    """Write the claim form for one claim.

    CLAIM is its number, such as C0042. The Word document is ready to print and sign.
    """
    from exports.claim_forms import claim_form_name, write_claim_form
    from exports.files import export_folder, organisation
    from sessions.claim_models import claim_number
    from sessions.claiming import Claims
    from sessions.errors import NotFound
    from sessions.store import Store

    claim_id = _claim_id(claim)
    with Store.open(_db_path(ctx, db_path), create=False) as store:
        try:
            view = Claims(store).view(claim_id)
        except NotFound as error:
            raise FacilitatorError(
                f"There is no claim {claim_number(claim_id)}. "
                "`facilitator claims list` shows them all."
            ) from error
        path = output or export_folder(store) / claim_form_name(view)
        written = write_claim_form(view, organisation(store), path)
    click.echo(f"Wrote the claim form for {view.claim.number} to {written}.")


@claims_group.command("blank-form")
@db_option
@_output_option("the form")
@click.pass_context
def claims_blank_form(ctx: click.Context, db_path: Path | None, output: Path | None) -> None:
    """Write a blank claim form to print.

    For people who prefer paper: laid out in the order of the claim screen.
    """
    from exports.claim_forms import BLANK_FORM_NAME, write_blank_claim_form
    from exports.files import export_folder, organisation
    from sessions.claiming import Claims
    from sessions.store import Store

    with Store.open(_db_path(ctx, db_path), create=False) as store:
        path = output or export_folder(store) / BLANK_FORM_NAME
        written = write_blank_claim_form(Claims(store).policy(), organisation(store), path)
    click.echo(f"Wrote a blank claim form to {written}.")


# --- sign-ups coming back ------------------------------------------------------------


@main.group("import")
def import_group() -> None:
    """Bring in people from files: sign-ups from an online form."""


@import_group.command("signups")
@db_option
@click.argument("session")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--map",
    "choices",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Say which column holds a field, by its heading or number: name, surname, email, "
    "phone, role, access_needs or consent. Give it once for each; COLUMN 'none' leaves "
    "a field out.",
)
@click.option("--dry-run", is_flag=True, help="Show what would happen, and change nothing.")
@click.pass_context
def import_signups(
    ctx: click.Context,
    db_path: Path | None,
    session: str,
    file: Path,
    choices: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Book the people in a form's CSV export onto a session.

    SESSION is a session's number or words from its title. FILE is the CSV file the
    form tool made. The columns are guessed from their headings (--map changes
    that); people already in the people bank are matched by email, phone, then name,
    and each row says what happened to it. Nothing is asked; nothing is half-imported.
    """
    from facilitator.checkin_prompt import find_sessions, session_choice_line
    from sessions.clock import today_at_venue
    from sessions.display import format_date
    from sessions.signups import (
        apply_import,
        guess_mapping,
        load_signups,
        mapping_with,
        plan_import,
    )
    from sessions.store import Store

    sheet = load_signups(file)
    mapping = mapping_with(sheet, choices, guess_mapping(sheet.headers))
    click.echo(f"{file.name}: {sheet.described}")
    for note in sheet.notes:
        click.echo(note)
    click.echo("Columns used:")
    for line in mapping.describe(sheet):
        click.echo(f"  {line}")
    if mapping.name is None:
        headings = ", ".join(f"“{sheet.column_name(c)}”" for c in range(len(sheet.headers)))
        raise FacilitatorError(
            f"No column looks like people's names, so nothing was imported. The columns "
            f"are {headings}. Say which one holds the name with --map name=COLUMN."
        )
    with Store.open(_db_path(ctx, db_path), create=False) as store:
        found = find_sessions(store, session, today_at_venue())
        if len(found) > 1:
            listed = "\n".join(session_choice_line(s.id, s) for s in found[:10])
            raise FacilitatorError(
                f"{len(found)} sessions match “{session}”, so nothing was imported. "
                f"Give the session's number instead:\n{listed}"
            )
        chosen = store.sessions.get(found[0].id)
        assert chosen.id is not None
        click.echo(f"Session: {chosen.title}, {format_date(chosen.date)}.")
        plan = plan_import(store, chosen.id, sheet.rows, mapping)
        if dry_run:
            click.echo("A dry run: nothing is changed. This is what importing would do:")
            lines, summary = plan.lines, plan.summary
        else:
            report = apply_import(store, plan)
            lines, summary = list(report.lines), report.summary
    for line in lines:
        click.echo(line)
    for note in plan.notes:
        click.echo(note)
    click.echo(summary)


# --- sign-up QR codes and the poster ---------------------------------------------------

QR_FORMATS = ("png", "svg", "txt")


def _one_session(store: Any, text: str) -> Any:
    """The one session meant by a number or words from its title, or a sentence
    listing those that match."""
    from facilitator.checkin_prompt import find_sessions, session_choice_line
    from sessions.clock import today_at_venue

    found = find_sessions(store, text, today_at_venue())
    if len(found) > 1:
        listed = "\n".join(session_choice_line(s.id, s) for s in found[:10])
        raise FacilitatorError(
            f"{len(found)} sessions match “{text}”. Give the session's number instead:\n{listed}"
        )
    return store.sessions.get(found[0].id)


def _name_matches(names: list[str], text: str) -> list[str]:
    """The name typed (in any case and spacing), or else those with all these words in."""
    wanted = " ".join(text.split()).casefold()
    exact = [name for name in names if name.casefold() == wanted]
    return exact or [n for n in names if all(w in n.casefold() for w in wanted.split())]


def _one_project(store: Any, text: str) -> str:
    """The project named (or the one whose name has these words in it)."""
    names = store.sessions.project_names()
    found = _name_matches(names, text)
    if len(found) == 1:
        return str(found[0])
    if not names:
        raise FacilitatorError("There are no projects yet. Give a session instead.")
    listed = "\n".join(f"  {name}" for name in (found or names))
    if found:
        raise FacilitatorError(f"{len(found)} projects match “{text}”. Which one?\n{listed}")
    raise FacilitatorError(f"No project matches “{text}”. The projects are:\n{listed}")


@main.command("qr")
@db_option
@click.argument("session", nargs=-1)
@click.option("--project", "project", help="A project's sign-up code instead of a session's.")
@click.option(
    "--format",
    "file_format",
    type=click.Choice(QR_FORMATS, case_sensitive=False),
    help="png (to print: 1 mm a module at 300 dpi), svg, or txt (text for a terminal). "
    "By default txt, or what the name after -o ends with.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write it. By default txt is shown here, and png or svg go to the "
    "folder for exported files.",
)
@click.option(
    "--light-background",
    is_flag=True,
    help="For txt: draw the dark squares as characters, for a terminal with dark text on "
    "a light background, or for printing. By default the text suits light text on a dark "
    "background, as most terminals are.",
)
@click.pass_context
def qr(
    ctx: click.Context,
    db_path: Path | None,
    session: tuple[str, ...],
    project: str | None,
    file_format: str | None,
    output: Path | None,
    light_background: bool,
) -> None:
    """Make the sign-up QR code for a session or a project.

    SESSION is a session's number or words from its title. The code holds the
    sign-up address set in the app's Settings (a web form, an email or a text),
    filled in for the session; the address is always shown beside it.
    """
    from exports.files import atomic_write_bytes, atomic_write_text, export_folder, safe_file_name
    from exports.qr import qr_png, qr_svg, qr_text
    from sessions.clock import now_utc
    from sessions.display import format_date
    from sessions.signup import (
        NO_TARGET_CLI,
        link_for_project,
        load_target,
        signup_for_session,
    )
    from sessions.store import Store

    text = " ".join(session)
    if bool(text.strip()) == bool(project and project.strip()):
        raise FacilitatorError(
            "Give a session (its number or words from its title) or --project and a "
            "project's name, not both."
            if text.strip()
            else "Say which session (its number or words from its title), or give "
            "--project and a project's name."
        )
    chosen = (file_format or (output.suffix.lstrip(".").lower() if output else "txt")).lower()
    if chosen not in QR_FORMATS:
        raise FacilitatorError(
            f"“{output}” does not end with .png, .svg or .txt. Add --format to say which."
        )
    now = (ctx.obj or {}).get("now", now_utc)
    note = ""
    with Store.open(_db_path(ctx, db_path), create=False) as store:
        target = load_target(store)
        if target is None:
            raise FacilitatorError(NO_TARGET_CLI)
        if project:
            name = _one_project(store, project)
            link, what, stem = link_for_project(target, name), name, f"qr-{name}"
        else:
            # A session that is over: its project's next session, or the project.
            signup = signup_for_session(store, _one_session(store, text), now(), target=target)
            if signup.link is None:
                raise FacilitatorError(signup.problem)
            link, note = signup.link, signup.note
            if signup.session is not None:
                found = signup.session
                what = f"{found.title} on {format_date(found.date)}"
                stem = f"qr-{found.date.isoformat()}-{found.title}"
            else:
                what, stem = signup.project, f"qr-{signup.project}"
        folder = export_folder(store)
    if chosen == "txt":
        drawn = qr_text(link.address, light_on_dark=not light_background)
        if output is None:
            click.echo(drawn, nl=False)
            click.echo(link.shown)
            if note:
                click.echo(note)
            return
        written = atomic_write_text(output, drawn + link.shown + "\n")
    elif chosen == "svg":
        written = atomic_write_text(
            output or folder / safe_file_name(f"{stem}.svg"), qr_svg(link.address)
        )
    else:
        written = atomic_write_bytes(
            output or folder / safe_file_name(f"{stem}.png"), qr_png(link.address)
        )
    click.echo(f"Wrote the sign-up QR code for {what} to {written}.")
    click.echo(f"It {link.opens}.")
    if note:
        click.echo(note)


@main.group("export")
def export_group() -> None:
    """Write documents for a session: the poster, the summary and others."""


@export_group.command("poster")
@db_option
@click.argument("session", nargs=-1, required=True)
@_output_option("the poster")
@click.pass_context
def export_poster(
    ctx: click.Context, db_path: Path | None, session: tuple[str, ...], output: Path | None
) -> None:
    """Write an A4 poster inviting people to a session, with its sign-up QR code.

    SESSION is a session's number or words from its title. The poster says when and
    where, what the session is about, and how to sign up, with the address written
    out beside the code. For a session that is over, it is the poster of the
    project's next session (or of the project); never one for a meeting that has passed.
    """
    from exports.poster import plan_poster, write_planned_poster
    from sessions.clock import now_utc
    from sessions.signup import NO_TARGET_CLI, load_target
    from sessions.store import Store

    now = (ctx.obj or {}).get("now", now_utc)
    with Store.open(_db_path(ctx, db_path), create=False) as store:
        if load_target(store) is None:
            raise FacilitatorError(NO_TARGET_CLI)
        found = _one_session(store, " ".join(session))
        plan = plan_poster(store, found.id, now())
        written = write_planned_poster(store, plan, output)
    click.echo(f"Wrote the poster for {plan.project or plan.session.title} to {written}.")
    if plan.note:
        click.echo(plan.note)


# --- registers, run sheets, the large-print agenda and group lists --------------------


@export_group.command("register")
@db_option
@click.argument("session", nargs=-1, required=True)
@click.option("--csv", "as_csv", is_flag=True, help="A CSV file for a spreadsheet instead of Word.")
@_output_option("the register")
@click.pass_context
def export_register(
    ctx: click.Context,
    db_path: Path | None,
    session: tuple[str, ...],
    as_csv: bool,
    output: Path | None,
) -> None:
    """Write the attendance register of a session.

    SESSION is a session's number or words from its title. Until the session ends
    it is a sheet to sign in on: names only (no roles, which would say who uses care
    services), with blank rows for people who walk in. After, the record of who came,
    as what, when they arrived and left, and who did not come. Access needs only
    when `facilitator privacy --register-access-needs` allows them.
    """
    from exports.files import export_folder, organisation
    from exports.register import register_for, register_name, write_register, write_register_csv
    from sessions.clock import now_utc
    from sessions.display import plural
    from sessions.store import Store

    now = (ctx.obj or {}).get("now", now_utc)
    with Store.open(_db_path(ctx, db_path), create=False) as store:
        found = _one_session(store, " ".join(session))
        register = register_for(store, found.id, now=now())
        path = output or export_folder(store) / register_name(found, "csv" if as_csv else "docx")
        if as_csv:
            written = write_register_csv(register, path)
        else:
            written = write_register(register, organisation(store), path)
    click.echo(f"Wrote the attendance register for {found.title} to {written}.")
    click.echo(register.counts_words())
    if register.blank_rows and not as_csv:
        rows = plural(register.blank_rows, "blank row")
        click.echo(f"It has {rows} for people who walk in.")


@export_group.command("runsheets")
@db_option
@click.argument("session", nargs=-1, required=True)
@_output_option("the run sheets")
@click.pass_context
def export_runsheets(
    ctx: click.Context, db_path: Path | None, session: tuple[str, ...], output: Path | None
) -> None:
    """Write a run sheet for each person who leads part of a session.

    SESSION is a session's number or words from its title. Each lead gets a page
    with the items they lead, their start and end times and the notes for them,
    then the whole agenda.
    """
    from exports.agenda_sheets import agenda_plan, run_sheets_name, write_run_sheets
    from exports.files import export_folder, organisation
    from sessions.display import plural
    from sessions.store import Store

    with Store.open(_db_path(ctx, db_path), create=False) as store:
        found = _one_session(store, " ".join(session))
        plan = agenda_plan(store, found.id)
        path = output or export_folder(store) / run_sheets_name(found)
        written = write_run_sheets(plan, organisation(store), path)
    leads = [lead.name for lead in plan.leads()]
    click.echo(
        f"Wrote run sheets for {plural(len(leads), 'lead')} ({', '.join(leads)}) to {written}."
    )
    unled = plan.without_lead()
    if unled:
        click.echo("No lead is named for: " + ", ".join(s.item.title for s in unled) + ".")


@export_group.command("agenda")
@db_option
@click.argument("session", nargs=-1, required=True)
@_output_option("the agenda")
@click.pass_context
def export_agenda(
    ctx: click.Context, db_path: Path | None, session: tuple[str, ...], output: Path | None
) -> None:
    """Write the agenda of a session in large print, to hand out.

    SESSION is a session's number or words from its title. What happens at what
    time, the date and the venue, in 16pt or larger; no notes for facilitators.
    """
    from exports.agenda_sheets import (
        agenda_handout_name,
        agenda_plan,
        contact_details,
        write_agenda_handout,
    )
    from exports.files import export_folder, organisation
    from sessions.store import Store

    with Store.open(_db_path(ctx, db_path), create=False) as store:
        found = _one_session(store, " ".join(session))
        plan = agenda_plan(store, found.id)
        path = output or export_folder(store) / agenda_handout_name(found)
        written = write_agenda_handout(
            plan, organisation(store), path, contact=contact_details(store)
        )
    click.echo(f"Wrote the large-print agenda for {found.title} to {written}.")


@export_group.command("groups")
@db_option
@click.argument("session", nargs=-1, required=True)
@click.option(
    "--round",
    "round_number",
    type=click.IntRange(min=1),
    help="Which round of breakout groups. By default, the latest.",
)
@_output_option("the group lists")
@click.pass_context
def export_groups(
    ctx: click.Context,
    db_path: Path | None,
    session: tuple[str, ...],
    round_number: int | None,
    output: Path | None,
) -> None:
    """Write the breakout group lists of a session: a table for each group.

    SESSION is a session's number or words from its title. Each group's name,
    where it meets, who facilitates it, and its members' names and roles.
    """
    from exports.files import export_folder, organisation
    from exports.group_lists import group_lists_for, group_lists_name, write_group_lists
    from sessions.display import plural
    from sessions.store import Store

    with Store.open(_db_path(ctx, db_path), create=False) as store:
        found = _one_session(store, " ".join(session))
        lists = group_lists_for(store, found.id, round_number)
        path = output or export_folder(store) / group_lists_name(lists)
        written = write_group_lists(lists, organisation(store), path)
    which = f" (round {lists.round_number} of {lists.rounds})" if lists.rounds > 1 else ""
    click.echo(
        f"Wrote the lists of {plural(len(lists.groups), 'breakout group')}{which} for "
        f"{found.title} to {written}."
    )


@export_group.command("decisions")
@db_option
@click.argument("session", nargs=-1, required=True)
@_output_option("the decisions")
@click.pass_context
def export_decisions(
    ctx: click.Context, db_path: Path | None, session: tuple[str, ...], output: Path | None
) -> None:
    """Write what the room decided together at a session, as a CSV file.

    SESSION is a session's number or words from its title. One row per option, the
    most votes first: its place, title, who proposed it, cost, points, whether it tied
    and (for a community budget) whether it was funded, with a note saying why not;
    then how many people voted and the money left. Counts only, never who voted for
    what. The frozen result when there is one, otherwise the count as it stands.
    """
    from exports.decisions_csv import decisions_for, decisions_name, write_decisions_csv
    from exports.files import export_folder
    from sessions.display import plural
    from sessions.store import Store

    with Store.open(_db_path(ctx, db_path), create=False) as store:
        found = _one_session(store, " ".join(session))
        decided = decisions_for(store, found.id)
        path = output or export_folder(store) / decisions_name(found)
        written = write_decisions_csv(decided, path)
    options = plural(len(decided.result.lines), "option")
    voters = plural(decided.result.voters, "person", "people")
    click.echo(f"Wrote what {found.title} decided ({options}, {voters} voted) to {written}.")
    if not decided.frozen:
        click.echo("The result is not frozen: this is the count as it stands.")


@export_group.command("summary")
@db_option
@click.argument("session", nargs=-1, required=True)
@click.option(
    "--easy-read",
    is_flag=True,
    help="The Easy Read version: large print, short sentences, a picture for each idea.",
)
@_output_option("the summary")
@click.pass_context
def export_summary(
    ctx: click.Context,
    db_path: Path | None,
    session: tuple[str, ...],
    easy_read: bool,
    output: Path | None,
) -> None:
    """Write the "You said, we will" summary of a session, in Word.

    SESSION is a session's number or words from its title. What was heard, by agenda
    item and breakout group; what we will do; what was done about earlier actions of
    the same project; how to sign up and contact the team. Who took part is counted by
    role (names only if Settings says so); quotes only where the person agreed; never
    anyone's access needs. A session that has not started yet has nothing to summarise.
    """
    from exports.files import export_folder
    from exports.summary import summary_file_name, write_summary
    from sessions.clock import now_utc
    from sessions.store import Store

    def progress(words: str) -> None:
        click.echo(f"{words}…", err=True)

    now = (ctx.obj or {}).get("now", now_utc)
    notes: list[str] = []
    with Store.open(_db_path(ctx, db_path), create=False) as store:
        found = _one_session(store, " ".join(session))
        name = summary_file_name(store, found.id, easy_read=easy_read)
        path = output or export_folder(store) / name
        written = write_summary(
            store,
            found.id,
            path,
            easy_read=easy_read,
            now=now(),
            progress=progress,
            told=notes.append,
        )
    what = "Easy Read summary" if easy_read else "summary"
    click.echo(f"Wrote the {what} of {found.title} to {written}.")
    for note in notes:
        click.echo(note)


# --- personal data: subject access, erasure, retention -------------------------------


@main.group("person")
def person_group() -> None:
    """One person's data: write out everything held on them, or erase it."""


def _today(ctx: click.Context) -> Any:
    from sessions.clock import today_at_venue

    return (ctx.obj or {}).get("today", today_at_venue)()


@person_group.command("export")
@db_option
@click.argument("person", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write it: FILE.docx, with FILE.json beside it. By default, the folder "
    "for exported files.",
)
@click.pass_context
def person_export(
    ctx: click.Context, db_path: Path | None, person: tuple[str, ...], output: Path | None
) -> None:
    """Write everything held on one person, for them to read (a subject access request).

    PERSON is their number in the people bank or words from their name. A Word
    document in plain words, and the same facts as JSON beside it: their details,
    sessions, breakout groups, notes that name them, actions with their name on,
    claims with their lines, payments and history, and the people linked with them.
    """
    from exports.files import export_folder, organisation
    from exports.subject_access import subject_access_name, write_subject_access
    from sessions.store import Store
    from sessions.subject_access import find_person, gather

    with Store.open(_db_path(ctx, db_path), create=False) as store:
        found = find_person(store, " ".join(person))
        assert found.id is not None
        held = gather(store, found.id)
        path = output or export_folder(store) / subject_access_name(held)
        written = write_subject_access(held, organisation(store), path)
    click.echo(f"Wrote everything held on {held.person.display_name} to {written.document}.")
    click.echo(f"The same, for a computer to read: {written.data}.")
    if held.companions or held.pairs:
        click.echo(
            "It names other people linked with them. Read it through before you send it, "
            "and leave out anything about others that should not be shared."
        )


@person_group.command("erase")
@db_option
@click.argument("person", nargs=-1, required=True)
@click.option("--yes", is_flag=True, help="Erase without asking first.")
@click.pass_context
def person_erase(
    ctx: click.Context, db_path: Path | None, person: tuple[str, ...], yes: bool
) -> None:
    """Erase one person's details (the right to erasure).

    PERSON is their number in the people bank or words from their name. Their name,
    contact details, access needs and links to other people are removed for good.
    They stay in the counts as "Erased person", and their claims and payments are kept,
    because payment records must be kept for six years. Asks first, unless --yes.
    Someone already erased is not asked about again: the file is rebuilt, to be sure.
    """
    from sessions.erasure import already_erased_words, erase_person, plan_erasure, wipe_file
    from sessions.store import Store
    from sessions.subject_access import find_person

    with Store.open(_db_path(ctx, db_path), create=False) as store:
        found = find_person(store, " ".join(person))
        assert found.id is not None
        plan = plan_erasure(store, found.id)
        if plan.already_erased:
            click.echo(already_erased_words(plan, wiped=wipe_file(store)))
            return
        click.echo(plan.title)
        click.echo(plan.consequence())
        if not yes and not _confirmed("Erase them?"):
            click.echo("Nothing was erased.")
            return
        done = erase_person(store, found.id)
    click.echo(done.words())


def _confirmed(question: str) -> bool:
    """Ask yes or no; no answer (the end of the input) is no."""
    try:
        return click.confirm(question, default=False)
    except click.Abort:
        click.echo("")
        return False


@main.command("retention")
@db_option
@click.option("--dry-run", is_flag=True, help="Only list who has not been seen; change nothing.")
@click.option("--yes", is_flag=True, help="Erase without asking first.")
@click.pass_context
def retention(ctx: click.Context, db_path: Path | None, dry_run: bool, yes: bool) -> None:
    """Erase the contact details and access needs of people not seen for a long time.

    Someone not seen is on no session within the retention period (24 months unless
    changed with facilitator privacy) and was added before it. Their name, role,
    attendance and claims are kept. Asks first, unless --dry-run or --yes.
    """
    from sessions.display import plural
    from sessions.retention import apply_retention, check_retention
    from sessions.store import Store

    today = _today(ctx)
    with Store.open(_db_path(ctx, db_path), create=False) as store:
        check = check_retention(store, today)
        click.echo(check.summary())
        for person in check.people:
            click.echo(f"  {person.line()}")
        if not check.people:
            return
        if dry_run:
            click.echo(
                "A dry run: nothing was changed. Run facilitator retention without "
                "--dry-run to erase their contact details and access needs."
            )
            return
        if not yes and not _confirmed(
            "Erase their email, phone, address, contact preferences and access needs?"
        ):
            click.echo("Nothing was erased.")
            return
        done = apply_retention(store, today)
    click.echo(
        f"Erased the contact details and access needs of "
        f"{plural(len(done.people), 'person', 'people')}. Their names, roles, attendance "
        "and claims are kept."
    )


@main.command("privacy")
@db_option
@click.option(
    "--retention-months",
    type=click.IntRange(1, 120),
    help="Keep contact details and access needs for this many months after someone "
    "was last on a session.",
)
@click.option(
    "--register-access-needs/--no-register-access-needs",
    default=None,
    help="Whether the attendance register holds access needs, on a last page for the "
    "facilitator only. Off unless turned on.",
)
@click.pass_context
def privacy(
    ctx: click.Context,
    db_path: Path | None,
    retention_months: int | None,
    register_access_needs: bool | None,
) -> None:
    """Show or change how long personal details are kept and where access needs go."""
    from exports.register import REGISTER_ACCESS_NEEDS, register_shows_access_needs
    from sessions.display import plural
    from sessions.retention import retention_months as months_kept
    from sessions.retention import set_retention_months
    from sessions.store import Store

    with Store.open(_db_path(ctx, db_path), create=False) as store:
        if retention_months is not None:
            set_retention_months(store, retention_months)
        if register_access_needs is not None:
            store.settings.set(REGISTER_ACCESS_NEEDS, register_access_needs)
        months = months_kept(store)
        on_register = register_shows_access_needs(store)
    click.echo(
        f"Contact details and access needs are kept for {plural(months, 'month')} after "
        "someone was last on a session (facilitator retention erases them)."
    )
    click.echo(
        "The attendance register has a last page of access needs, for the facilitator only."
        if on_register
        else "Access needs appear in no document the app writes, the register included."
    )


# --- the progress report for committee -----------------------------------------------


@main.command("report")
@db_option
@click.option("--from", "date_from", help="The first day of the report, like 1/4/2026.")
@click.option("--to", "date_to", help="The last day of the report, like 30/9/2026.")
@click.option(
    "--project",
    help="Only this project's sessions: its name, or words from it. By default, every session.",
)
@_output_option("the report")
@click.pass_context
def report(
    ctx: click.Context,
    db_path: Path | None,
    date_from: str | None,
    date_to: str | None,
    project: str | None,
    output: Path | None,
) -> None:
    """Write the progress report for committee, in Word.

    For sessions from --from to --to (both days included; without them, the last six
    whole months): sessions held by kind, hours, people by role; reach and the share
    from the same few voices, by quarter; you said, we will, we did; money paid by
    month and claims waiting; each project's ratings on the ladder of participation.
    A paragraph in plain English for each part, tables, and charts with alt text.
    """
    from exports.files import export_folder
    from exports.report import write_report
    from sessions.report_words import last_six_months, range_problem, range_words
    from sessions.store import Store

    def progress(words: str) -> None:
        click.echo(f"{words}…", err=True)

    today = _today(ctx)
    if (date_from is None) != (date_to is None):
        start, end = last_six_months(today)
        raise FacilitatorError(
            "Give both --from and --to, or neither for the last six whole months "
            f"({range_words(start, end)})."
        )
    if date_from is None or date_to is None:
        start, end = last_six_months(today)
    else:
        start, end = _typed_date(date_from, "--from", today), _typed_date(date_to, "--to", today)
    if problem := range_problem(start, end):
        raise FacilitatorError(problem)
    with Store.open(_db_path(ctx, db_path), create=False) as store:
        chosen = _report_project(store, project) if project else None
        written = write_report(
            store,
            start,
            end,
            output,
            today=today,
            project_id=chosen.id if chosen else None,
            folder=export_folder(store),
            progress=progress,
        )
    which = f"the project {chosen.name}" if chosen else "every session"
    click.echo(f"Wrote the progress report for {range_words(start, end)} ({which}) to {written}.")


def _typed_date(text: str, option: str, today: Any) -> Any:
    """A date typed as the app takes them (3/12/2026, 3 Dec 2026, today), or a
    sentence saying how to type it."""
    from sessions.validation import parse_date

    try:
        return parse_date(text, today)
    except ValueError as error:
        raise FacilitatorError(f"“{text}” after {option} is not a date. {error}") from error


def _report_project(store: Any, text: str) -> Any:
    """The project named, or the one whose name has all these words in it; otherwise
    the projects that match (or all of them) listed in words."""
    projects = {line.project.name: line.project for line in store.projects.lines()}
    found = _name_matches(list(projects), text)
    if len(found) == 1:
        return projects[found[0]]
    if not projects:
        raise FacilitatorError(
            "There are no projects yet, so no report was written. Leave out --project "
            "for a report of every session."
        )
    listed = "\n".join(f"  {name}" for name in (found or projects))
    if found:
        raise FacilitatorError(
            f"{len(found)} projects match “{text}”, so no report was written. Which one?\n{listed}"
        )
    raise FacilitatorError(
        f"No project matches “{text}”, so no report was written. The projects are:\n{listed}"
    )
