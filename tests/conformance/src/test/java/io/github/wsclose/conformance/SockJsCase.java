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
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.wsclose.conformance.CloseBehaviourResults.Scenario;
import io.github.wsclose.testsupport.RawWebSocketClient;

import org.springframework.beans.BeanUtils;
import org.springframework.util.ClassUtils;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.sockjs.client.AbstractXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;

/**
 * The ways a SockJS client vanishes in this suite, for each SockJS transport that Spring
 * Framework 7 serves: the client (Spring's {@code SockJsClient}, or a raw socket that can
 * end its connection with a FIN or a RST) opens a session on
 * {@value ConformanceBeans#SOCKJS} and then goes away without a word, so that SockJS (or,
 * on the WebSocket transport, the container) ends the session by itself. The endpoint's
 * heartbeat time and disconnect delay are short
 * ({@link ServletConformanceApplication#SOCKJS_HEARTBEAT_TIME},
 * {@link ServletConformanceApplication#SOCKJS_DISCONNECT_DELAY}) so each case takes a few
 * seconds.
 */
enum SockJsCase {

	/**
	 * Spring's {@code SockJsClient} over xhr_streaming closes its session: over an HTTP
	 * transport it tells the server nothing, and stops reading at the next frame.
	 */
	XHR_STREAMING_CLIENT_CLOSE("sockjs-xhr-streaming-client", "xhr_streaming",
			"SockJS xhr_streaming: Spring's SockJsClient (its XHR transport) closes its session, "
					+ "which over HTTP tells the server nothing",
			(port, id) -> sockJsClientCloses(port, id, false)),

	/** Spring's {@code SockJsClient} over xhr_polling closes its session. */
	XHR_POLLING_CLIENT_CLOSE("sockjs-xhr-polling-client", "xhr",
			"SockJS xhr_polling: Spring's SockJsClient (its XHR transport) closes its session and stops polling",
			(port, id) -> sockJsClientCloses(port, id, true)),

	/** xhr_streaming: the streaming connection ends (FIN). */
	XHR_STREAMING_DROP("sockjs-xhr-streaming-drop", "xhr_streaming",
			"SockJS xhr_streaming: the streaming connection ends (FIN) and the client never comes back", (port, id) -> {
				SockJsHttpClient.open(port, ConformanceBeans.SOCKJS, "xhr_streaming", id).drop();
			}),

	/** xhr_streaming: the streaming connection is reset (RST). */
	XHR_STREAMING_RESET("sockjs-xhr-streaming-reset", "xhr_streaming",
			"SockJS xhr_streaming: the streaming connection is reset (RST) and the client never comes back",
			(port, id) -> {
				SockJsHttpClient.open(port, ConformanceBeans.SOCKJS, "xhr_streaming", id).reset();
			}),

	/** eventsource: the streaming connection ends (FIN). */
	EVENTSOURCE_DROP("sockjs-eventsource-drop", "eventsource",
			"SockJS eventsource: the streaming connection ends (FIN) and the client never comes back", (port, id) -> {
				SockJsHttpClient.open(port, ConformanceBeans.SOCKJS, "eventsource", id).drop();
			}),

	/** htmlfile: the streaming connection ends (FIN). */
	HTMLFILE_DROP("sockjs-htmlfile-drop", "htmlfile",
			"SockJS htmlfile: the streaming connection ends (FIN) and the client never comes back", (port, id) -> {
				SockJsHttpClient.open(port, ConformanceBeans.SOCKJS, "htmlfile", id).drop();
			}),

	/** xhr_polling: the client stops polling. */
	XHR_POLLING_STOP("sockjs-xhr-polling-stop", "xhr",
			"SockJS xhr_polling: the first poll is answered, and the client never polls again", (port, id) -> {
				try (SockJsHttpClient client = SockJsHttpClient.open(port, ConformanceBeans.SOCKJS, "xhr", id)) {
					// the response to the first poll is the open frame: read all of it,
					// and
					// poll no more
					client.readToEndOfResponse();
				}
			}),

	/** websocket: the connection ends (FIN) with no close frame. */
	WEBSOCKET_DROP("sockjs-websocket-drop", "websocket",
			"SockJS websocket: the connection ends (FIN) after the open frame, with no close frame", (port, id) -> {
				try (RawWebSocketClient client = RawWebSocketClient.connect(port, ConformanceBeans.SOCKJS + "/000/"
						+ Integer.toHexString(id.hashCode()) + "/websocket?case=" + id)) {
					String open = client.readFrame().text();
					if (!open.equals("o")) {
						throw new IllegalStateException("Not a SockJS open frame: " + open);
					}
					client.drop();
				}
			});

	private final String id;

	private final String transport;

	private final String description;

	private final Script script;

	SockJsCase(String id, String transport, String description, Script script) {
		this.id = id;
		this.transport = transport;
		this.description = description;
		this.script = script;
	}

	String id() {
		return this.id;
	}

	/**
	 * Return the SockJS transport of the case, as it appears in its URL.
	 * @return the transport
	 */
	String transport() {
		return this.transport;
	}

	Scenario scenario() {
		return new Scenario(this.id, 1100 + ordinal(), CloseCase.Group.SOCKJS, this.description);
	}

	/**
	 * Open a session for this case, sent as another case id, and vanish.
	 * @param port the server's port
	 * @param caseId the case id the session is opened with
	 * @throws IOException if the client fails
	 */
	void play(int port, String caseId) throws IOException {
		this.script.play(port, caseId);
	}

	/**
	 * Whether the Framework has {@code RestClientXhrTransport} (7.0 and later).
	 */
	static final boolean HAS_REST_CLIENT_XHR_TRANSPORT = ClassUtils
		.isPresent("org.springframework.web.socket.sockjs.client.RestClientXhrTransport", null);

	/**
	 * SockJS's XHR transport: {@code RestClientXhrTransport} on Spring Framework 7, where
	 * it replaces the deprecated {@code RestTemplateXhrTransport}, the only one Framework
	 * 6.2 (Boot 3.5) has.
	 */
	static AbstractXhrTransport xhrTransport() {
		String name = HAS_REST_CLIENT_XHR_TRANSPORT
				? "org.springframework.web.socket.sockjs.client.RestClientXhrTransport"
				: "org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport";
		return BeanUtils.instantiateClass(ClassUtils.resolveClassName(name, null), AbstractXhrTransport.class);
	}

	private static void sockJsClientCloses(int port, String caseId, boolean polling) throws IOException {
		AbstractXhrTransport transport = xhrTransport();
		transport.setXhrStreamingDisabled(polling);
		SockJsClient client = new SockJsClient(List.of(transport));
		try {
			WebSocketSession session = client
				.execute(new TextWebSocketHandler(),
						"http://127.0.0.1:" + port + ConformanceBeans.SOCKJS + "?case=" + caseId)
				.get(10, TimeUnit.SECONDS);
			session.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IOException("The SockJsClient did not connect", ex);
		}
	}

	@Override
	public String toString() {
		return this.id + " " + this.description;
	}

	/**
	 * The client's part of a case.
	 */
	@FunctionalInterface
	private interface Script {

		void play(int port, String caseId) throws IOException;

	}

}
