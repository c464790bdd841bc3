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

package io.github.wsclose;

import java.util.Locale;

/**
 * Why a WebSocket session ended, as far as the server can tell: the code says what a
 * close frame carried, the cause says why the session ended.
 *
 * <p>
 * One value per session, from a fixed set, so that it can be a tag. Each stack adapter
 * notes the evidence it sees as the session ends (the application's {@code close(...)}, a
 * handler's error, Spring's send limits, the STOMP and SockJS machinery, a container's
 * idle timeout) and the {@link CloseReporter} falls back on the code and the side that
 * closed first. Where a stack cannot tell two causes apart, the broader one is reported;
 * a cause is never guessed from timing alone. {@code docs/causes.md} has the rules per
 * container.
 *
 * @since 0.1.0
 */
public enum CloseCause {

	/**
	 * The peer's close frame came first, whatever its code.
	 */
	PEER_CLOSED,

	/**
	 * The application closed the session: a handler or any other code called
	 * {@code close(...)}, or a reactive handler ended while the session was open.
	 */
	APPLICATION,

	/**
	 * A handler threw, or its reactive pipeline errored, and the framework closed the
	 * session (servlet: 1011).
	 */
	HANDLER_ERROR,

	/**
	 * The container's or Spring's idle timeout ended the session: Tomcat's and Jetty's
	 * session idle timeouts, a Reactor Netty idle or read timeout.
	 */
	IDLE_TIMEOUT,

	/**
	 * Spring's {@code ConcurrentWebSocketSessionDecorator} send-time or buffer-size limit
	 * was exceeded (4500).
	 */
	SEND_LIMIT,

	/**
	 * STOMP: no message arrived within {@code timeToFirstMessage} (4500).
	 */
	NO_FIRST_MESSAGE,

	/**
	 * A STOMP heart-beat was missed, or a SockJS heartbeat could not be written.
	 */
	HEARTBEAT_TIMEOUT,

	/**
	 * SockJS ended a session whose client stopped polling or streaming (the disconnect
	 * delay, 3000 "Go away!").
	 */
	SOCKJS_ABANDONED,

	/**
	 * The peer broke the WebSocket or sub-protocol rules and the server closed (1002,
	 * 1007, invalid close codes, a bad STOMP frame).
	 */
	PROTOCOL_ERROR,

	/**
	 * A message exceeded the container's size limit (1009).
	 */
	MESSAGE_TOO_BIG,

	/**
	 * The application or server was stopping.
	 */
	SHUTDOWN,

	/**
	 * The connection ended with no close frame: a reset, an end of stream, a network
	 * failure (1006).
	 */
	CONNECTION_LOST,

	/**
	 * None of the above can be told on this stack.
	 */
	UNKNOWN;

	private final String tagValue = name().toLowerCase(Locale.ROOT);

	/**
	 * Return the lower snake_case name used as the {@code cause} tag value.
	 * @return the tag value, for example {@code idle_timeout}
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
