"""textual-serve's server, made the desk's: Vietnamese page, TLS, same-origin sessions only.

Three things differ from textual-serve's own ``Server``:

* the page (``templates/app_index.html``) is in Vietnamese, loads nothing from the internet
  (textual-serve's fetches a web font from Google: a counter PC may be offline, and an
  office's page should not tell a third party when it is used), and builds its URLs from the
  address the browser used, so a TLS name or a kiosk's "localhost" both work;
* a TLS context, when given, is handed to aiohttp (textual-serve's ``serve`` takes none);
* a websocket opened by a page of another site is refused: without this, any web page open
  in the counter's browser could start a desk session and type into it.
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

import desk_app.serve
from desk_app.serve import TEXT, ServePlan

TEMPLATES = Path(desk_app.serve.__file__).with_name("templates")


class DeskServer(Server):
    """One desk served to browsers on one address."""

    def __init__(self, serve_plan: ServePlan) -> None:
        super().__init__(
            serve_plan.command,
            host=serve_plan.host,
            port=serve_plan.port,
            title=TEXT["title"],
            public_url=serve_plan.url,
            templates_path=TEMPLATES,
        )
        self.plan = serve_plan

    def initialize_logging(self) -> None:
        """textual-serve logs in English for its developers; the desk keeps the console to
        its own Vietnamese lines (a session's own errors still reach the terminal)."""

    async def on_startup(self, app: web.Application) -> None:
        """Say where the desk is served, in Vietnamese."""
        print(TEXT["serving"].format(url=self.plan.url), flush=True)
        print(TEXT["each_session"], flush=True)
        print(TEXT["stop"], flush=True)

    async def make_app(self) -> web.Application:
        """textual-serve's routes over the desk's page."""
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(TEMPLATES))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """A session, only for a page this server gave (same origin)."""
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc != request.host:
            raise web.HTTPForbidden()
        return await super().handle_websocket(request)

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C or SIGTERM (each session's desk then quits, signing out)."""
        self.debug = debug
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            for stop in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(stop, self.request_exit)
        except NotImplementedError:  # Windows: Ctrl+C still raises KeyboardInterrupt
            pass
        try:
            web.run_app(
                self.make_app(),
                host=self.plan.host,
                port=self.plan.port,
                ssl_context=self.plan.tls,
                handle_signals=False,
                # Sessions still open when stopping are closed after this long (each desk
                # quits and signs its officer out), rather than aiohttp's minute.
                shutdown_timeout=5,
                loop=loop,
                print=None,
                access_log=None,
            )
        finally:
            asyncio.set_event_loop(None)
            loop.close()
