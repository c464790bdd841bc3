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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.Initiator;
import io.github.wsclose.OpenedSession;
import io.github.wsclose.SessionClose;
import io.github.wsclose.SessionLifecycleListener;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.sockjs.SockJsTransportFailureException;
import org.springframework.web.socket.sockjs.frame.AbstractSockJsMessageCodec;
import org.springframework.web.socket.sockjs.frame.DefaultSockJsFrameFormat;
import org.springframework.web.socket.sockjs.frame.SockJsMessageCodec;
import org.springframework.web.socket.sockjs.transport.SockJsServiceConfig;
import org.springframework.web.socket.sockjs.transport.session.PollingSockJsSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how {@link CloseReportingWebSocketHandler} reports the closes of a real
 * SockJS xhr_polling session ({@link SockJsTransportCloses}).
 */
class SockJsTransportClosesTests {

	private final List<SessionClose> closed = new ArrayList<>();

	private final List<WebSocketSession> decorated = new ArrayList<>();

	private final CloseReportingWebSocketHandler handler = new CloseReportingWebSocketHandler(
			new TextWebSocketHandler() {

				@Override
				public void afterConnectionEstablished(WebSocketSession session) {
					SockJsTransportClosesTests.this.decorated.add(session);
				}

			}, new CloseReporter(CloseCodeCatalog.defaults(), List.of(new SessionLifecycleListener() {

				@Override
				public void sessionOpened(OpenedSession session) {
				}

				@Override
				public void sessionClosed(SessionClose close) {
					SockJsTransportClosesTests.this.closed.add(close);
				}

			})), "/sockjs");

	@Test
	void sockJsCleanupOfAnAbandonedSessionIsTheServersCloseOnAFailedTransport() throws Exception {
		PollingSockJsSession session = openPollingSession();
		session.close(); // what the SockJS service's session cleanup does after the
							// disconnect delay
		assertThat(this.closed).singleElement().satisfies((close) -> {
			assertThat(close.code()).isEqualTo(3000);
			assertThat(close.reason()).isEqualTo("Go away!");
			assertThat(close.clean()).isFalse();
			assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
			assertThat(close.transportError()).isInstanceOf(SockJsTransportFailureException.class)
				.hasMessage("The SockJS client did not poll or stream within the disconnect delay");
		});
	}

	@Test
	void sockJsCloseAfterAFailedWriteIsTheServersCloseOnAFailedTransport() throws Exception {
		PollingSockJsSession session = openPollingSession();
		session.close(CloseStatus.SERVER_ERROR); // what AbstractSockJsSession.writeFrame
													// does
		assertThat(this.closed).singleElement().satisfies((close) -> {
			assertThat(close.code()).isEqualTo(1011);
			assertThat(close.clean()).isFalse();
			assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
			assertThat(close.transportError()).isInstanceOf(SockJsTransportFailureException.class)
				.hasMessage("SockJS could not write to the client, which is gone");
		});
	}

	@Test
	void transportErrorSpringReportedIsKept() throws Exception {
		PollingSockJsSession session = openPollingSession();
		IllegalStateException failure = new IllegalStateException("broken request");
		session.tryCloseWithSockJsTransportError(failure, CloseStatus.SERVER_ERROR);
		assertThat(this.closed).singleElement().satisfies((close) -> {
			assertThat(close.clean()).isFalse();
			assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
			assertThat(close.transportError()).isSameAs(failure);
		});
	}

	@Test
	void applicationCloseStaysACleanCloseWithNoError() throws Exception {
		openPollingSession();
		this.decorated.get(0).close(new CloseStatus(4001, "bye"));
		assertThat(this.closed).singleElement().satisfies((close) -> {
			assertThat(close.code()).isEqualTo(4001);
			assertThat(close.clean()).isTrue();
			assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
			assertThat(close.transportError()).isNull();
		});
	}

	private PollingSockJsSession openPollingSession() {
		PollingSockJsSession session = new PollingSockJsSession("s1", new Config(), this.handler, new HashMap<>());
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/sockjs/000/s1/xhr");
		request.setAsyncSupported(true);
		session.handleInitialRequest(new ServletServerHttpRequest(request),
				new ServletServerHttpResponse(new MockHttpServletResponse()), new DefaultSockJsFrameFormat("%s\n"));
		assertThat(session.isOpen()).isTrue();
		return session;
	}

	private static final class Config implements SockJsServiceConfig {

		private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

		Config() {
			this.scheduler.initialize();
		}

		@Override
		public TaskScheduler getTaskScheduler() {
			return this.scheduler;
		}

		@Override
		public int getStreamBytesLimit() {
			return 128 * 1024;
		}

		@Override
		public long getHeartbeatTime() {
			return 25_000;
		}

		@Override
		public int getHttpMessageCacheSize() {
			return 100;
		}

		@Override
		public SockJsMessageCodec getMessageCodec() {
			return new PlainSockJsMessageCodec();
		}

	}

	/**
	 * A message codec for these tests that needs no JSON library of a given Spring line
	 * (Framework 6.2 has Jackson 2's, Framework 7 Jackson 3's): the messages here are
	 * plain words.
	 */
	static final class PlainSockJsMessageCodec extends AbstractSockJsMessageCodec {

		@Override
		protected char[] applyJsonQuoting(String content) {
			return content.toCharArray();
		}

		@Override
		public String[] decode(String content) {
			return new String[] { content };
		}

		@Override
		public String[] decodeInputStream(InputStream content) throws IOException {
			return new String[] { new String(content.readAllBytes(), StandardCharsets.UTF_8) };
		}

	}

}
