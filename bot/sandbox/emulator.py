"""A local Telegram Bot API: Telegram's URL scheme, envelope and strictness, over HTTP.

The bot talks to it exactly as to Telegram (`BOT_API_BASE`). Its user side (see
`bot.sandbox.users`) lets tests, benchmarks and the console act as people: send text, press
buttons, answer polls, block the bot, and read what each chat received.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import json
import logging
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientSession, ClientTimeout, web

from bot.sandbox.errors import ApiError, bad_request, forbidden, too_many_requests
from bot.sandbox.html_entities import parse_html, utf16_len
from bot.sandbox.markup import check_reply_markup

log = logging.getLogger(__name__)

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_ANSWER = 200
MAX_DOWNLOAD = 20 * 1024 * 1024  # the largest file getFile lets a bot download
CALLBACK_ANSWER_WINDOW_S = 15 * 60
_SENDING_METHODS = {
    "sendmessage",
    "sendphoto",
    "senddocument",
    "sendpoll",
    "copymessage",
    "forwardmessage",
}
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
# The sides of the sizes Telegram makes of a photo, smallest first (a square one here).
PHOTO_SIDES = (90, 320, 1280)
# The first bytes of the images Telegram takes as photos: JPEG, PNG, GIF, BMP and TIFF (WebP
# is told apart from other RIFF files further in).
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")


@dataclass
class RateLimits:
    """Telegram's flood limits: overall messages per second and per chat, on `clock` (a
    virtual one in tests, shared with the pacer)."""

    overall_per_s: float = 30.0
    per_chat_per_s: float = 1.0
    clock: Callable[[], float] = time.monotonic


@dataclass
class PhotoSize:
    """One size of a photo: Telegram sends a photo as several, smallest first, each a file
    of its own."""

    file_id: str
    file_unique_id: str
    width: int
    height: int
    file_size: int

    def to_api(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "width": self.width,
            "height": self.height,
            "file_size": self.file_size,
        }


@dataclass
class Document:
    """A file sent as a document. `size`, when set, is the size it declares without the
    emulator holding its bytes (a user's file); otherwise the size is the content's."""

    file_id: str
    file_name: str
    mime_type: str
    content: bytes
    size: int | None = None

    @property
    def file_size(self) -> int:
        return self.size if self.size is not None else len(self.content)

    def to_api(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": _unique_id(self.file_id),
            "file_name": self.file_name,
            "mime_type": self.mime_type,
            "file_size": self.file_size,
        }


@dataclass
class Poll:
    id: str
    question: str
    options: list[str]
    is_anonymous: bool
    allows_multiple_answers: bool
    is_closed: bool = False
    votes: dict[int, list[int]] = field(default_factory=dict)

    def to_api(self) -> dict[str, Any]:
        counts = [0] * len(self.options)
        for chosen in self.votes.values():
            for index in chosen:
                counts[index] += 1
        return {
            "id": self.id,
            "question": self.question,
            "options": [
                {"text": text, "voter_count": counts[i]} for i, text in enumerate(self.options)
            ],
            "total_voter_count": len(self.votes),
            "is_closed": self.is_closed,
            "is_anonymous": self.is_anonymous,
            "type": "regular",
            "allows_multiple_answers": self.allows_multiple_answers,
        }


@dataclass
class Message:
    """A message in a private chat, as the emulator keeps it."""

    message_id: int
    chat_id: int
    from_bot: bool
    date: int
    text: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    photo: list[PhotoSize] = field(default_factory=list)
    document: Document | None = None
    caption: str | None = None
    caption_entities: list[dict[str, Any]] = field(default_factory=list)
    poll: Poll | None = None
    edit_date: int | None = None
    deleted: bool = False
    sender: dict[str, Any] | None = None
    # content the emulator does not model (a user's sticker or voice note), as the Bot API
    # renders it: {"sticker": {...}}
    other_content: dict[str, Any] = field(default_factory=dict)
    reply_to_message_id: int | None = None  # a bot message sent as a reply to this one

    @property
    def content(self) -> str:
        return self.text if self.text is not None else (self.caption or "")

    def buttons(self) -> list[dict[str, Any]]:
        if not self.reply_markup or "inline_keyboard" not in self.reply_markup:
            return []
        return [b for row in self.reply_markup["inline_keyboard"] for b in row]

    def to_api(self, chat: dict[str, Any], bot_user: dict[str, Any]) -> dict[str, Any]:
        body: dict[str, Any] = {
            "message_id": self.message_id,
            "date": self.date,
            "chat": chat,
            "from": bot_user if self.from_bot else self.sender,
        }
        if self.text is not None:
            body["text"] = self.text
            if self.entities:
                body["entities"] = self.entities
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            body["reply_markup"] = self.reply_markup
        if self.photo:
            body["photo"] = [size.to_api() for size in self.photo]
        if self.document is not None:
            body["document"] = self.document.to_api()
        if self.caption:
            body["caption"] = self.caption
            if self.caption_entities:
                body["caption_entities"] = self.caption_entities
        body.update(self.other_content)
        if self.poll is not None:
            body["poll"] = self.poll.to_api()
        if self.edit_date:
            body["edit_date"] = self.edit_date
        if self.reply_to_message_id is not None:
            body["reply_to_message"] = {
                "message_id": self.reply_to_message_id,
                "date": self.date,
                "chat": chat,
            }
        return body


@dataclass
class Person:
    id: int
    first_name: str
    language_code: str | None = None
    username: str | None = None
    blocked_bot: bool = False
    deactivated: bool = False
    started: bool = False

    def to_api(self) -> dict[str, Any]:
        body: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            body["username"] = self.username
        if self.language_code:
            body["language_code"] = self.language_code
        return body

    def chat(self) -> dict[str, Any]:
        body: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.username:
            body["username"] = self.username
        return body


@dataclass
class GroupChat:
    """A group, supergroup or channel someone added the bot to."""

    id: int
    type: str  # group | supergroup | channel
    title: str
    bot_member: bool = True
    messages: list[Message] = field(default_factory=list)

    def chat(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "title": self.title}


@dataclass
class CallbackQueryState:
    id: str
    user_id: int
    message_id: int
    data: str
    created: float
    answered: bool = False
    answer_text: str | None = None
    show_alert: bool = False


@dataclass
class InjectedError:
    method: str
    error: ApiError
    times: int
    chat_id: int | None


class Params:
    """Bot API parameters: query string, urlencoded or multipart form, or a JSON body."""

    def __init__(self, values: dict[str, Any], files: dict[str, tuple[str, str, bytes]]):
        self.values = values
        self.files = files

    def raw(self, name: str) -> Any:
        return self.values.get(name)

    def str(self, name: str, required: bool = False) -> str | None:
        value = self.values.get(name)
        if value is None:
            if required:
                raise bad_request(f"{name} is empty")
            return None
        return value if isinstance(value, str) else json.dumps(value)

    def int(self, name: str, required: bool = False) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def bool(self, name: str, default: bool = False) -> bool:
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        return str(value).lower() in ("true", "1")

    def json(self, name: str) -> Any:
        value = self.values.get(name)
        if value is None or not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            raise bad_request(f"can't parse {name} JSON object") from None


class Emulator:
    """The state of a Telegram-like server for one bot, and its Bot API methods."""

    def __init__(
        self,
        token: str = "123456789:SANDBOX_token_for_local_use_only_000",
        *,
        bot_username: str = "cso_sandbox_bot",
        bot_name: str = "CSO Coordination (sandbox)",
        rate_limits: RateLimits | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_user = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_name,
            "username": bot_username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.rate_limits = rate_limits
        self.clock = clock
        self.people: dict[int, Person] = {}
        self.chats: dict[int, list[Message]] = collections.defaultdict(list)
        self.groups: dict[int, GroupChat] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.callback_queries: dict[str, CallbackQueryState] = {}
        self.documents: dict[str, Document] = {}
        # every size's file id -> all the sizes of its photo
        self.photos: dict[str, list[PhotoSize]] = {}
        # the image the bot uploaded, by each of its sizes' file ids (tests read it back)
        self.uploaded_photos: dict[str, bytes] = {}
        # getFile's paths (under /file/bot<token>/) -> the file id they serve
        self.file_paths: dict[str, str] = {}
        self.polls: dict[str, Poll] = {}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.call_counts: collections.Counter[str] = collections.Counter()
        self.errors_returned: collections.Counter[int] = collections.Counter()
        # (method, code, description) of every error answered, for tests to read
        self.error_log: list[tuple[str, int, str]] = []
        self.webhook: dict[str, Any] | None = None
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._ids = itertools.count(1)
        self._new_update = asyncio.Event()
        self._poller_generation = 0
        self._injected: list[InjectedError] = []
        self._sent_overall: collections.deque[float] = collections.deque()
        self._sent_per_chat: dict[int, float] = {}
        self._listeners: list[Callable[[Message], None]] = []
        self._webhook_task: asyncio.Task[None] | None = None
        self.record_calls = True

    # ------------------------------------------------------------------ user side (state)

    def person(
        self,
        user_id: int,
        first_name: str = "User",
        language_code: str | None = "ru",
        username: str | None = None,
    ) -> Person:
        if user_id not in self.people:
            self.people[user_id] = Person(user_id, first_name, language_code, username)
        return self.people[user_id]

    def on_message(self, listener: Callable[[Message], None]) -> None:
        """Call `listener` for every message the bot sends or edits (the console uses it)."""
        self._listeners.append(listener)

    def push_update(self, kind: str, payload: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, kind: payload})
        self._new_update.set()
        if self.webhook is not None:
            self._kick_webhook()
        return update_id

    def user_message(self, person: Person, text: str, reply_to: Message | None = None) -> int:
        """A text from the person; with `reply_to`, as Telegram's «Reply» to that message
        of their chat."""
        entities: list[dict[str, Any]] = []
        if text.startswith("/"):
            command = text.split()[0]
            entities = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self._from_person(person, reply_to, text=text, entities=entities)

    def user_photo(
        self, person: Person, caption: str | None = None, reply_to: Message | None = None
    ) -> int:
        """A photo from the person, in three sizes, each of whose file ids the bot can send
        it again by; `caption` is plain text."""
        photo = self._new_photo(160_000)
        return self._from_person(person, reply_to, photo=photo, caption=caption)

    def user_document(
        self,
        person: Person,
        file_name: str,
        mime_type: str,
        size: int = 120_000,
        caption: str | None = None,
        reply_to: Message | None = None,
        content: bytes | None = None,
    ) -> int:
        """A file from the person, which the bot can send again by its file id: `content`
        when given (its length is the size), else a file of `size` bytes that the emulator
        declares without holding them."""
        file_id = self._new_file_id("BQACAgIAAx", "doc")
        if content is None:
            document = Document(file_id, file_name, mime_type, b"", size=size)
        else:
            document = Document(file_id, file_name, mime_type, content)
        self.documents[file_id] = document
        return self._from_person(person, reply_to, document=document, caption=caption)

    def user_voice(self, person: Person, reply_to: Message | None = None) -> int:
        """A voice note from the person (content the bot may not accept)."""
        file_id = self._new_file_id("AwACAgIAAx", "voice")
        voice = {
            "file_id": file_id,
            "file_unique_id": _unique_id(file_id),
            "duration": 4,
            "mime_type": "audio/ogg",
            "file_size": 7_800,
        }
        return self._from_person(person, reply_to, other_content={"voice": voice})

    def user_sticker(
        self, person: Person, emoji: str = "👍", reply_to: Message | None = None
    ) -> int:
        """A sticker from the person (content that is not text)."""
        file_id = self._new_file_id("CAACAgIAAx", "sticker")
        sticker = {
            "file_id": file_id,
            "file_unique_id": _unique_id(file_id),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._from_person(person, reply_to, other_content={"sticker": sticker})

    def user_content(self, person: Person, content: dict[str, Any]) -> int:
        """A message of another kind from the person: a location, a contact, a venue, a
        dice... (`content` as the Bot API's Message fields)."""
        return self._from_person(person, None, other_content=content)

    def _from_person(
        self,
        person: Person,
        reply_to: Message | None,
        *,
        text: str | None = None,
        entities: list[dict[str, Any]] | None = None,
        photo: list[PhotoSize] | None = None,
        document: Document | None = None,
        caption: str | None = None,
        other_content: dict[str, Any] | None = None,
    ) -> int:
        """A message from the person with the given content: kept in their chat and pushed
        to the bot, with `reply_to` as Telegram's «Reply» to that message of their chat."""
        person.started = True
        message = Message(
            message_id=next(self._message_ids),
            chat_id=person.id,
            from_bot=False,
            date=int(self.clock()),
            text=text,
            entities=entities or [],
            photo=photo or [],
            document=document,
            caption=caption or None,
            sender=person.to_api(),
            other_content=other_content or {},
        )
        self.chats[person.id].append(message)
        payload = message.to_api(person.chat(), self.bot_user)
        if reply_to is not None:
            payload["reply_to_message"] = reply_to.to_api(person.chat(), self.bot_user)
        return self.push_update("message", payload)

    def _new_file_id(self, prefix: str, kind: str) -> str:
        """A file id unlike any other, in the shape of Telegram's for files of its kind."""
        return f"{prefix}{next(self._ids):08d}sandbox{kind}"

    def photo_bytes(self, file_id: str) -> bytes:
        """The image the bot uploaded as a photo (by any of its sizes' file ids)."""
        return self.uploaded_photos[file_id]

    def _new_photo(self, file_size: int) -> list[PhotoSize]:
        """A new photo's sizes, smallest first: the largest of `file_size` bytes, the others
        in proportion to their area; each size's file id is registered for sending again."""
        largest = PHOTO_SIDES[-1]
        sizes = []
        for side in PHOTO_SIDES:
            file_id = self._new_file_id("AgACAgIAAx", "photo")
            scaled = max(1, file_size * side * side // (largest * largest))
            sizes.append(PhotoSize(file_id, _unique_id(file_id), side, side, scaled))
        for size in sizes:
            self.photos[size.file_id] = sizes
        return sizes

    def press_button(self, person: Person, message: Message, data: str) -> tuple[int, str]:
        """A callback query for `data` on `message`; returns (update id, query id)."""
        if message.deleted:
            raise LookupError("the message was deleted; there is nothing to press")
        query_id = str(next(self._ids) * 7919 + 100000)
        self.callback_queries[query_id] = CallbackQueryState(
            query_id, person.id, message.message_id, data, self.clock()
        )
        payload = {
            "id": query_id,
            "from": person.to_api(),
            "message": message.to_api(person.chat(), self.bot_user),
            "chat_instance": str(person.id * 31),
            "data": data,
        }
        return self.push_update("callback_query", payload), query_id

    def add_to_group(self, person: Person, chat_id: int, title: str, kind: str = "group") -> int:
        """`person` adds the bot to a group (or a supergroup, a channel: `kind`)."""
        group = self.groups.setdefault(chat_id, GroupChat(chat_id, kind, title))
        group.bot_member = True
        new = {"status": "administrator" if kind == "channel" else "member", "user": self.bot_user}
        if kind == "channel":
            new |= {
                "can_be_edited": False,
                "is_anonymous": False,
                "can_manage_chat": True,
                "can_delete_messages": False,
                "can_manage_video_chats": False,
                "can_restrict_members": False,
                "can_promote_members": False,
                "can_change_info": False,
                "can_invite_users": False,
                "can_post_stories": False,
                "can_edit_stories": False,
                "can_delete_stories": False,
                "can_send_welcome_messages": False,
            }
        payload = {
            "chat": group.chat(),
            "from": person.to_api(),
            "date": int(self.clock()),
            "old_chat_member": {"status": "left", "user": self.bot_user},
            "new_chat_member": new,
        }
        return self.push_update("my_chat_member", payload)

    def group_message(self, person: Person, chat_id: int, text: str) -> int:
        """`person` writes `text` in a group the bot is in."""
        group = self.groups[chat_id]
        body: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(self.clock()),
            "chat": group.chat(),
            "from": person.to_api(),
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split()[0])
            body["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self.push_update("message", body)

    def set_blocked(self, person: Person, blocked: bool) -> int:
        person.blocked_bot = blocked
        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        payload = {
            "chat": person.chat(),
            "from": person.to_api(),
            "date": int(self.clock()),
            "old_chat_member": {"status": old, "user": self.bot_user}
            | ({"until_date": 0} if old == "kicked" else {}),
            "new_chat_member": {"status": new, "user": self.bot_user}
            | ({"until_date": 0} if new == "kicked" else {}),
        }
        return self.push_update("my_chat_member", payload)

    def answer_poll(self, person: Person, poll: Poll, option_ids: list[int]) -> int | None:
        if poll.is_closed:
            raise LookupError("the poll is closed")
        if any(not 0 <= i < len(poll.options) for i in option_ids):
            raise ValueError("no such option")
        if len(option_ids) > 1 and not poll.allows_multiple_answers:
            raise ValueError("the poll takes one answer")
        if option_ids:
            poll.votes[person.id] = list(option_ids)
        else:
            poll.votes.pop(person.id, None)
        self.push_update("poll", poll.to_api())
        if poll.is_anonymous:
            return None
        return self.push_update(
            "poll_answer",
            {"poll_id": poll.id, "user": person.to_api(), "option_ids": list(option_ids)},
        )

    def inject_error(
        self,
        method: str,
        code: int,
        description: str,
        *,
        retry_after: int | None = None,
        times: int = 1,
        chat_id: int | None = None,
    ) -> None:
        """Make the next `times` calls of `method` (to `chat_id`, if given) fail."""
        self._injected.append(
            InjectedError(method.lower(), ApiError(code, description, retry_after), times, chat_id)
        )

    def end_long_polls(self) -> None:
        """Answer any waiting getUpdates now (shutting down, or the bot went away)."""
        self._poller_generation += 1
        self._new_update.set()

    def bot_messages(self, chat_id: int, include_deleted: bool = False) -> list[Message]:
        return [
            m
            for m in self.chats.get(chat_id, [])
            if m.from_bot and (include_deleted or not m.deleted)
        ]

    # ------------------------------------------------------------------ dispatching

    async def call(self, method: str, params: Params) -> Any:
        name = method.lower()
        handler = getattr(self, f"_m_{name}", None)
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        if self.record_calls:
            self.calls.append((method, dict(params.values)))
        self.call_counts[method] += 1
        chat_id = params.int("chat_id") if "chat_id" in params.values else None
        for injected in self._injected:
            if (
                injected.method == name
                and injected.times > 0
                and (injected.chat_id is None or injected.chat_id == chat_id)
            ):
                injected.times -= 1
                if injected.times == 0:
                    self._injected.remove(injected)
                raise injected.error
        if name in _SENDING_METHODS and chat_id is not None:
            self._check_rate(chat_id)
        return await handler(params)

    def _check_rate(self, chat_id: int) -> None:
        if self.rate_limits is None:
            return
        now = self.rate_limits.clock()
        window = self._sent_overall
        while window and now - window[0] >= 1.0:
            window.popleft()
        last = self._sent_per_chat.get(chat_id)
        per_chat_gap = 1.0 / self.rate_limits.per_chat_per_s
        if last is not None and now - last < per_chat_gap - 1e-9:
            raise too_many_requests(max(1, math.ceil(per_chat_gap - (now - last))))
        if len(window) >= self.rate_limits.overall_per_s:
            raise too_many_requests(max(1, math.ceil(1.0 - (now - window[0]))))
        window.append(now)
        self._sent_per_chat[chat_id] = now

    def _private_chat(self, params: Params) -> Person:
        chat_id = params.int("chat_id", required=True)
        person = self.people.get(chat_id)  # type: ignore[arg-type]
        if person is None or not person.started:
            raise bad_request("chat not found")
        return person

    def _writable_chat(self, params: Params) -> Person:
        person = self._private_chat(params)
        if person.deactivated:
            raise forbidden("user is deactivated")
        if person.blocked_bot:
            raise forbidden("bot was blocked by the user")
        return person

    def _rendered(
        self, text: str | None, parse_mode: str | None, limit: int, what: str
    ) -> tuple[str, list[dict[str, Any]]]:
        if text is None:
            text = ""
        if parse_mode and parse_mode.upper() == "HTML":
            plain, entities = parse_html(text)
        elif parse_mode:
            raise bad_request(f"unsupported parse_mode {parse_mode}")
        else:
            plain, entities = text, []
        if not plain.strip() and what == "text":
            raise bad_request("message text is empty")
        if utf16_len(plain) > limit:
            raise bad_request(
                "message is too long" if what == "text" else "message caption is too long"
            )
        return plain, entities

    def _store(self, person: Person, message: Message) -> dict[str, Any]:
        self.chats[person.id].append(message)
        for listener in self._listeners:
            listener(message)
        return message.to_api(person.chat(), self.bot_user)

    def _edited(self, person: Person, message: Message) -> dict[str, Any]:
        """Mark `message` edited now, tell the listeners, and answer with it."""
        message.edit_date = int(self.clock())
        for listener in self._listeners:
            listener(message)
        return message.to_api(person.chat(), self.bot_user)

    def _find_message(self, params: Params, action: str) -> tuple[Person, Message]:
        if params.str("inline_message_id"):
            raise bad_request("inline messages are not supported here")
        person = self._private_chat(params)
        message_id = params.int("message_id", required=True)
        for message in self.chats[person.id]:
            if message.message_id == message_id and not message.deleted:
                return person, message
        raise bad_request(f"message to {action} not found")

    # ------------------------------------------------------------------ methods

    async def _m_getme(self, params: Params) -> Any:
        return self.bot_user

    async def _m_logout(self, params: Params) -> Any:
        return True

    async def _m_close(self, params: Params) -> Any:
        return True

    async def _m_getupdates(self, params: Params) -> Any:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = params.int("offset") or 0
        limit = min(max(params.int("limit") or 100, 1), 100)
        timeout = max(params.int("timeout") or 0, 0)
        allowed = params.json("allowed_updates")
        if offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        self._poller_generation += 1
        self._new_update.set()  # a waiting older request ends with 409
        await asyncio.sleep(0)
        generation = self._poller_generation
        deadline = time.monotonic() + timeout
        while True:
            pending = [u for u in self._updates if _allowed(u, allowed)][:limit]
            if pending or time.monotonic() >= deadline:
                return pending
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._new_update.wait(), timeout=max(0.0, deadline - time.monotonic())
                )
            if generation != self._poller_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only "
                    "one bot instance is running",
                )

    async def _m_setwebhook(self, params: Params) -> Any:
        url = params.str("url") or ""
        if not url:
            self.webhook = None
            return True
        if not url.startswith(("http://", "https://")):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook = {"url": url, "secret_token": params.str("secret_token")}
        self._poller_generation += 1
        self._new_update.set()
        self._kick_webhook()
        return True

    async def _m_deletewebhook(self, params: Params) -> Any:
        self.webhook = None
        if params.bool("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _m_getwebhookinfo(self, params: Params) -> Any:
        return {
            "url": self.webhook["url"] if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    async def _m_sendmessage(self, params: Params) -> Any:
        group = self.groups.get(params.int("chat_id") or 0)
        if group is not None:
            return self._group_send(group, params)
        person = self._writable_chat(params)
        plain, entities = self._rendered(
            params.str("text"), params.str("parse_mode"), MAX_TEXT, "text"
        )
        markup = params.json("reply_markup")
        check_reply_markup(markup)
        message = Message(
            message_id=next(self._message_ids),
            chat_id=person.id,
            from_bot=True,
            date=int(self.clock()),
            text=plain,
            entities=entities,
            reply_markup=markup if isinstance(markup, dict) else None,
            reply_to_message_id=self._replied_to(person, params),
        )
        return self._store(person, message)

    def _group_send(self, group: GroupChat, params: Params) -> dict[str, Any]:
        if not group.bot_member:
            raise forbidden("bot is not a member of the group chat")
        if group.type == "channel":
            raise bad_request("need administrator rights in the channel chat")
        plain, entities = self._rendered(
            params.str("text"), params.str("parse_mode"), MAX_TEXT, "text"
        )
        message = Message(
            message_id=next(self._message_ids),
            chat_id=group.id,
            from_bot=True,
            date=int(self.clock()),
            text=plain,
            entities=entities,
            reply_markup=None,
        )
        group.messages.append(message)
        return message.to_api(group.chat(), self.bot_user)

    async def _m_leavechat(self, params: Params) -> Any:
        group = self.groups.get(params.int("chat_id", required=True) or 0)
        if group is None or not group.bot_member:
            raise bad_request("chat not found")
        group.bot_member = False
        return True

    def _replied_to(self, person: Person, params: Params) -> int | None:
        """`reply_parameters`: the message replied to, in the same chat; a missing one is
        an error unless the bot allowed sending without it."""
        reply = params.json("reply_parameters")
        if not isinstance(reply, dict) or "message_id" not in reply:
            return None
        wanted = int(reply["message_id"])
        if any(m.message_id == wanted and not m.deleted for m in self.chats[person.id]):
            return wanted
        if reply.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")

    async def _m_sendphoto(self, params: Params) -> Any:
        return self._send_file(params, "photo")

    async def _m_senddocument(self, params: Params) -> Any:
        return self._send_file(params, "document")

    def _send_file(self, params: Params, kind: str) -> dict[str, Any]:
        """sendPhoto and sendDocument: a file, by the file id of one the emulator knows or
        uploaded, with a caption and buttons."""
        person = self._writable_chat(params)
        caption, entities = self._rendered(
            params.str("caption"), params.str("parse_mode"), MAX_CAPTION, "caption"
        )
        markup = params.json("reply_markup")
        check_reply_markup(markup)
        photo = self._photo_to_send(params) if kind == "photo" else []
        document = self._document_to_send(params) if kind == "document" else None
        message = Message(
            message_id=next(self._message_ids),
            chat_id=person.id,
            from_bot=True,
            date=int(self.clock()),
            photo=photo,
            document=document,
            caption=caption or None,
            caption_entities=entities,
            reply_markup=markup if isinstance(markup, dict) else None,
        )
        return self._store(person, message)

    def _photo_to_send(self, params: Params) -> list[PhotoSize]:
        """The sizes of the photo to send: a known one (by any of its sizes' file ids), or
        new ones made of an uploaded image."""
        upload = params.files.get("photo")
        if upload is not None:
            _, _, content = upload
            if not content:
                raise bad_request("file must be non-empty")
            if not _is_image(content):
                raise bad_request("IMAGE_PROCESS_FAILED")
            sizes = self._new_photo(len(content))
            for size in sizes:
                self.uploaded_photos[size.file_id] = content
            return sizes
        file_id = params.str("photo")
        if not file_id:
            raise bad_request("there is no photo in the request")
        if file_id in self.documents:
            raise bad_request("can't use file of type Document as Photo")
        if file_id not in self.photos:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return list(self.photos[file_id])

    def _document_to_send(self, params: Params) -> Document:
        """The document to send: a known one by its file id, or an uploaded file."""
        upload = params.files.get("document")
        if upload is not None:
            filename, mime, content = upload
            if not content:
                raise bad_request("file must be non-empty")
            file_id = self._new_file_id("BQACAgIAAx", "doc")
            document = Document(file_id, filename, mime or "application/octet-stream", content)
            self.documents[file_id] = document
            return document
        file_id = params.str("document")
        if not file_id:
            raise bad_request("there is no document in the request")
        if file_id in self.photos:
            raise bad_request("can't use file of type Photo as Document")
        if file_id not in self.documents:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return self.documents[file_id]

    async def _m_sendpoll(self, params: Params) -> Any:
        person = self._writable_chat(params)
        question = params.str("question") or ""
        if not 1 <= len(question) <= 300:
            raise bad_request("poll question length must be between 1 and 300")
        options_raw = params.json("options") or []
        options = [o if isinstance(o, str) else (o or {}).get("text", "") for o in options_raw]
        if not 2 <= len(options) <= 12:
            raise bad_request(
                "poll must have at least 2 option"
                if len(options) < 2
                else "poll can't have more than 12 options"
            )
        if any(not 1 <= len(o) <= 100 for o in options):
            raise bad_request("poll options length must not exceed 100")
        poll = Poll(
            id=str(5_000_000_000 + next(self._ids)),
            question=question,
            options=options,
            is_anonymous=params.bool("is_anonymous", default=True),
            allows_multiple_answers=params.bool("allows_multiple_answers"),
        )
        self.polls[poll.id] = poll
        message = Message(
            message_id=next(self._message_ids),
            chat_id=person.id,
            from_bot=True,
            date=int(self.clock()),
            poll=poll,
            reply_markup=params.json("reply_markup"),
        )
        return self._store(person, message)

    async def _m_stoppoll(self, params: Params) -> Any:
        _, message = self._find_message(params, "stop")
        if message.poll is None:
            raise bad_request("message with poll to stop not found")
        if message.poll.is_closed:
            raise bad_request("poll has already been closed")
        message.poll.is_closed = True
        return message.poll.to_api()

    async def _m_editmessagetext(self, params: Params) -> Any:
        person, message = self._find_message(params, "edit")
        if not message.from_bot:
            raise bad_request("message can't be edited")
        if message.text is None:
            raise bad_request("there is no text in the message to edit")
        plain, entities = self._rendered(
            params.str("text"), params.str("parse_mode"), MAX_TEXT, "text"
        )
        new_markup = _checked_markup(params)
        if (
            plain == message.text
            and entities == message.entities
            and _same_markup(new_markup, message.reply_markup)
        ):
            raise bad_request(_NOT_MODIFIED)
        message.text, message.entities, message.reply_markup = plain, entities, new_markup
        return self._edited(person, message)

    async def _m_editmessagecaption(self, params: Params) -> Any:
        person, message = self._find_message(params, "edit")
        if not message.from_bot:
            raise bad_request("message can't be edited")
        if not message.photo and message.document is None:
            raise bad_request("there is no caption in the message to edit")
        caption, entities = self._rendered(
            params.str("caption"), params.str("parse_mode"), MAX_CAPTION, "caption"
        )
        new_markup = _checked_markup(params)
        if (
            (caption or None) == message.caption
            and entities == message.caption_entities
            and _same_markup(new_markup, message.reply_markup)
        ):
            raise bad_request(_NOT_MODIFIED)
        message.caption, message.caption_entities = caption or None, entities
        message.reply_markup = new_markup
        return self._edited(person, message)

    async def _m_editmessagereplymarkup(self, params: Params) -> Any:
        person, message = self._find_message(params, "edit")
        if not message.from_bot:
            raise bad_request("message can't be edited")
        new_markup = _checked_markup(params)
        if _same_markup(new_markup, message.reply_markup):
            raise bad_request(_NOT_MODIFIED)
        message.reply_markup = new_markup
        return self._edited(person, message)

    async def _m_deletemessage(self, params: Params) -> Any:
        _, message = self._find_message(params, "delete")
        if self.clock() - message.date > 48 * 3600:
            raise bad_request("message can't be deleted for everyone")
        message.deleted = True
        return True

    async def _m_answercallbackquery(self, params: Params) -> Any:
        query_id = params.str("callback_query_id", required=True) or ""
        query = self.callback_queries.get(query_id)
        if (
            query is None
            or query.answered
            or self.clock() - query.created > CALLBACK_ANSWER_WINDOW_S
        ):
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        text = params.str("text")
        if text is not None and len(text) > MAX_CALLBACK_ANSWER:
            raise bad_request("MESSAGE_TOO_LONG")
        query.answered = True
        query.answer_text = text
        query.show_alert = params.bool("show_alert")
        return True

    async def _m_sendchataction(self, params: Params) -> Any:
        self._writable_chat(params)
        return True

    async def _m_getfile(self, params: Params) -> Any:
        """A file for the bot to download from /file/bot<token>/<file_path>, as Telegram
        serves it: a document, or a photo the bot uploaded. A user's file the emulator
        holds no bytes of (its size only declared) is unavailable, and one over 20 MB too
        big, in Telegram's words."""
        file_id = params.str("file_id", required=True) or ""
        content = self.file_content(file_id)
        document = self.documents.get(file_id)
        size = document.file_size if document is not None else len(content or b"")
        if content is None and document is None and file_id not in self.photos:
            raise bad_request("invalid file_id")
        if size > MAX_DOWNLOAD:
            raise bad_request("file is too big")
        if content is None:
            raise bad_request("wrong file_id or the file is temporarily unavailable")
        if document is not None:
            suffix = document.file_name.rpartition(".")[2] if "." in document.file_name else ""
            path = f"documents/file_{next(self._ids)}" + (f".{suffix}" if suffix else "")
        else:
            path = f"photos/file_{next(self._ids)}.jpg"
        self.file_paths[path] = file_id
        return {
            "file_id": file_id,
            "file_unique_id": _unique_id(file_id),
            "file_size": size,
            "file_path": path,
        }

    def file_content(self, file_id: str) -> bytes | None:
        """The bytes of a file the emulator holds (None: unknown, or only declared)."""
        document = self.documents.get(file_id)
        if document is not None:
            return None if document.size is not None else document.content
        return self.uploaded_photos.get(file_id)

    async def _m_getchat(self, params: Params) -> Any:
        """A private chat as Telegram describes it (ChatFullInfo): the person's name now."""
        person = self._private_chat(params)
        gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "gifts_from_channels")
        return {
            **person.chat(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": dict.fromkeys((*gifts, "premium_subscription"), True),
        }

    async def _m_setmycommands(self, params: Params) -> Any:
        commands = params.json("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("commands must be a list of at most 100 commands")
        for command in commands:
            name = (command or {}).get("command", "")
            description = (command or {}).get("description", "")
            if not _COMMAND.match(name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        language = params.str("language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise bad_request("invalid language code specified")
        key = (_scope_key(params.json("scope")), language)
        self.commands[key] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    async def _m_getmycommands(self, params: Params) -> Any:
        key = (_scope_key(params.json("scope")), params.str("language_code") or "")
        return self.commands.get(key, [])

    async def _m_deletemycommands(self, params: Params) -> Any:
        key = (_scope_key(params.json("scope")), params.str("language_code") or "")
        self.commands.pop(key, None)
        return True

    def commands_for(self, chat_id: int, language_code: str | None) -> list[dict[str, str]]:
        """The command menu a person sees, resolved the way Telegram resolves scopes."""
        lang = (language_code or "")[:2]
        for scope in (f"chat:{chat_id}", "all_private_chats", "default"):
            for language in (lang, ""):
                if (scope, language) in self.commands:
                    return self.commands[(scope, language)]
        return []

    # ------------------------------------------------------------------ webhook delivery

    def _kick_webhook(self) -> None:
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.get_event_loop().create_task(self._deliver_webhook())

    async def _deliver_webhook(self) -> None:
        async with ClientSession(timeout=ClientTimeout(total=60)) as session:
            while self.webhook is not None and self._updates:
                update = self._updates[0]
                headers = {}
                if self.webhook.get("secret_token"):
                    headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
                try:
                    async with session.post(
                        self.webhook["url"], json=update, headers=headers
                    ) as response:
                        delivered = response.status == 200
                except Exception:
                    delivered = False
                if delivered:
                    self._updates.pop(0)
                else:
                    await asyncio.sleep(0.5)


def _allowed(update: dict[str, Any], allowed: Any) -> bool:
    if not allowed:
        return True
    return any(kind in update for kind in allowed)


def _scope_key(scope: Any) -> str:
    if not scope:
        return "default"
    kind = scope.get("type", "default")
    if kind in ("chat", "chat_administrators"):
        return f"{kind}:{scope.get('chat_id')}"
    if kind == "chat_member":
        return f"chat_member:{scope.get('chat_id')}:{scope.get('user_id')}"
    return str(kind)


def _same_markup(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    empty = ({"inline_keyboard": []}, None)
    return a == b or (a in empty and b in empty)


def _unique_id(file_id: str) -> str:
    """The file_unique_id of a file the emulator made (one per file, as Telegram's)."""
    return "AgAD" + file_id[10:]


def _is_image(content: bytes) -> bool:
    """Whether an upload is an image Telegram can make a photo of."""
    webp = content[:4] == b"RIFF" and content[8:12] == b"WEBP"
    return webp or content.startswith(_IMAGE_MAGIC)


class EmulatorServer:
    """Serves an Emulator over HTTP at http://host:port/bot<token>/<method>."""

    def __init__(self, emulator: Emulator, host: str = "127.0.0.1", port: int = 0) -> None:
        self.emulator = emulator
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        sockets = site._server.sockets if site._server else []  # type: ignore[union-attr]
        if sockets:
            self.port = sockets[0].getsockname()[1]

    async def stop(self) -> None:
        self.emulator.end_long_polls()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _handle(self, request: web.Request) -> web.Response:
        emulator = self.emulator
        if request.match_info["token"] != emulator.token:
            return _reply(ApiError(401, "Unauthorized").envelope(), 401)
        try:
            params = await _read_params(request)
            result = await emulator.call(request.match_info["method"], params)
        except ApiError as error:
            emulator.errors_returned[error.code] += 1
            emulator.error_log.append((request.match_info["method"], error.code, error.description))
            return _reply(error.envelope(), error.code)
        return _reply({"ok": True, "result": result}, 200)

    async def _file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.emulator.token:
            return web.Response(status=401)
        path = request.match_info["path"]
        file_id = self.emulator.file_paths.get(path, path)
        content = self.emulator.file_content(file_id)
        if content is None:
            return web.Response(status=404)
        document = self.emulator.documents.get(file_id)
        mime_type = document.mime_type if document is not None else "image/jpeg"
        return web.Response(body=content, content_type=mime_type)


def _reply(body: dict[str, Any], status: int) -> web.Response:
    return web.json_response(body, status=status)


async def _read_params(request: web.Request) -> Params:
    values: dict[str, Any] = dict(request.query)
    files: dict[str, tuple[str, str, bytes]] = {}
    content_type = request.content_type
    if request.method == "POST" and request.can_read_body:
        if content_type == "application/json":
            try:
                body = await request.json()
            except json.JSONDecodeError:
                raise bad_request("can't parse JSON") from None
            if isinstance(body, dict):
                values.update(body)
        elif content_type == "multipart/form-data":
            reader = await request.multipart()
            async for part in reader:
                if part.name is None:
                    continue
                if part.filename is not None:
                    content = await part.read(decode=False)
                    files[part.name] = (
                        part.filename,
                        part.headers.get("Content-Type", "application/octet-stream"),
                        bytes(content),
                    )
                else:
                    values[part.name] = await part.text()
        else:
            values.update(await request.post())
    # attach://name references point at uploaded parts
    for name, value in list(values.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            attached = files.get(value.removeprefix("attach://"))
            if attached is not None:
                files[name] = attached
    return Params(values, files)


def _checked_markup(params: Params) -> dict[str, Any] | None:
    """The inline keyboard a call sends, checked as Telegram does (None: no keyboard)."""
    markup = params.json("reply_markup")
    check_reply_markup(markup)
    return markup if isinstance(markup, dict) else None
