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

package io.github.wsclose.servlet;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.Initiator;
import io.github.wsclose.RecordingListener;
import io.github.wsclose.SessionClose;
import io.github.wsclose.SessionLifecycleListener;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link CloseReportingWebSocketHandler} and the session it hands the decorated
 * handler.
 */
class CloseReportingWebSocketHandlerTests {

	private final RecordingListener listener = new RecordingListener();

	private final RecordingHandler delegate = new RecordingHandler();

	private final CloseReportingWebSocketHandler handler = new CloseReportingWebSocketHandler(this.delegate,
			reporter(this.listener), "/chat");

	private final StubWebSocketSession session = new StubWebSocketSession("s1", URI.create("ws://localhost/chat?x=1"),
			() -> "alice");

	@Test
	void openingIsReportedWithTheEndpointUriAndPrincipal() throws Exception {
		this.handler.afterConnectionEstablished(this.session);
		assertThat(this.listener.opened).singleElement().satisfies((tracked) -> {
			assertThat(tracked.sessionId()).isEqualTo("s1");
			assertThat(tracked.endpoint()).isEqualTo("/chat");
			assertThat(tracked.uri()).isEqualTo(URI.create("ws://localhost/chat?x=1"));
			assertThat(tracked.principal()).extracting(Principal::getName).isEqualTo("alice");
		});
		assertThat(this.handler.getEndpoint()).isEqualTo("/chat");
	}

	@Test
	void delegateSeesOneDecoratedSessionInEveryCallback() throws Exception {
		IOException error = new IOException("reset");
		TextMessage message = new TextMessage("hello");
		this.handler.afterConnectionEstablished(this.session);
		this.handler.handleMessage(this.session, message);
		this.handler.handleTransportError(this.session, error);
		this.handler.afterConnectionClosed(this.session, CloseStatus.NORMAL);
		assertThat(this.delegate.calls).extracting(Call::callback)
			.containsExactly("afterConnectionEstablished", "handleMessage", "handleTransportError",
					"afterConnectionClosed");
		WebSocketSession seen = this.delegate.calls.get(0).session();
		assertThat(seen).isInstanceOf(CloseReportingWebSocketSession.class).isNotSameAs(this.session);
		assertThat(WebSocketSessionDecorator.unwrap(seen)).isSameAs(this.session);
		assertThat(this.delegate.calls).extracting(Call::session).containsOnly(seen);
		assertThat(this.delegate.calls.get(1).argument()).isSameAs(message);
		assertThat(this.delegate.calls.get(2).argument()).isSameAs(error);
		assertThat(this.delegate.calls.get(3).argument()).isEqualTo(CloseStatus.NORMAL);
	}

	@Test
	void decoratedSessionShowsTheRealSessionsState() throws Exception {
		this.handler.afterConnectionEstablished(this.session);
		WebSocketSession seen = this.delegate.calls.get(0).session();
		assertThat(seen.getId()).isEqualTo("s1");
		assertThat(seen.getUri()).isEqualTo(this.session.getUri());
		assertThat(seen.isOpen()).isTrue();
		seen.sendMessage(new TextMessage("pong"));
		assertThat(this.session.sent()).containsExactly(new TextMessage("pong"));
	}

	@Test
	void peerClosingFirstIsReportedAsClientInitiated() throws Exception {
		this.handler.afterConnectionEstablished(this.session);
		this.handler.afterConnectionClosed(this.session, new CloseStatus(4001, "bye"));
		assertThat(this.listener.closed).singleElement().satisfies((close) -> {
			assertThat(close.sessionId()).isEqualTo("s1");
			assertThat(close.code()).isEqualTo(4001);
			assertThat(close.reason()).isEqualTo("bye");
			assertThat(close.clean()).isTrue();
			assertThat(close.initiator()).isEqualTo(Initiator.CLIENT);
			assertThat(close.endpoint()).isEqualTo("/chat");
		});
	}

	@Test
	void closeOnTheDecoratedSessionMarksTheServerAsInitiator() throws Exception {
		this.handler.afterConnectionEstablished(this.session);
		this.delegate.calls.get(0).session().close();
		assertThat(this.session.closeStatuses()).containsExactly(CloseStatus.NORMAL);
		this.handler.afterConnectionClosed(this.session, CloseStatus.NORMAL);
		assertThat(this.listener.closed).singleElement()
			.satisfies((close) -> assertThat(close.initiator()).isEqualTo(Initiator.SERVER));
	}

