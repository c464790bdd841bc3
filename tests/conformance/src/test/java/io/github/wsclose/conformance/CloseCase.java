/*
 * Copyright 2026 the wsclose authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.wsclose.conformance;

import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.github.wsclose.CloseCode;
import io.github.wsclose.testsupport.RawWebSocketClient.Frame;
import io.github.wsclose.testsupport.RawWebSocketClient;

/**
 * The ways a client ends a session in this suite: the close cases of the
 * Autobahn|Testsuite (section 7, with its case numbers) and faults of real networks and
 * servers. Each case opens one session on {@code /echo?case=<id>}, plays its part and
 * tells what close frame, if any, the server sent.
 */
enum CloseCase {

	/** Autobahn 7.1.1. */
	CLOSE_AFTER_MESSAGE("7.1.1", Group.SEQUENCE, "a text message, then close 1000", (client) -> {
		client.sendText("Hello World!");
		client.sendClose(1000, "");
		return serverClose(client);
	}),

	/** Autobahn 7.1.2. */
	CLOSE_TWICE("7.1.2", Group.SEQUENCE, "close 1000 twice", (client) -> {
		client.sendClose(1000, "");
		afterClose(() -> client.sendClose(1000, ""));
		return serverClose(client);
	}),

	/** Autobahn 7.1.3. */
	PING_AFTER_CLOSE("7.1.3", Group.SEQUENCE, "close 1000, then a ping", (client) -> {
		client.sendClose(1000, "");
		afterClose(() -> client.sendFrame(true, RawWebSocketClient.PING, new byte[0]));
		return serverClose(client);
	}),

	/** Autobahn 7.1.4. */
	TEXT_AFTER_CLOSE("7.1.4", Group.SEQUENCE, "close 1000, then a text message", (client) -> {
		client.sendClose(1000, "");
		afterClose(() -> client.sendText("Hello World!"));
		return serverClose(client);
	}),

	/** Autobahn 7.1.5. */
	CLOSE_BETWEEN_FRAGMENTS("7.1.5", Group.SEQUENCE, "a first fragment, close 1000, the last fragment", (client) -> {
		client.sendFrame(false, RawWebSocketClient.TEXT, utf8("fragment1"));
		client.sendClose(1000, "");
		afterClose(() -> client.sendFrame(true, RawWebSocketClient.CONTINUATION, utf8("fragment2")));
		return serverClose(client);
	}),

	/**
	 * Autobahn 7.1.6. Every server closes on the too-big message before it has read the
	 * rest, so the frames after it may meet a connection the server has reset.
	 */
	CLOSE_AFTER_LARGE_MESSAGE("7.1.6", Group.SEQUENCE, "a 256 KiB text message, a text message, close 1000, a ping",
			(client) -> {
				afterClose(() -> {
					client.sendFrame(true, RawWebSocketClient.TEXT, utf8("BAsd7&jh23".repeat(256 * 1024 / 10)));
					client.sendText("Hello World!");
					client.sendClose(1000, "");
					client.sendFrame(true, RawWebSocketClient.PING, new byte[0]);
				});
				return serverClose(client);
			}),

	/** Autobahn 7.3.1. */
	EMPTY_PAYLOAD("7.3.1", Group.PAYLOAD, "close frame with no payload", (client) -> {
		client.sendEmptyClose();
		return serverClose(client);
	}),

	/** Autobahn 7.3.2. */
	ONE_BYTE_PAYLOAD("7.3.2", Group.PAYLOAD, "close frame with a 1-byte payload", (client) -> {
		client.sendClose(utf8("a"));
		return serverClose(client);
	}),

	/** Autobahn 7.3.4. */
	CODE_AND_REASON("7.3.4", Group.PAYLOAD, "close 1000 with reason \"Hello World!\"", (client) -> {
		client.sendClose(1000, "Hello World!");
		return serverClose(client);
	}),

	/** Autobahn 7.3.5. */
	LONGEST_REASON("7.3.5", Group.PAYLOAD, "close 1000 with a 123-byte reason (125-byte payload, the most allowed)",
			(client) -> {
				client.sendClose(1000, "*".repeat(123));
				return serverClose(client);
			}),

	/** Autobahn 7.3.6. */
	REASON_TOO_LONG("7.3.6", Group.PAYLOAD, "close 1000 with a 124-byte reason (126-byte payload, too long)",
			(client) -> {
				client.sendClose(1000, "*".repeat(124));
				return serverClose(client);
			}),

