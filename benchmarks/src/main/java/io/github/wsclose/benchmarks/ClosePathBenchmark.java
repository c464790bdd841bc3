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

package io.github.wsclose.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.SessionLifecycleListener;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.event.CloseEventPublisher;
import io.github.wsclose.metrics.WebSocketSessionMetrics;
import io.github.wsclose.servlet.CloseReportingWebSocketHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The servlet close path in isolation: a session opened and closed through a
 * {@link CloseReportingWebSocketHandler} with the starter's real listeners, against the
 * same handler undecorated.
 *
 * <p>
 * Everything is the real code but the container: a {@link CloseReporter} with a
 * {@link WebSocketSessionMetrics} over a {@link SimpleMeterRegistry} and/or a
 * {@link CloseEventPublisher} over an application context with one {@code @EventListener}
 * bean, around a handler that only hands what it is given to a {@link Blackhole}. The
 * session is a stub of the container's.
 *
 * <p>
 * {@link #openAndClose} is what one session costs: {@code afterConnectionEstablished}
 * then {@code afterConnectionClosed}, since a session can close only once; its
 * {@code gc.alloc.rate.norm} is the allocation of both. {@link #close} times
 * {@code afterConnectionClosed} alone: each call closes a batch of sessions opened in an
 * invocation-level setup, outside the measured time, long enough for JMH's timestamps not
 * to matter. Its allocation figure includes the opening of the batch, so
 * {@link ClosePathAllocation} measures what the close alone allocates.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class ClosePathBenchmark {

	/**
	 * How many sessions {@link #close} closes per measured batch.
	 */
	static final int CLOSES_PER_BATCH = 1000;

	/**
	 * Open a session and close it with {@code 1000}, as the peer's close frame does.
	 * @param handlers the handler under measurement
	 * @throws Exception never: the handlers do not throw
	 */
	@Benchmark
	public void openAndClose(Handlers handlers) throws Exception {
		handlers.handler.afterConnectionEstablished(handlers.session);
		handlers.handler.afterConnectionClosed(handlers.session, CloseStatus.NORMAL);
	}

	/**
	 * Close the {@value #CLOSES_PER_BATCH} sessions that {@link OpenSessions} has opened
	 * before this call, outside the measured time; the score is per close.
	 * @param open the handler under measurement, with its sessions open
	 * @throws Exception never: the handlers do not throw
	 */
	@Benchmark
	@OperationsPerInvocation(CLOSES_PER_BATCH)
	public void close(OpenSessions open) throws Exception {
		WebSocketHandler handler = open.handlers.handler;
		for (WebSocketSession session : open.sessions) {
			handler.afterConnectionClosed(session, CloseStatus.NORMAL);
		}
	}

	/**
	 * What handles the session: the decorator with which listeners, or no decorator.
	 */
	public enum Variant {

		/**
		 * The application's handler, not decorated: the baseline.
		 */
		UNDECORATED,

		/**
		 * The decorator with the meters only ({@code wsclose.events.enabled=false}).
		 */
		METRICS,

		/**
		 * The decorator with the close event and one listener only
		 * ({@code wsclose.metrics.enabled=false}).
		 */
		EVENTS,

		/**
		 * The decorator with the meters, the close event and one listener: the default.
		 */
		METRICS_AND_EVENTS

	}

	/**
	 * The handler under measurement, its listeners and the one session it handles.
	 */
	@State(Scope.Thread)
	public static class Handlers {

		@Param
		public Variant variant = Variant.METRICS_AND_EVENTS;

		private final WebSocketSession session = new BenchmarkWebSocketSession("1");

		private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

		private @Nullable AnnotationConfigApplicationContext context;

		private @Nullable CloseListener listener;

		private WebSocketHandler handler = new ConsumingHandler(null);

		@Setup
		public void setUp(Blackhole blackhole) {
			WebSocketHandler application = new ConsumingHandler(blackhole);
			List<SessionLifecycleListener> listeners = new ArrayList<>();
			if (this.variant == Variant.METRICS || this.variant == Variant.METRICS_AND_EVENTS) {
				listeners.add(new WebSocketSessionMetrics(this.registry));
			}
			if (this.variant == Variant.EVENTS || this.variant == Variant.METRICS_AND_EVENTS) {
				AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
				context.registerBean(CloseListener.class, () -> new CloseListener(blackhole));
				context.refresh();
				this.context = context;
				this.listener = context.getBean(CloseListener.class);
				listeners.add(new CloseEventPublisher(context));
			}
			this.handler = (this.variant != Variant.UNDECORATED) ? new CloseReportingWebSocketHandler(application,
					new CloseReporter(CloseCodeCatalog.defaults(), listeners), "/echo") : application;
		}

		@TearDown
		public void tearDown() {
			if (this.context != null) {
				this.context.close();
			}
			this.registry.close();
		}

		/**
		 * Return the handler under measurement.
		 * @return the decorator, or the application's handler for the baseline
		 */
		WebSocketHandler handler() {
			return this.handler;
		}

		/**
		 * Return the registry the meters are recorded in.
		 * @return the registry
		 */
		SimpleMeterRegistry registry() {
			return this.registry;
		}

		/**
		 * Return the first close events the application's listener received.
		 * @return the events, empty when the variant publishes none
		 */
		List<WebSocketSessionClosedEvent> events() {
			return (this.listener != null) ? this.listener.received : List.of();
		}

		/**
		 * Return how many close events the application's listener received.
		 * @return the count, zero when the variant publishes none
		 */
		long eventCount() {
			return (this.listener != null) ? this.listener.count : 0;
		}

	}

	/**
	 * Opens {@value #CLOSES_PER_BATCH} sessions through {@link Handlers} before each call
	 * of {@link ClosePathBenchmark#close}. The benchmark reaches the handlers through
	 * this state: JMH 1.37 gives a benchmark method's own {@code Handlers} parameter an
	 * instance of its own, not the one injected here.
	 */
	@State(Scope.Thread)
	public static class OpenSessions {

		private final WebSocketSession[] sessions = new WebSocketSession[CLOSES_PER_BATCH];

		private Handlers handlers = new Handlers();

		@Setup
		public void attach(Handlers handlers) {
			this.handlers = handlers;
			for (int i = 0; i < this.sessions.length; i++) {
				this.sessions[i] = new BenchmarkWebSocketSession(Integer.toString(i));
			}
		}

		@Setup(Level.Invocation)
		public void open() throws Exception {
			for (WebSocketSession session : this.sessions) {
				this.handlers.handler.afterConnectionEstablished(session);
			}
		}

	}

	/**
	 * The application's handler: it does nothing but hand what it is given to a
	 * {@link Blackhole}.
	 */
	static final class ConsumingHandler extends AbstractWebSocketHandler {

		private final @Nullable Blackhole blackhole;

		ConsumingHandler(@Nullable Blackhole blackhole) {
			this.blackhole = blackhole;
		}

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			if (this.blackhole != null) {
				this.blackhole.consume(session);
			}
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			if (this.blackhole != null) {
				this.blackhole.consume(status);
			}
		}

	}

	/**
	 * The application's {@code @EventListener}: it hands each event to a
	 * {@link Blackhole} and keeps the first few for the smoke test.
	 */
	public static class CloseListener {

		private final Blackhole blackhole;

		private final List<WebSocketSessionClosedEvent> received = new ArrayList<>();

		private long count;

		CloseListener(Blackhole blackhole) {
			this.blackhole = blackhole;
		}

		@EventListener
		public void onClose(WebSocketSessionClosedEvent event) {
			this.blackhole.consume(event);
			this.count++;
			if (this.received.size() < 10) {
				this.received.add(event);
			}
		}

	}

}