	@Test
	void closeWithAStatusOnTheDecoratedSessionMarksTheServerAsInitiator() throws Exception {
		this.handler.afterConnectionEstablished(this.session);
		this.delegate.calls.get(0).session().close(CloseStatus.POLICY_VIOLATION);
		assertThat(this.session.closeStatuses()).containsExactly(CloseStatus.POLICY_VIOLATION);
		this.handler.afterConnectionClosed(this.session, CloseStatus.POLICY_VIOLATION);
		assertThat(this.listener.closed).singleElement().satisfies((close) -> {
			assertThat(close.code()).isEqualTo(1008);
			assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
		});
	}

	@Test
	void exceptionFromHandleMessagePropagatesAndMarksTheServerAsInitiator() throws Exception {
		IllegalStateException failure = new IllegalStateException("handler broke");
		this.delegate.failOn("handleMessage", failure);
		this.handler.afterConnectionEstablished(this.session);
		assertThatException().isThrownBy(() -> this.handler.handleMessage(this.session, new TextMessage("x")))
			.isSameAs(failure);
		this.handler.afterConnectionClosed(this.session, CloseStatus.SERVER_ERROR);
		assertThat(this.listener.closed).singleElement().satisfies((close) -> {
			assertThat(close.code()).isEqualTo(1011);
			assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
		});
	}

	@Test
	void exceptionFromAfterConnectionEstablishedPropagatesAndMarksTheServerAsInitiator() throws Exception {
		IOException failure = new IOException("cannot start");
		this.delegate.failOn("afterConnectionEstablished", failure);
		assertThatException().isThrownBy(() -> this.handler.afterConnectionEstablished(this.session)).isSameAs(failure);
		this.handler.afterConnectionClosed(this.session, CloseStatus.SERVER_ERROR);
		assertThat(this.listener.closed).singleElement()
			.satisfies((close) -> assertThat(close.initiator()).isEqualTo(Initiator.SERVER));
	}

	@Test
	void afterConnectionClosedTwiceCallsTheDelegateTwiceAndReportsOnce() throws Exception {
		this.handler.afterConnectionEstablished(this.session);
		this.handler.afterConnectionClosed(this.session, CloseStatus.NORMAL);
		this.handler.afterConnectionClosed(this.session, CloseStatus.NO_CLOSE_FRAME);
		assertThat(this.delegate.calls).extracting(Call::callback)
			.containsExactly("afterConnectionEstablished", "afterConnectionClosed", "afterConnectionClosed");
		assertThat(this.listener.closed).singleElement().satisfies((close) -> assertThat(close.code()).isEqualTo(1000));
	}

	@Test
	void exceptionFromAListenerDoesNotStopTheDelegatesAfterConnectionClosed() throws Exception {
		SessionLifecycleListener failing = (close) -> {
			throw new IllegalStateException("listener broke");
		};
		CloseReportingWebSocketHandler handler = new CloseReportingWebSocketHandler(this.delegate,
				reporter(failing, this.listener), "/chat");
		handler.afterConnectionEstablished(this.session);
		assertThatNoException().isThrownBy(() -> handler.afterConnectionClosed(this.session, CloseStatus.NORMAL));
		assertThat(this.delegate.calls).extracting(Call::callback)
			.containsExactly("afterConnectionEstablished", "afterConnectionClosed");
		assertThat(this.listener.closed).hasSize(1);
	}

	@Test
	void exceptionFromTheDelegatesAfterConnectionClosedPropagatesAfterTheCloseIsReported() throws Exception {
		IllegalStateException failure = new IllegalStateException("cleanup broke");
		this.delegate.failOn("afterConnectionClosed", failure);
		this.handler.afterConnectionEstablished(this.session);
		assertThatException().isThrownBy(() -> this.handler.afterConnectionClosed(this.session, CloseStatus.NORMAL))
			.isSameAs(failure);
		assertThat(this.listener.closed).singleElement().satisfies((close) -> assertThat(close.code()).isEqualTo(1000));
	}

