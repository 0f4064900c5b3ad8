"""Every change to the shape of the data file, in order. Never edit a released one.

Each migration is a function recorded by sqlite-utils in `_sqlite_migrations`, so
a file knows which of them it has had. Add new ones at the end.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "facilitator"
migrations = Migrations(MIGRATION_SET)

# Columns every table has: a number people can type, a UUID so that files from
# two laptops can be combined later, and UTC timestamps.
_COMMON = """
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL"""


@migrations(name="m001_people_sessions_agenda")
def m001_people_sessions_agenda(db: Database) -> None:
    db.execute(f"""
        CREATE TABLE people ({_COMMON},
            name TEXT NOT NULL,
            preferred_name TEXT NOT NULL DEFAULT '',
            pronouns TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL,
            organisation TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            phone_digits TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            contact_consent INTEGER NOT NULL DEFAULT 0,
            access_needs TEXT NOT NULL DEFAULT '',
            communication TEXT NOT NULL DEFAULT 'not_asked',
            payment TEXT NOT NULL DEFAULT 'not_asked'
        )""")
    db.execute("CREATE INDEX people_name ON people (name COLLATE NOCASE)")
    db.execute(f"""
        CREATE TABLE projects ({_COMMON},
            name TEXT NOT NULL UNIQUE COLLATE NOCASE
        )""")
    db.execute(f"""
        CREATE TABLE sessions ({_COMMON},
            title TEXT NOT NULL,
            kind TEXT NOT NULL,
            date TEXT NOT NULL,
            start_time TEXT NOT NULL,
            end_time TEXT NOT NULL,
            venue TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            project_id INTEGER REFERENCES projects (id) ON DELETE SET NULL,
            purpose TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX sessions_date ON sessions (date, start_time)")
    db.execute("CREATE INDEX sessions_project ON sessions (project_id)")
    db.execute(f"""
        CREATE TABLE session_co_chairs ({_COMMON},
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people (id),
            position INTEGER NOT NULL,
            UNIQUE (session_id, person_id)
        )""")
    db.execute("CREATE INDEX session_co_chairs_person ON session_co_chairs (person_id)")
    db.execute(f"""
        CREATE TABLE agenda_items ({_COMMON},
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            minutes INTEGER NOT NULL,
            kind TEXT NOT NULL,
            lead TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX agenda_items_session ON agenda_items (session_id, position)")
    db.execute(f"""
        CREATE TABLE settings ({_COMMON},
            key TEXT NOT NULL UNIQUE,
            value TEXT NOT NULL
        )""")


@migrations(name="m002_attendance")
def m002_attendance(db: Database) -> None:
    db.execute(f"""
        CREATE TABLE attendance ({_COMMON},
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people (id),
            status TEXT NOT NULL,
            booked_at TEXT,
            arrived_at TEXT,
            left_at TEXT,
            UNIQUE (session_id, person_id)
        )""")
    db.execute("CREATE INDEX attendance_person ON attendance (person_id)")


@migrations(name="m003_agenda_templates")
def m003_agenda_templates(db: Database) -> None:
    db.execute(f"""
        CREATE TABLE agenda_templates ({_COMMON},
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            kind TEXT,
            description TEXT NOT NULL DEFAULT '',
            items TEXT NOT NULL
        )""")


@migrations(name="m004_live_sessions")
def m004_live_sessions(db: Database) -> None:
    """Check-in details, companions, the run clock, notes and actions."""
    db.execute("ALTER TABLE attendance ADD COLUMN follow_up INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE attendance ADD COLUMN follow_up_note TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE INDEX attendance_session ON attendance (session_id, status)")
    db.execute(f"""
        CREATE TABLE companions ({_COMMON},
            person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            companion_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            relation TEXT NOT NULL,
            UNIQUE (person_id, companion_id),
            CHECK (person_id != companion_id)
        )""")
    db.execute("CREATE INDEX companions_companion ON companions (companion_id)")
    db.execute(f"""
        CREATE TABLE run_events ({_COMMON},
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            at TEXT NOT NULL,
            agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
            minutes INTEGER NOT NULL DEFAULT 0
        )""")
    db.execute("CREATE INDEX run_events_session ON run_events (session_id, id)")
    db.execute(f"""
        CREATE TABLE notes ({_COMMON},
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            consent TEXT NOT NULL DEFAULT 'not_for_publication',
            speaker TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX notes_session ON notes (session_id, agenda_item_id)")
    db.execute(f"""
        CREATE TABLE actions ({_COMMON},
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            what TEXT NOT NULL,
            owner TEXT NOT NULL DEFAULT '',
            due TEXT,
            status TEXT NOT NULL DEFAULT 'open',
            outcome TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX actions_session ON actions (session_id)")
    db.execute("CREATE INDEX actions_status ON actions (status, due)")
    db.execute(f"""
        CREATE TABLE action_notes ({_COMMON},
            action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
            note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
            UNIQUE (action_id, note_id)
        )""")
    db.execute("CREATE INDEX action_notes_note ON action_notes (note_id)")


@migrations(name="m005_breakouts")
def m005_breakouts(db: Database) -> None:
    """Breakout groups: who needs what of a place, who to keep together or apart,
    each round's groups and members, saved splits, and notes per group."""
    db.execute("ALTER TABLE people ADD COLUMN needs_step_free INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE people ADD COLUMN needs_hearing_loop INTEGER NOT NULL DEFAULT 0")
    db.execute(f"""
        CREATE TABLE person_pairs ({_COMMON},
            person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            other_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            UNIQUE (person_id, other_id),
            CHECK (person_id < other_id)
        )""")
    db.execute("CREATE INDEX person_pairs_other ON person_pairs (other_id)")
    db.execute(f"""
        CREATE TABLE breakout_rounds ({_COMMON},
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
            number INTEGER NOT NULL,
            seed INTEGER NOT NULL,
            source TEXT NOT NULL,
            UNIQUE (session_id, number)
        )""")
    db.execute(f"""
        CREATE TABLE breakout_groups ({_COMMON},
            round_id INTEGER NOT NULL REFERENCES breakout_rounds (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            place TEXT NOT NULL DEFAULT '',
            facilitator TEXT NOT NULL DEFAULT '',
            step_free INTEGER NOT NULL DEFAULT 0,
            hearing_loop INTEGER NOT NULL DEFAULT 0,
            locked INTEGER NOT NULL DEFAULT 0
        )""")
    db.execute("CREATE INDEX breakout_groups_round ON breakout_groups (round_id, position)")
    db.execute(f"""
        CREATE TABLE breakout_members ({_COMMON},
            round_id INTEGER NOT NULL REFERENCES breakout_rounds (id) ON DELETE CASCADE,
            group_id INTEGER NOT NULL REFERENCES breakout_groups (id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people (id),
            pinned INTEGER NOT NULL DEFAULT 0,
            placed TEXT NOT NULL DEFAULT 'balanced',
            UNIQUE (round_id, person_id)
        )""")
    db.execute("CREATE INDEX breakout_members_group ON breakout_members (group_id)")
    db.execute("CREATE INDEX breakout_members_person ON breakout_members (person_id)")
    db.execute(f"""
        CREATE TABLE saved_splits ({_COMMON},
            project_id INTEGER REFERENCES projects (id) ON DELETE SET NULL,
            name TEXT NOT NULL,
            groups TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX saved_splits_project ON saved_splits (project_id)")
    db.execute(
        "ALTER TABLE notes ADD COLUMN breakout_group_id INTEGER"
        " REFERENCES breakout_groups (id) ON DELETE SET NULL"
    )


@migrations(name="m006_claims")
def m006_claims(db: Database) -> None:
    """Payment policy versions, claims with their expense lines, and the audit log.

    Claims refer to sessions and people without cascading: money records are kept
    (for six years), so a session or person with claims cannot be deleted."""
    db.execute(f"""
        CREATE TABLE payment_policies ({_COMMON},
            version INTEGER NOT NULL UNIQUE,
            policy TEXT NOT NULL
        )""")
    db.execute(f"""
        CREATE TABLE claims ({_COMMON},
            session_id INTEGER NOT NULL REFERENCES sessions (id),
            person_id INTEGER NOT NULL REFERENCES people (id),
            status TEXT NOT NULL,
            policy_version INTEGER NOT NULL,
            started_on TEXT NOT NULL,
            minutes_there INTEGER NOT NULL DEFAULT 0,
            worked_out_pence INTEGER NOT NULL DEFAULT 0,
            involvement_pence INTEGER NOT NULL DEFAULT 0,
            choice TEXT NOT NULL,
            charity TEXT NOT NULL DEFAULT '',
            amount_reason TEXT NOT NULL DEFAULT '',
            not_there_reason TEXT NOT NULL DEFAULT '',
            override_reason TEXT NOT NULL DEFAULT '',
            rejected_reason TEXT NOT NULL DEFAULT '',
            cancelled_reason TEXT NOT NULL DEFAULT '',
            venue_payment TEXT,
            corrects_id INTEGER REFERENCES claims (id),
            submitted_at TEXT,
            approved_at TEXT,
            paid_at TEXT
        )""")
    db.execute("CREATE INDEX claims_session ON claims (session_id)")
    db.execute("CREATE INDEX claims_person ON claims (person_id)")
    db.execute("CREATE INDEX claims_status ON claims (status)")
    db.execute("CREATE UNIQUE INDEX claims_corrects ON claims (corrects_id)")
    db.execute(f"""
        CREATE TABLE claim_lines ({_COMMON},
            claim_id INTEGER NOT NULL REFERENCES claims (id),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            amount_pence INTEGER NOT NULL,
            miles_hundredths INTEGER NOT NULL DEFAULT 0,
            vehicle TEXT,
            hours_hundredths INTEGER NOT NULL DEFAULT 0,
            why TEXT NOT NULL DEFAULT '',
            receipt_held INTEGER NOT NULL DEFAULT 0,
            receipt_ref TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX claim_lines_claim ON claim_lines (claim_id, position)")
    db.execute(f"""
        CREATE TABLE audit_log ({_COMMON},
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            claim_id INTEGER REFERENCES claims (id),
            action TEXT NOT NULL,
            details TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX audit_log_claim ON audit_log (claim_id)")


def known_names() -> list[str]:
    # No sqlite-utils plugins: looking for them reads every installed package (tens of ms).
    return [
        migration.name
        for migration in migrations.pending(Database(memory=True, execute_plugins=False))
    ]


@migrations(name="m007_projects_and_ladder")
def m007_projects_and_ladder(db: Database) -> None:
    """Projects get aims, dates and co-chairs; the ladder ratings; when actions closed."""
    for column in (
        "kind TEXT NOT NULL DEFAULT 'project'",
        "aims TEXT NOT NULL DEFAULT ''",
        "starts_on TEXT",
        "ends_on TEXT",
        "staff_co_chair_id INTEGER REFERENCES people (id)",
        "lived_co_chair_id INTEGER REFERENCES people (id)",
    ):
        db.execute(f"ALTER TABLE projects ADD COLUMN {column}")
    db.execute(f"""
        CREATE TABLE ladder_ratings ({_COMMON},
            project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
            rung TEXT NOT NULL,
            rated_on TEXT NOT NULL,
            reason TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX ladder_ratings_project ON ladder_ratings (project_id, rated_on)")
    db.execute("ALTER TABLE actions ADD COLUMN closed_on TEXT")
    db.execute(
        "UPDATE actions SET closed_on = substr(updated_at, 1, 10)"
        " WHERE status IN ('done', 'dropped')"
    )


@migrations(name="m008_attendance_counts")
def m008_attendance_counts(db: Database) -> None:
    """The home screen counts, for every session, who booked and who came: the index
    on a session's attendance holds when each booked too, so both counts are read
    from the index alone (for five years of sessions, a quarter of the time)."""
    db.execute("DROP INDEX attendance_session")
    db.execute("CREATE INDEX attendance_session ON attendance (session_id, status, booked_at)")


@migrations(name="m009_decisions")
def m009_decisions(db: Database) -> None:
    """Deciding together: a session's voting rules (with the frozen result, kept as it
    stood), the options or proposals, one ballot per person and the dots counted off a
    wall. All of it goes with the session when the session is deleted."""
    db.execute(f"""
        CREATE TABLE decision_rules ({_COMMON},
            session_id INTEGER NOT NULL UNIQUE REFERENCES sessions (id) ON DELETE CASCADE,
            method TEXT NOT NULL,
            dots_per_person INTEGER NOT NULL,
            may_stack INTEGER NOT NULL,
            rank_top INTEGER NOT NULL,
            budget_pence INTEGER,
            tally_voters INTEGER,
            frozen_at TEXT,
            frozen_result TEXT
        )""")
    db.execute(f"""
        CREATE TABLE decision_options ({_COMMON},
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            proposed_by TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            cost_pence INTEGER,
            tally_dots INTEGER NOT NULL DEFAULT 0
        )""")
    db.execute("CREATE INDEX decision_options_session ON decision_options (session_id, position)")
    db.execute(f"""
        CREATE TABLE decision_ballots ({_COMMON},
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people (id),
            choices TEXT NOT NULL,
            UNIQUE (session_id, person_id)
        )""")
    db.execute("CREATE INDEX decision_ballots_person ON decision_ballots (person_id)")
