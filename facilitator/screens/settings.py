"""Settings: who is using the app, the organisation, where files go, the payment
policy, and sign-ups and summaries, in plain words.

The screen shows and collects text only. `sessions.policy_form` turns the text into a
checked `Policy` (or problems in words, per field), and saving keeps the policy as a
new version through the `Claims` service, so claims already made keep theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import (
    Button,
    Checkbox,
    Collapsible,
    Footer,
    Input,
    Label,
    Select,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from facilitator.screens.form import FormScreen
from facilitator.widgets.form_field import FormField
from sessions.claim_models import HOURLY_KINDS, ExpenseKind, Vehicle
from sessions.claiming import USER_NAME, Claims, user_name
from sessions.clock import is_over, now_utc, today_at_venue
from sessions.models import Role, Session
from sessions.payment_policy import InvolvementMode, PartHours
from sessions.policy_form import (
    CAR_AFTER_STEP,
    About,
    SettingsChange,
    band_fields,
    band_rows,
    folder_note,
    form_values,
    kind_field,
    policy_changed,
    role_field,
    rule_from_form,
    rule_summary,
    settings_from_form,
    vehicle_field,
)
from sessions.signup import FORM_FIELDS as SIGNUP_FIELDS
from sessions.signup import (
    KIND_CHOICES,
    KIND_FIELD,
    SignupKind,
    load_settings,
    preview,
    save_settings,
    target_from_form,
)
from sessions.signup import form_values as signup_form_values
from sessions.store import Store
from sessions.store.settings import CONTACT_DETAILS, EXPORT_FOLDER, ORGANISATION, SUMMARY_NAMES

TABS = (
    ("about", "About you", "f2"),
    ("time", "Payment for time", "f3"),
    ("mileage", "Mileage", "f4"),
    ("expenses", "Expenses", "f5"),
    ("limits", "Limits", "f6"),
    ("signups", "Sign-ups and summaries", "f7"),
)
WEEKLY_LIMIT_HINT = (
    "The Permitted Work weekly earnings limit for people on ESA. It changes each April "
    "(£183.50 from April 2024, £195.50 from April 2025): check the new figure every April."
)
MILEAGE_HINT = (
    "HMRC's approved rates are 45p a mile for a car or van (25p after 10,000 miles in a "
    "tax year), 5p for a passenger, 24p for a motorcycle and 20p for a bicycle. Paying "
    "more than these makes the extra taxable."
)


KIND_PARTS = ("receipt", "receipt_over", "cap", "hourly_cap", "cost_code")
ABOUT_FIELDS = ("user_name", ORGANISATION, EXPORT_FOLDER)
MILEAGE_FIELDS = (
    *(vehicle_field(vehicle) for vehicle in Vehicle),
    CAR_AFTER_STEP,
    "mileage_step",
    "max_miles",
)
LIMITS_FIELDS = ("deadline_days", "weekly_limit", "tax_year_limit", "confirm_over", "declaration")
SIGNUP_INTRO = (
    "Sign-up QR codes go on posters, summaries and the screen, so people can sign up for "
    "the next session with their phone. Choose where the codes point."
)
PLACEHOLDER_HINT = (
    "Filled in for each session: {code} (the group's code, like CIG-20261203), {title}, "
    "{date} and {project}."
)
SIGNUP_PARTS = {
    SignupKind.URL.value: "#signup-url-part",
    SignupKind.MAILTO.value: "#signup-mailto-part",
    SignupKind.SMS.value: "#signup-sms-part",
}


def kind_of(name: str) -> ExpenseKind | None:
    """The kind of expense a field belongs to, if any."""
    for kind in ExpenseKind:
        if any(name == kind_field(kind, part) for part in KIND_PARTS):
            return kind
    return None


def place_of(name: str) -> tuple[str, ExpenseKind | None]:
    """The tab a field is on, and its kind of expense on the Expenses tab."""
    kind = kind_of(name)
    if kind is not None:
        return "expenses", kind
    if name in ABOUT_FIELDS:
        return "about", None
    if name in MILEAGE_FIELDS:
        return "mileage", None
    if name in LIMITS_FIELDS:
        return "limits", None
    if name in SIGNUP_FIELDS:
        return "signups", None
    return "time", None


class Tick(Checkbox):
    """A tick box that shows its X only when ticked, so it reads the same without colour."""

    def __init__(self, label: str, value: bool, *, id: str) -> None:
        super().__init__(label, value, id=id, compact=True)
        self.BUTTON_INNER = "X" if value else " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
        super().watch_value()


class Part(Vertical):
    """Fields shown only once they are needed: a tab when it is first opened, a kind of
    expense when it is first expanded. Every field at once takes seconds to appear."""

    def __init__(
        self, make: Callable[[], ComposeResult] | None = None, *, classes: str = ""
    ) -> None:
        super().__init__(classes=f"settings-part {classes}".strip())
        self.make = make

    def compose(self) -> ComposeResult:
        if self.make is not None:
            yield from self.make()

    @property
    def filled(self) -> bool:
        return self.make is not None

    async def fill(self, make: Callable[[], ComposeResult]) -> None:
        self.make = make
        await self.recompose()


class SettingsScreen(FormScreen[SettingsChange]):
    """Everything on one screen, in tabs; ctrl+s saves, escape asks before losing typing."""

    BINDINGS = [
        *(
            Binding(key, f"show_tab('{tab}')", label, show=False, priority=True)
            for tab, label, key in TABS
        ),
    ]

    form_title = "Settings"
    save_label = "Save settings"

    def __init__(self, store: Store, *, tab: str = "about") -> None:
        super().__init__()
        self.store = store
        self.first_tab = tab
        self.policy = store.policies.current()
        self.about = About(
            user_name=str(store.settings.get(USER_NAME, "") or ""),
            organisation=str(store.settings.get(ORGANISATION, "") or ""),
            export_folder=str(store.settings.get(EXPORT_FOLDER, "") or ""),
        )
        self.start: dict[str, Any] = {
            **form_values(self.policy, self.about),
            **signup_form_values(load_settings(store)),
        }
        self.all_fields: list[FormField] = []
        self.problems: dict[str, str] = {}
        self._next_session: Session | bool | None = None

    def on_mount(self) -> None:
        """On the tab asked for, at its first field (FormScreen's on_mount runs after
        this and focuses the About tab's first field; this comes after it)."""
        if self.first_tab == "signups":
            self.show_signup_kind(str(self.start[KIND_FIELD]))
        if self.first_tab != "about":
            self.call_after_refresh(self.action_show_tab, self.first_tab)

    # --- the layout -----------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="settings"):
            yield Label(
                f"Settings (payment policy version {self.policy.version})", classes="dialog-title"
            )
            with TabbedContent(id="settings-tabs", initial=self.first_tab):
                for tab, label, key in TABS:
                    with TabPane(f"{label} {key.upper()}", id=tab):
                        page = VerticalScroll(
                            Part(getattr(self, f"{tab}_fields"))
                            if tab in ("about", self.first_tab)
                            else Part(),
                            classes="settings-page",
                            id=f"page-{tab}",
                            can_focus=False,
                        )
                        yield page
            summary = Static("", id="form-summary", markup=False)
            summary.display = False
            yield summary
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.save_label} (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")
        yield Footer(compact=True)

    def input(self, name: str, **options: Any) -> Input:
        return Input(str(self.start[name]), id=name, **options)

    def tick(self, name: str, label: str) -> Tick:
        return Tick(label, bool(self.start[name]), id=name)

    def about_fields(self) -> ComposeResult:
        from exports.files import DEFAULT_ORGANISATION, export_folder

        yield FormField(
            "Your name (for the audit log of claims)",
            self.input("user_name", placeholder=user_name(self.store)),
            hint="Written beside every change to a claim. Empty: the computer's login name.",
        )
        yield FormField(
            "Organisation",
            self.input(ORGANISATION, placeholder="for example: Adult Social Care"),
            hint="Shown as the author of the documents Facilitator writes. Empty: "
            f"“{DEFAULT_ORGANISATION}”.",
        )
        default_folder = "" if self.about.export_folder else str(export_folder(self.store))
        yield FormField(
            "Folder for exported files",
            self.input(EXPORT_FOLDER, placeholder=default_folder),
            hint="Claim forms and finance files are saved here. Empty: a folder called "
            "Facilitator in your Documents folder.",
        )
        yield Static(folder_note(str(self.start[EXPORT_FOLDER])), id="folder-note")

    def time_fields(self) -> ComposeResult:
        version = self.policy.version
        yield Static(
            f"This is version {version} of the payment policy. Saving a change to it makes "
            f"version {version + 1}: claims already made keep the version they were worked "
            "out under.",
            classes="field-hint settings-intro",
        )
        yield FormField(
            "How time is paid",
            self.select("involvement_mode", InvolvementMode),
        )
        with Vertical(id="hourly-part"):
            yield FormField("Hourly rate (£)", self.input("hourly_rate"))
            yield FormField("How part hours count", self.select("part_hours", PartHours))
        with Vertical(id="bands-part"):
            yield Label("Fixed amounts", classes="settings-heading")
            yield Static(
                "Someone is paid the first amount whose time covers how long they were there "
                "(the last, if they were there longer). Empty a row to leave it out.",
                classes="field-hint",
            )
            with Horizontal(classes="band-row band-heading"):
                yield Label("Name", classes="band-label")
                yield Label("Up to hours", classes="band-hours")
                yield Label("Amount (£)", classes="band-amount")
            for row in range(1, band_rows(self.policy) + 1):
                label, hours, amount = band_fields(row)
                with Horizontal(classes="band-row"):
                    yield FormField(f"Fixed amount {row}: name", self.input(label))
                    yield FormField(f"Fixed amount {row}: up to hours", self.input(hours))
                    yield FormField(f"Fixed amount {row}: amount", self.input(amount))
        yield Label("Whose time is paid", classes="settings-heading")
        yield Static(
            "Staff are paid by their employer, so their time is usually not paid again.",
            classes="field-hint",
        )
        with Vertical(classes="ticks"):
            for role in Role:
                yield FormField(role.label, self.tick(role_field(role), role.label))
        yield FormField(
            "Cost code for payments for time",
            self.input("involvement_cost_code"),
            hint="Printed beside each payment for time in the finance file.",
        )

    def mileage_fields(self) -> ComposeResult:
        yield Static(MILEAGE_HINT, classes="field-hint settings-intro")
        yield Label("Pence a mile", classes="settings-heading")
        with Vertical(classes="settings-grid"):
            for vehicle in Vehicle:
                yield FormField(vehicle.label, self.input(vehicle_field(vehicle)))
            yield FormField(
                "Car or van after the step",
                self.input(CAR_AFTER_STEP),
                hint="Empty: the same rate all year.",
            )
        yield FormField(
            "The step: miles in a tax year before the lower car rate",
            self.input("mileage_step"),
        )
        yield FormField("Most miles on one line", self.input("max_miles"))

    def expenses_fields(self) -> ComposeResult:
        yield Static(
            "What the policy says about each kind of expense. Press enter on a kind to "
            "open it. Mileage is worked out from the rates on the Mileage tab.",
            classes="field-hint settings-intro",
        )
        for kind in ExpenseKind:
            rule = self.policy.rule(kind)
            yield Collapsible(
                Part(classes="settings-grid"),
                title=self.kind_title(kind, rule_summary(rule)),
                id=f"kind-{kind.value}",
            )

    def kind_fields(self, kind: ExpenseKind) -> ComposeResult:
        yield FormField("Receipt", self.tick(kind_field(kind, "receipt"), "A receipt is needed"))
        yield FormField(
            "Only above (£)",
            self.input(kind_field(kind, "receipt_over")),
            hint="£0.00: for any amount.",
        )
        yield FormField(
            "Most a session (£)",
            self.input(kind_field(kind, "cap"), placeholder="no limit"),
        )
        if kind in HOURLY_KINDS:
            yield FormField(
                "Most an hour (£)",
                self.input(kind_field(kind, "hourly_cap"), placeholder="no limit"),
            )
        yield FormField("Cost code", self.input(kind_field(kind, "cost_code")))

    def limits_fields(self) -> ComposeResult:
        yield FormField("Deadline for claims (days after the session)", self.input("deadline_days"))
        yield FormField(
            "Permitted Work weekly limit (£)", self.input("weekly_limit"), hint=WEEKLY_LIMIT_HINT
        )
        yield FormField(
            "Tax-year limit (£)",
            self.input("tax_year_limit"),
            hint="Warn when someone's payments for time in one tax year pass this.",
        )
        yield FormField(
            "Confirm lines over (£)",
            self.input("confirm_over"),
            hint="A bigger line is checked with the person typing: it may be a slip.",
        )
        yield FormField(
            "Declaration on the claim form",
            TextArea(str(self.start["declaration"]), id="declaration", soft_wrap=True),
        )

    def signups_fields(self) -> ComposeResult:
        yield Static(SIGNUP_INTRO, classes="field-hint settings-intro")
        yield FormField(
            "Where sign-up codes point",
            Select(
                list(KIND_CHOICES),
                value=str(self.start[KIND_FIELD]),
                allow_blank=False,
                id=KIND_FIELD,
            ),
        )
        with Vertical(id="signup-url-part", classes="signup-part"):
            yield FormField(
                "Web address of the sign-up form",
                self.input(
                    "signup_url",
                    placeholder="https://forms.example.gov.uk/coproduction?group={code}",
                ),
                hint=PLACEHOLDER_HINT,
            )
        with Vertical(id="signup-mailto-part", classes="signup-part"):
            yield FormField(
                "Email address people write to",
                self.input("signup_email", placeholder="coproduction@example.gov.uk"),
            )
            yield FormField("Subject", self.input("signup_subject"), hint=PLACEHOLDER_HINT)
            yield FormField(
                "Message",
                TextArea(str(self.start["signup_body"]), id="signup_body", soft_wrap=True),
                hint="Started for them; they can change it before sending.",
            )
        with Vertical(id="signup-sms-part", classes="signup-part"):
            yield FormField(
                "Phone number people text",
                self.input("signup_number", placeholder="07700 900123"),
                hint="Not every phone opens a text from a QR code: a web form or an email "
                "works for more people.",
            )
            yield FormField("Text message", self.input("signup_text"), hint=PLACEHOLDER_HINT)
        # self.start, not self.values(): the fields are being made, and values() would
        # keep a list of the fields without them.
        yield Static(self.signup_preview(self.start), id="signup-preview", markup=False)
        yield Label("Summaries", classes="settings-heading")
        yield FormField(
            "How people can reach the team",
            TextArea(str(self.start[CONTACT_DETAILS]), id=CONTACT_DETAILS, soft_wrap=True),
            hint="A name, a phone number, an email address: printed at the end of every "
            "summary and on posters and handouts.",
        )
        yield FormField(
            "Naming people",
            self.tick(
                SUMMARY_NAMES,
                "Name the people who took part in summaries (otherwise only counts by role)",
            ),
        )

    def next_session(self) -> Session | None:
        """The session the preview is for: the next one not over yet (by its end time on
        the app's clock), today's included while it runs."""
        if self._next_session is None:
            now = getattr(self.app, "now", now_utc)()
            upcoming = [s for s in self.store.sessions.overview() if not is_over(s, now)]
            soonest = min(upcoming, key=lambda s: (s.date, s.start, s.id), default=None)
            self._next_session = self.store.sessions.get(soonest.id) if soonest else False
        return self._next_session or None

    def signup_preview(self, values: dict[str, Any]) -> str:
        try:
            target = target_from_form(values)
        except ValueError:
            target = None
        today = getattr(self.app, "today", today_at_venue)()
        return preview(target, self.next_session(), today)

    def show_signup_kind(self, kind: str) -> None:
        """Only the fields of the kind chosen."""
        for value, part in SIGNUP_PARTS.items():
            for widget in self.query(part):
                widget.display = value == kind

    def select(self, name: str, enum: type[InvolvementMode] | type[PartHours]) -> Select[str]:
        return Select(
            [(member.label, member.value) for member in enum],
            value=str(self.start[name]),
            allow_blank=False,
            id=name,
        )

    @staticmethod
    def kind_title(kind: ExpenseKind, summary: str) -> str:
        """Cost codes are typed: never read them as markup."""
        return escape(f"{kind.label}: {summary}")

    # --- showing parts as they are needed ------------------------------------

    def values(self) -> dict[str, Any]:
        """What is typed, and for the parts not shown yet, what they started with."""
        return {**self.start, **super().values()}

    def fields(self) -> list[FormField]:
        """Found once per part shown, not on every key."""
        if not self.all_fields:
            self.all_fields = list(self.query(FormField))
        return self.all_fields

    async def show_part(self, tab: str, kind: ExpenseKind | None = None) -> None:
        """Make sure a tab's fields (and a kind of expense's) are there."""
        page = self.query_one(f"#page-{tab}", VerticalScroll).query_one(Part)
        if not page.filled:
            await page.fill(getattr(self, f"{tab}_fields"))
            self.all_fields = []
            if tab == "time":
                self.show_mode(str(self.values()["involvement_mode"]))
            if tab == "signups":
                self.show_signup_kind(str(self.values()[KIND_FIELD]))
        if kind is not None:
            collapsible = self.query_one(f"#kind-{kind.value}", Collapsible)
            await self.fill_kind(collapsible)
            collapsible.collapsed = False

    async def fill_kind(self, collapsible: Collapsible) -> None:
        part = collapsible.query_one(Part)
        if not part.filled and collapsible.id:
            kind = ExpenseKind(collapsible.id.removeprefix("kind-"))
            await part.fill(lambda: self.kind_fields(kind))
            self.all_fields = []

    @on(TabbedContent.TabActivated)
    async def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id:
            await self.show_part(event.pane.id)

    @on(Collapsible.Expanded)
    async def _kind_opened(self, event: Collapsible.Expanded) -> None:
        await self.fill_kind(event.collapsible)

    async def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        await self.show_part(tab)
        self.call_after_refresh(self.focus_first_in, tab)

    def focus_first_in(self, tab: str) -> None:
        pane = self.query_one(f"TabPane#{tab}", TabPane)
        first = next((w for w in self.focus_chain if pane in w.ancestors), None)
        if first is not None:
            first.focus(scroll_visible=False)  # the top of the tab, with its first label

    # --- as it is typed --------------------------------------------------------

    def show_mode(self, mode: str) -> None:
        """The hourly rate, or the fixed amounts: only what is in use."""
        hourly = mode == InvolvementMode.HOURLY.value
        for part, shown in (("#hourly-part", hourly), ("#bands-part", not hourly)):
            for widget in self.query(part):
                widget.display = shown

    def values_changed(self, name: str, values: dict[str, Any]) -> None:
        if name == KIND_FIELD:
            self.show_signup_kind(str(values[name]))
        if name in SIGNUP_FIELDS:
            self.query_one("#signup-preview", Static).update(self.signup_preview(values))
        if name == "involvement_mode":
            self.show_mode(str(values[name]))
        elif name == EXPORT_FOLDER:
            self.query_one("#folder-note", Static).update(folder_note(str(values[name])))
        kind = kind_of(name)
        if kind is not None:
            rule, problems = rule_from_form(values, kind, self.policy.rule(kind))
            if not problems:
                self.query_one(f"#kind-{kind.value}", Collapsible).title = self.kind_title(
                    kind, rule_summary(rule)
                )

    def build(self, values: dict[str, Any]) -> SettingsChange:
        return settings_from_form(values, self.policy)

    def show_problems(self, problems: dict[str, str], *, everywhere: bool) -> None:
        """Beside the fields; on saving, the summary also names the tabs to look on."""
        self.problems = problems
        super().show_problems(problems, everywhere=everywhere)
        if not (everywhere and problems):
            return
        shown = [place_of(name)[0] for name in problems]
        tabs = [label for tab, label, _ in TABS if tab in shown]
        summary = self.query_one("#form-summary", Static)
        lead = "One thing needs" if len(problems) == 1 else f"{len(problems)} things need"
        where = " and ".join([", ".join(tabs[:-1]), tabs[-1]] if len(tabs) > 1 else tabs)
        summary.update(
            f"{lead} changing before this can be saved: look on the {where} "
            f"tab{'s' if len(tabs) > 1 else ''}."
        )

    def _focus_first_problem(self) -> None:
        """Open the tab (and the kind of expense) holding the first problem, and go there."""
        if self.problems:
            self.run_worker(self.go_to_problem(next(iter(self.problems))), exclusive=True)

    async def go_to_problem(self, name: str) -> None:
        tab, kind = place_of(name)
        self.query_one(TabbedContent).active = tab
        await self.show_part(tab, kind)
        self.show_problems(self.problems, everywhere=True)
        for form_field in self.fields():
            if form_field.name_of_field == name:
                self.call_after_refresh(self.focus_field, form_field)

    def focus_field(self, form_field: FormField) -> None:
        form_field.control.focus()
        form_field.scroll_visible()

    # --- saving ------------------------------------------------------------------

    def persist(self, built: SettingsChange) -> SettingsChange:
        changed = policy_changed(self.policy, built.policy)
        with self.store.db.atomic():
            self.store.settings.set(USER_NAME, built.about.user_name)
            self.store.settings.set(ORGANISATION, built.about.organisation)
            self.store.settings.set(EXPORT_FOLDER, built.about.export_folder)
            if built.signups is not None:
                save_settings(self.store, built.signups)
            saved = Claims(self.store).save_policy(built.policy) if changed else self.policy
        if changed:
            message = (
                f"Saved as version {saved.version}. Claims already made keep the version "
                "they were worked out under."
            )
        else:
            message = (
                f"Saved. The payment policy did not change: it is still version {saved.version}."
            )
        self.notify(message, title="Settings saved", timeout=8)
        return SettingsChange(built.about, saved, built.signups)
