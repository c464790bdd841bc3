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

package io.github.wsclose.reactive.it;

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
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener that blocks cannot stall Reactor Netty: the closes are reported on Reactor's
 * bounded-elastic scheduler, never on the event loop, so the server keeps answering while
 * 200 closes each keep a listener busy for 200 ms.
 */
@SpringBootTest(classes = { WebFluxTestApplication.class, Servers.ReactorNetty.class, SlowListenerTests.Slow.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class SlowListenerTests {

	private static final int SESSIONS = 200;

	@LocalServerPort
	private int port;

	@Autowired
	private Slow slow;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void slowListenerRunsOffTheEventLoopAndTheServerStillAnswers() throws Exception {
		timePing();
		List<RawWebSocketClient> clients = new ArrayList<>();
		for (int i = 0; i < SESSIONS; i++) {
			RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/echo");
			client.sendText("hello");
			client.readFrame();
			clients.add(client);
		}
		ExecutorService closing = Executors.newFixedThreadPool(16);
		try {
			for (RawWebSocketClient client : clients) {
				closing.execute(() -> client.closeAndAwaitAnswer(1000, "bye"));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> this.slow.started.get() >= 20);
			Duration took = Duration.ofDays(1);
			for (int i = 0; i < 3; i++) {
				// the quickest of three: a blocked event loop holds every one of them
				took = min(took, timePing());
			}
			assertThat(took).isLessThan(Duration.ofMillis(500));
		}
		finally {
			closing.shutdown();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.slow.finished.get() == SESSIONS);
		assertThat(this.slow.threads).isNotEmpty()
			.allSatisfy((name) -> assertThat(name).startsWith("boundedElastic-").doesNotContain("reactor-http"));
	}

	private Duration timePing() throws IOException, InterruptedException {
		long started = System.nanoTime();
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/ping")).build(),
				HttpResponse.BodyHandlers.ofString());
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(response.body()).isEqualTo("pong");
		return took;
	}

	private static Duration min(Duration one, Duration other) {
		return (one.compareTo(other) <= 0) ? one : other;
	}

	@Configuration(proxyBeanMethods = false)
	static class Slow {

		final AtomicInteger started = new AtomicInteger();

		final AtomicInteger finished = new AtomicInteger();

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		@EventListener
		void onClose(WebSocketSessionClosedEvent event) throws InterruptedException {
			this.started.incrementAndGet();
			this.threads.add(Thread.currentThread().getName());
			Thread.sleep(200);
			this.finished.incrementAndGet();
		}

		@Bean
		RouterFunction<ServerResponse> ping() {
			return RouterFunctions.route().GET("/ping", (request) -> ServerResponse.ok().bodyValue("pong")).build();
		}

	}

}
