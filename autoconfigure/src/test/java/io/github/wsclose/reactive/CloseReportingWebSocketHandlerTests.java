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

package io.github.wsclose.reactive;

import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.github.wsclose.CloseCategory;
import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.Initiator;
import io.github.wsclose.RecordingListener;
import io.github.wsclose.SessionClose;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CloseReportingWebSocketHandler}, with a session whose signals the test
 * controls and whose close status is subscribed to as it opens.
 */
class CloseReportingWebSocketHandlerTests {

	private static final Duration GRACE_PERIOD = Duration.ofMillis(100);

	private final RecordingListener listener = new RecordingListener();

	private final CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(), List.of(this.listener));

	private final StubWebSocketSession session = new StubWebSocketSession();

	@Test
	void peerCloseIsReportedWithItsCodeAndReasonAsCleanCloseByTheClient() {
		handle(readAll());
		this.session.peerCloses(new CloseStatus(4001, "bye"));
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.code()).isEqualTo(4001);
		assertThat(close.reason()).isEqualTo("bye");
		assertThat(close.closeCode().category()).isEqualTo(CloseCategory.PRIVATE);
		assertThat(close.clean()).isTrue();
		assertThat(close.initiator()).isEqualTo(Initiator.CLIENT);
		assertThat(close.endpoint()).isEqualTo("/chat/{id}");
		assertThat(close.uri()).hasToString("ws://localhost/chat/7");
		assertThat(close.sessionId()).isEqualTo("stub-1");
		assertThat(close.transportError()).isNull();
	}

	@Test
	void sessionIsReportedOpenWhenTheHandlerStarts() {
		handle(readAll());
		assertThat(this.listener.opened).singleElement().satisfies((tracked) -> {
			assertThat(tracked.sessionId()).isEqualTo("stub-1");
			assertThat(tracked.endpoint()).isEqualTo("/chat/{id}");
		});
		assertThat(this.listener.closed).isEmpty();
	}

	@Test
	void closeStatusIsNotReportedWhileTheHandlerStillRunsWithinTheGracePeriod() {
		CloseReportingWebSocketHandler handler = new CloseReportingWebSocketHandler(readAll(), this.reporter,
				"/chat/{id}", Duration.ofMinutes(1), null);
		subscribe(handler, this.session);
		this.session.resolveCloseStatus(CloseStatus.GOING_AWAY);
		assertThat(this.listener.closed).isEmpty();
		this.session.peerCloses(CloseStatus.GOING_AWAY);
		assertThat(this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2)).code()).isEqualTo(1001);
	}

	@Test
	void closeThroughTheSessionIsReportedAsCloseByTheServer() {
		handle((session) -> session.close(new CloseStatus(1008, "policy")));
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(this.session.closedWith()).containsExactly(new CloseStatus(1008, "policy"));
		assertThat(close.code()).isEqualTo(1008);
		assertThat(close.reason()).isEqualTo("policy");
		assertThat(close.clean()).isTrue();
		assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
	}

	@Test
	void emptyCloseStatusIsReportedAsAbnormalClosureThatIsNotClean() {
		handle(readAll());
		this.session.setOpen(false);
		this.session.peerCloses(null);
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.code()).isEqualTo(1006);
		assertThat(close.reason()).isNull();
		assertThat(close.clean()).isFalse();
		assertThat(close.initiator()).isEqualTo(Initiator.UNKNOWN);
		assertThat(close.transportError()).isNull();
	}

	@Test
	void inboundErrorIsTheTransportError() {
		IOException failure = new IOException("connection reset");
		handle(readAll());
		this.session.transportFails(failure);
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.code()).isEqualTo(1006);
		assertThat(close.clean()).isFalse();
		assertThat(close.initiator()).isEqualTo(Initiator.UNKNOWN);
		assertThat(close.transportError()).isSameAs(failure);
	}

	@Test
	void inboundErrorTheHandlerRecoversFromIsStillTheTransportError() {
		IOException failure = new IOException("connection reset");
		handle((session) -> session.receive().then().onErrorResume((ex) -> Mono.empty()));
		this.session.transportFails(failure);
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.transportError()).isSameAs(failure);
		assertThat(close.initiator()).isEqualTo(Initiator.UNKNOWN);
	}

	@Test
	void resetUnderTheInboundMessagesIsAbnormalClosureWhateverStatusTheServerMadeOfIt() {
		IOException failure = new IOException("Connection reset by peer");
		handle(readAll());
		this.session.inboundFails(failure);
		this.session.resolveCloseStatus(new CloseStatus(1002, "Protocol error"));
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.code()).isEqualTo(1006);
		assertThat(close.reason()).isNull();
		assertThat(close.clean()).isFalse();
		assertThat(close.initiator()).isEqualTo(Initiator.UNKNOWN);
		assertThat(close.transportError()).isSameAs(failure);
	}

	@Test
	void handlerThatEndsBecauseItsInboundMessagesFailedDoesNotHaveTheServerClose() {
		IllegalStateException failure = new IllegalStateException("bad frame");
		handle(readAll());
		this.session.inboundFails(failure);
		this.session.resolveCloseStatus(new CloseStatus(1002, "Protocol error"));
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.code()).isEqualTo(1002);
		assertThat(close.clean()).isFalse();
		assertThat(close.initiator()).isEqualTo(Initiator.UNKNOWN);
		assertThat(close.transportError()).isSameAs(failure);
	}

	@Test
	void handlerErrorIsTheTransportErrorAndHasTheServerClose() {
		IllegalStateException failure = new IllegalStateException("handler failed");
		handle((session) -> Mono.error(failure));
		this.session.resolveCloseStatus(CloseStatus.SERVER_ERROR);
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.code()).isEqualTo(1011);
		assertThat(close.clean()).isFalse();
		assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
		assertThat(close.transportError()).isSameAs(failure);
	}

	@Test
	void handlerThatCompletesWhileTheSessionIsOpenHasTheServerClose() {
		handle((session) -> Mono.empty());
		this.session.resolveCloseStatus(CloseStatus.NORMAL);
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.code()).isEqualTo(1000);
		assertThat(close.clean()).isTrue();
		assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
	}

	@Test
	void cancellingTheInboundMessagesThatClosesTheSessionIsCloseByTheServer() {
		this.session.onInboundCancel(() -> {
			this.session.resolveCloseStatus(new CloseStatus(1006, "Abnormal closure"));
			this.session.setOpen(false);
		});
		handle((session) -> session.receive().next().then());
		this.session.peerSends("hello");
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.code()).isEqualTo(1006);
		assertThat(close.reason()).isNull();
		assertThat(close.clean()).isFalse();
		assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
	}

	@Test
	void cancellingTheInboundMessagesThatLeavesTheSessionOpenIsNotCloseByTheServer() {
		handle((session) -> session.receive().next().then(Mono.never()));
		this.session.peerSends("hello");
		this.session.peerCloses(CloseStatus.NORMAL);
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.code()).isEqualTo(1000);
		assertThat(close.initiator()).isEqualTo(Initiator.CLIENT);
	}

	@Test
	void cancellingTheInboundMessagesAfterTheCloseStatusResolvedIsNotCloseByTheServer() {
		this.session.onInboundCancel(() -> this.session.setOpen(false));
		handle((session) -> session.receive().next().then());
		this.session.resolveCloseStatus(new CloseStatus(4001, "bye"));
		this.session.peerSends("hello");
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.code()).isEqualTo(4001);
		assertThat(close.initiator()).isEqualTo(Initiator.CLIENT);
	}

	@Test
	void idleSessionHasItsCloseStatusSubscribedToOnce() {
		handle(readAll());
		this.session.peerSends("hello");
		assertThat(this.session.closeStatusSubscribers()).isOne();
		this.session.peerCloses(CloseStatus.NORMAL);
		assertThat(this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2)).code()).isEqualTo(1000);
		assertThat(this.session.closeStatusSubscribers()).isZero();
	}

	@Test
	void closeStatusThatNeverResolvesIsReportedAsAbnormalClosureAfterTheGracePeriod() {
		handle((session) -> Mono.empty());
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.code()).isEqualTo(1006);
		assertThat(close.clean()).isFalse();
		assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
		assertThat(close.duration()).isGreaterThanOrEqualTo(GRACE_PERIOD);
	}

	@Test
	void handlerThatNeverEndsIsReportedAfterTheGracePeriodOnceTheCloseStatusResolved() {
		handle((session) -> Mono.never());
		this.session.peerCloses(new CloseStatus(1001));
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.code()).isEqualTo(1001);
		assertThat(close.initiator()).isEqualTo(Initiator.CLIENT);
	}

	@Test
	void closeCodeTheFrameworkCannotRepresentIsAFailedTransportNotThrown() {
		Throwable unrepresentable = catchThrowable(() -> CloseStatus.create(5000, "too far"));
		handle(readAll());
		this.session.failCloseStatus(unrepresentable);
		this.session.peerCloses(null);
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.code()).isEqualTo(1006);
		assertThat(close.clean()).isFalse();
		assertThat(close.initiator()).isEqualTo(Initiator.UNKNOWN);
		assertThat(close.transportError()).isSameAs(unrepresentable);
	}

	@Test
	void otherCloseStatusErrorIsTheTransportError() {
		IllegalStateException failure = new IllegalStateException("no status");
		handle(readAll());
		this.session.failCloseStatus(failure);
		this.session.peerCloses(null);
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.code()).isEqualTo(1006);
		assertThat(close.clean()).isFalse();
		assertThat(close.transportError()).isSameAs(failure);
	}

	@Test
	void reasonOfACodeThatNeverTravelsInAFrameIsLeftOut() {
		handle(readAll());
		this.session.peerCloses(new CloseStatus(1005, "Empty"));
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.code()).isEqualTo(1005);
		assertThat(close.reason()).isNull();
		assertThat(close.clean()).isTrue();
	}

	@Test
	void principalOfTheHandshakeIsReported() {
		Principal alice = () -> "alice";
		StubWebSocketSession session = new StubWebSocketSession(Mono.just(alice));
		subscribe(decorate(readAll()), session);
		session.peerCloses(CloseStatus.NORMAL);
		assertThat(this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2)).principal()).isSameAs(alice);
	}

	@Test
	void principalThatFailsIsLeftOutAndTheHandlerStillRuns() {
		StubWebSocketSession session = new StubWebSocketSession(Mono.error(new IllegalStateException("no user")));
		subscribe(decorate(readAll()), session);
		session.peerCloses(CloseStatus.NORMAL);
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.principal()).isNull();
		assertThat(close.code()).isEqualTo(1000);
	}

	@Test
	void sessionReportedByAnOuterDecoratorIsNotReportedAgain() {
		CloseReportingWebSocketHandler inner = new CloseReportingWebSocketHandler(readAll(), this.reporter, "/inner");
		handle(inner);
		this.session.peerCloses(CloseStatus.NORMAL);
		assertThat(this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2)).endpoint()).isEqualTo("/chat/{id}");
		assertThat(this.listener.opened).hasSize(1);
	}

	@Test
	void decoratorInsideAnotherReportsNothingAndMarksNothing() {
		List<WebSocketSession> seen = new CopyOnWriteArrayList<>();
		CloseReportingWebSocketHandler inner = new CloseReportingWebSocketHandler((session) -> {
			seen.add(session);
			return session.receive().then();
		}, this.reporter, "/inner");
		WebSocketHandler applicationWrapper = inner::handle;
		handle(applicationWrapper);
		this.session.peerCloses(CloseStatus.NORMAL);
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.endpoint()).isEqualTo("/chat/{id}");
		assertThat(close.code()).isEqualTo(1000);
		assertThat(this.listener.opened).hasSize(1);
		assertThat(seen).singleElement()
			.isInstanceOfSatisfying(CloseReportingWebSocketSession.class,
					(decorated) -> assertThat(decorated.getDelegate()).isSameAs(this.session));
		assertThat(this.session.getAttributes()).isEmpty();
	}

	@Test
	void decoratorInsideAnotherThatSeesAnApplicationsSessionDecoratorReportsTheSessionToo() {
		CloseReportingWebSocketHandler inner = new CloseReportingWebSocketHandler(readAll(), this.reporter, "/inner",
				GRACE_PERIOD, null);
		handle((session) -> inner.handle(new ApplicationSessionDecorator(session)));
		this.session.peerCloses(CloseStatus.NORMAL);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.listener.closed.size() == 2);
		assertThat(this.listener.closed).extracting(SessionClose::endpoint)
			.containsExactlyInAnyOrder("/chat/{id}", "/inner");
	}

	@Test
	void handlerCancelledByTheServerIsNotCloseByTheServer() {
		Disposable handling = subscribe(decorate(readAll()), this.session);
		handling.dispose();
		this.session.setOpen(false);
		this.session.peerCloses(null);
		SessionClose close = this.listener.awaitOnlyClose(GRACE_PERIOD.multipliedBy(2));
		assertThat(close.code()).isEqualTo(1006);
		assertThat(close.initiator()).isEqualTo(Initiator.UNKNOWN);
	}

	@Test
	void handlingSubscribedTwiceHandlesTheSessionTwice() {
		List<WebSocketSession> seen = new CopyOnWriteArrayList<>();
		Mono<Void> handling = decorate((session) -> {
			seen.add(session);
			return Mono.never();
		}).handle(this.session);
		handling.subscribe();
		handling.subscribe();
		assertThat(seen).hasSize(2).doesNotHaveDuplicates();
		assertThat(this.listener.opened).hasSize(2);
		this.session.peerCloses(CloseStatus.NORMAL);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.listener.closed.size() == 2);
		assertThat(this.listener.closed).extracting(SessionClose::code).containsExactly(1000, 1000);
	}

	@Test
	void subProtocolsAreTheDelegates() {
		WebSocketHandler delegate = new WebSocketHandler() {

			@Override
			public List<String> getSubProtocols() {
				return List.of("v1.chat");
			}

			@Override
			public Mono<Void> handle(WebSocketSession session) {
				return Mono.empty();
			}

		};
		CloseReportingWebSocketHandler handler = decorate(delegate);
		assertThat(handler.getSubProtocols()).containsExactly("v1.chat");
		assertThat(handler.getDelegate()).isSameAs(delegate);
		assertThat(handler.getEndpoint()).isEqualTo("/chat/{id}");
	}

	@Test
	void delegateSeesADecoratedSessionThatUnwrapsToTheServersSession() {
		List<WebSocketSession> seen = new CopyOnWriteArrayList<>();
		handle((session) -> {
			seen.add(session);
			return session.receive().then();
		});
		assertThat(seen).singleElement()
			.isInstanceOfSatisfying(CloseReportingWebSocketSession.class,
					(decorated) -> assertThat(decorated.getDelegate()).isSameAs(this.session));
	}

	private void handle(WebSocketHandler handler) {
		subscribe(decorate(handler), this.session);
	}

	/**
	 * Run the handler as a server would, which handles the handler's error itself.
	 */
	private static Disposable subscribe(WebSocketHandler handler, WebSocketSession session) {
		return handler.handle(session).subscribe(null, (ex) -> {
		});
	}

	private CloseReportingWebSocketHandler decorate(WebSocketHandler handler) {
		return new CloseReportingWebSocketHandler(handler, this.reporter, "/chat/{id}", GRACE_PERIOD, null);
	}

	private static WebSocketHandler readAll() {
		return (session) -> session.receive().then();
	}

	/**
	 * A session decorator of an application's own, which passes everything on.
	 */
	static final class ApplicationSessionDecorator implements WebSocketSession {

		private final WebSocketSession delegate;

		ApplicationSessionDecorator(WebSocketSession delegate) {
			this.delegate = delegate;
		}

		@Override
		public String getId() {
			return this.delegate.getId();
		}

		@Override
		public HandshakeInfo getHandshakeInfo() {
			return this.delegate.getHandshakeInfo();
		}

		@Override
		public DataBufferFactory bufferFactory() {
			return this.delegate.bufferFactory();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.delegate.getAttributes();
		}

		@Override
		public Flux<WebSocketMessage> receive() {
			return this.delegate.receive();
		}

		@Override
		public Mono<Void> send(Publisher<WebSocketMessage> messages) {
			return this.delegate.send(messages);
		}

		@Override
		public boolean isOpen() {
			return this.delegate.isOpen();
		}

		@Override
		public Mono<Void> close(CloseStatus status) {
			return this.delegate.close(status);
		}

		@Override
		public Mono<CloseStatus> closeStatus() {
			return this.delegate.closeStatus();
		}

		@Override
		public WebSocketMessage textMessage(String payload) {
			return this.delegate.textMessage(payload);
		}

		@Override
		public WebSocketMessage binaryMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
			return this.delegate.binaryMessage(payloadFactory);
		}

		@Override
		public WebSocketMessage pingMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
			return this.delegate.pingMessage(payloadFactory);
		}

		@Override
		public WebSocketMessage pongMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
			return this.delegate.pongMessage(payloadFactory);
		}

	}

}
