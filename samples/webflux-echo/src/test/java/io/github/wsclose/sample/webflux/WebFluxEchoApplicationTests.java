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

package io.github.wsclose.sample.webflux;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample, as its users run it: a WebFlux application with the starter and no servlet
 * stack.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WebFluxEchoApplicationTests {

	@LocalServerPort
	private int port;

	@Test
	void classpathHasNoServletContainerNoSpringMvcAndNoSpringWebSocket() {
		ClassLoader classLoader = getClass().getClassLoader();
		assertThat(ClassUtils.isPresent("org.apache.catalina.startup.Tomcat", classLoader)).isFalse();
		assertThat(ClassUtils.isPresent("org.eclipse.jetty.server.Server", classLoader)).isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.web.servlet.DispatcherServlet", classLoader)).isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.web.socket.WebSocketHandler", classLoader)).isFalse();
		assertThat(ClassUtils.isPresent("reactor.netty.http.server.HttpServer", classLoader)).isTrue();
	}

	@Test
	void serverCloseIsCountedOnTheActuatorMetricsEndpoint() {
		new ReactorNettyWebSocketClient()
			.execute(URI.create("ws://localhost:" + this.port + "/echo"),
					(session) -> session.send(Mono.just(session.textMessage("close:4001:bye")))
						.thenMany(session.receive())
						.then())
			.block(Duration.ofSeconds(10));
		WebClient actuator = WebClient.create("http://localhost:" + this.port + "/actuator/metrics");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, Object> metric = actuator.get()
				.uri("/websocket.sessions.closed?tag=code:4001&tag=status:unauthorized&tag=initiator:server"
						+ "&tag=clean:true&tag=endpoint:/echo")
				.retrieve()
				.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
				})
				.block(Duration.ofSeconds(5));
			assertThat(metric).extractingByKey("measurements")
				.isEqualTo(List.of(Map.of("statistic", "COUNT", "value", 1.0)));
		});
	}

}
