"""Drop-down choices built from the domain's labelled enums."""

from __future__ import annotations

from textual.widgets import Select

from sessions.models import LabelledEnum


def enum_select(
    enum: type[LabelledEnum],
    value: LabelledEnum | None,
    *,
    id: str,
    prompt: str = "Choose…",
) -> Select[str]:
    """A Select of the enum's labels whose value is the stored value."""
    return Select(
        [(member.label, member.value) for member in enum],
        value=value.value if value is not None else Select.NULL,
        prompt=prompt,
        allow_blank=value is None,
        id=id,
    )
