"""The admins' console as it reads: the network's figures, a person's card, the audit log,
a broadcast's preview and progress. Pure: renders what the services returned."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from markupsafe import Markup

from bot.domain.admin import (
    Appointed,
    AppointRole,
    AuditRow,
    BroadcastProgress,
    Figures,
    PersonView,
)
from bot.domain.events import Reach
from bot.formatting import format_datetime, format_number
from bot.i18n import N_
from bot.ui.audience import unreachable_lines
from bot.ui.countries import country_label
from bot.ui.html import html, lines
from bot.ui.moderation import expert_approved
from bot.ui.organizations import kind_name
from bot.ui.roles import role_names
from bot.ui.themes import theme_name

TOP = 6  # of each breakdown, the largest shown

AUDIT_ACTIONS: dict[str, str] = {
    "organization.approve": N_("organization approved"),
    "organization.reject": N_("organization rejected"),
    "expert.approve": N_("expert approved"),
    "expert.reject": N_("expert rejected"),
    "expert.appoint": N_("expert appointed"),
    "expert.remove": N_("expert removed"),
    "organizer.appoint": N_("organizer appointed"),
    "organizer.remove": N_("organizer removed"),
    "person.block": N_("person blocked"),
    "person.unblock": N_("person unblocked"),
    "broadcast.send": N_("broadcast sent"),
}
AUDIT_FAMILIES: dict[str, str] = {
    "organization": N_("🏛 Organizations"),
    "expert": N_("🎓 Experts"),
    "organizer": N_("🧑‍💼 Organizers"),
    "person": N_("⛔ Blocking"),
    "broadcast": N_("📣 Broadcasts"),
}


def _breakdown(items: tuple[tuple[str, int], ...], name: Callable[[str], str], locale: str) -> str:
    shown = [f"{name(key)} {format_number(count, locale)}" for key, count in items[:TOP]]
    if len(items) > TOP:
        shown.append("…")
    return "; ".join(shown) or "—"


def figures_text(f: Figures, locale: str) -> Markup:
    n = lambda value: format_number(value, locale)  # noqa: E731
    return lines(
        [
            html(_("<b>Admin console</b>")),
            "",
            html(
                _("🏛 <b>Organizations</b>: {count} approved, {pending} waiting for a decision"),
                count=n(f.organizations),
                pending=n(f.pending_organizations),
            ),
            html(_("By country: {list}"), list=_breakdown(f.by_country, country_label, locale)),
            html(_("By type: {list}"), list=_breakdown(f.by_kind, kind_name, locale)),
            html(_("By theme: {list}"), list=_breakdown(f.by_theme, theme_name, locale)),
            "",
            html(
                _(
                    "👥 <b>People</b>: {count}; {reachable} reachable, {unreachable} blocked "
                    "the bot; {blocked} blocked by admins"
                ),
                count=n(f.people),
                reachable=n(f.reachable),
                unreachable=n(f.unreachable),
                blocked=n(f.blocked),
            ),
            html(
                _(
                    "🎓 <b>Experts</b>: {count} ({available} taking requests), {pending} "
                    "applications waiting; 🧑‍💼 organizers: {organizers}"
                ),
                count=n(f.experts),
                available=n(f.experts_available),
                pending=n(f.pending_experts),
                organizers=n(f.organizers),
            ),
            html(
                _(
                    "📅 Upcoming events: {events}; 📊 open polls: {polls}; 💬 open consultation "
                    "requests: {requests}; 📋 recommendation sets: {sets}"
                ),
                events=n(f.upcoming_events),
                polls=n(f.open_polls),
                requests=n(f.open_consultations),
                sets=n(f.rec_sets),
            ),
            html(
                _(
                    "📤 <b>Outbox</b>: {backlog} waiting to be sent; in the last 24 hours "
                    "{sent} sent, {failed} failed"
                ),
                backlog=n(f.outbox_backlog),
                sent=n(f.sent_day),
                failed=n(f.failed_day),
            ),
        ]
    )


def person_text(view: PersonView, label: str) -> Markup:
    parts: list[str | Markup] = [html("<b>{label}</b>", label=label)]
    parts.append(html(_("Roles: {roles}"), roles=role_names(view.roles) or "—"))
    if view.expert_status == "pending":
        parts.append(html(_("An expert application is waiting for a decision.")))
    elif view.expert_invited:
        parts.append(html(_("Appointed an expert; has not written the profile yet.")))
    if not view.reachable:
        parts.append(html(_("Has blocked the bot: messages do not reach them.")))
    if view.blocked:
        parts.append(html(_("⛔ Blocked by the admins: the bot ignores them.")))
    if view.is_admin:
        parts.append(html(_("An administrator (set in the bot's settings, ADMIN_IDS).")))
    return lines(parts)


def appointed_text(role: str, outcome: str, label: str) -> Markup:
    organizer = role == "organizer"
    if outcome == "already":
        template = (
            _("{name} is already an organizer.")
            if organizer
            else _("{name} is already an expert, or appointed one.")
        )
    elif outcome == "invited":
        template = _(
            "{name} is appointed an expert: they were asked to write their expert profile "
            "(/expert), which is approved at once."
        )
    elif outcome == "unknown":
        template = _("{name} has not started the bot.")
    else:
        template = _("{name} is now an organizer.") if organizer else _("{name} is now an expert.")
    return html(template, name=label)


def removed_text(role: str, label: str) -> Markup:
    if role == "organizer":
        return html(_("{name} is no longer an organizer."), name=label)
    return html(_("{name} is no longer an expert."), name=label)


def link_text(role: str, link: str, days: int, locale: str) -> Markup:
    if role == "organizer":
        intro = _("Send this link to the person you appoint an organizer.")
    else:
        intro = _("Send this link to the person you appoint an expert.")
    return lines(
        [
            html(intro),
            html("<code>{link}</code>", link=link),
            html(
                _(
                    "It works once, for {days} days. Whoever opens it gets the role: send it "
                    "only to that person."
                ),
                days=format_number(days, locale),
            ),
        ]
    )


def broadcast_message(text: str) -> Markup:
    """The broadcast as its recipients read it."""
    return lines([html(_("📣 <b>From the network's administrators</b>")), "", html("{t}", t=text)])


def appointed_notice(role: str, invited: bool) -> Markup:
    if role == "organizer":
        return html(
            _(
                "🧑‍💼 The administrators made you an organizer of the network: you can announce "
                "events (/newevent), run polls (/newpoll) and send recommendations (/newrecs)."
            )
        )
    if invited:
        return html(
            _(
                "🎓 The administrators appointed you an expert of the network. Write your expert "
                "profile with /expert (your themes, countries, languages and a few words about "
                "you): it is approved at once, and consultation requests on your themes will "
                "come here."
            )
        )
    return expert_approved()


def removed_notice(role: str) -> Markup:
    if role == "organizer":
        return html(_("The administrators removed your organizer role."))
    return html(
        _(
            "The administrators removed your expert role. The requests you were answering "
            "went back to the other experts."
        )
    )


def link_used_notice(role: str, name: str) -> Markup:
    if role == "organizer":
        return html(_("🔗 {name} opened your appointment link and is now an organizer."), name=name)
    return html(_("🔗 {name} opened your appointment link and is appointed an expert."), name=name)


def link_outcome(outcome: Appointed, role: AppointRole | None) -> Markup:
    """What the person who opened an appointment link is told."""
    if outcome is Appointed.INVALID or role is None:
        return html(
            _(
                "This appointment link is no longer valid: it was used, or it expired. Ask the "
                "administrators for a new one."
            )
        )
    if outcome is Appointed.ALREADY:
        if role is AppointRole.ORGANIZER:
            return html(_("You are already an organizer."))
        return html(_("You are already an expert, or appointed one."))
    return appointed_notice(role.value, invited=outcome is Appointed.INVITED)


def broadcast_preview(text: str, audience: str, reach: Reach, locale: str) -> Markup:
    count = len(reach.recipients)
    return lines(
        [
            html(_("<b>Preview</b>: the message as its recipients will read it:")),
            "",
            broadcast_message(text),
            "",
            html(_("To: {audience}"), audience=audience),
            html(
                ngettext("It reaches {count} person.", "It reaches {count} people.", count),
                count=format_number(count, locale),
            ),
            *unreachable_lines(reach, locale),
        ]
    )


def progress_text(p: BroadcastProgress, locale: str, zone: str) -> Markup:
    n = lambda value: format_number(value, locale)  # noqa: E731
    parts: list[str | Markup] = []
    if p.started_at is not None:
        parts.append(
            html(_("📣 Broadcast of {moment}"), moment=format_datetime(p.started_at, locale, zone))
        )
    parts.append(
        html(
            _("Sent {sent} of {count}; waiting {queued}; not delivered {failed}."),
            sent=n(p.sent),
            count=n(p.recipients),
            queued=n(p.queued),
            failed=n(p.failed),
        )
    )
    if p.queued == 0:
        parts.append(html(_("✅ Done.")))
    return lines(parts)


def recipients(count: int, locale: str) -> str:
    return ngettext("{count} recipient", "{count} recipients", count).format(
        count=format_number(count, locale)
    )


def audit_line(row: AuditRow, actor: str, subject: str, locale: str, zone: str) -> Markup:
    action = AUDIT_ACTIONS.get(row.action)
    return html(
        "{when} · <b>{action}</b> · {actor}{subject}",
        when=format_datetime(row.at, locale, zone),
        action=_(action) if action else row.action,
        actor=actor,
        subject=f" → {subject}" if subject else "",
    )


def audit_text(lines_: list[Markup], page: int, pages: int, family: str | None) -> Markup:
    title = (
        html(_("<b>Audit log</b>"))
        if family is None
        else html(_("<b>Audit log</b>: {filter}"), filter=_(AUDIT_FAMILIES[family]))
    )
    parts: list[str | Markup] = [title]
    if pages > 1:
        parts.append(html(_("Page {page} of {pages}"), page=page + 1, pages=pages))
    parts.append("")
    parts.extend(lines_ or [html(_("Nothing recorded yet."))])
    return lines(parts)
