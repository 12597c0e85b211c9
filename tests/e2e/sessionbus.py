"""What a desktop session offers an app on its D-Bus session bus, run on the test's
private bus (tests/e2e/run.sh): a notification daemon (org.freedesktop.Notifications)
that records every Notify call, and a StatusNotifierWatcher (org.kde.StatusNotifierWatcher,
what a panel's tray host provides) that records the tray items registering with it.
Also a small client to read an item's properties and its com.canonical.dbusmenu menu and
to click a menu item, as a panel does.

dbus-next runs on an asyncio loop in a thread of its own; the methods here are blocking.
"""


import asyncio
import threading
import time

from dbus_next import BusType, Message, MessageType, Variant
from dbus_next.aio import MessageBus
from dbus_next.service import ServiceInterface, dbus_property, method, signal
from dbus_next.constants import PropertyAccess


class Notifications(ServiceInterface):
    """org.freedesktop.Notifications that keeps what it was asked to show."""

    def __init__(self):
        super().__init__("org.freedesktop.Notifications")
        self.shown: list[dict] = []
        self._next = 0

    @method()
    def Notify(self, app_name: "s", replaces_id: "u", app_icon: "s", summary: "s", body: "s",
               actions: "as", hints: "a{sv}", expire_timeout: "i") -> "u":  # noqa: F821
        self._next += 1
        self.shown.append(dict(app_name=app_name, summary=summary, body=body))
        return self._next

    @method()
    def GetCapabilities(self) -> "as":  # noqa: F821
        return ["body", "actions"]

    @method()
    def GetServerInformation(self) -> "ssss":  # noqa: F821
        return ["e2e-notifications", "omahallinta-tests", "1", "1.2"]

    @method()
    def CloseNotification(self, id: "u"):  # noqa: F821
        self.NotificationClosed(id, 3)

    @signal()
    def NotificationClosed(self, id: "u", reason: "u") -> "uu":  # noqa: F821
        return [id, reason]

    @signal()
    def ActionInvoked(self, id: "u", action_key: "s") -> "us":  # noqa: F821
        return [id, action_key]


class Watcher(ServiceInterface):
    """org.kde.StatusNotifierWatcher with a host registered, as under a panel."""

    def __init__(self):
        super().__init__("org.kde.StatusNotifierWatcher")
        self.items: list[str] = []

    @method()
    def RegisterStatusNotifierItem(self, service: "s"):  # noqa: F821
        pass  # the sender is recorded by SessionBus._on_message

    @method()
    def RegisterStatusNotifierHost(self, service: "s"):  # noqa: F821
        pass

    @dbus_property(access=PropertyAccess.READ)
    def RegisteredStatusNotifierItems(self) -> "as":  # noqa: F821
        return list(self.items)

    @dbus_property(access=PropertyAccess.READ)
    def IsStatusNotifierHostRegistered(self) -> "b":  # noqa: F821
        return True

    @dbus_property(access=PropertyAccess.READ)
    def ProtocolVersion(self) -> "i":  # noqa: F821
        return 0

    @signal()
    def StatusNotifierItemRegistered(self, service: "s") -> "s":  # noqa: F821
        return service

    @signal()
    def StatusNotifierHostRegistered(self):
        pass


SNI = "org.kde.StatusNotifierItem"
MENU = "com.canonical.dbusmenu"


class SessionBus:
    """The notification daemon and the tray watcher on the session bus, until `close()`."""

    def __init__(self):
        self.notifications = Notifications()
        self.watcher = Watcher()
        # (unique bus name, object path) of each tray item that registered.
        self.items: list[tuple[str, str]] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._bus: MessageBus = self._run(self._start())

    def _run(self, coro, timeout: float = 10):
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    async def _start(self) -> MessageBus:
        bus = await MessageBus(bus_type=BusType.SESSION).connect()
        bus.add_message_handler(self._on_message)
        bus.export("/org/freedesktop/Notifications", self.notifications)
        bus.export("/StatusNotifierWatcher", self.watcher)
        for name in ("org.freedesktop.Notifications", "org.kde.StatusNotifierWatcher"):
            await bus.request_name(name)
        return bus

    def _on_message(self, msg: Message):
        if msg.message_type == MessageType.METHOD_CALL and msg.member == "RegisterStatusNotifierItem":
            arg = msg.body[0]
            # libayatana-appindicator passes its object path; others a bus name.
            item = (msg.sender, arg) if arg.startswith("/") else (arg, "/StatusNotifierItem")
            self.items.append(item)
            self.watcher.items.append(item[0] + item[1])
            self.watcher.StatusNotifierItemRegistered(item[0] + item[1])
        return None  # let the interface answer

    def close(self) -> None:
        try:
            self._bus.disconnect()
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(5)

    # --- a panel's view of a tray item ---
    async def _call(self, dest: str, path: str, interface: str, member: str, signature: str, body: list):
        reply = await self._bus.call(Message(destination=dest, path=path, interface=interface,
                                             member=member, signature=signature, body=body))
        if reply.message_type == MessageType.ERROR:
            raise RuntimeError(f"{interface}.{member}: {reply.error_name} {reply.body}")
        return reply.body

    def wait_item(self, timeout: float = 20) -> tuple[str, str]:
        deadline = time.monotonic() + timeout
        while not self.items:
            if time.monotonic() > deadline:
                raise AssertionError("no tray item registered with the StatusNotifierWatcher")
            time.sleep(0.1)
        return self.items[-1]

    def prop(self, item: tuple[str, str], name: str):
        body = self._run(self._call(item[0], item[1], "org.freedesktop.DBus.Properties", "Get", "ss",
                                    [SNI, name]))
        return body[0].value

    def menu(self, item: tuple[str, str]) -> list[dict]:
        """The item's menu as a panel shows it: [{id, label, enabled, type}] in order."""
        path = self.prop(item, "Menu")
        _rev, (_id, _props, children) = self._run(
            self._call(item[0], path, MENU, "GetLayout", "iias", [0, -1, []]))
        out = []
        for child in children:
            cid, props, _sub = child.value
            plain = {k: v.value for k, v in props.items()}
            out.append(dict(id=cid, label=plain.get("label", ""), enabled=plain.get("enabled", True),
                            type=plain.get("type", "standard"), visible=plain.get("visible", True)))
        return [e for e in out if e["visible"]]

    def click(self, item: tuple[str, str], menu_id: int) -> None:
        path = self.prop(item, "Menu")
        self._run(self._call(item[0], path, MENU, "Event", "isvu",
                             [menu_id, "clicked", Variant("i", 0), int(time.time())]))
