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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a listener that blocks for 200 ms costs on Tomcat while 200 sessions close at
 * once. Servlet stacks deliver the event on the container thread that reports the close,
 * as Spring's own {@code SessionDisconnectEvent} is, so a blocking listener holds a
 * Tomcat worker; an {@code @Async} listener (with {@code @EnableAsync}) holds none, and
 * the server answers as if there were no listener. The figures are printed for
 * {@code docs/events-and-meters.md}.
 */
class SlowListenerOnTomcatTests {

	private static final int SESSIONS = 200;

	private static final Duration LISTENER_TIME = Duration.ofMillis(200);

	/**
	 * Close {@link #SESSIONS} sessions from the client side at once, and time a plain
	 * HTTP request while the listeners run: the quickest of three, since a server whose
	 * workers are all held makes every one of them wait.
	 */
	static Duration closeAllAndTimeRequests(int port, Listening listening) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		timePing(http, port);
		List<RawWebSocketClient> clients = new ArrayList<>();
		for (int i = 0; i < SESSIONS; i++) {
			RawWebSocketClient client = RawWebSocketClient.connect(port, "/echo");
			client.sendText("hello");
			client.readFrame();
			clients.add(client);
		}
		ExecutorService closing = Executors.newFixedThreadPool(SESSIONS);
		Duration quickest = Duration.ofDays(1);
		try {
			for (RawWebSocketClient client : clients) {
				closing.execute(() -> client.closeAndAwaitAnswer(1000, "bye"));
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> listening.started.get() >= 20);
			for (int i = 0; i < 3; i++) {
				Duration took = timePing(http, port);
				quickest = (took.compareTo(quickest) < 0) ? took : quickest;
			}
		}
		finally {
			closing.shutdown();
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> listening.finished.get() >= SESSIONS);
		return quickest;
	}

	private static Duration timePing(HttpClient http, int port) throws IOException, InterruptedException {
		long started = System.nanoTime();
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ping")).build(),
				HttpResponse.BodyHandlers.ofString());
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(response.body()).isEqualTo("pong");
		return took;
	}

	@Nested
	@SpringBootTest(classes = { ServletTestApplication.class, Ping.class, Blocking.class },
			webEnvironment = WebEnvironment.RANDOM_PORT)
	class WithABlockingListener {

		@LocalServerPort
		private int port;

		@Autowired
		private Listening listening;

		@Test
		void runsOnTheTomcatWorkerThatReportsTheClose() throws Exception {
			Duration took = closeAllAndTimeRequests(this.port, this.listening);
			System.out.println("Tomcat, " + SESSIONS + " closes, a blocking " + LISTENER_TIME.toMillis()
					+ " ms listener: an HTTP request took " + took.toMillis() + " ms (quickest of three)");
			assertThat(this.listening.threads).isNotEmpty()
				.allSatisfy((name) -> assertThat(name).startsWith("http-nio-"));
		}

	}

	@Nested
	@SpringBootTest(classes = { ServletTestApplication.class, Ping.class, Asynchronous.class },
			webEnvironment = WebEnvironment.RANDOM_PORT)
	class WithAnAsyncListener {

		@LocalServerPort
		private int port;

		@Autowired
		private Listening listening;

		@Test
		void holdsNoTomcatWorkerAndTheServerStillAnswers() throws Exception {
			Duration took = closeAllAndTimeRequests(this.port, this.listening);
			System.out.println("Tomcat, " + SESSIONS + " closes, an @Async " + LISTENER_TIME.toMillis()
					+ " ms listener: an HTTP request took " + took.toMillis() + " ms (quickest of three)");
			assertThat(took).isLessThan(Duration.ofMillis(500));
			assertThat(this.listening.threads).isNotEmpty()
				.allSatisfy((name) -> assertThat(name).doesNotStartWith("http-nio-"));
		}

	}

	/**
	 * Counts the listener's calls and the threads it ran on (a bean of its own: the
	 * {@code @Async} listener is a proxy).
	 */
	static class Listening {

		final AtomicInteger started = new AtomicInteger();

		final AtomicInteger finished = new AtomicInteger();

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		void block(WebSocketSessionClosedEvent event) throws InterruptedException {
			if (!"/echo".equals(event.getEndpoint())) {
				return;
			}
			this.started.incrementAndGet();
			this.threads.add(Thread.currentThread().getName());
			Thread.sleep(LISTENER_TIME.toMillis());
			this.finished.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Blocking {

		@Bean
		Listening listening() {
			return new Listening();
		}

		@Bean
		BlockingListener blockingListener(Listening listening) {
			return new BlockingListener(listening);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class Asynchronous {

		@Bean
		Listening listening() {
			return new Listening();
		}

		@Bean
		AsyncListener asyncListener(Listening listening) {
			return new AsyncListener(listening);
		}

	}

	static class BlockingListener {

		private final Listening listening;

		BlockingListener(Listening listening) {
			this.listening = listening;
		}

		@EventListener
		public void onClose(WebSocketSessionClosedEvent event) throws InterruptedException {
			this.listening.block(event);
		}

	}

	static class AsyncListener {

		private final Listening listening;

		AsyncListener(Listening listening) {
			this.listening = listening;
		}

		@Async
		@EventListener
		public void onClose(WebSocketSessionClosedEvent event) throws InterruptedException {
			this.listening.block(event);
		}

	}

	@RestController
	static class Ping {

		@GetMapping("/ping")
		String ping() {
			return "pong";
		}

	}

}