	@Test
	void transportErrorIsRecordedAndMakesTheCloseUnclean() throws Exception {
		IOException error = new IOException("connection reset by peer");
		this.handler.afterConnectionEstablished(this.session);
		this.handler.handleTransportError(this.session, error);
		assertThat(this.delegate.calls).extracting(Call::callback).contains("handleTransportError");
		this.handler.afterConnectionClosed(this.session, CloseStatus.NORMAL);
		assertThat(this.listener.closed).singleElement().satisfies((close) -> {
			assertThat(close.clean()).isFalse();
			assertThat(close.transportError()).isSameAs(error);
			assertThat(close.initiator()).isEqualTo(Initiator.UNKNOWN);
		});
	}

	@Test
	void noCloseFrameIsReportedUncleanWithAnUnknownInitiator() throws Exception {
		this.handler.afterConnectionEstablished(this.session);
		this.handler.afterConnectionClosed(this.session, CloseStatus.NO_CLOSE_FRAME);
		assertThat(this.listener.closed).singleElement().satisfies((close) -> {
			assertThat(close.code()).isEqualTo(1006);
			assertThat(close.clean()).isFalse();
			assertThat(close.initiator()).isEqualTo(Initiator.UNKNOWN);
		});
	}

	@Test
	void sessionsAreTrackedIndependently() throws Exception {
		StubWebSocketSession other = new StubWebSocketSession("s2");
		this.handler.afterConnectionEstablished(this.session);
		this.handler.afterConnectionEstablished(other);
		this.delegate.calls.get(0).session().close();
		this.handler.afterConnectionClosed(other, CloseStatus.GOING_AWAY);
		this.handler.afterConnectionClosed(this.session, CloseStatus.NORMAL);
		assertThat(this.listener.closed).extracting(SessionClose::sessionId, SessionClose::initiator)
			.containsExactly(tuple("s2", Initiator.CLIENT), tuple("s1", Initiator.SERVER));
	}

	@Test
	void callbacksForASessionThatWasNeverEstablishedPassTheSessionThroughAndReportNothing() throws Exception {
		IOException error = new IOException("late");
		this.handler.handleMessage(this.session, new TextMessage("late"));
		this.handler.handleTransportError(this.session, error);
		this.handler.afterConnectionClosed(this.session, CloseStatus.NORMAL);
		assertThat(this.delegate.calls).extracting(Call::session).containsOnly(this.session);
		assertThat(this.listener.closed).isEmpty();
	}

	@Test
	void partialMessageSupportIsTheDelegates() {
		assertThat(this.handler.supportsPartialMessages()).isFalse();
		this.delegate.partialMessages = true;
		assertThat(this.handler.supportsPartialMessages()).isTrue();
	}

	@Test
	void decoratedHandlerUnwrapsToTheDelegate() {
		assertThat(this.handler.getDelegate()).isSameAs(this.delegate);
		assertThat(WebSocketHandlerDecorator.unwrap(this.handler)).isSameAs(this.delegate);
		assertThat(this.handler.toString()).contains("endpoint=/chat");
	}

	private CloseReporter reporter(SessionLifecycleListener... listeners) {
		return new CloseReporter(CloseCodeCatalog.defaults(), List.of(listeners));
	}

	private record Call(String callback, WebSocketSession session, Object argument) {
	}

	/**
	 * A handler that records its callbacks and can be told to fail in one of them.
	 */
	private static final class RecordingHandler implements WebSocketHandler {

		private final List<Call> calls = new ArrayList<>();

		private String failingCallback = "";

		private Exception failure = new IllegalStateException();

		private boolean partialMessages;

		void failOn(String callback, Exception failure) {
			this.failingCallback = callback;
			this.failure = failure;
		}

		@Override
		public void afterConnectionEstablished(WebSocketSession session) throws Exception {
			record("afterConnectionEstablished", session, session);
		}

		@Override
		public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
			record("handleMessage", session, message);
		}

		@Override
		public void handleTransportError(WebSocketSession session, Throwable exception) throws Exception {
			record("handleTransportError", session, exception);
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
			record("afterConnectionClosed", session, closeStatus);
		}

		@Override
		public boolean supportsPartialMessages() {
			return this.partialMessages;
		}

		private void record(String callback, WebSocketSession session, Object argument) throws Exception {
			this.calls.add(new Call(callback, session, argument));
			if (callback.equals(this.failingCallback)) {
				throw this.failure;
			}
		}

	}

}