	/** Autobahn 7.5.1. */
	INVALID_UTF8_REASON("7.5.1", Group.PAYLOAD, "close 1000 with a reason that is not UTF-8", (client) -> {
		client.sendClose(1000, HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5eda080656469746564"));
		return serverClose(client);
	}),

	/** Autobahn 7.7.1. */
	CODE_1000("7.7.1", 1000),

	/** Autobahn 7.7.2. */
	CODE_1001("7.7.2", 1001),

	/** Autobahn 7.7.3. */
	CODE_1002("7.7.3", 1002),

	/** Autobahn 7.7.4. */
	CODE_1003("7.7.4", 1003),

	/** Autobahn 7.7.5. */
	CODE_1007("7.7.5", 1007),

	/** Autobahn 7.7.6. */
	CODE_1008("7.7.6", 1008),

	/** Autobahn 7.7.7. */
	CODE_1009("7.7.7", 1009),

	/** Autobahn 7.7.8. */
	CODE_1010("7.7.8", 1010),

	/** Autobahn 7.7.9. */
	CODE_1011("7.7.9", 1011),

	/** 1012, from the IANA registry (not in Autobahn). */
	CODE_1012("iana-1012", 1012),

	/** 1013, from the IANA registry (not in Autobahn). */
	CODE_1013("iana-1013", 1013),

	/** 1014, from the IANA registry (not in Autobahn). */
	CODE_1014("iana-1014", 1014),

	/** Autobahn 7.7.10. */
	CODE_3000("7.7.10", 3000),

	/** Autobahn 7.7.11. */
	CODE_3999("7.7.11", 3999),

	/** Autobahn 7.7.12. */
	CODE_4000("7.7.12", 4000),

	/** Autobahn 7.7.13. */
	CODE_4999("7.7.13", 4999),

	/** Autobahn 7.9.1. */
	CODE_0("7.9.1", 0),

	/** Autobahn 7.9.2. */
	CODE_999("7.9.2", 999),

	/** Autobahn 7.9.3. */
	CODE_1004("7.9.3", 1004),

	/** Autobahn 7.9.4. */
	CODE_1005("7.9.4", 1005),

	/** Autobahn 7.9.5. */
	CODE_1006("7.9.5", 1006),

	/** 1015, which RFC 6455 forbids in a close frame (not in Autobahn). */
	CODE_1015("rfc-1015", 1015),

	/** Autobahn 7.9.6. */
	CODE_1016("7.9.6", 1016),

	/** Autobahn 7.9.7. */
	CODE_1100("7.9.7", 1100),

	/** Autobahn 7.9.8. */
	CODE_2000("7.9.8", 2000),

	/** Autobahn 7.9.9. */
	CODE_2999("7.9.9", 2999),

	/** Autobahn 7.13.1. */
	CODE_5000("7.13.1", 5000),

	/** Autobahn 7.13.2. */
	CODE_65535("7.13.2", 65535),

	/** The client's connection ends (FIN) with no close frame. */
	DROP("drop", Group.FAULT, "the connection ends (FIN) after a message, with no close frame", (client) -> {
		echo(client);
		client.drop();
		return CloseCase.NOT_READ;
	}),

	/** The client's connection is reset (RST) with no close frame. */
	RESET("reset", Group.FAULT, "the connection is reset (RST) after a message, with no close frame", (client) -> {
		echo(client);
		client.reset();
		return CloseCase.NOT_READ;
	}),

	/** The connection ends in the middle of a frame. */
	DROP_MID_FRAME("drop-mid-frame", Group.FAULT, "the connection ends (FIN) in the middle of a frame", (client) -> {
		echo(client);
		client.sendTruncatedFrame(RawWebSocketClient.TEXT, utf8("x".repeat(100)), 10);
		client.drop();
		return CloseCase.NOT_READ;
	}),

	/** The client closes and drops the connection before the server's answer. */
	CLOSE_THEN_DROP("close-then-drop", Group.FAULT, "close 1000, then the connection ends before the answer",
			(client) -> {
				client.sendClose(1000, "");
				client.drop();
				return CloseCase.NOT_READ;
			}),

	/** The application closes the session and the client answers. */
	SERVER_CLOSE("server-close", Group.FAULT, "the application closes with 1008 \"policy\", the client answers",
			(client) -> {
				client.sendText("close:1008:policy");
				Frame close = client.readUntilClose();
				client.sendClose(close.closeCode(), "");
				return describe(close);
			}),

	/** The application closes the session and the client never answers. */
	SERVER_CLOSE_UNANSWERED("server-close-unanswered", Group.FAULT,
			"the application closes with 4001 \"bye\", the client drops without answering", (client) -> {
				client.sendText("close:4001:bye");
				Frame close = client.readUntilClose();
				client.drop();
				return describe(close);
			}),

	/** A handler callback throws. */
	HANDLER_ERROR("handler-error", Group.FAULT, "the handler throws while handling a message", (client) -> {
		client.sendText("boom");
		return serverClose(client);
	}),

	/** The server's idle timeout closes a session that sends nothing. */
	IDLE_TIMEOUT("idle-timeout", Group.FAULT, "the server's idle timeout (500 ms) expires; the client answers",
			(client) -> {
				client.sendText("idle:" + CloseCase.IDLE_TIMEOUT_MILLIS);
				Frame reply = client.readFrame();
				if (!reply.text().equals("idle")) {
					throw new IllegalStateException("No idle timeout on this server: " + reply.text());
				}
				Frame close = client.awaitClose();
				if (close == null) {
					return "none";
				}
				client.sendClose(close.closeCode(), "");
				client.awaitEndOfConnection();
				return describe(close);
			});

	/** The idle timeout the {@link #IDLE_TIMEOUT} case sets on its session. */
	static final int IDLE_TIMEOUT_MILLIS = 500;

	/** What the client saw when it did not wait for the server's close frame. */
	static final String NOT_READ = "not read";

	private final String id;

	private final Group group;

	private final String description;

	private final ClientScript script;

	private final int code;

	CloseCase(String id, int code) {
		this(id, CloseCode.of(code).sendable() ? Group.VALID_CODE : Group.INVALID_CODE, "close " + code, code,
				(client) -> {
					client.sendClose(code, "");
					return serverClose(client);
				});
	}

	CloseCase(String id, Group group, String description, ClientScript script) {
		this(id, group, description, -1, script);
	}

	CloseCase(String id, Group group, String description, int code, ClientScript script) {
		this.id = id;
		this.group = group;
		this.description = description;
		this.code = code;
		this.script = script;
	}

	/**
	 * Return the case's id: its Autobahn case number, or a name.
	 * @return the id
	 */
	String id() {
		return this.id;
	}

	Group group() {
		return this.group;
	}

	/**
	 * Return the code the client closes with, for the cases of one close code.
	 * @return the code, or -1 for the other cases
	 */
	int code() {
		return this.code;
	}

	String description() {
		return this.description;
	}

	/**
	 * Open a session for this case and play the client's part.
	 * @param port the server's port
	 * @return what close frame the client received: its code, {@code "empty"},
	 * {@code "none"} when the connection ended with none, or {@value #NOT_READ}
	 * @throws IOException if the client fails
	 */
	String play(int port) throws IOException {
		try (RawWebSocketClient client = RawWebSocketClient.connect(port, ConformanceBeans.ECHO + "?case=" + this.id)) {
			return this.script.play(client);
		}
	}

	@Override
	public String toString() {
		return this.id + " " + this.description;
	}

	/**
	 * Send what a case sends once the server may have closed: a server that closed its
	 * end with data unread resets the connection, which fails these writes; what the
	 * server sent before is still read.
	 */
	private static void afterClose(ClientAction action) throws IOException {
		try {
			action.run();
		}
		catch (SocketException ex) {
			// reset by the server
		}
	}

	private static String serverClose(RawWebSocketClient client) throws IOException {
		Frame close = client.awaitClose();
		return (close != null) ? describe(close) : "none";
	}

	private static String describe(Frame close) {
		return (close.payload().length == 0) ? "empty" : Integer.toString(close.closeCode());
	}

	private static void echo(RawWebSocketClient client) throws IOException {
		client.sendText("hello");
		Frame echo = client.readFrame();
		if (!echo.text().equals("hello")) {
			throw new IllegalStateException("Unexpected echo: " + echo.text());
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The groups of cases, in the order the matrix shows them.
	 */
	enum Group {

		/** Autobahn 7.7: close codes a client may send. */
		VALID_CODE("Valid close codes (Autobahn 7.7, and 1012-1014 from IANA)"),

		/** Autobahn 7.9 and 7.13: close codes a client may not send. */
		INVALID_CODE("Invalid close codes (Autobahn 7.9 and 7.13, and 1015)"),

		/** Autobahn 7.3 and 7.5: close payloads. */
		PAYLOAD("Close payloads (Autobahn 7.3 and 7.5)"),

		/** Autobahn 7.1: a close among other frames. */
		SEQUENCE("A close among other frames (Autobahn 7.1)"),

		/** Faults of real networks, clients and servers. */
		FAULT("Faults"),

		/** SockJS sessions whose client vanished, one per transport (servlet only). */
		SOCKJS("SockJS clients that vanish (servlet only; heartbeat 1 s, disconnect delay 1 s)");

		private final String title;

		Group(String title) {
			this.title = title;
		}

		String title() {
			return this.title;
		}

	}

	/**
	 * Something the client sends.
	 */
	@FunctionalInterface
	private interface ClientAction {

		void run() throws IOException;

	}

	/**
	 * The client's part of a case.
	 */
	@FunctionalInterface
	interface ClientScript {

		String play(RawWebSocketClient client) throws IOException;

	}

}
